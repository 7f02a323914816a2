import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** mqtt-wildcard-in-allow: the cases its test runs and its documentation shows (docs/rules/mqtt-wildcard-in-allow.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'policy wildcards * and ?',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Subscribe', 'iot:Receive'],
        Resource: [`${ARN}:topicfilter/sensors/*`, `${ARN}:topic/sensors/????/temperature`],
      }),
    },
    {
      name: "a Deny is mqtt-wildcard-in-deny's",
      policy: policy({ Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/control_room/#` }),
    },
    { name: 'client IDs are not topics', policy: policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/app+${SUB}` }) },
    { name: 'a resource whose wildcard covers every topic', policy: policy({ Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:*` }) },
  ],
  invalid: [
    {
      name: '# in a topic/ resource matches no topic at all',
      policy: policy({ Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/#` }),
      findings: [
        {
          messageId: 'literalInTopic',
          data: { wildcards: '"#"', are: 'is', them: 'it' },
          line: 7,
          column: 19,
          severity: 'warning',
        },
      ],
    },
    {
      name: '+ in a topicfilter/ allows only that literal filter (info: sometimes meant)',
      policy: policy({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/+/status` }),
      findings: [
        {
          messageId: 'literalInFilter',
          data: { wildcards: '"+"', are: 'is', filter: 'users/+/status' },
          line: 7,
          column: 19,
          severity: 'info',
        },
      ],
    },
    {
      name: 'both characters in one topic/ entry',
      policy: policy({ Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: [`${ARN}:topic/users/${SUB}/*`, `${ARN}:topic/+/status/#`] }),
      findings: [{ messageId: 'literalInTopic', data: { wildcards: '"+" and "#"', are: 'are', them: 'them' }, line: 12, column: 9, severity: 'warning' }],
    },
  ],
};
export default cases;
