import { OPERATOR_NAMES, parseOperator } from '../../conditions/operators';
import { closestMatch } from '../../catalog/suggest';
import { replaceString } from '../helpers';
import type { Rule } from '../rule';

const QUALIFIED = OPERATOR_NAMES.flatMap((name) => [name, `${name}IfExists`, `ForAnyValue:${name}`, `ForAllValues:${name}`]);

const rule: Rule = {
  meta: {
    id: 'unknown-condition-operator',
    title: 'Unknown condition operator',
    family: 'conditions',
    severity: 'error',
    kinds: 'any',
    rationale: 'Operator names are fixed and case-sensitive (StringLike, not Stringlike). AWS rejects unknown operators; we never let a condition with one grant access.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
    fixable: true,
  },
  check({ policy, report }) {
    const seen = new Set<number>();
    for (const statement of policy.statements) {
      for (const condition of statement.conditions) {
        const { operator } = condition;
        if (seen.has(operator.range.offset) || parseOperator(operator.value)) continue;
        seen.add(operator.range.offset);
        const suggestion = closestMatch(operator.value, QUALIFIED);
        report({
          message: `unknown condition operator "${operator.value}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          range: operator.range,
          fix: suggestion ? { title: `Change to "${suggestion}"`, edits: [replaceString(operator, suggestion)] } : undefined,
        });
      }
    }
  },
};
export default rule;
