import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const publishOn = (...resources: string[]) => policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: resources.length === 1 ? resources[0] : resources });

/** unknown-variable: the cases its test runs and its documentation shows (docs/rules/unknown-variable.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    // IAM reads variable names case-insensitively (docs/iot-authorization.md §3.1), so this resolves.
    { name: 'a variable name in another case', policy: publishOn(`${ARN}:topic/users/\${Cognito-Identity.amazonaws.com:Sub}/*`) },
    {
      name: 'thing attributes, principal tags and the ${*} escape',
      policy: publishOn(`${ARN}:topic/\${iot:Connection.Thing.Attributes[floor]}/\${aws:PrincipalTag/team}/\${*}`),
    },
    {
      name: 'a known variable in a condition value',
      policy: policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/*`, Condition: { StringEquals: { 'iot:ClientId': SUB } } }),
    },
  ],
  invalid: [
    {
      name: 'a typo in the Cognito sub (users lock themselves out)',
      policy: publishOn(`${ARN}:topic/users/\${cognito-identity.amazonaws.com:sud}/*`),
      findings: [
        {
          messageId: 'unknownWithSuggestion',
          data: { name: 'cognito-identity.amazonaws.com:sud', suggestion: 'cognito-identity.amazonaws.com:sub' },
          line: 7,
          column: 67,
        },
      ],
      fixed: publishOn(`${ARN}:topic/users/${SUB}/*`),
    },
    {
      name: 'a typo in a condition value',
      policy: policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: `${ARN}:client/*`,
        Condition: { StringEquals: { 'iot:ClientId': '${cognito-identity.amazonaws.com:sbu}' } },
      }),
      findings: [
        {
          messageId: 'unknownWithSuggestion',
          data: { name: 'cognito-identity.amazonaws.com:sbu', suggestion: 'cognito-identity.amazonaws.com:sub' },
          line: 10,
          column: 28,
        },
      ],
      fixed: policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/*`, Condition: { StringEquals: { 'iot:ClientId': SUB } } }),
    },
    {
      name: 'the multi-valued amr key cannot be a variable',
      policy: publishOn(`${ARN}:topic/a/*`, `${ARN}:topic/\${cognito-identity.amazonaws.com:amr}/*`),
      findings: [
        {
          messageId: 'multiValued',
          data: { name: 'cognito-identity.amazonaws.com:amr' },
          line: 9,
          column: 51,
        },
      ],
    },
    {
      name: 'an unknown variable with no close match has no fix',
      policy: publishOn(`${ARN}:topic/\${foo:bar}/x`),
      findings: [{ messageId: 'unknown', data: { name: 'foo:bar' }, line: 7, column: 61 }],
    },
    {
      name: 'inside a string with JSON escapes the whole string is marked',
      policy: `{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": "iot:Publish",\n    "Resource": "${ARN}:topic\\/\${iot:ClientID2}"\n  }\n}\n`,
      findings: [{ messageId: 'unknownWithSuggestion', data: { name: 'iot:ClientID2', suggestion: 'iot:ClientId' }, line: 6, column: 17 }],
      fixed: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/\${iot:ClientId}` } },
    },
  ],
};
export default cases;
