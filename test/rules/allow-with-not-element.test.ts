import { ARN, GOOD, policy } from './fixtures';
import { ruleTester } from './rule-tester';

ruleTester('allow-with-not-element', {
  valid: [
    ...GOOD,
    {
      name: 'Deny with NotResource (deny everything but the listed topics)',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/a/*` },
        { Effect: 'Deny', Action: 'iot:Publish', NotResource: `${ARN}:topic/a/public/*` },
      ),
    },
    { name: 'Deny with NotAction', policy: policy({ Effect: 'Deny', NotAction: ['iot:Connect', 'iot:Receive'], Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'Allow with NotAction grants actions AWS adds later',
      policy: policy({ Effect: 'Allow', NotAction: 'iot:DeleteThing', Resource: '*' }),
      findings: [
        {
          message: /^Allow with NotAction grants everything except the listed entries; list what is allowed instead, or add an explicit Deny$/,
          line: 6,
          column: 7,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'Allow Publish with NotResource',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', NotResource: `${ARN}:topic/admin/*` }),
      findings: [{ message: /^Allow with NotResource grants everything except/, line: 7, column: 7, severity: 'warning' }],
    },
    {
      name: 'the documented Receive carve-out is only a suggestion (info)',
      policy: policy({ Effect: 'Allow', Action: 'iot:Receive', NotResource: `${ARN}:topic/building/control_room/*` }),
      findings: [
        {
          message: /^Allow iot:Receive with NotResource is the documented carve-out; an explicit Deny on the restricted topics says the same more plainly$/,
          line: 7,
          column: 7,
          severity: 'info',
        },
      ],
    },
    {
      name: 'both elements negated',
      policy: policy({ Effect: 'Allow', NotAction: 'iot:Receive', NotResource: `${ARN}:topic/a` }),
      findings: [
        { message: /^Allow with NotAction/, line: 6, column: 7 },
        { message: /^Allow with NotResource/, line: 7, column: 7, severity: 'warning' },
      ],
    },
  ],
});
