import { ARN, GOOD, SUB } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const connect = (effect: string) => ({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` }] });

/** invalid-effect: the cases its test runs and its documentation shows (docs/rules/invalid-effect.md). */
const cases: RuleCases = {
  valid: [...GOOD, { name: 'Deny', policy: connect('Deny') }],
  invalid: [
    {
      name: 'lower-case "allow"',
      policy: connect('allow'),
      findings: [{ messageId: 'invalid-effect', line: 5, column: 17 }],
      fixed: connect('Allow'),
    },
    {
      name: 'upper-case "DENY"',
      policy: connect('DENY'),
      findings: [
        {
          messageId: 'invalid-effect',
          data: { problem: '"Effect" must be exactly "Allow" or "Deny", not "DENY"; write "Deny" (Effect is case-sensitive)' },
          line: 5,
          column: 17,
        },
      ],
      fixed: connect('Deny'),
    },
    {
      name: 'a made-up effect has no fix',
      policy: connect('Permit'),
      findings: [{ messageId: 'invalid-effect', data: { problem: '"Effect" must be exactly "Allow" or "Deny", not "Permit"' }, line: 5, column: 17 }],
    },
    {
      name: 'each bad statement is reported',
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'allow', Action: 'iot:Connect', Resource: '*' },
          { Effect: 'deny', Action: 'iot:Publish', Resource: '*' },
        ],
      },
      findings: [
        { messageId: 'invalid-effect', line: 5, column: 17 },
        {
          messageId: 'invalid-effect',
          data: { problem: '"Effect" must be exactly "Allow" or "Deny", not "deny"; write "Deny" (Effect is case-sensitive)' },
          line: 10,
          column: 17,
        },
      ],
      fixed: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: '*' },
          { Effect: 'deny', Action: 'iot:Publish', Resource: '*' },
        ],
      },
    },
  ],
};
export default cases;
