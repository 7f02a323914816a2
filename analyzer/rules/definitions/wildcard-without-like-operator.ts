import { parseOperator } from '../../conditions/operators';
import { replaceString } from '../helpers';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'wildcard-without-like-operator',
    title: 'Wildcard in a value compared with an exact operator',
    family: 'conditions',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'StringEquals compares literally: "arn:aws:iot:*" in a StringEquals condition matches only a value that is literally that text. Use StringLike for * and ? patterns.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String',
    fixable: true,
    messages: {
      literalComparison: '"{{value}}" has a wildcard, but {{operator}} compares literally; use {{like}}',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      for (const condition of statement.conditions) {
        const operator = parseOperator(condition.operator.value);
        if (!operator || operator.spec.type !== 'string' || operator.spec.wildcards) continue;
        const value = condition.values.find((v) => /[*?]/.test(v.value.replace(/\$\{[^}]*\}/g, '')));
        if (!value) continue;
        const like = condition.operator.value.replace(/String(Not)?Equals(IgnoreCase)?/, (_m, not: string | undefined) => `String${not ?? ''}Like`);
        // Renaming the operator must not repeat one already in this Condition block (AWS rejects duplicate keys).
        const taken = statement.conditions.some((c) => c.operator.value === like && c.operator.range.offset !== condition.operator.range.offset);
        const fixable = !condition.operator.value.includes('IgnoreCase') && !taken;
        report({
          messageId: 'literalComparison',
          data: { value: value.value, operator: condition.operator.value, like },
          range: value.range,
          fix: fixable ? { title: `Change the operator to ${like}`, edits: [replaceString(condition.operator, like)] } : undefined,
        });
      }
    }
  },
});
export default rule;
