import type { GrammarProblemCode } from '../policy/model';
import type { SourceRange } from '../source/range';
import { defineRule, type Fix, type Rule, type RuleMeta } from './rule';

/**
 * A rule that reports the parser's grammar problems of some codes (the parser already placed and worded
 * them exactly): the problem code is the message id, the parser's text its only data.
 */
export function grammarRule<Code extends GrammarProblemCode>(
  meta: Omit<RuleMeta, 'family' | 'kinds' | 'messages'>,
  codes: readonly Code[],
  fixFor?: (range: SourceRange, text: string) => Fix | undefined,
): Rule {
  const messages = Object.fromEntries(codes.map((code) => [code, '{{problem}}'])) as Record<Code, string>;
  return defineRule<Code>({
    meta: { ...meta, family: 'syntax', kinds: 'any', messages },
    check({ policy, report }) {
      for (const problem of policy.problems) {
        if (!(codes as readonly GrammarProblemCode[]).includes(problem.code)) continue;
        report({ messageId: problem.code as Code, data: { problem: problem.message }, range: problem.range, fix: fixFor?.(problem.range, policy.text) });
      }
    },
  });
}
