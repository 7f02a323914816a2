import { ARN, GOOD, SUB } from './fixtures';
import { ruleTester } from './rule-tester';

const statement = (sid: string, action: string) => ({ Sid: sid, Effect: 'Allow', Action: action, Resource: `${ARN}:topic/users/${SUB}/*` });

ruleTester('duplicate-sid', {
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
      findings: [{ message: /^Sid "OwnTopics" is already used by statement #1$/, line: 11, column: 14 }],
    },
    {
      name: 'every repeat is reported, against the first use',
      policy: {
        Version: '2012-10-17',
        Statement: [statement('A', 'iot:Publish'), statement('B', 'iot:Receive'), statement('A', 'iot:RetainPublish'), statement('A', 'iot:Subscribe')],
      },
      findings: [
        { message: /Sid "A" is already used by statement #1/, line: 17, column: 14 },
        { message: /Sid "A" is already used by statement #1/, line: 23, column: 14 },
      ],
    },
  ],
});
