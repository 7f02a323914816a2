import { defineRule } from '../rule';

const AMR = 'cognito-identity.amazonaws.com:amr';
// Operators that hold when the key's value equals (or matches) the condition value; their negations hold when it does not.
const MATCHING = /^(?:(?:ForAllValues|ForAnyValue):)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)(IfExists)?$/i;
const NOT_MATCHING = /^(?:(?:ForAllValues|ForAnyValue):)?(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike)(IfExists)?$/i;

const rule = defineRule({
  meta: {
    id: 'constant-condition',
    title: 'A condition that is always true or never true',
    family: 'conditions',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'A condition that compares a key with its own policy variable (StringEquals "cognito-identity.amazonaws.com:sub": "${cognito-identity.amazonaws.com:sub}") is true for every caller that has the key: it restricts nothing, although it reads like a per-user check. Its negation is never true, so the statement never applies. Likewise, the authentication method of guests is always "unauthenticated" and of signed-in users "authenticated": a role that tests for the other one never matches.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
    messages: {
      alwaysTrue: '{{operator}} compares {{key}} with its own value ${{{key}}}: always true for every caller, so it restricts nothing',
      neverTrue: '{{operator}} compares {{key}} with its own value ${{{key}}}: never true, so this statement never applies',
      otherAuthentication: '{{key}} is always "{{actual}}" for {{who}}: the condition never holds, so this statement never applies to them',
    },
  },
  check({ policy, kind, report }) {
    for (const statement of policy.statements) {
      for (const condition of statement.conditions) {
        const key = condition.key.value;
        const operator = condition.operator.value;
        const own = condition.values.find((v) => v.value.replace(/\s/g, '').toLowerCase() === `\${${key.toLowerCase()}}`);
        if (own && MATCHING.test(operator)) report({ messageId: 'alwaysTrue', data: { operator, key }, range: own.range });
        else if (own && NOT_MATCHING.test(operator)) report({ messageId: 'neverTrue', data: { operator, key }, range: own.range });
        const actual = kind === 'unauth-role' ? 'unauthenticated' : kind === 'auth-role' ? 'authenticated' : undefined;
        const tested = condition.values.map((v) => v.value.toLowerCase());
        if (
          actual &&
          key.toLowerCase() === AMR &&
          MATCHING.test(operator) &&
          !/IfExists$/i.test(operator) &&
          tested.every((v) => v !== actual && !v.includes('*'))
        )
          report({
            messageId: 'otherAuthentication',
            data: { key, actual, who: kind === 'unauth-role' ? 'guests' : 'signed-in users' },
            range: condition.key.range,
          });
      }
    }
  },
});
export default rule;
