import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const appAttachesOwnPolicy = policy({ Effect: 'Allow', Action: ['iot:Connect', 'iot:AttachPolicy'], Resource: '*' });
const describeOwnThing = policy({ Effect: 'Allow', Action: 'iot:DescribeThing', Resource: `${ARN}:thing/lamp-${SUB}` });

/** admin-action-in-cognito-role: the cases its test runs and its documentation shows (docs/rules/admin-action-in-cognito-role.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: "a signed-in user may read a single thing (broad reads are broad-thing-read-in-auth-role's)", kind: 'auth-role', policy: describeOwnThing },
    { name: "iot:* is service-wildcard-action's", kind: 'auth-role', policy: policy({ Effect: 'Allow', Action: 'iot:*', Resource: '*' }) },
    { name: 'a Deny of administration', kind: 'unauth-role', policy: policy({ Effect: 'Deny', Action: 'iot:Create*', Resource: '*' }) },
    { name: 'data-plane wildcards', kind: 'unauth-role', policy: policy({ Effect: 'Allow', Action: 'iot:*Shadow', Resource: `${ARN}:thing/demo` }) },
    { name: "an IoT policy is action-without-effect-in-iot-policy's", kind: 'iot', policy: appAttachesOwnPolicy },
  ],
  invalid: [
    {
      name: 'AttachPolicy in the authenticated role',
      kind: 'auth-role',
      policy: appAttachesOwnPolicy,
      findings: [
        {
          messageId: 'grants',
          data: { action: 'iot:AttachPolicy', who: 'every signed-in user', what: 'IoT administration (iot:AttachPolicy)' },
          line: 8,
          column: 9,
        },
      ],
    },
    {
      name: 'thing management in the authenticated role, even on one thing',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:UpdateThing', Resource: `${ARN}:thing/lamp-${SUB}` }),
      findings: [
        {
          messageId: 'grants',
          data: { action: 'iot:UpdateThing', who: 'every signed-in user', what: 'thing management (iot:UpdateThing)' },
          line: 6,
          column: 17,
        },
      ],
    },
    {
      name: 'guests may not even read a single thing',
      kind: 'unauth-role',
      policy: describeOwnThing,
      findings: [
        { messageId: 'grants', data: { action: 'iot:DescribeThing', who: 'every guest', what: 'reading thing data (iot:DescribeThing)' }, line: 6, column: 17 },
      ],
    },
    {
      name: 'a wildcard that covers administration',
      kind: 'unauth-role',
      policy: policy({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Describe*'], Resource: '*' }),
      findings: [{ messageId: 'grants', line: 8, column: 9 }],
    },
  ],
};
export default cases;
