import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

const appAttachesOwnPolicy = policy({ Effect: 'Allow', Action: ['iot:Connect', 'iot:AttachPolicy'], Resource: '*' });
const describeOwnThing = policy({ Effect: 'Allow', Action: 'iot:DescribeThing', Resource: `${ARN}:thing/lamp-${SUB}` });

ruleTester('admin-action-in-cognito-role', {
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
      findings: [{ message: /^"iot:AttachPolicy" gives every signed-in user IoT administration \(iot:AttachPolicy\)$/, line: 8, column: 9 }],
    },
    {
      name: 'thing management in the authenticated role, even on one thing',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:UpdateThing', Resource: `${ARN}:thing/lamp-${SUB}` }),
      findings: [{ message: /^"iot:UpdateThing" gives every signed-in user thing management \(iot:UpdateThing\)$/, line: 6, column: 17 }],
    },
    {
      name: 'guests may not even read a single thing',
      kind: 'unauth-role',
      policy: describeOwnThing,
      findings: [{ message: /^"iot:DescribeThing" gives every guest reading thing data \(iot:DescribeThing\)$/, line: 6, column: 17 }],
    },
    {
      name: 'a wildcard that covers administration',
      kind: 'unauth-role',
      policy: policy({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Describe*'], Resource: '*' }),
      findings: [
        { message: /^"iot:Describe\*" gives every guest IoT administration \(.*, …\) and reading thing data \(iot:DescribeThing\)$/, line: 8, column: 9 },
      ],
    },
  ],
});
