import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** receive-without-subscribe: the cases its test runs and its documentation shows (docs/rules/receive-without-subscribe.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'a literal users/<sub>/# filter delivers the per-identity topics',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/${SUB}/#` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/*` },
      ),
    },
    {
      name: "a literal + filter delivers every identity's status",
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/+/status` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/status` },
      ),
    },
    {
      name: 'a wildcard filter covers the topic',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Subscribe', 'iot:Receive'],
        Resource: [`${ARN}:topicfilter/*`, `${ARN}:topic/$aws/things/lamp/shadow/update/accepted`],
      }),
    },
  ],
  invalid: [
    {
      name: 'Receive with no Subscribe at all (info)',
      policy: policy({ Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/news/*` }),
      findings: [{ messageId: 'noSubscription', data: { topic: 'news/x' }, line: 7, column: 19, severity: 'info' }],
    },
    {
      name: 'Subscribe written on a topic/ ARN',
      policy: policy({ Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: `${ARN}:topic/users/${SUB}/*` }),
      findings: [{ messageId: 'noSubscription', data: { topic: 'users/${cognito-identity.amazonaws.com:sub}/x' }, line: 10, column: 19 }],
    },
    {
      name: 'a topic/ pattern with a literal + matches no topic, so nothing is ever delivered to it',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Subscribe', 'iot:Receive'],
        Resource: [`${ARN}:topicfilter/users/+/status`, `${ARN}:topic/users/+/status`],
      }),
      findings: [{ messageId: 'literalWildcard', data: { topic: 'users/+/status', wildcards: '"+"', are: 'is', them: 'it' }, line: 12, column: 9 }],
    },
    {
      name: 'a literal "#" filter never delivers $ reserved topics',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/#` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: [`${ARN}:topic/news`, `${ARN}:topic/$aws/things/lamp/shadow/update/accepted`] },
      ),
      findings: [{ messageId: 'noSubscription', data: { topic: '$aws/things/lamp/shadow/update/accepted' }, line: 14, column: 9 }],
    },
  ],
};
export default cases;
