import { appRuleTester, ARN, doc, SUB } from './app-rule-tester';

const role = doc({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: '*' });
const connect = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` };
const own = {
  Effect: 'Allow',
  Action: ['iot:Publish', 'iot:Subscribe', 'iot:Receive'],
  Resource: [`${ARN}:topic/users/${SUB}/*`, `${ARN}:topicfilter/users/${SUB}/*`],
};
const publish = (resource: string) => ({ Effect: 'Allow', Action: 'iot:Publish', Resource: resource });

appRuleTester('app-cross-identity-write', {
  valid: [
    { name: 'Publish only in the own namespace', authRole: [role], iot: [doc(connect, own)] },
    { name: 'Publish to a shared area (chat/*) nobody owns', authRole: [role], iot: [doc(connect, own, publish(`${ARN}:topic/chat/*`))] },
    {
      name: 'Basic Ingest: $aws/rules/… topics have no subscribers',
      authRole: [role],
      iot: [doc(connect, own, publish(`${ARN}:topic/$aws/rules/telemetry/*`))],
    },
  ],
  invalid: [
    {
      name: 'a retained message in another user’s namespace, read with GetRetainedMessage',
      authRole: [doc({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish', 'iot:RetainPublish', 'iot:GetRetainedMessage'], Resource: '*' })],
      iot: [
        doc(
          connect,
          { Effect: 'Allow', Action: ['iot:Publish', 'iot:RetainPublish'], Resource: `${ARN}:topic/users/*` },
          { Effect: 'Allow', Action: 'iot:GetRetainedMessage', Resource: `${ARN}:topic/users/${SUB}/*` },
        ),
      ],
      findings: [
        {
          messageId: 'retained',
          message: /may publish a retained message to "users\/us-east-1:0+2-.*" and signed-in user 2 .* reads it/,
          file: 'iot-0.json',
          line: 15,
        },
      ],
    },
    {
      name: 'Publish on users/*: any user writes into another user’s inbox',
      authRole: [role],
      iot: [doc(connect, own, publish(`${ARN}:topic/users/*`))],
      findings: [
        {
          messageId: 'subscribed',
          message: /may publish to "users\/us-east-1:0+2-.*" and signed-in user 2 .* receives it/,
          file: 'iot-0.json',
          line: 24,
          related: ['auth-role-0.json'],
        },
      ],
    },
    {
      name: 'Publish on a bare "*"',
      authRole: [role],
      iot: [doc(connect, own, publish('*'))],
      findings: [{ messageId: 'subscribed', message: /may publish to "users\/us-east-1:0+2-/, file: 'iot-0.json', line: 24 }],
    },
    {
      name: 'Publish on arn:aws:iot:…:*',
      authRole: [role],
      iot: [doc(connect, own, publish(`${ARN}:*`))],
      findings: [{ messageId: 'subscribed', message: /may publish to "users\/us-east-1:0+2-/, file: 'iot-0.json', line: 24 }],
    },
  ],
});
