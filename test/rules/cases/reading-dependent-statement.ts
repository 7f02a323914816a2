import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const AMR = 'cognito-identity.amazonaws.com:amr';
const publishWhen = (condition: object) => policy({ Sid: 'P', Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*`, Condition: condition });

/** reading-dependent-statement: the cases its test runs and its documentation shows (docs/rules/reading-dependent-statement.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'the multi-valued amr key with ForAnyValue:', policy: publishWhen({ 'ForAnyValue:StringEquals': { [AMR]: 'authenticated' } }) },
    { name: 'a well-formed negated operator', policy: publishWhen({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }) },
    {
      name: '${iot:ClientId} in an IoT policy (documented)',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/\${iot:ClientId}/*` }),
      kind: 'iot',
    },
    { name: 'a Deny with a literal resource type', policy: policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/*/secret` }) },
  ],
  invalid: [
    {
      name: 'an unknown operator',
      policy: publishWhen({ StringEqualz: { 'iot:ClientId': SUB } }),
      findings: [
        {
          messageId: 'dependsOnReading',
          line: 5,
          column: 14,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a malformed value under a negated operator',
      policy: publishWhen({ NotIpAddress: { 'aws:SourceIp': '10.0.0/8' } }),
      findings: [
        {
          messageId: 'dependsOnReading',
          line: 5,
          column: 14,
        },
      ],
    },
    {
      name: 'a multi-valued key under a single-valued operator',
      policy: publishWhen({ StringEquals: { [AMR]: 'authenticated' } }),
      findings: [{ messageId: 'dependsOnReading', line: 5, column: 14 }],
    },
    {
      name: 'a Deny with a wildcard in the resource type',
      policy: policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:*/secret` }),
      findings: [
        {
          messageId: 'dependsOnReading',
          line: 5,
          column: 17,
        },
      ],
    },
    {
      name: '${iot:ClientId} in a role policy',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/\${iot:ClientId}/*` }),
      findings: [{ messageId: 'dependsOnReading', line: 5, column: 17 }],
    },
  ],
};
export default cases;
