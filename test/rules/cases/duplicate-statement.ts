import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const publishOwn = { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` };

/** duplicate-statement: the cases its test runs and its documentation shows (docs/rules/duplicate-statement.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'same actions, other resources', policy: policy(publishOwn, { ...publishOwn, Resource: `${ARN}:topic/broadcast/*` }) },
    {
      name: 'same permission, other conditions',
      policy: policy(
        { ...publishOwn, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        { ...publishOwn, Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } },
      ),
    },
    { name: 'an Allow and a Deny of the same thing', policy: policy(publishOwn, { ...publishOwn, Effect: 'Deny' }) },
  ],
  invalid: [
    {
      name: 'a statement pasted twice',
      policy: policy(publishOwn, publishOwn),
      findings: [{ messageId: 'repeats', data: { statement: 'statement #2', first: 'statement #1' }, line: 10, column: 17 }],
    },
    {
      name: 'reported at the Sid, whatever the order and case of actions',
      policy: policy(
        {
          Sid: 'Own',
          Effect: 'Allow',
          Action: ['iot:Subscribe', 'iot:Receive'],
          Resource: [`${ARN}:topicfilter/users/${SUB}/*`, `${ARN}:topic/users/${SUB}/*`],
        },
        {
          Sid: 'OwnAgain',
          Effect: 'Allow',
          Action: ['IOT:receive', 'iot:Subscribe'],
          Resource: [`${ARN}:topic/users/${SUB}/*`, `${ARN}:topicfilter/users/${SUB}/*`],
        },
      ),
      findings: [{ messageId: 'repeats', data: { statement: 'statement "OwnAgain"', first: 'statement "Own"' }, line: 17, column: 14 }],
    },
    {
      name: 'the same conditions in another order',
      policy: policy(
        { ...publishOwn, Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } } },
        { ...publishOwn, Condition: { IpAddress: { 'AWS:SourceIp': ['198.51.100.0/24', '203.0.113.0/24'] } } },
      ),
      findings: [{ messageId: 'repeats', data: { statement: 'statement #2', first: 'statement #1' }, line: 18, column: 17 }],
    },
    {
      name: 'a repeat of the first statement after one that differs only in its conditions',
      policy: policy(
        { ...publishOwn, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        { ...publishOwn, Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } },
        { ...publishOwn, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
      ),
      findings: [{ messageId: 'repeats', data: { statement: 'statement #3', first: 'statement #1' }, line: 25, column: 17 }],
    },
  ],
};
export default cases;
