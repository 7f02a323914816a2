import { appRuleTester, ARN, doc, SUB } from './app-rule-tester';

const role = doc({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: '*' });
const connect = (resource: string | string[]) => doc({ Effect: 'Allow', Action: 'iot:Connect', Resource: resource });

appRuleTester('app-client-id-takeover', {
  valid: [
    { name: 'Connect pinned to the identity ID', authRole: [role], iot: [connect(`${ARN}:client/${SUB}`)] },
    {
      name: 'a broad role, scoped down by the IoT policy',
      authRole: [doc({ Effect: 'Allow', Action: 'iot:*', NotResource: `${ARN}:topic/x` })],
      iot: [connect(`${ARN}:client/${SUB}`)],
    },
    {
      name: 'a per-identity policy written with the literal identity ID',
      authRole: [role],
      iot: [connect(`${ARN}:client/us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab`)],
    },
  ],
  invalid: [
    {
      name: 'a shared client-ID prefix (client/user-*): every user may take every other user-… client ID',
      authRole: [role],
      iot: [connect(`${ARN}:client/user-*`)],
      findings: [
        {
          messageId: 'takeover',
          message: /may connect with client ID "user-.*", which signed-in user 2 .* may also use/,
          file: 'iot-0.json',
          line: 7,
          related: ['auth-role-0.json'],
        },
      ],
    },
    {
      name: 'client/${iot:ClientId}: another user’s own identity ID as client ID',
      authRole: [role],
      iot: [connect(`${ARN}:client/\${iot:ClientId}`)],
      findings: [
        {
          messageId: 'takeover',
          message: /signed-in user 1 .* may connect with client ID "us-east-1:0+2-0000-4000-8000-0+2", which signed-in user 2/,
          file: 'iot-0.json',
          line: 7,
        },
      ],
    },
    {
      name: 'Connect on a bare "*"',
      authRole: [role],
      iot: [connect('*')],
      findings: [{ messageId: 'takeover', message: /may connect with client ID "us-east-1:0+2-/, file: 'iot-0.json', line: 7 }],
    },
    {
      name: 'Connect on arn:aws:iot:…:* (every resource of the account)',
      authRole: [role],
      iot: [connect(`${ARN}:*`)],
      findings: [{ messageId: 'takeover', message: /may connect with client ID "us-east-1:0+2-/, file: 'iot-0.json', line: 7 }],
    },
    {
      name: 'Connect with NotResource',
      authRole: [role],
      iot: [doc({ Effect: 'Allow', Action: 'iot:Connect', NotResource: `${ARN}:client/admin` })],
      findings: [{ messageId: 'takeover', message: /may connect with client ID/, file: 'iot-0.json', line: 7 }],
    },
  ],
});
