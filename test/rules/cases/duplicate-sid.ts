import { ARN, GOOD, SUB } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const statement = (sid: string, action: string) => ({ Sid: sid, Effect: 'Allow', Action: action, Resource: `${ARN}:topic/users/${SUB}/*` });

/** duplicate-sid: the cases its test runs and its documentation shows (docs/rules/duplicate-sid.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'statements without Sids',
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
          { Effect: 'Allow', Action: 'iot:Receive', Resource: '*' },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'two statements named alike (copy-paste)',
      policy: { Version: '2012-10-17', Statement: [statement('OwnTopics', 'iot:Publish'), statement('OwnTopics', 'iot:Receive')] },
      findings: [{ messageId: 'duplicate', data: { sid: 'OwnTopics', first: 1 }, line: 11, column: 14 }],
    },
    {
      name: 'every repeat is reported, against the first use',
      policy: {
        Version: '2012-10-17',
        Statement: [statement('A', 'iot:Publish'), statement('B', 'iot:Receive'), statement('A', 'iot:RetainPublish'), statement('A', 'iot:Subscribe')],
      },
      findings: [
        { messageId: 'duplicate', data: { sid: 'A', first: 1 }, line: 17, column: 14 },
        { messageId: 'duplicate', data: { sid: 'A', first: 1 }, line: 23, column: 14 },
      ],
    },
  ],
};
export default cases;
