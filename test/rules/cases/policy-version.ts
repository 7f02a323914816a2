import { ARN, GOOD, SUB } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const connectAny = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/app-1` };
const connectAsSelf = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` };

/** policy-version: the cases its test runs and its documentation shows (docs/rules/policy-version.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    // invalid-structure reports a Version that is not a string; adding a second Version would repeat the key.
    { name: 'a Version that is not a string is left to invalid-structure', policy: { Version: 2012, Statement: [connectAny] } },
  ],
  invalid: [
    {
      name: 'no Version, no variables: a warning at "Statement"',
      policy: { Statement: [connectAny] },
      findings: [{ messageId: 'noVersion', data: { consequence: 'so it defaults to 2008-10-17; use "2012-10-17"' }, line: 2, column: 3, severity: 'warning' }],
      fixed: { Version: '2012-10-17', Statement: [connectAny] },
    },
    {
      name: 'no Version with ${…} variables: an error, they are read as literal text',
      policy: { Statement: [connectAsSelf] },
      findings: [
        {
          messageId: 'noVersion',
          data: { consequence: 'so its ${…} variables are read as literal text and those entries match nothing' },
          line: 2,
          column: 3,
          severity: 'error',
        },
      ],
      fixed: { Version: '2012-10-17', Statement: [connectAsSelf] },
    },
    {
      name: 'the old 2008-10-17 with variables',
      policy: { Version: '2008-10-17', Statement: [connectAsSelf] },
      findings: [{ messageId: 'oldVersion', line: 2, column: 14, severity: 'error' }],
      fixed: { Version: '2012-10-17', Statement: [connectAsSelf] },
    },
    {
      name: 'a made-up Version: AWS rejects the policy, so it is an error',
      policy: { Version: '2012-10-18', Statement: [connectAny] },
      findings: [
        {
          messageId: 'unknownVersion',
          data: { version: '2012-10-18', current: '2012-10-17', consequence: 'use "2012-10-17"' },
          line: 2,
          column: 14,
          severity: 'error',
        },
      ],
      fixed: { Version: '2012-10-17', Statement: [connectAny] },
    },
    {
      name: 'an empty object: the fix must stay valid JSON (no trailing comma)',
      policy: {},
      findings: [{ messageId: 'noVersion', data: { consequence: 'so it defaults to 2008-10-17; use "2012-10-17"' }, line: 1, column: 1 }],
      fixed: { Version: '2012-10-17' },
    },
  ],
};
export default cases;
