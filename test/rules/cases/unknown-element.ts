import { ARN, GOOD, SUB } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** unknown-element: the cases its test runs and its documentation shows (docs/rules/unknown-element.md). */
const cases: RuleCases = {
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
      findings: [{ messageId: 'unknown-element', line: 7, column: 7 }],
    },
    {
      name: 'a lower-case "condition"',
      policy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*', condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } } }],
      },
      findings: [
        {
          messageId: 'unknown-element',
          data: { problem: 'unknown statement element "condition"; did you mean "Condition"? (element names are case-sensitive)' },
          line: 8,
          column: 7,
        },
      ],
    },
    {
      name: 'an unknown top-level element',
      policy: { Version: '2012-10-17', Comment: 'per-user policy', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] },
      findings: [
        {
          messageId: 'unknown-element',
          data: { problem: 'unknown policy element "Comment"; a policy may contain "Version", "Id", "Statement"' },
          line: 3,
          column: 3,
        },
      ],
    },
  ],
};
export default cases;
