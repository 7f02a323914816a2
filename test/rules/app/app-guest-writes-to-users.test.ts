import { appRuleTester, ARN, doc, SUB } from './app-rule-tester';

const role = doc({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: '*' });
const users = doc(
  { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
  { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/chat/*`, `${ARN}:topic/chat/*`] },
);
const guests = (topic: string) =>
  doc(
    { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
    { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/${topic}` },
  );

appRuleTester('app-guest-writes-to-users', {
  valid: [
    { name: 'guests publish where no signed-in user reads', guestRole: [guests('feedback/*')], authRole: [role], iot: [users] },
    { name: 'no signed-in users in the app', guestRole: [guests('chat/*')] },
  ],
  invalid: [
    {
      name: 'guests leave retained messages signed-in users read with GetRetainedMessage',
      guestRole: [
        doc(
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
          { Effect: 'Allow', Action: ['iot:Publish', 'iot:RetainPublish'], Resource: `${ARN}:topic/news/*` },
        ),
      ],
      authRole: [doc({ Effect: 'Allow', Action: ['iot:Connect', 'iot:GetRetainedMessage'], Resource: '*' })],
      iot: [doc({ Effect: 'Allow', Action: 'iot:GetRetainedMessage', Resource: `${ARN}:topic/news/*` })],
      findings: [
        {
          messageId: 'retained',
          message: /guest 1 .* may publish a retained message to "news\/.*" and signed-in user 1 .* reads it/,
          file: 'guest-role-0.json',
          line: 15,
        },
      ],
    },
    {
      name: 'guests publish into chat/*, which signed-in users receive',
      guestRole: [guests('chat/*')],
      authRole: [role],
      iot: [users],
      findings: [
        {
          messageId: 'subscribed',
          message: /guest 1 .* an anonymous guest, may publish to "chat\/.*" and signed-in user 1 .* receives it through "chat\/.*"/,
          file: 'guest-role-0.json',
          line: 12,
          related: ['iot-0.json'],
        },
      ],
    },
  ],
});
