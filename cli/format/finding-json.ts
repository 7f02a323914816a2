import type { Finding, SourceRange } from '../../analyzer';

/** A range as scripts read it: 1-based lines and columns, no offsets. */
export const position = (range: Pick<SourceRange, 'start' | 'end'>) => ({
  start: { line: range.start.line, column: range.start.column },
  end: { line: range.end.line, column: range.end.column },
});

/** One finding in every command's JSON (`findings`): the same shape whatever produced it. */
export function findingJson(finding: Finding) {
  return {
    file: finding.range.file,
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    severity: finding.severity,
    message: finding.message,
    range: position(finding.range),
    ...(finding.fix && { fix: { title: finding.fix.title, edits: finding.fix.edits.map((e) => ({ range: position(e.range), newText: e.newText })) } }),
    ...(finding.related && { related: finding.related.map((r) => ({ message: r.message, file: r.range.file, range: position(r.range) })) }),
  };
}

/** Findings counted by severity, as every command's JSON and Markdown summaries say them. */
export function severityCounts(findings: readonly Finding[]) {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}
