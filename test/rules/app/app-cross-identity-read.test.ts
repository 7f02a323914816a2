import { appRuleTester, ARN, doc, SUB } from './app-rule-tester';

const role = doc({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: '*' });
const connect = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` };
const own = { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/users/${SUB}/*`, `${ARN}:topic/users/${SUB}/*`] };

appRuleTester('app-cross-identity-read', {
  valid: [
    { name: 'Subscribe and Receive only in the own namespace', authRole: [role], iot: [doc(connect, own)] },
    {
      name: 'Subscribe and Receive split across two IoT policies, both per identity',
      authRole: [role],
      iot: [
        doc(connect, { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/${SUB}/*` }),
        doc({ Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/*` }),
      ],
    },
    {
      name: 'a broad Receive without a broad Subscribe delivers nothing of others (Device Defender: compliant)',
      authRole: [role],
      iot: [doc(connect, own, { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/*` })],
    },
    {
      name: 'a shared area next to the per-identity namespace',
      authRole: [role],
      iot: [doc(connect, own, { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/chat/*`, `${ARN}:topic/chat/*`] })],
    },
  ],
  invalid: [
    {
      name: 'Subscribe users/* and Receive users/*: users/# reads everyone',
      authRole: [role],
      iot: [doc(connect, own, { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/users/*`, `${ARN}:topic/users/*`] })],
      findings: [
        {
          messageId: 'crossRead',
          message: /may subscribe with "users\/.*" and receive "users\/us-east-1:0+2-.*", another signed-in user's topic/,
          file: 'iot-0.json',
          line: 28,
        },
      ],
    },
    {
      name: 'the literal filter users/+/status with Receive on users/*/status',
      authRole: [role],
      iot: [
        doc(connect, own, {
          Effect: 'Allow',
          Action: ['iot:Subscribe', 'iot:Receive'],
          Resource: [`${ARN}:topicfilter/users/+/status`, `${ARN}:topic/users/*/status`],
        }),
      ],
      findings: [
        { messageId: 'crossRead', message: /subscribe with "users\/\+\/status" and receive "users\/us-east-1:0+2-.*\/status"/, file: 'iot-0.json', line: 28 },
      ],
    },
    {
      name: 'the broad Subscribe in one IoT policy, the broad Receive in another',
      authRole: [role],
      iot: [
        doc(connect, own, { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/#` }),
        doc({ Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/*` }),
      ],
      findings: [
        {
          messageId: 'crossRead',
          message: /subscribe with "users\/#" and receive "users\/us-east-1:0+2-/,
          file: 'iot-1.json',
          line: 7,
          related: ['iot-0.json', 'auth-role-0.json'],
        },
      ],
    },
  ],
});
