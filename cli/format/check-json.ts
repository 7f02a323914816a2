import type { CheckReport, Finding, SourceRange } from '../../analyzer';

const position = (range: SourceRange) => ({
  start: { line: range.start.line, column: range.start.column },
  end: { line: range.end.line, column: range.end.column },
});

function findingJson(finding: Finding) {
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

/** Stable JSON for scripts: 1-based lines and columns. */
export function formatCheckJson(report: CheckReport): string {
  return JSON.stringify(
    {
      findings: report.findings.map(findingJson),
      files: report.files,
      notes: report.notes,
      scenarios: report.scenarios.map((s) => ({ file: s.file, name: s.name, pass: s.pass, summary: s.summary })),
      summary: {
        files: report.files.length,
        errors: report.findings.filter((f) => f.severity === 'error').length,
        warnings: report.findings.filter((f) => f.severity === 'warning').length,
        infos: report.findings.filter((f) => f.severity === 'info').length,
      },
    },
    null,
    2,
  );
}
