import { ruleTester } from './rule-tester';

const ARN = 'arn:aws:iot:us-east-1:123456789012';

ruleTester('resource-type-mismatch', {
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
      findings: [{ message: /iot:Subscribe checks topicfilter\/ resources; "topic\/…" never matches it/, line: 7, column: 19 }],
      fixed: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/*` }] },
    },
    {
      name: 'Publish on topicfilter/',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topicfilter/a` }] },
      findings: [{ message: /iot:Publish checks topic\/ resources/, line: 7, column: 19 }],
      fixed: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/a` }] },
    },
    {
      name: 'shadow API on a topic/ ARN',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `${ARN}:topic/$aws/things/lamp/shadow/get` }] },
      findings: [{ message: /iot:GetThingShadow checks thing\/ resources/, line: 7, column: 19 }],
    },
    {
      name: 'an action whose resource type is missing from a mixed statement',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iot:Publish', 'iot:Subscribe'], Resource: [`${ARN}:topic/a/*`] }] },
      findings: [{ message: /"iot:Subscribe" checks topicfilter\/ resources, and this statement lists none/, line: 8, column: 9 }],
    },
  ],
});
