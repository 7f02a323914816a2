import { patternCovers } from '../../match/containment';
import type { ParsedStatement } from '../../policy/model';
import { isAllow, isDeny, statementLabel } from '../helpers';
import { defineRule } from '../rule';

/** Pattern comparisons one policy may cost: statements compare pairwise, and a 1 MiB policy has thousands. */
export const COMPARISON_BUDGET = 2_000_000;

/** A statement's actions (lower case) and resources, as the comparisons read them. */
interface Patterns {
  actions: string[];
  resources: string[];
}

interface DenyPatterns extends Patterns {
  statement: ParsedStatement;
}

/** Whether the Deny covers the Allow; `budget` counts the comparisons, and once it is spent none covers. */
function covers(deny: Patterns, allow: Patterns, budget: { left: number }): boolean {
  return everyCovered(deny.actions, allow.actions, budget) && everyCovered(deny.resources, allow.resources, budget);
}

/** Whether each specific pattern is covered by one of the general ones (loops, not callbacks: every pair of statements runs it). */
function everyCovered(general: readonly string[], specifics: readonly string[], budget: { left: number }): boolean {
  for (const specific of specifics) {
    let covered = false;
    for (const pattern of general) {
      if (budget.left-- > 0 && patternCovers(pattern, specific)) {
        covered = true;
        break;
      }
    }
    if (!covered) return false;
  }
  return true;
}

const patternsOf = (s: ParsedStatement): Patterns => ({
  actions: s.actions!.values.map((a) => a.value.toLowerCase()),
  resources: s.resources!.values.map((r) => r.value),
});

const usable = (s: ParsedStatement) => s.wellFormed && !!s.actions && !!s.resources && !s.actions.negated && !s.resources.negated;

const rule = defineRule({
  meta: {
    id: 'allow-shadowed-by-deny',
    title: 'Allow that a Deny always overrides',
    family: 'redundancy',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'An explicit Deny wins over every Allow. An Allow whose actions and resources all fall under an unconditional Deny never grants anything: either the Allow is dead code or the Deny is broader than intended.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    messages: {
      budgetExceeded: '{{statement}} and the Allows after it were not checked for shadowing: the policy needs more than {{budget}} pattern comparisons',
      shadowed: '{{statement}} never grants anything: {{deny}} denies all of its actions on all of its resources',
    },
  },
  check({ policy, report }) {
    const denies: DenyPatterns[] = policy.statements
      .filter((s) => isDeny(s) && usable(s) && s.conditions.length === 0)
      .map((statement) => ({ statement, ...patternsOf(statement) }));
    if (denies.length === 0) return;
    const budget = { left: COMPARISON_BUDGET };
    for (const allow of policy.statements) {
      if (!isAllow(allow) || !usable(allow)) continue;
      const patterns = patternsOf(allow);
      const deny = denies.find((d) => covers(d, patterns, budget));
      if (budget.left < 0) {
        // Said, not skipped silently: the remaining Allows were not compared.
        report({
          messageId: 'budgetExceeded',
          data: { statement: statementLabel(allow), budget: COMPARISON_BUDGET },
          range: allow.effect!.range,
          severity: 'info',
        });
        return;
      }
      if (!deny) continue;
      report({
        messageId: 'shadowed',
        data: { statement: statementLabel(allow), deny: statementLabel(deny.statement) },
        range: allow.effect!.range,
        related: [{ message: 'the Deny that overrides it', range: deny.statement.range }],
      });
    }
  },
});
export default rule;
