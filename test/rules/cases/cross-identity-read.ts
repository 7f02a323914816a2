import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const own = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` }];

/** cross-identity-read: the cases its test runs and its documentation shows (docs/rules/cross-identity-read.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD.map((g) => ({ ...g, kind: 'iot' as const })),
    {
      name: 'per-identity Subscribe and Receive, plus a shared broadcast prefix',
      kind: 'iot',
      policy: policy(
        ...own,
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: [`${ARN}:topicfilter/users/${SUB}/*`, `${ARN}:topicfilter/broadcast/*`] },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: [`${ARN}:topic/users/${SUB}/*`, `${ARN}:topic/broadcast/*`] },
      ),
    },
    {
      name: 'a broad Receive is harmless when no filter reaching other users may be subscribed to',
      kind: 'iot',
      policy: policy(
        ...own,
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/${SUB}/*` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/*` },
      ),
    },
    {
      name: 'not a per-identity policy: no ${…sub} prefix to protect',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/chat/*`, `${ARN}:topic/chat/*`] }),
    },
    {
      name: 'role policies are not per-identity IoT policies',
      kind: 'auth-role',
      policy: policy(...own, { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/users/*`, `${ARN}:topic/users/*`] }),
    },
  ],
  invalid: [
    {
      name: "Subscribe and Receive on every user's namespace",
      kind: 'iot',
      policy: policy(...own, { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/users/*`, `${ARN}:topic/users/*`] }),
      findings: [{ messageId: 'crossRead', data: { filter: 'users/#', prefix: 'users/' }, line: 17, column: 9 }],
    },
    {
      name: 'a literal MQTT wildcard filter plus a broad Receive',
      kind: 'iot',
      policy: policy(
        ...own,
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/#` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/*` },
      ),
      findings: [{ messageId: 'crossRead', data: { filter: 'users/#', prefix: 'users/' }, line: 17, column: 19 }],
    },
    {
      name: 'Receive through NotResource',
      kind: 'iot',
      policy: policy(
        ...own,
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/*` },
        { Effect: 'Allow', Action: 'iot:Receive', NotResource: `${ARN}:topic/admin/*` },
      ),
      findings: [{ messageId: 'crossRead', data: { filter: '#', prefix: 'users/' }, line: 17, column: 7 }],
    },
  ],
};
export default cases;
