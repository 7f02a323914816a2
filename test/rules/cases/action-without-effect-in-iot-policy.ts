import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const attach = policy({ Effect: 'Allow', Action: ['iot:Connect', 'iot:AttachPolicy'], Resource: '*' });

/** action-without-effect-in-iot-policy: the cases its test runs and its documentation shows (docs/rules/action-without-effect-in-iot-policy.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'every data-plane action, including the retained-message and jobs APIs',
      kind: 'iot',
      policy: policy(
        {
          Effect: 'Allow',
          Action: ['iot:Publish', 'iot:RetainPublish', 'iot:GetRetainedMessage', 'iot:ListRetainedMessages'],
          Resource: `${ARN}:topic/users/${SUB}/*`,
        },
        {
          Effect: 'Allow',
          Action: ['iot:GetThingShadow', 'iot:UpdateThingShadow', 'iotjobsdata:DescribeJobExecution', 'iot:DeleteConnection'],
          Resource: `${ARN}:thing/lamp`,
        },
      ),
    },
    {
      name: 'wildcards are left to service-wildcard-action',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: ['iot:*', 'iot:*Shadow'], Resource: '*' }),
    },
    {
      name: 'a Deny of a control-plane action changes nothing and misleads no one',
      kind: 'iot',
      policy: policy({ Effect: 'Deny', Action: 'iot:AttachPolicy', Resource: '*' }),
    },
    { name: 'the same statement in the authenticated role is where it belongs', kind: 'auth-role', policy: attach },
    { name: 'without a kind the rule does not run', policy: attach },
  ],
  invalid: [
    {
      name: 'a control-plane action in the IoT policy',
      kind: 'iot',
      policy: attach,
      findings: [{ messageId: 'controlPlane', data: { action: 'iot:AttachPolicy' }, line: 8, column: 9 }],
    },
    {
      name: "another service's action",
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'cognito-identity:GetCredentialsForIdentity', Resource: '*' }),
      findings: [{ messageId: 'notIotAction', data: { action: 'cognito-identity:GetCredentialsForIdentity' }, line: 6, column: 17 }],
    },
    {
      name: 'registry reads next to data-plane actions',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: ['iot:GetThingShadow', 'iot:DescribeThing', 'iot:ListThingPrincipals'], Resource: `${ARN}:thing/lamp` }),
      findings: [
        { messageId: 'controlPlane', data: { action: 'iot:DescribeThing' }, line: 8, column: 9 },
        { messageId: 'controlPlane', data: { action: 'iot:ListThingPrincipals' }, line: 9, column: 9 },
      ],
    },
  ],
};
export default cases;
