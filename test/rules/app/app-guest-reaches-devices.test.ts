import { appRuleTester, ARN, doc } from './app-rule-tester';

const connect = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${cognito-identity.amazonaws.com:sub}` };

appRuleTester('app-guest-reaches-devices', {
  valid: [
    {
      name: 'guests read broadcasts only',
      guestRole: [
        doc(connect, { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/broadcast/*`, `${ARN}:topic/broadcast/*`] }),
      ],
    },
    {
      name: 'Receive on $aws/things/* without a Subscribe that delivers it (Device Defender: compliant)',
      guestRole: [doc(connect, { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/$aws/things/*` })],
    },
    {
      name: 'a subscription with "#" does not deliver $ topics',
      guestRole: [
        doc(
          connect,
          { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/#` },
          { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/*` },
        ),
      ],
    },
  ],
  invalid: [
    {
      name: 'Subscribe on topicfilter/$aws/things/*',
      guestRole: [
        doc(connect, {
          Effect: 'Allow',
          Action: ['iot:Subscribe', 'iot:Receive'],
          Resource: [`${ARN}:topicfilter/$aws/things/*`, `${ARN}:topic/$aws/things/*`],
        }),
      ],
      findings: [
        {
          messageId: 'subscribe',
          message: /^if guests get credentials .*: guest 1 .* an anonymous guest, may subscribe with "\$aws\/things\/.*"/,
          file: 'guest-role-0.json',
          line: 16,
        },
      ],
    },
    {
      name: 'Allow + NotResource on guest publishes reaches $aws/ topics',
      guestRole: [doc(connect, { Effect: 'Allow', Action: 'iot:Publish', NotResource: `${ARN}:topic/private/*` })],
      findings: [{ messageId: 'publish', message: /may publish to "\$aws\/.*"/, file: 'guest-role-0.json', line: 12 }],
    },
    {
      name: 'GetThingShadow on thing/*',
      guestRole: [doc({ Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `${ARN}:thing/*` })],
      findings: [
        {
          messageId: 'thingApi',
          message: /may call iot:GetThingShadow on arn:aws:iot:us-east-1:123456789012:thing\/.*: anyone can read or drive the device/,
          file: 'guest-role-0.json',
          line: 7,
        },
      ],
    },
  ],
});
