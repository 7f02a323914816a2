import { patternCovers } from '../../match/containment';
import type { ParsedStatement } from '../../policy/model';
import { isAllow, isDeny, statementLabel } from '../helpers';
import { defineRule } from '../rule';

/** Pattern comparisons one policy may cost: statements compare pairwise, and a 1 MiB policy has thousands. */
export const COMPARISON_BUDGET = 2_000_000;

interface DenyPatterns {
  statement: ParsedStatement;
  actions: string[];
  resources: string[];
}

/** Whether the Deny covers the Allow; `spend` counts the comparisons and says false once the budget is gone. */
function covers(deny: DenyPatterns, allow: ParsedStatement, spend: () => boolean): boolean {
  const compare = (general: string, specific: string) => spend() && patternCovers(general, specific);
  return (
    allow.actions!.values.every((a) => deny.actions.some((d) => compare(d, a.value.toLowerCase()))) &&
    allow.resources!.values.every((r) => deny.resources.some((d) => compare(d, r.value)))
  );
}

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
      .map((statement) => ({
        statement,
        actions: statement.actions!.values.map((a) => a.value.toLowerCase()),
        resources: statement.resources!.values.map((r) => r.value),
      }));
    let left = COMPARISON_BUDGET;
    const spend = () => left-- > 0;
    for (const allow of policy.statements) {
      if (!isAllow(allow) || !usable(allow)) continue;
      const deny = denies.find((d) => covers(d, allow, spend));
      if (left < 0) {
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
