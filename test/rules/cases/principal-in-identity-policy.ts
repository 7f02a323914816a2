import { ARN, GOOD, SUB } from '../fixtures';
import type { RuleCases } from '../rule-tester';

/** principal-in-identity-policy: the cases its test runs and its documentation shows (docs/rules/principal-in-identity-policy.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: 'a condition on the caller instead of a Principal',
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Connect',
            Resource: `${ARN}:client/${SUB}`,
            Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:pool' } },
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'Principal copied from a trust policy',
      policy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'iot:Connect', Resource: '*' }],
      },
      findings: [
        {
          messageId: 'principal-in-identity-policy',
          data: { problem: '"Principal" belongs in resource-based policies; identity and IoT policies cannot name a principal' },
          line: 6,
          column: 7,
        },
      ],
    },
    {
      name: 'NotPrincipal',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: '*', Action: 'iot:Connect', Resource: '*' }] },
      findings: [
        {
          messageId: 'principal-in-identity-policy',
          data: { problem: '"NotPrincipal" belongs in resource-based policies; identity and IoT policies cannot name a principal' },
          line: 6,
          column: 7,
        },
      ],
    },
    {
      name: 'a Principal in an IoT policy',
      kind: 'iot',
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'A', Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` },
          { Sid: 'B', Effect: 'Allow', Principal: '*', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/*` },
        ],
      },
      findings: [
        {
          messageId: 'principal-in-identity-policy',
          data: { problem: '"Principal" belongs in resource-based policies; identity and IoT policies cannot name a principal' },
          line: 13,
          column: 7,
        },
      ],
    },
  ],
};
export default cases;
