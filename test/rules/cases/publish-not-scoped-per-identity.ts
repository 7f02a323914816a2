import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const publishAsClient = (clientId: string) =>
  policy(
    { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${clientId}` },
    { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/devices/\${iot:ClientId}/out` },
  );

const chat = policy({
  Effect: 'Allow',
  Action: ['iot:Publish', 'iot:Subscribe', 'iot:Receive'],
  Resource: [`${ARN}:topic/chat/*`, `${ARN}:topicfilter/chat/*`],
});

/** publish-not-scoped-per-identity: the cases its test runs and its documentation shows (docs/rules/publish-not-scoped-per-identity.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: '${iot:ClientId} topics when Connect pins the client ID to the identity ID', kind: 'iot', policy: publishAsClient(SUB) },
    {
      name: 'reading shared topics is fine',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/chat/*`, `${ARN}:topic/chat/*`] }),
    },
    {
      name: 'the identity anywhere in the topic',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/rooms/*/from/${SUB}` }),
    },
    { name: 'a Deny on a shared topic', kind: 'iot', policy: policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/broadcast/*` }) },
    { name: 'the role is scoped down by the IoT policy, so it is not checked', kind: 'auth-role', policy: chat },
    {
      name: 'a policy generated for one identity, with its identity ID written out',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab/*` }),
    },
    {
      name: 'Basic Ingest topics ($aws/rules/…) have no subscribers',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/rules/telemetry_rule/*` }),
    },
  ],
  invalid: [
    {
      name: 'Publish on a bare "*"',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: '*' }),
      findings: [{ messageId: 'everyTopic', line: 7, column: 19 }],
    },
    {
      name: 'Publish on every resource of the account (arn:aws:iot:…:*)',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:*` }),
      findings: [{ messageId: 'everyTopic', line: 7, column: 19 }],
    },
    {
      name: '${iot:ClientId} topics when the client ID is free',
      kind: 'iot',
      policy: publishAsClient('*'),
      findings: [{ messageId: 'unscoped', line: 12, column: 19 }],
    },
    {
      name: 'everyone publishes to a shared chat',
      kind: 'iot',
      policy: chat,
      findings: [
        {
          messageId: 'unscoped',
          line: 12,
          column: 9,
        },
      ],
    },
    {
      name: 'retained messages on a shared status topic',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:RetainPublish', Resource: `${ARN}:topic/status` }),
      findings: [{ messageId: 'unscoped', line: 7, column: 19 }],
    },
    {
      name: 'scoped by ${iot:ClientId}, which the caller chooses',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: [`${ARN}:topic/users/${SUB}/*`, `${ARN}:topic/clients/\${iot:ClientId}/*`] }),
      findings: [{ messageId: 'unscoped', line: 9, column: 9 }],
    },
  ],
};
export default cases;
