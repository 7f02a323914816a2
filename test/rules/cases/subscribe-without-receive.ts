import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** subscribe-without-receive: the cases its test runs and its documentation shows (docs/rules/subscribe-without-receive.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'the documented carve-out: Allow iot:Receive with NotResource',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/*` },
        { Effect: 'Allow', Action: 'iot:Receive', NotResource: `${ARN}:topic/building/control_room/*` },
      ),
    },
    {
      name: 'a broad Subscribe with Receive scoped per identity still delivers those topics',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/*` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/*` },
      ),
    },
    {
      name: 'a literal + filter whose topics may be received',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/+/status` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/*/status` },
      ),
    },
    { name: 'one statement with both actions on "*"', policy: policy({ Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'Subscribe without any Receive',
      policy: policy({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/${SUB}/*` }),
      findings: [
        {
          messageId: 'receivesNothing',
          data: { topic: 'users/${cognito-identity.amazonaws.com:sub}/x' },
          line: 7,
          column: 19,
        },
      ],
    },
    {
      name: 'Receive written on a topicfilter/ ARN (it checks topic/)',
      policy: policy({ Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: `${ARN}:topicfilter/broadcast/*` }),
      findings: [{ messageId: 'receivesNothing', data: { topic: 'broadcast/x' }, line: 10, column: 19 }],
    },
    {
      name: 'Receive on another branch than the filter',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: [`${ARN}:topicfilter/users/${SUB}/*`, `${ARN}:topicfilter/broadcast/*`] },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/*` },
      ),
      findings: [{ messageId: 'receivesNothing', data: { topic: 'broadcast/x' }, line: 9, column: 9 }],
    },
    {
      name: 'Receive with a literal + matches no topic, so the + filter delivers nothing',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Subscribe', 'iot:Receive'],
        Resource: [`${ARN}:topicfilter/users/+/status`, `${ARN}:topic/users/+/status`],
      }),
      findings: [{ messageId: 'receivesNothing', data: { topic: 'users/x/status' }, line: 11, column: 9 }],
    },
  ],
};
export default cases;
