import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const shadowRead = policy({ Effect: 'Allow', Action: ['iot:Connect', 'iot:GetThingShadow'], Resource: [`${ARN}:client/${SUB}`, `${ARN}:thing/demo-lamp`] });

/** guest-device-access: the cases its test runs and its documentation shows (docs/rules/guest-device-access.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'Receive on every topic is harmless while guests may only subscribe to broadcasts',
      kind: 'unauth-role',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/broadcast/*` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/*` },
      ),
    },
    {
      name: 'guests publishing to an app topic',
      kind: 'unauth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/guests/${SUB}/feedback` }),
    },
    { name: 'authenticated identities are scoped down by their IoT policy', kind: 'auth-role', policy: shadowRead },
  ],
  invalid: [
    {
      name: "a guest reads one device's shadow over HTTPS",
      kind: 'unauth-role',
      policy: shadowRead,
      findings: [
        {
          messageId: 'deviceShadows',
          data: { actions: 'iot:GetThingShadow', resource: 'arn:aws:iot:us-east-1:123456789012:thing/demo-lamp' },
          line: 12,
          column: 9,
        },
      ],
    },
    {
      name: "guests subscribe to and receive a device's shadow topics",
      kind: 'unauth-role',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Subscribe', 'iot:Receive'],
        Resource: [`${ARN}:topicfilter/$aws/things/demo-lamp/shadow/*`, `${ARN}:topic/$aws/things/demo-lamp/shadow/*`],
      }),
      findings: [
        {
          messageId: 'reservedTopics',
          line: 11,
          column: 9,
        },
        {
          messageId: 'reservedTopics',
          data: { actions: 'iot:Receive', resource: 'arn:aws:iot:us-east-1:123456789012:topic/$aws/things/demo-lamp/shadow/*' },
          line: 12,
          column: 9,
        },
      ],
    },
    {
      name: 'guests publish to shadow updates through "*"',
      kind: 'unauth-role',
      policy: policy({ Effect: 'Allow', Action: ['iot:Publish', 'iot:RetainPublish', 'iot:UpdateThingShadow'], Resource: '*' }),
      findings: [
        { messageId: 'reservedTopics', data: { actions: 'iot:Publish/iot:RetainPublish', resource: '*' }, line: 11, column: 19 },
        { messageId: 'deviceShadows', data: { actions: 'iot:UpdateThingShadow', resource: '*' }, line: 11, column: 19 },
      ],
    },
  ],
};
export default cases;
