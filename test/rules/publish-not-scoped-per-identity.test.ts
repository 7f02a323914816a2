import { ARN, GOOD, SUB, policy } from './fixtures';
import { strict as assert } from 'node:assert';
import { findingsOf, ruleTester } from './rule-tester';

const chat = policy({
  Effect: 'Allow',
  Action: ['iot:Publish', 'iot:Subscribe', 'iot:Receive'],
  Resource: [`${ARN}:topic/chat/*`, `${ARN}:topicfilter/chat/*`],
});

ruleTester('publish-not-scoped-per-identity', {
  valid: [
    ...GOOD,
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
  ],
  invalid: [
    {
      name: 'everyone publishes to a shared chat',
      kind: 'iot',
      policy: chat,
      findings: [
        {
          message:
            /^every identity this policy is attached to may publish here; scope the topic with \$\{cognito-identity\.amazonaws\.com:sub\} unless all users are meant to share it$/,
          line: 12,
          column: 9,
        },
      ],
    },
    {
      name: 'retained messages on a shared status topic',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:RetainPublish', Resource: `${ARN}:topic/status` }),
      findings: [{ message: /every identity this policy is attached to may publish here/, line: 7, column: 19 }],
    },
    {
      name: 'scoped by ${iot:ClientId}, which the caller chooses',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: [`${ARN}:topic/users/${SUB}/*`, `${ARN}:topic/clients/\${iot:ClientId}/*`] }),
      findings: [{ message: /may publish here/, line: 9, column: 9 }],
    },
  ],
});

describe('publish-not-scoped-per-identity and ${iot:ClientId}', () => {
  const withConnect = (connect: string) => ({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${connect}` },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/devices/\${iot:ClientId}/out` },
    ],
  });
  it('accepts ${iot:ClientId} topics when Connect pins the client ID to the identity ID', () => {
    assert.deepEqual(findingsOf('publish-not-scoped-per-identity', withConnect('${cognito-identity.amazonaws.com:sub}'), 'iot'), []);
  });
  it('still flags them when the client ID is free', () => {
    assert.equal(findingsOf('publish-not-scoped-per-identity', withConnect('*'), 'iot').length, 1);
  });
});
