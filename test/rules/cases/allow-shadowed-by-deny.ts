import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** One statement per line: 1,001 Allows, then 1,000 Denies of the same action on other topics (2 comparisons a pair). */
function budgetBuster(): string {
  const line = (effect: string, topic: string) => `{"Effect":"${effect}","Action":"iot:Publish","Resource":"${ARN}:topic/${topic}"}`;
  const statements = [...Array.from({ length: 1001 }, (_, i) => line('Allow', `a${i}`)), ...Array.from({ length: 1000 }, (_, i) => line('Deny', `d${i}`))];
  return `{"Version":"2012-10-17","Statement":[\n${statements.join(',\n')}\n]}\n`;
}

/** allow-shadowed-by-deny: the cases its test runs and its documentation shows (docs/rules/allow-shadowed-by-deny.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'a Deny that covers only part of the Allow',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/*` },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/moderators/*` },
      ),
    },
    {
      name: 'a conditional Deny does not always apply',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
        { Effect: 'Deny', Action: 'iot:Connect', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
      ),
    },
    {
      name: 'a Deny of other actions',
      policy: policy(
        { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${ARN}:topic/a/*` },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/a/*` },
      ),
    },
  ],
  invalid: [
    {
      name: 'past its comparison budget (1,001 Allows × 1,000 Denies) the rule says what it did not check',
      policy: budgetBuster(),
      timeout: 120_000,
      findings: [
        {
          messageId: 'budgetExceeded',
          data: { statement: 'statement #1001', budget: 2000000 },
          line: 1002,
          column: 11,
          severity: 'info',
        },
      ],
    },
    {
      name: 'an Allow inside a broader Deny',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/moderators/notes` },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/*` },
      ),
      findings: [{ messageId: 'shadowed', data: { statement: 'statement #1', deny: 'statement #2' }, line: 5, column: 17 }],
    },
    {
      name: 'Deny iot:* on "*" overrides every Allow (named by Sid)',
      policy: policy(
        { Sid: 'OwnTopics', Effect: 'Allow', Action: ['iot:Publish', 'IOT:Receive'], Resource: `${ARN}:topic/users/${SUB}/*` },
        { Sid: 'Connect', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
        { Sid: 'Maintenance', Effect: 'Deny', Action: 'iot:*', Resource: '*' },
      ),
      findings: [
        { messageId: 'shadowed', data: { statement: 'statement "OwnTopics"', deny: 'statement "Maintenance"' }, line: 6, column: 17 },
        { messageId: 'shadowed', data: { statement: 'statement "Connect"', deny: 'statement "Maintenance"' }, line: 15, column: 17 },
      ],
    },
    {
      name: 'per-identity patterns compare as the same identity',
      policy: policy(
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` },
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/status` },
      ),
      findings: [{ messageId: 'shadowed', data: { statement: 'statement #2', deny: 'statement #1' }, line: 10, column: 17 }],
    },
  ],
};
export default cases;
