import { patternCovers } from '../../match/containment';
import type { ParsedStatement } from '../../policy/model';
import { isAllow, isDeny, statementLabel } from '../helpers';
import type { Rule } from '../rule';

function covers(deny: ParsedStatement, allow: ParsedStatement): boolean {
  const denyActions = deny.actions!.values.map((a) => a.value.toLowerCase());
  const denyResources = deny.resources!.values.map((r) => r.value);
  return (
    allow.actions!.values.every((a) => denyActions.some((d) => patternCovers(d, a.value.toLowerCase()))) &&
    allow.resources!.values.every((r) => denyResources.some((d) => patternCovers(d, r.value)))
  );
}

const usable = (s: ParsedStatement) => s.wellFormed && !!s.actions && !!s.resources && !s.actions.negated && !s.resources.negated;

const rule: Rule = {
  meta: {
    id: 'allow-shadowed-by-deny',
    title: 'Allow that a Deny always overrides',
    family: 'redundancy',
    severity: 'warning',
    kinds: 'any',
    rationale: 'An explicit Deny wins over every Allow. An Allow whose actions and resources all fall under an unconditional Deny never grants anything: either the Allow is dead code or the Deny is broader than intended.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  },
  check({ policy, report }) {
    const denies = policy.statements.filter((s) => isDeny(s) && usable(s) && s.conditions.length === 0);
    for (const allow of policy.statements) {
      if (!isAllow(allow) || !usable(allow)) continue;
      const deny = denies.find((d) => covers(d, allow));
      if (!deny) continue;
      report({
        message: `${statementLabel(allow)} never grants anything: ${statementLabel(deny)} denies all of its actions on all of its resources`,
        range: allow.effect!.range,
        related: [{ message: 'the Deny that overrides it', range: deny.range }],
      });
    }
  },
};
export default rule;
