import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const publishOn = (resource: string) => policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: resource });

/** malformed-arn: the cases its test runs and its documentation shows (docs/rules/malformed-arn.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'a statement mixing IoT and other actions may name other services',
      policy: policy({ Effect: 'Allow', Action: ['iot:Publish', 's3:GetObject'], Resource: 'arn:aws:s3:::bucket/x' }),
    },
    { name: 'wildcard region and account', policy: publishOn(`arn:aws:iot:*:*:topic/users/${SUB}/*`) },
    {
      name: 'other partitions',
      policy: policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: ['arn:aws-cn:iot:cn-north-1:123456789012:topic/a', 'arn:aws-us-gov:iot:us-gov-west-1:123456789012:topic/a'],
      }),
    },
    {
      name: '"*" and other services\' ARNs',
      policy: policy({ Effect: 'Allow', Action: ['iot:Connect', 's3:GetObject'], Resource: ['*', 'arn:aws:s3:::bucket/*'] }),
    },
    { name: 'every resource of the account', policy: publishOn(`${ARN}:*`) },
    {
      name: 'wildcards in names of services without a resource type',
      policy: policy({
        Effect: 'Allow',
        Action: ['s3:GetObject', 'execute-api:Invoke'],
        Resource: ['arn:aws:s3:::logs-*/x', 'arn:aws:execute-api:us-east-1:*:*/prod/GET/*'],
      }),
    },
  ],
  invalid: [
    {
      name: "another service's ARN in an IoT statement",
      policy: publishOn('arn:aws:s3:::bucket/x'),
      findings: [{ messageId: 'wrongService', data: { service: 's3', hint: '' }, line: 7, column: 19 }],
    },
    {
      name: 'iot-data is not the service name of the data plane',
      policy: publishOn('arn:aws:iot-data:us-east-1:123456789012:topic/a'),
      findings: [{ messageId: 'wrongService', data: { service: 'iot-data', hint: ' (AWS IoT ARNs use "iot", also for the data plane)' }, line: 7, column: 19 }],
    },
    {
      name: 'an unknown partition',
      policy: publishOn('arn:aws-moon:iot:us-east-1:123456789012:topic/a'),
      findings: [{ messageId: 'unknownPartition', data: { partition: 'aws-moon' }, line: 7, column: 19 }],
    },
    { name: 'an empty service', policy: publishOn('arn:aws::us-east-1:123456789012:topic/a'), findings: [{ messageId: 'emptyService', line: 7, column: 19 }] },
    {
      name: 'an 11-digit account',
      policy: publishOn('arn:aws:iot:us-east-1:12345678901:topic/a'),
      findings: [{ messageId: 'notAccount', data: { account: '12345678901' }, line: 7, column: 19 }],
    },
    { name: 'a trailing colon', policy: publishOn(`${ARN}:`), findings: [{ messageId: 'emptyResource', line: 7, column: 19 }] },
    { name: 'no region', policy: publishOn('arn:aws:iot::123456789012:topic/a'), findings: [{ messageId: 'noRegion', line: 7, column: 19 }] },
    {
      name: 'a bare resource instead of an ARN',
      policy: publishOn(`topic/users/${SUB}/*`),
      findings: [{ messageId: 'notArn', data: { resource: 'topic/users/${cognito-identity.amazonaws.com:sub}/*' }, line: 7, column: 19 }],
    },
    {
      name: 'a wildcard in the resource type',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Publish', 'ec2:StartInstances'],
        Resource: [`${ARN}:*/${SUB}`, 'arn:aws:ec2:us-east-1:123456789012:*/12345', `${ARN}:t?pic/a`],
      }),
      findings: [
        { messageId: 'wildcardInType', data: { type: '*' }, line: 11, column: 9 },
        { messageId: 'wildcardInType', data: { type: '*' }, line: 12, column: 9 },
        { messageId: 'wildcardInType', data: { type: 't?pic' }, line: 13, column: 9 },
      ],
    },
    {
      name: 'a type with no name',
      policy: publishOn(`${ARN}:topic/`),
      findings: [{ messageId: 'noName', data: { resource: 'topic/' }, line: 7, column: 19 }],
    },
    {
      name: 'each bad entry of a list',
      policy: policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: [`${ARN}:topic/a`, 'arn:aws:*:us-east-1:123456789012:topic/a', 'arn:aws:iot:useast1:123456789012:topic/a', ARN],
      }),
      findings: [
        { messageId: 'wildcardInService', line: 9, column: 9 },
        { messageId: 'notRegion', data: { region: 'useast1' }, line: 10, column: 9 },
        { messageId: 'tooFewParts', data: { resource: 'arn:aws:iot:us-east-1:123456789012' }, line: 11, column: 9 },
      ],
    },
  ],
};
export default cases;
