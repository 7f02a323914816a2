import type { GrammarProblemCode } from '../policy/model';
import type { SourceRange } from '../source/range';
import type { Fix, Rule, RuleMeta } from './rule';

/** A rule that reports the parser's grammar problems of some codes (the parser already placed them exactly). */
export function grammarRule(
  meta: Omit<RuleMeta, 'family' | 'kinds'>,
  codes: readonly GrammarProblemCode[],
  fixFor?: (range: SourceRange, text: string) => Fix | undefined,
): Rule {
  return {
    meta: { ...meta, family: 'syntax', kinds: 'any' },
    check({ policy, report }) {
      for (const problem of policy.problems) {
        if (!codes.includes(problem.code)) continue;
        report({ message: problem.message, range: problem.range, fix: fixFor?.(problem.range, policy.text) });
      }
    },
  };
}
