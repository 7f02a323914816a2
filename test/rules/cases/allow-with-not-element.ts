import { ARN, GOOD, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** allow-with-not-element: the cases its test runs and its documentation shows (docs/rules/allow-with-not-element.md). */
const cases: RuleCases = {
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
          messageId: 'allowWithNot',
          data: { element: 'NotAction' },
          line: 6,
          column: 7,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'Allow Publish with NotResource',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', NotResource: `${ARN}:topic/admin/*` }),
      findings: [{ messageId: 'allowWithNot', data: { element: 'NotResource' }, line: 7, column: 7, severity: 'warning' }],
    },
    {
      name: 'the documented Receive carve-out is only a suggestion (info)',
      policy: policy({ Effect: 'Allow', Action: 'iot:Receive', NotResource: `${ARN}:topic/building/control_room/*` }),
      findings: [
        {
          messageId: 'receiveCarveOut',
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
        { messageId: 'allowWithNot', data: { element: 'NotAction' }, line: 6, column: 7 },
        { messageId: 'allowWithNot', data: { element: 'NotResource' }, line: 7, column: 7, severity: 'warning' },
      ],
    },
  ],
};
export default cases;
