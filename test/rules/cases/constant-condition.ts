import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const publish = (condition: object) => policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/*`, Condition: condition });

/** constant-condition: the cases its test runs and its documentation shows (docs/rules/constant-condition.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'a key compared with a value', policy: publish({ StringEquals: { 'iot:ClientId': 'gateway-1' } }) },
    { name: 'a key compared with another key’s value', policy: publish({ StringEquals: { 'iot:ClientId': SUB } }) },
    {
      name: 'signed-in users tested for being signed in',
      kind: 'auth-role',
      policy: publish({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }),
    },
  ],
  invalid: [
    {
      name: 'the identity ID compared with itself',
      policy: publish({ StringEquals: { 'cognito-identity.amazonaws.com:sub': SUB } }),
      findings: [{ messageId: 'alwaysTrue', line: 10, column: 49 }],
    },
    {
      name: 'the negation is never true',
      policy: publish({ StringNotEquals: { 'iot:ClientId': '${iot:ClientId}' } }),
      findings: [{ messageId: 'neverTrue', line: 10, column: 27 }],
    },
    {
      name: 'a guest role tested for signed-in users',
      kind: 'unauth-role',
      policy: publish({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }),
      findings: [{ messageId: 'otherAuthentication', line: 10, column: 11 }],
    },
  ],
};
export default cases;
