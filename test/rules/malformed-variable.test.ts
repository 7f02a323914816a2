import { ARN, GOOD, policy } from './fixtures';
import { ruleTester } from './rule-tester';

const connect = (resource: string) => policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${resource}` });

ruleTester('malformed-variable', {
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
    { name: 'never closed', policy: connect('${cognito-identity.amazonaws.com:sub'), findings: [{ message: /never closed/, line: 7, column: 62 }] },
    {
      name: 'spaces inside the braces',
      policy: connect('${ cognito-identity.amazonaws.com:sub }'),
      findings: [{ message: /has spaces around the variable name: write "\$\{cognito-identity\.amazonaws\.com:sub\}"/, line: 7, column: 62 }],
    },
    { name: 'empty', policy: connect('x-${}'), findings: [{ message: /names no variable/, line: 7, column: 64 }] },
    {
      name: 'in a condition value',
      policy: policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { StringEquals: { 'iot:ClientId': '${cognito-identity.amazonaws.com:sub' } },
      }),
      findings: [{ message: /never closed/, line: 10, column: 28 }],
    },
  ],
});
