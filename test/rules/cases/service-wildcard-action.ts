import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const everything = (action: string | string[]) => policy({ Effect: 'Allow', Action: action, Resource: '*' });

/** service-wildcard-action: the cases its test runs and its documentation shows (docs/rules/service-wildcard-action.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'a narrower wildcard', kind: 'iot', policy: policy({ Effect: 'Allow', Action: 'iot:*Shadow', Resource: `${ARN}:thing/lamp-${SUB}` }) },
    { name: 'Deny iot:* is a guard rail, not a grant', kind: 'auth-role', policy: policy({ Effect: 'Deny', Action: 'iot:*', Resource: `${ARN}:thing/*` }) },
    { name: "other services' wildcards are not this rule's", kind: 'auth-role', policy: everything('s3:*') },
  ],
  invalid: [
    {
      name: 'iot:* in an IoT policy (a warning)',
      kind: 'iot',
      policy: everything('iot:*'),
      findings: [{ messageId: 'everyAction', data: { action: 'iot:*' }, line: 6, column: 17, severity: 'warning' }],
    },
    {
      name: '"*" in the authenticated role (an error: the control plane comes with it)',
      kind: 'auth-role',
      policy: everything('*'),
      findings: [{ messageId: 'wholeApiForRole', data: { action: '*', who: 'signed-in user' }, line: 6, column: 17, severity: 'error' }],
    },
    {
      name: 'IOT:* in the guest role, case-insensitively',
      kind: 'unauth-role',
      policy: everything(['iot:Connect', 'IOT:*']),
      findings: [{ messageId: 'wholeApiForRole', data: { action: 'IOT:*', who: 'guest' }, line: 8, column: 9, severity: 'error' }],
    },
    {
      name: 'without a kind: a warning',
      policy: everything('iotjobsdata:*'),
      findings: [{ messageId: 'everyAction', data: { action: 'iotjobsdata:*' }, line: 6, column: 17, severity: 'warning' }],
    },
  ],
};
export default cases;
