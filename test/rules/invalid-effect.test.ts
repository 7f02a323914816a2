import { ARN, GOOD, SUB } from './fixtures';
import { ruleTester } from './rule-tester';

const connect = (effect: string) => ({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` }] });

ruleTester('invalid-effect', {
  valid: [...GOOD, { name: 'Deny', policy: connect('Deny') }],
  invalid: [
    {
      name: 'lower-case "allow"',
      policy: connect('allow'),
      findings: [{ message: /"Effect" must be exactly "Allow" or "Deny", not "allow"; write "Allow" \(Effect is case-sensitive\)/, line: 5, column: 17 }],
      fixed: connect('Allow'),
    },
    {
      name: 'upper-case "DENY"',
      policy: connect('DENY'),
      findings: [{ message: /not "DENY"; write "Deny"/, line: 5, column: 17 }],
      fixed: connect('Deny'),
    },
    {
      name: 'a made-up effect has no fix',
      policy: connect('Permit'),
      findings: [{ message: /^"Effect" must be exactly "Allow" or "Deny", not "Permit"$/, line: 5, column: 17 }],
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
        { message: /not "allow"/, line: 5, column: 17 },
        { message: /not "deny"/, line: 10, column: 17 },
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
});
