import type { ParsedStatement } from '../../policy/model';
import { statementLabel } from '../helpers';
import { defineRule } from '../rule';

/** What a statement means, independent of order, Sid and action case. */
function meaning(statement: ParsedStatement): string {
  const sorted = (values: string[]) => [...new Set(values)].sort();
  return JSON.stringify([
    statement.effect?.value,
    statement.actions?.negated,
    sorted((statement.actions?.values ?? []).map((a) => a.value.toLowerCase())),
    statement.resources?.negated,
    sorted((statement.resources?.values ?? []).map((r) => r.value)),
    sorted(statement.conditions.map((c) => JSON.stringify([c.operator.value, c.key.value.toLowerCase(), sorted(c.values.map((v) => v.value))]))),
  ]);
}

/** What two statements with one meaning have in common, cheap to find: the full meaning is worked out only when outlines meet. */
function outline(statement: ParsedStatement): string {
  let smallest: string | undefined;
  for (const { value } of statement.resources?.values ?? []) if (smallest === undefined || value < smallest) smallest = value;
  return `${statement.effect?.value}|${statement.actions?.negated}|${statement.resources?.negated}|${smallest}`;
}

const rule = defineRule({
  meta: {
    id: 'duplicate-statement',
    title: 'Statement repeats another',
    family: 'redundancy',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'Two statements with the same effect, actions, resources and conditions are one permission written twice; the copy costs characters against the 2,048-character IoT policy quota and drifts when only one is edited.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html',
    messages: {
      repeats: '{{statement}} repeats {{first}}',
    },
  },
  check({ policy, report }) {
    const seen = new Map<string, ParsedStatement>();
    // Statements whose meaning is not worked out yet, by outline: most policies have no two with one outline.
    const pending = new Map<string, ParsedStatement[]>();
    for (const statement of policy.statements) {
      if (!statement.wellFormed) continue;
      const shape = outline(statement);
      const earlier = pending.get(shape);
      if (!earlier) {
        pending.set(shape, [statement]);
        continue;
      }
      for (const other of earlier.splice(0)) {
        const otherMeaning = meaning(other);
        if (!seen.has(otherMeaning)) seen.set(otherMeaning, other);
      }
      const key = meaning(statement);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, statement);
        continue;
      }
      report({
        messageId: 'repeats',
        data: { statement: statementLabel(statement), first: statementLabel(first) },
        range: statement.sid?.range ?? statement.effect!.range,
        related: [{ message: 'the first statement', range: first.range }],
      });
    }
  },
});
export default rule;
