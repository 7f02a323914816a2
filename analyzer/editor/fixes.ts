import type { Finding, Fix } from '../rules/rule';

export interface OffsetSpan {
  offset: number;
  length: number;
}

export type FixableFinding = Finding & { fix: Fix };

/**
 * The findings with a fix that touch the span. Both must come from the same version of the text: a fix's
 * offsets are only valid in the text it was computed on, so editors ask again after an edit, never convert.
 */
export function fixesAt(findings: readonly Finding[], span: OffsetSpan): FixableFinding[] {
  return findings.filter(
    (f): f is FixableFinding => f.fix !== undefined && f.range.offset <= span.offset + span.length && span.offset <= f.range.offset + f.range.length,
  );
}
