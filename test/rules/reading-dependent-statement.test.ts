import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

const AMR = 'cognito-identity.amazonaws.com:amr';
const publishWhen = (condition: object) => policy({ Sid: 'P', Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*`, Condition: condition });

ruleTester('reading-dependent-statement', {
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
    { name: 'a * only in the resource part', policy: policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/a:*` }) },
    {
      name: "a default written with the space (${key, 'x'})",
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/\${iot:ClientId, 'none'}/*` }),
      kind: 'iot',
    },
  ],
  invalid: [
    {
      name: 'an unknown operator',
      policy: publishWhen({ StringEqualz: { 'iot:ClientId': SUB } }),
      findings: [
        {
          message:
            /^verdicts this statement takes part in depend on an unknown condition operator \(R-unknown-operator\): AWS may read it as a condition that is never true, or a condition that is left out\. Use a documented operator name/,
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
          message:
            /\(R-malformed-value\): AWS may read it as a value that matches nothing \(a negated operator then holds\), or a condition that can never be true\. Write the value in its operator/,
          line: 5,
          column: 14,
        },
      ],
    },
    {
      name: 'a multi-valued key under a single-valued operator',
      policy: publishWhen({ StringEquals: { [AMR]: 'authenticated' } }),
      findings: [{ message: /\(R-multi-single\).*Add ForAnyValue: or ForAllValues:/, line: 5, column: 14 }],
    },
    {
      name: 'a Deny with a wildcard in the resource type',
      policy: policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:*/secret` }),
      findings: [
        {
          message:
            /\(R-type-wildcard-deny\): AWS may read it as a Deny that covers what its pattern reaches, or a Deny that covers nothing\. Name the resource type/,
          line: 5,
          column: 17,
        },
      ],
    },
    {
      name: '${iot:ClientId} in a role policy',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/\${iot:ClientId}/*` }),
      findings: [{ message: /\(A14\).*use \$\{cognito-identity\.amazonaws\.com:sub\}/, line: 5, column: 17 }],
    },
    {
      name: 'a * in the region part (A6)',
      policy: policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:*:123456789012:topic/secret' }),
      findings: [
        {
          message: /\(A6\): AWS may read it as a \* that may match colons, or a \* confined to its colon-separated part\. Write each ARN part/,
          line: 5,
          column: 17,
        },
      ],
    },
    {
      name: 'a short ARN (R-short-arn), whose * also reaches across colons (A6)',
      policy: policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:*/secret' }),
      findings: [
        { message: /\(R-short-arn\).*Write all six parts/, line: 5, column: 17 },
        { message: /\(A6\)/, line: 5, column: 17 },
      ],
    },
    {
      name: 'a default written without the space (R-default-spacing)',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/\${iot:ClientId,'none'}/*` }),
      findings: [{ message: /\(R-default-spacing\).*with a space: \$\{key, 'default'\}/, line: 5, column: 17 }],
    },
  ],
});
