import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

ruleTester('allow-shadowed-by-deny', {
  valid: [
    ...GOOD,
    { name: 'a Deny that covers only part of the Allow', policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/*` }, { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/moderators/*` }) },
    { name: 'a conditional Deny does not always apply', policy: policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` }, { Effect: 'Deny', Action: 'iot:Connect', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }) },
    { name: 'a Deny of other actions', policy: policy({ Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${ARN}:topic/a/*` }, { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/a/*` }) },
  ],
  invalid: [
    {
      name: 'an Allow inside a broader Deny',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/moderators/notes` }, { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/*` }),
      findings: [{ message: /^statement #1 never grants anything: statement #2 denies all of its actions on all of its resources$/, line: 5, column: 17 }],
    },
    {
      name: 'Deny iot:* on "*" overrides every Allow (named by Sid)',
      policy: policy(
        { Sid: 'OwnTopics', Effect: 'Allow', Action: ['iot:Publish', 'IOT:Receive'], Resource: `${ARN}:topic/users/${SUB}/*` },
        { Sid: 'Connect', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
        { Sid: 'Maintenance', Effect: 'Deny', Action: 'iot:*', Resource: '*' },
      ),
      findings: [
        { message: /^statement "OwnTopics" never grants anything: statement "Maintenance" denies/, line: 6, column: 17 },
        { message: /^statement "Connect" never grants anything: statement "Maintenance" denies/, line: 15, column: 17 },
      ],
    },
    {
      name: 'per-identity patterns compare as the same identity',
      policy: policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` }, { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/status` }),
      findings: [{ message: /^statement #2 never grants anything: statement #1 denies/, line: 10, column: 17 }],
    },
  ],
});
