import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

/** A per-user policy of exactly `size` characters without whitespace (its Sid is padded). */
function policyOfSize(size: number): object {
  const make = (sid: string) => policy({ Sid: sid, Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` });
  const base = JSON.stringify(make('')).length;
  if (size < base) throw new Error(`cannot build a policy of ${size} characters`);
  return make('S'.repeat(size - base));
}

ruleTester('policy-size', {
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
      findings: [{ message: /^2049 characters without whitespace; an AWS IoT policy document may have at most 2048$/, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'a role policy too large for a managed policy (a warning: only inline fits)',
      kind: 'auth-role',
      policy: policyOfSize(6145),
      findings: [
        {
          message: /^6145 characters without whitespace: too large for a managed policy \(6144\); only an inline policy can hold it$/,
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
      findings: [
        { message: /^10241 characters without whitespace; an IAM role's inline policies may have at most 10240$/, line: 1, column: 1, severity: 'error' },
      ],
    },
    {
      name: 'reported at the opening brace after leading whitespace',
      kind: 'iot',
      policy: `\n\n  ${JSON.stringify(policyOfSize(3000))}`,
      findings: [{ message: /^3000 characters/, line: 3, column: 3 }],
    },
  ],
});
