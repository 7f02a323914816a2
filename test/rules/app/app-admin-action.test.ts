import { appRuleTester, ARN, doc } from './app-rule-tester';

appRuleTester('app-admin-action', {
  valid: [
    { name: 'data-plane actions only', authRole: [doc({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish'], Resource: '*' })] },
    {
      name: 'iot:* with every administration action denied',
      authRole: [
        doc(
          { Effect: 'Allow', Action: 'iot:*', Resource: '*' },
          { Effect: 'Deny', NotAction: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: '*' },
        ),
      ],
    },
  ],
  invalid: [
    {
      name: 'Allow + NotAction in the authenticated role grants every administration action',
      authRole: [doc({ Effect: 'Allow', NotAction: 'iot:DeleteThing', Resource: '*' })],
      findings: [
        {
          messageId: 'adminAction',
          message: /signed-in user 1 .*, any signed-in user, may call iot:\w+ on \* \(the role's statements cover \d{3} administration action\(s\)\)/,
          file: 'auth-role-0.json',
          line: 6,
        },
      ],
    },
    {
      name: 'a guest role that creates things, on one thing only',
      guestRole: [doc({ Effect: 'Allow', Action: 'iot:CreateThing', Resource: `${ARN}:thing/lamp` })],
      findings: [
        {
          messageId: 'adminAction',
          message: /guest 1 .*, any anonymous guest, may call iot:CreateThing on arn:aws:iot:us-east-1:123456789012:thing\/lamp/,
          file: 'guest-role-0.json',
          line: 7,
        },
      ],
    },
    {
      name: 'AttachPolicy spread over two role policies of the authenticated role',
      authRole: [doc({ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }), doc({ Effect: 'Allow', Action: 'iot:AttachPolicy', Resource: '*' })],
      findings: [{ messageId: 'adminAction', message: /may call iot:AttachPolicy/, file: 'auth-role-1.json', line: 7 }],
    },
  ],
});
