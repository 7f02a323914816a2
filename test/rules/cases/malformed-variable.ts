import { ARN, GOOD, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const connect = (resource: string) => policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${resource}` });

/** malformed-variable: the cases its test runs and its documentation shows (docs/rules/malformed-variable.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'a default value with a space after the comma', policy: connect("${cognito-identity.amazonaws.com:sub, 'anonymous'}") },
    { name: 'special characters', policy: connect('${*}${?}${$}') },
    {
      name: 'without Version 2012-10-17 the text is literal by design',
      policy: { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${unclosed` }] },
    },
  ],
  invalid: [
    {
      name: 'a default that is not quoted',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/\${iot:ClientId,default}` }),
      findings: [{ messageId: 'notVariable', data: { inside: 'iot:ClientId,default' }, line: 7, column: 61 }],
    },
    { name: 'never closed', policy: connect('${cognito-identity.amazonaws.com:sub'), findings: [{ messageId: 'unclosed', line: 7, column: 62 }] },
    {
      name: 'spaces inside the braces',
      policy: connect('${ cognito-identity.amazonaws.com:sub }'),
      findings: [
        {
          messageId: 'spaces',
          data: { inside: ' cognito-identity.amazonaws.com:sub ', suggestion: 'cognito-identity.amazonaws.com:sub' },
          line: 7,
          column: 62,
        },
      ],
    },
    { name: 'empty', policy: connect('x-${}'), findings: [{ messageId: 'empty', line: 7, column: 64 }] },
    {
      name: 'in a condition value',
      policy: policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { StringEquals: { 'iot:ClientId': '${cognito-identity.amazonaws.com:sub' } },
      }),
      findings: [{ messageId: 'unclosed', line: 10, column: 28 }],
    },
  ],
};
export default cases;
