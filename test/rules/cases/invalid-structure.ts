import { ARN, GOOD, SUB } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** invalid-structure: the cases its test runs and its documentation shows (docs/rules/invalid-structure.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'a single statement object instead of a list',
      policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` } },
    },
    {
      name: 'NotAction and NotResource stand in for Action and Resource',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 'iot:Receive', NotResource: `${ARN}:topic/a` }] },
    },
    {
      name: 'condition values may be booleans and numbers',
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Connect',
            Resource: '*',
            Condition: { Bool: { 'iot:Connection.Thing.IsAttached': true }, NumericLessThan: { 'aws:EpochTime': 1900000000 } },
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'an Action that is a number',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 5, Resource: '*' }] },
      // The statement then also lacks a usable Action.
      findings: [
        { messageId: 'missing-action-or-resource', data: { problem: 'the statement needs "Action" or "NotAction"' }, line: 4, column: 5 },
        { messageId: 'invalid-structure', data: { problem: '"Action" entries must be strings, not a number' }, line: 6, column: 17 },
      ],
    },
    {
      name: 'a statement without Effect',
      policy: { Version: '2012-10-17', Statement: [{ Action: 'iot:Connect', Resource: '*' }] },
      findings: [{ messageId: 'invalid-structure', data: { problem: 'the statement has no "Effect"' }, line: 4, column: 5 }],
    },
    {
      name: 'a statement without Resource is reported at its Sid',
      policy: { Version: '2012-10-17', Statement: [{ Sid: 'NoResource', Effect: 'Allow', Action: 'iot:Connect' }] },
      findings: [{ messageId: 'missing-action-or-resource', data: { problem: 'the statement needs "Resource" or "NotResource"' }, line: 5, column: 14 }],
    },
    {
      name: 'a repeated key',
      policy:
        '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": "iot:Connect",\n    "Resource": "*",\n    "Effect": "Deny"\n  }\n}\n',
      findings: [{ messageId: 'duplicate-key', data: { problem: 'duplicate key "Effect": AWS rejects documents with repeated keys' }, line: 7, column: 5 }],
    },
    {
      name: 'both Action and NotAction',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', NotAction: 'iot:Publish', Resource: '*' }] },
      findings: [{ messageId: 'invalid-structure', data: { problem: 'a statement cannot have both "Action" and "NotAction"' }, line: 7, column: 7 }],
    },
    {
      name: 'a policy without Statement',
      policy: { Version: '2012-10-17' },
      findings: [{ messageId: 'invalid-structure', data: { problem: 'the policy has no "Statement"' }, line: 1, column: 1 }],
    },
    {
      name: 'an empty Resource list',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: [] }] },
      findings: [{ messageId: 'invalid-structure', data: { problem: '"Resource" is an empty list' }, line: 7, column: 19 }],
    },
  ],
};
export default cases;
