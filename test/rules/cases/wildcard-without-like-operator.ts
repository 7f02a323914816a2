import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const connectWhen = (condition: object) => policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/*`, Condition: condition });

/** wildcard-without-like-operator: the cases its test runs and its documentation shows (docs/rules/wildcard-without-like-operator.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'StringLike with wildcards', policy: connectWhen({ StringLike: { 'iot:ClientId': 'app-*' } }) },
    { name: 'a variable in StringEquals is not a wildcard', policy: connectWhen({ StringEquals: { 'iot:ClientId': SUB } }) },
    { name: 'the ${*} escape is a literal star', policy: connectWhen({ StringEquals: { 'iot:ClientId': 'star-${*}' } }) },
    { name: 'ARN operators take wildcards', policy: connectWhen({ ArnEquals: { 'iot:LastWillTopic': `${ARN}:topic/will/*` } }) },
  ],
  invalid: [
    {
      name: 'StringEquals with *',
      policy: connectWhen({ StringEquals: { 'iot:ClientId': 'app-*' } }),
      findings: [{ messageId: 'literalComparison', data: { value: 'app-*', operator: 'StringEquals', like: 'StringLike' }, line: 10, column: 27 }],
      fixed: connectWhen({ StringLike: { 'iot:ClientId': 'app-*' } }),
    },
    {
      name: 'StringNotEquals with ? in the second value',
      policy: connectWhen({ StringNotEquals: { 'iot:ClientId': ['admin', 'test-??'] } }),
      findings: [{ messageId: 'literalComparison', data: { value: 'test-??', operator: 'StringNotEquals', like: 'StringNotLike' }, line: 12, column: 13 }],
      fixed: connectWhen({ StringNotLike: { 'iot:ClientId': ['admin', 'test-??'] } }),
    },
    {
      name: 'qualified and IfExists forms keep their qualifier',
      policy: connectWhen({ 'ForAnyValue:StringEqualsIfExists': { 'cognito-identity.amazonaws.com:amr': 'graph.facebook.com*' } }),
      findings: [{ messageId: 'literalComparison', line: 10, column: 49 }],
      fixed: connectWhen({ 'ForAnyValue:StringLikeIfExists': { 'cognito-identity.amazonaws.com:amr': 'graph.facebook.com*' } }),
    },
    {
      name: 'IgnoreCase has no case-insensitive Like, so no fix',
      policy: connectWhen({ StringEqualsIgnoreCase: { 'iot:ClientId': 'App-*' } }),
      findings: [{ messageId: 'literalComparison', data: { value: 'App-*', operator: 'StringEqualsIgnoreCase', like: 'StringLike' }, line: 10, column: 27 }],
    },
    {
      name: 'no fix when the Like operator is already in the block (the rename would repeat a key)',
      policy: connectWhen({ StringLike: { 'iot:DomainName': '*.example.com' }, StringEquals: { 'iot:ClientId': 'app-*' } }),
      findings: [{ messageId: 'literalComparison', data: { value: 'app-*', operator: 'StringEquals', like: 'StringLike' }, line: 13, column: 27 }],
    },
  ],
};
export default cases;
