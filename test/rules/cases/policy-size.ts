import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** A per-user policy of exactly `size` characters without whitespace (its Sid is padded). */
function policyOfSize(size: number): object {
  const make = (sid: string) => policy({ Sid: sid, Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` });
  const base = JSON.stringify(make('')).length;
  if (size < base) throw new Error(`cannot build a policy of ${size} characters`);
  return make('S'.repeat(size - base));
}

/** policy-size: the cases its test runs and its documentation shows (docs/rules/policy-size.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'an IoT policy of exactly 2,048 characters', kind: 'iot', policy: policyOfSize(2048) },
    { name: 'whitespace does not count', kind: 'iot', policy: JSON.stringify(policyOfSize(2048), null, 8) },
    { name: 'a role policy may be larger than an IoT policy', kind: 'auth-role', policy: policyOfSize(6144) },
    { name: 'without a kind the quota is unknown', policy: policyOfSize(20000) },
  ],
  invalid: [
    {
      name: 'an IoT policy one character over',
      kind: 'iot',
      policy: policyOfSize(2049),
      findings: [{ messageId: 'tooLarge', data: { size: 2049, what: 'an AWS IoT policy document', max: 2048 }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'a role policy too large for a managed policy (a warning: only inline fits)',
      kind: 'auth-role',
      policy: policyOfSize(6145),
      findings: [
        {
          messageId: 'tooLargeForManaged',
          data: { size: 6145, max: 6144 },
          line: 1,
          column: 1,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a guest role over the inline quota',
      kind: 'unauth-role',
      policy: policyOfSize(10241),
      findings: [{ messageId: 'tooLarge', data: { size: 10241, what: "an IAM role's inline policies", max: 10240 }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'reported at the opening brace after leading whitespace',
      kind: 'iot',
      policy: `\n\n  ${JSON.stringify(policyOfSize(3000))}`,
      findings: [{ messageId: 'tooLarge', data: { size: 3000, what: 'an AWS IoT policy document', max: 2048 }, line: 3, column: 3 }],
    },
  ],
};
export default cases;
