import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

// Device Defender's POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT example.
const building = (deny: string) =>
  policy(
    { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/*` },
    { Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/${deny}` },
    { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/building/*` },
  );

/** mqtt-wildcard-in-deny: the cases its test runs and its documentation shows (docs/rules/mqtt-wildcard-in-deny.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'a Deny written with *', policy: building('building/control_room/*') },
    { name: 'variables are not wildcards', policy: policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/admin` }) },
    {
      name: "Allow with + is mqtt-wildcard-in-allow's",
      policy: policy({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/+/status` }),
    },
  ],
  invalid: [
    {
      name: '# at the end of a denied filter (the Device Defender example)',
      policy: building('building/control_room/#'),
      findings: [
        {
          messageId: 'literalInDeny',
          data: { wildcards: '"#"', name: 'building/control_room/#' },
          line: 12,
          column: 19,
        },
      ],
      fixed: building('building/control_room/*'),
    },
    {
      name: '+ levels in a denied topic',
      policy: policy({ Effect: 'Deny', Action: 'iot:Receive', Resource: `${ARN}:topic/users/+/private/+` }),
      findings: [{ messageId: 'literalInDeny', data: { wildcards: '"+"', name: 'users/+/private/+' }, line: 7, column: 19 }],
      fixed: policy({ Effect: 'Deny', Action: 'iot:Receive', Resource: `${ARN}:topic/users/*/private/*` }),
    },
    {
      name: 'both wildcards, in a list',
      policy: policy({ Effect: 'Deny', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/chat/+/#`, `${ARN}:topic/chat/moderators/*`] }),
      findings: [{ messageId: 'literalInDeny', data: { wildcards: '"+" and "#"', name: 'chat/+/#' }, line: 11, column: 9 }],
      fixed: policy({ Effect: 'Deny', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/chat/*/*`, `${ARN}:topic/chat/moderators/*`] }),
    },
    {
      name: 'a # that is not a whole level has no automatic fix',
      policy: policy({ Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/chat/room#` }),
      findings: [{ messageId: 'literalInDeny', data: { wildcards: '"#"', name: 'chat/room#' }, line: 7, column: 19 }],
    },
  ],
};
export default cases;
