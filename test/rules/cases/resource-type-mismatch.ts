import type { RuleCases } from '../rule-tester';

const ARN = 'arn:aws:iot:us-east-1:123456789012';

/** resource-type-mismatch: the cases its test runs and its documentation shows (docs/rules/resource-type-mismatch.md). */
const cases: RuleCases = {
  valid: [
    {
      name: 'per-identity Subscribe on topicfilter/ with Receive on topic/',
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/\${cognito-identity.amazonaws.com:sub}/*` },
          { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/\${cognito-identity.amazonaws.com:sub}/*` },
        ],
      },
    },
    {
      name: 'mixed actions with one resource of each type',
      policy: {
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: ['iot:Publish', 'iot:Subscribe'], Resource: [`${ARN}:topic/a/*`, `${ARN}:topicfilter/a/*`] },
      },
    },
    {
      name: 'a wildcard resource type covers every action',
      policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Connect'], Resource: `${ARN}:*` } },
    },
    {
      name: 'control-plane actions are not checked',
      policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:DescribeThing'], Resource: `${ARN}:thing/lamp` } },
    },
  ],
  invalid: [
    {
      name: 'Subscribe on topic/ (the classic)',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topic/users/*` }] },
      findings: [
        {
          messageId: 'wrongType',
          data: { actions: 'iot:Subscribe', checks: 'checks', wanted: 'topicfilter/', actual: 'topic', them: 'it' },
          line: 7,
          column: 19,
        },
      ],
      fixed: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/*` }] },
    },
    {
      name: 'Publish on topicfilter/',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topicfilter/a` }] },
      findings: [
        {
          messageId: 'wrongType',
          data: { actions: 'iot:Publish', checks: 'checks', wanted: 'topic/', actual: 'topicfilter', them: 'it' },
          line: 7,
          column: 19,
        },
      ],
      fixed: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/a` }] },
    },
    {
      name: 'shadow API on a topic/ ARN',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `${ARN}:topic/$aws/things/lamp/shadow/get` }] },
      findings: [
        {
          messageId: 'wrongType',
          data: { actions: 'iot:GetThingShadow', checks: 'checks', wanted: 'thing/', actual: 'topic', them: 'it' },
          line: 7,
          column: 19,
        },
      ],
    },
    {
      name: 'an action whose resource type is missing from a mixed statement',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iot:Publish', 'iot:Subscribe'], Resource: [`${ARN}:topic/a/*`] }] },
      findings: [{ messageId: 'noResourceOfType', data: { action: 'iot:Subscribe', type: 'topicfilter' }, line: 8, column: 9 }],
    },
  ],
};
export default cases;
