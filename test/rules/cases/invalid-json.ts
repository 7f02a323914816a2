import { GOOD } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** invalid-json: the cases its test runs and its documentation shows (docs/rules/invalid-json.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'a policy with CRLF line endings',
      policy: '{\r\n  "Version": "2012-10-17",\r\n  "Statement": {"Effect": "Allow", "Action": "iot:Connect", "Resource": "*"}\r\n}\r\n',
    },
    { name: 'structural problems are not JSON errors', policy: { Version: '2012-10-17', Statement: [] } },
  ],
  invalid: [
    {
      name: 'a trailing comma (JSON5 habits)',
      policy: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", }\n  ]\n}\n',
      findings: [{ messageId: 'invalid-json', data: { problem: 'invalid JSON: property name expected' }, line: 4, column: 26 }],
    },
    {
      name: 'a comment',
      policy: '{\n  // who may connect\n  "Version": "2012-10-17"\n}\n',
      findings: [{ messageId: 'invalid-json', data: { problem: 'invalid JSON: invalid comment token' }, line: 2, column: 3 }],
    },
    {
      name: 'single-quoted strings',
      policy: "{\n  'Version': '2012-10-17'\n}\n",
      findings: [{ messageId: 'invalid-json', data: { problem: 'invalid JSON: invalid symbol' }, line: 2, column: 3 }],
    },
    {
      name: 'a missing comma between elements',
      policy: '{\n  "Version": "2012-10-17"\n  "Statement": []\n}\n',
      findings: [{ messageId: 'invalid-json', data: { problem: 'invalid JSON: comma expected' }, line: 3, column: 3 }],
    },
    { name: 'an empty file', policy: '', findings: [{ messageId: 'invalid-json', data: { problem: 'invalid JSON: value expected' }, line: 1, column: 1 }] },
  ],
};
export default cases;
