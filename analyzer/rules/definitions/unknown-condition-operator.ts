import { OPERATOR_NAMES, parseOperator } from '../../conditions/operators';
import { closestMatch } from '../../catalog/suggest';
import { replaceString } from '../helpers';
import { defineRule } from '../rule';

// Only spellings AWS accepts (Null has no IfExists form), so a suggestion is always a valid operator.
const QUALIFIED = OPERATOR_NAMES.flatMap((name) => [name, `${name}IfExists`, `ForAnyValue:${name}`, `ForAllValues:${name}`]).filter((name) =>
  parseOperator(name),
);

const rule = defineRule({
  meta: {
    id: 'unknown-condition-operator',
    title: 'Unknown condition operator',
    family: 'conditions',
    severity: 'error',
    kinds: 'any',
    rationale:
      'Operator names are fixed and case-sensitive (StringLike, not Stringlike). AWS rejects unknown operators; we never let a condition with one grant access.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
    fixable: true,
    messages: {
      ifExistsNotAllowed: '"{{operator}}" is not an operator: {{base}} cannot take IfExists (it already tests whether the key exists); use "{{base}}"',
      unknown: 'unknown condition operator "{{operator}}"',
      unknownWithSuggestion: 'unknown condition operator "{{operator}}"; did you mean "{{suggestion}}"?',
    },
  },
  check({ policy, report }) {
    const seen = new Set<number>();
    for (const statement of policy.statements) {
      for (const condition of statement.conditions) {
        const { operator } = condition;
        if (seen.has(operator.range.offset) || parseOperator(operator.value)) continue;
        seen.add(operator.range.offset);
        // NullIfExists: Null already tests whether the key exists and takes no IfExists (Access Analyzer: NULL_WITH_IF_EXISTS).
        const withoutIfExists = operator.value.endsWith('IfExists') ? operator.value.slice(0, -'IfExists'.length) : undefined;
        const noIfExists = withoutIfExists !== undefined && parseOperator(withoutIfExists) ? withoutIfExists : undefined;
        const suggestion = noIfExists ?? closestMatch(operator.value, QUALIFIED);
        report({
          ...(noIfExists
            ? { messageId: 'ifExistsNotAllowed', data: { operator: operator.value, base: noIfExists } }
            : suggestion
              ? { messageId: 'unknownWithSuggestion', data: { operator: operator.value, suggestion } }
              : { messageId: 'unknown', data: { operator: operator.value } }),
          range: operator.range,
          fix: suggestion ? { title: `Change to "${suggestion}"`, edits: [replaceString(operator, suggestion)] } : undefined,
        });
      }
    }
  },
});
export default rule;
