import { ARN, GOOD, SUB, THING, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const grant = (action: string | string[], resource: string | string[]) => policy({ Effect: 'Allow', Action: action, Resource: resource });
const connectAny = grant('iot:Connect', `${ARN}:client/*`);

/** broad-data-plane-access: the cases its test runs and its documentation shows (docs/rules/broad-data-plane-access.md). */
const cases: RuleCases = {
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
    {
      name: 'Publish on every topic, with a Deny on the $aws/ reserved topics (minor-messages/broad-ignores-deny)',
      kind: 'unauth-role',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/*` },
      ),
    },
  ],
  invalid: [
    {
      name: 'Connect on client/*',
      kind: 'iot',
      policy: connectAny,
      findings: [
        {
          messageId: 'broad',
          line: 7,
          column: 19,
        },
      ],
    },
    {
      name: "Publish on every thing's shadow update topic",
      kind: 'iot',
      policy: grant('iot:Publish', `${ARN}:topic/$aws/things/*/shadow/update`),
      findings: [{ messageId: 'broad', line: 7, column: 19 }],
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
        { messageId: 'broad', line: 8, column: 9 },
        { messageId: 'broad', line: 9, column: 9 },
        { messageId: 'broad', line: 10, column: 9 },
      ],
    },
    {
      name: "every thing's job topics",
      kind: 'iot',
      policy: grant(['iot:Publish', 'iot:Subscribe'], [`${ARN}:topic/$aws/things/*/jobs/*`, `${ARN}:topicfilter/$aws/things/+/jobs/notify-next`]),
      findings: [
        { messageId: 'broad', line: 11, column: 9 },
        { messageId: 'broad', line: 12, column: 9 },
      ],
    },
    {
      name: 'shadow and job APIs on thing/*, and everything on "*"',
      kind: 'iot',
      policy: grant(['iot:GetThingShadow', 'iotjobsdata:StartNextPendingJobExecution', 'iot:Connect'], [`${ARN}:thing/*`, '*']),
      findings: [
        {
          messageId: 'broad',
          data: { resource: 'arn:aws:iot:us-east-1:123456789012:thing/*', what: 'use the shadow or job APIs of every thing' },
          line: 12,
          column: 9,
        },
        {
          messageId: 'broad',
          line: 13,
          column: 9,
        },
      ],
    },
    {
      name: 'a Deny of the shadow topics leaves the job topics; a Deny with a condition, or in another region, may not apply',
      kind: 'unauth-role',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Publish', Resource: [`${ARN}:topic/*`, 'arn:aws:iot:*:123456789012:topic/*'] },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/things/*/shadow/*` },
        { Effect: 'Deny', Action: 'iot:*', Resource: `${ARN}:topic/$aws/things/*/jobs/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ),
      findings: [
        { messageId: 'broad', data: { resource: `${ARN}:topic/*`, what: 'publish to the job topics of every thing' }, line: 8, column: 9 },
        {
          messageId: 'broad',
          data: { resource: 'arn:aws:iot:*:123456789012:topic/*', what: 'update the shadow of every thing, and publish to the job topics of every thing' },
          line: 9,
          column: 9,
        },
      ],
    },
  ],
};
export default cases;
