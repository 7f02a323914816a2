import { ARN, GOOD, SUB } from './fixtures';
import { ruleTester } from './rule-tester';

ruleTester('unknown-element', {
  valid: [
    ...GOOD,
    {
      name: 'Id at the top level and Sid in a statement',
      policy: {
        Version: '2012-10-17',
        Id: 'per-user',
        Statement: [{ Sid: 'Connect', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` }],
      },
    },
  ],
  invalid: [
    {
      name: 'a misspelt "Resources"',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resources: `${ARN}:client/${SUB}` }] },
      findings: [{ message: /unknown statement element "Resources"/, line: 7, column: 7 }],
    },
    {
      name: 'a lower-case "condition"',
      policy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*', condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } } }],
      },
      findings: [{ message: /unknown statement element "condition"; did you mean "Condition"\? \(element names are case-sensitive\)/, line: 8, column: 7 }],
    },
    {
      name: 'an unknown top-level element',
      policy: { Version: '2012-10-17', Comment: 'per-user policy', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] },
      findings: [{ message: /unknown policy element "Comment"; a policy may contain "Version", "Id", "Statement"/, line: 3, column: 3 }],
    },
  ],
});
