import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

// Device Defender's POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT example.
const building = (deny: string) =>
  policy(
    { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/*` },
    { Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/${deny}` },
    { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/building/*` },
  );

ruleTester('mqtt-wildcard-in-deny', {
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
          message:
            /^this Deny matches only the literal "#", not what MQTT would match: "building\/control_room\/#" does not block the topics it looks like it blocks$/,
          line: 12,
          column: 19,
        },
      ],
      fixed: building('building/control_room/*'),
    },
    {
      name: '+ levels in a denied topic',
      policy: policy({ Effect: 'Deny', Action: 'iot:Receive', Resource: `${ARN}:topic/users/+/private/+` }),
      findings: [{ message: /matches only the literal "\+"/, line: 7, column: 19 }],
      fixed: policy({ Effect: 'Deny', Action: 'iot:Receive', Resource: `${ARN}:topic/users/*/private/*` }),
    },
    {
      name: 'both wildcards, in a list',
      policy: policy({ Effect: 'Deny', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/chat/+/#`, `${ARN}:topic/chat/moderators/*`] }),
      findings: [{ message: /matches only the literal "\+" and "#"/, line: 11, column: 9 }],
      fixed: policy({ Effect: 'Deny', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/chat/*/*`, `${ARN}:topic/chat/moderators/*`] }),
    },
    {
      name: 'a # that is not a whole level has no automatic fix',
      policy: policy({ Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/chat/room#` }),
      findings: [{ message: /matches only the literal "#"/, line: 7, column: 19 }],
    },
  ],
});
