import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** inconsistent-region-account: the cases its test runs and its documentation shows (docs/rules/inconsistent-region-account.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'wildcard regions and accounts are not compared',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Publish', 'iot:Receive'],
        Resource: [`${ARN}:topic/a`, `arn:aws:iot:*:*:topic/b`, `arn:aws:iot:us-*:123456789012:topic/c`],
      }),
    },
    {
      name: "other services' ARNs are not compared",
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Publish', 'dynamodb:GetItem'],
        Resource: [`${ARN}:topic/a`, 'arn:aws:dynamodb:eu-west-1:999999999999:table/t'],
      }),
    },
    {
      name: 'one region and account throughout',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` },
      ),
    },
  ],
  invalid: [
    {
      name: 'a region copied from another environment',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
        { Effect: 'Allow', Action: 'iot:Publish', Resource: [`${ARN}:topic/users/${SUB}/*`, `arn:aws:iot:eu-west-1:123456789012:topic/broadcast/*`] },
      ),
      findings: [{ messageId: 'differs', data: { part: 'region', value: 'eu-west-1', majority: 'us-east-1' }, line: 14, column: 9 }],
    },
    {
      name: 'an account copied from another environment',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Subscribe', 'iot:Receive'],
        Resource: [`${ARN}:topicfilter/a/*`, `${ARN}:topic/a/*`, 'arn:aws:iot:us-east-1:210987654321:topic/b/*'],
      }),
      findings: [{ messageId: 'differs', data: { part: 'account', value: '210987654321', majority: '123456789012' }, line: 13, column: 9 }],
    },
    {
      name: 'a tie is settled by the first ARN in the file',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: ['arn:aws:iot:us-west-2:123456789012:topic/a', `${ARN}:topic/b`] }),
      findings: [{ messageId: 'differs', data: { part: 'region', value: 'us-east-1', majority: 'us-west-2' }, line: 9, column: 9 }],
    },
  ],
};
export default cases;
