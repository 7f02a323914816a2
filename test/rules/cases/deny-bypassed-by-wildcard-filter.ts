import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

// Device Defender's TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS example.
const allowSubscribe = { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/*` };
const denySubscribe = { Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/control_room/*` };
const allowReceive = { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/building/*` };
const denyReceive = { Effect: 'Deny', Action: 'iot:Receive', Resource: `${ARN}:topic/building/control_room/*` };

/** deny-bypassed-by-wildcard-filter: the cases its test runs and its documentation shows (docs/rules/deny-bypassed-by-wildcard-filter.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'Receive denied on the same topics (the documented fix)', policy: policy(allowSubscribe, denySubscribe, allowReceive, denyReceive) },
    {
      name: 'Receive allowed with NotResource excluding the branch (the other documented fix)',
      policy: policy(allowSubscribe, denySubscribe, { Effect: 'Allow', Action: 'iot:Receive', NotResource: `${ARN}:topic/building/control_room/*` }),
    },
    {
      name: 'Receive does not reach the denied branch',
      policy: policy(allowSubscribe, denySubscribe, { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/building/lobby/*` }),
    },
    {
      name: 'no broader filter is allowed',
      policy: policy({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/lobby/*` }, denySubscribe, allowReceive),
    },
  ],
  invalid: [
    {
      name: 'the Device Defender example',
      policy: policy(allowSubscribe, denySubscribe, allowReceive),
      findings: [
        {
          messageId: 'bypassed',
          data: { filter: 'building/#', topic: 'building/control_room/x', deny: 'building/control_room/*' },
          line: 12,
          column: 19,
        },
      ],
      fixed: policy(allowSubscribe, denySubscribe, denyReceive, allowReceive),
    },
    {
      name: 'a per-identity private branch',
      policy: policy(
        { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/users/${SUB}/*`, `${ARN}:topic/users/${SUB}/*`] },
        { Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/${SUB}/private/*` },
      ),
      findings: [{ messageId: 'bypassed', line: 18, column: 19 }],
      fixed: policy(
        { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/users/${SUB}/*`, `${ARN}:topic/users/${SUB}/*`] },
        { Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/${SUB}/private/*` },
        { Effect: 'Deny', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/private/*` },
      ),
    },
    {
      name: 'a broad Receive granted through NotResource',
      policy: policy(allowSubscribe, denySubscribe, { Effect: 'Allow', Action: 'iot:Receive', NotResource: `${ARN}:topic/building/lobby/*` }),
      findings: [
        { messageId: 'bypassed', data: { filter: 'building/#', topic: 'building/control_room/x', deny: 'building/control_room/*' }, line: 12, column: 19 },
      ],
    },
    {
      name: 'a Deny with a literal # is bypassed too (and mqtt-wildcard-in-deny says why)',
      policy: policy(allowSubscribe, { Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/control_room/#` }, allowReceive),
      findings: [
        { messageId: 'bypassed', data: { filter: 'building/#', topic: 'building/control_room/x', deny: 'building/control_room/*' }, line: 12, column: 19 },
      ],
      fixed: policy(
        allowSubscribe,
        { Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/control_room/#` },
        denyReceive,
        allowReceive,
      ),
    },
  ],
};
export default cases;
