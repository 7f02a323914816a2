import { ARN, GOOD, SUB, policy } from './fixtures';
import { strict as assert } from 'node:assert';
import { findingsOf, ruleTester } from './rule-tester';

const publishOn = (resource: string) => policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: resource });

ruleTester('malformed-arn', {
  valid: [
    ...GOOD,
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
      name: 'an 11-digit account',
      policy: publishOn('arn:aws:iot:us-east-1:12345678901:topic/a'),
      findings: [{ message: /^"12345678901" is not a 12-digit account ID$/, line: 7, column: 19 }],
    },
    { name: 'a trailing colon', policy: publishOn(`${ARN}:`), findings: [{ message: /the resource part is empty \(a trailing ":"\?\)/, line: 7, column: 19 }] },
    { name: 'no region', policy: publishOn('arn:aws:iot::123456789012:topic/a'), findings: [{ message: /^AWS IoT ARNs need a region$/, line: 7, column: 19 }] },
    {
      name: 'a bare resource instead of an ARN',
      policy: publishOn(`topic/users/${SUB}/*`),
      findings: [{ message: /is not an ARN \(it must start with "arn:"\) or "\*"/, line: 7, column: 19 }],
    },
    {
      name: 'a wildcard in the resource type',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Publish', 'ec2:StartInstances'],
        Resource: [`${ARN}:*/${SUB}`, 'arn:aws:ec2:us-east-1:123456789012:*/12345', `${ARN}:t?pic/a`],
      }),
      findings: [
        { message: /^wildcards are not allowed in the resource type \("\*"\): in an Allow this entry grants nothing/, line: 11, column: 9 },
        { message: /^wildcards are not allowed in the resource type \("\*"\)/, line: 12, column: 9 },
        { message: /^wildcards are not allowed in the resource type \("t\?pic"\)/, line: 13, column: 9 },
      ],
    },
    {
      name: 'a type with no name',
      policy: publishOn(`${ARN}:topic/`),
      findings: [{ message: /^"topic\/" names no resource after the type$/, line: 7, column: 19 }],
    },
    {
      name: 'each bad entry of a list',
      policy: policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: [`${ARN}:topic/a`, 'arn:aws:*:us-east-1:123456789012:topic/a', 'arn:aws:iot:useast1:123456789012:topic/a', ARN],
      }),
      findings: [
        { message: /wildcards cannot be used in the service part/, line: 9, column: 9 },
        { message: /^"useast1" is not a region$/, line: 10, column: 9 },
        { message: /has fewer than six colon-separated parts/, line: 11, column: 9 },
      ],
    },
  ],
});

describe('malformed-arn: resources of another service in an IoT statement', () => {
  const statement = (resource: string, action: string | string[] = 'iot:Publish') => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });
  it('reports the Resource, with a hint for iot-data', () => {
    const [s3] = findingsOf('malformed-arn', statement('arn:aws:s3:::bucket/x'));
    assert.match(s3.message, /only check arn:…:iot:… resources; service "s3" never matches/);
    assert.equal(s3.range.start.line, 7);
    const [data] = findingsOf('malformed-arn', statement('arn:aws:iot-data:us-east-1:123456789012:topic/a'));
    assert.match(data.message, /AWS IoT ARNs use "iot", also for the data plane/);
  });
  it('leaves mixed-service statements and wildcard services to other checks', () => {
    assert.deepEqual(findingsOf('malformed-arn', statement('arn:aws:s3:::bucket/x', ['iot:Publish', 's3:GetObject'])), []);
    assert.deepEqual(findingsOf('malformed-arn', statement('*')), []);
  });
});
