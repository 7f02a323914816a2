import { GOOD } from './fixtures';
import { ruleTester } from './rule-tester';

ruleTester('invalid-json', {
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
      findings: [{ message: /^invalid JSON: property name expected$/, line: 4, column: 26 }],
    },
    {
      name: 'a comment',
      policy: '{\n  // who may connect\n  "Version": "2012-10-17"\n}\n',
      findings: [{ message: /invalid comment token/, line: 2, column: 3 }],
    },
    {
      name: 'single-quoted strings',
      policy: "{\n  'Version': '2012-10-17'\n}\n",
      findings: [{ message: /invalid symbol/, line: 2, column: 3 }],
    },
    {
      name: 'a missing comma between elements',
      policy: '{\n  "Version": "2012-10-17"\n  "Statement": []\n}\n',
      findings: [{ message: /comma expected/, line: 3, column: 3 }],
    },
    { name: 'an empty file', policy: '', findings: [{ message: /value expected|empty/, line: 1, column: 1 }] },
  ],
});
