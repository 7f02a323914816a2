import { GOOD } from './fixtures';
import { ruleTester } from './rule-tester';

ruleTester('empty-statement', {
  valid: [
    ...GOOD,
    { name: 'a single statement object', policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iot:Connect', Resource: '*' } } },
  ],
  invalid: [
    {
      name: 'an empty Statement list',
      policy: { Version: '2012-10-17', Statement: [] },
      findings: [{ message: /"Statement" is empty: the policy grants nothing and AWS rejects it/, line: 3, column: 16 }],
    },
    {
      name: 'an empty list written on several lines',
      policy: '{\n  "Version": "2012-10-17",\n  "Statement": [\n  ]\n}\n',
      findings: [{ message: /"Statement" is empty/, line: 3, column: 16 }],
    },
  ],
});
