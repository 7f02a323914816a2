import { GOOD } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** empty-statement: the cases its test runs and its documentation shows (docs/rules/empty-statement.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'a single statement object', policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iot:Connect', Resource: '*' } } },
  ],
  invalid: [
    {
      name: 'an empty Statement list',
      policy: { Version: '2012-10-17', Statement: [] },
      findings: [
        { messageId: 'empty-statement', data: { problem: '"Statement" is empty: the policy grants nothing and AWS rejects it' }, line: 3, column: 16 },
      ],
    },
    {
      name: 'an empty list written on several lines',
      policy: '{\n  "Version": "2012-10-17",\n  "Statement": [\n  ]\n}\n',
      findings: [
        { messageId: 'empty-statement', data: { problem: '"Statement" is empty: the policy grants nothing and AWS rejects it' }, line: 3, column: 16 },
      ],
    },
  ],
};
export default cases;
