import { ARN, GOOD, SUB, THING, policy } from './fixtures';
import { ruleTester } from './rule-tester';

const grant = (action: string | string[], resource: string | string[]) => policy({ Effect: 'Allow', Action: action, Resource: resource });
const connectAny = grant('iot:Connect', `${ARN}:client/*`);

ruleTester('broad-data-plane-access', {
  valid: [
    ...GOOD,
    {
      name: "Receive on every thing's topics (delivers only what may be subscribed to)",
      kind: 'iot',
      policy: grant('iot:Receive', [`${ARN}:topic/$aws/things/*`, '*']),
    },
    {
      name: 'shadow API on named things',
      kind: 'iot',
      policy: grant(['iot:GetThingShadow', 'iot:UpdateThingShadow'], [`${ARN}:thing/lamp`, `${ARN}:thing/lamp-${SUB}`]),
    },
    { name: 'shadow topics of a prefix of things', kind: 'unauth-role', policy: grant('iot:Subscribe', `${ARN}:topicfilter/$aws/things/demo-*/shadow/*`) },
    { name: "client IDs under the identity's prefix", kind: 'iot', policy: grant('iot:Connect', `${ARN}:client/${SUB}-*`) },
    {
      name: 'per-thing job topics',
      kind: 'iot',
      policy: grant(['iot:Publish', 'iot:Subscribe'], [`${ARN}:topic/$aws/things/${THING}/jobs/*`, `${ARN}:topicfilter/$aws/things/${THING}/jobs/*`]),
    },
    { name: 'the authenticated role is scoped down by the IoT policy, so it is not checked', kind: 'auth-role', policy: connectAny },
  ],
  invalid: [
    {
      name: 'Connect on client/*',
      kind: 'iot',
      policy: connectAny,
      findings: [
        {
          message: /^"arn:aws:iot:us-east-1:123456789012:client\/\*" lets each identity connect with any client ID \(and so disconnect any other client\)$/,
          line: 7,
          column: 19,
        },
      ],
    },
    {
      name: "Publish on every thing's shadow update topic",
      kind: 'iot',
      policy: grant('iot:Publish', `${ARN}:topic/$aws/things/*/shadow/update`),
      findings: [{ message: /lets each identity update the shadow of every thing$/, line: 7, column: 19 }],
    },
    {
      name: 'Subscribe on $aws/things/* and the literal MQTT filters Device Defender lists',
      kind: 'unauth-role',
      policy: grant('iot:Subscribe', [
        `${ARN}:topicfilter/$aws/things/*`,
        `${ARN}:topicfilter/$aws/things/#`,
        `${ARN}:topicfilter/$aws/things/+/shadow/update`,
      ]),
      findings: [
        { message: /topicfilter\/\$aws\/things\/\*" lets each identity subscribe to the shadow and job topics of every thing$/, line: 8, column: 9 },
        { message: /topicfilter\/\$aws\/things\/#" lets each identity subscribe to the shadow and job topics of every thing$/, line: 9, column: 9 },
        { message: /topicfilter\/\$aws\/things\/\+\/shadow\/update" lets each identity subscribe to the shadow topics of every thing$/, line: 10, column: 9 },
      ],
    },
    {
      name: "every thing's job topics",
      kind: 'iot',
      policy: grant(['iot:Publish', 'iot:Subscribe'], [`${ARN}:topic/$aws/things/*/jobs/*`, `${ARN}:topicfilter/$aws/things/+/jobs/notify-next`]),
      findings: [
        { message: /lets each identity publish to the job topics of every thing$/, line: 11, column: 9 },
        { message: /lets each identity subscribe to the job topics of every thing$/, line: 12, column: 9 },
      ],
    },
    {
      name: 'shadow and job APIs on thing/*, and everything on "*"',
      kind: 'iot',
      policy: grant(['iot:GetThingShadow', 'iotjobsdata:StartNextPendingJobExecution', 'iot:Connect'], [`${ARN}:thing/*`, '*']),
      findings: [
        { message: /thing\/\*" lets each identity use the shadow or job APIs of every thing$/, line: 12, column: 9 },
        {
          message: /^"\*" lets each identity connect with any client ID \(and so disconnect any other client\), and use the shadow or job APIs of every thing$/,
          line: 13,
          column: 9,
        },
      ],
    },
  ],
});
