import { formatLocation, SEVERITIES, type CheckReport } from '../../analyzer';

/** Compiler-style lines (`file:line:col severity ruleId message`), then scenario and totals summaries. */
export function formatCheckText(report: CheckReport): string {
  const lines = report.findings.map((f) => `${formatLocation(f.range)} ${f.severity} ${f.ruleId} ${f.message}${f.fix ? ` (fix: ${f.fix.title})` : ''}`);
  if (lines.length > 0) lines.push('');
  for (const scenario of report.scenarios) {
    const { passed, failed, steps } = scenario.summary;
    lines.push(`scenario ${scenario.file} — ${scenario.name}: ${passed}/${steps} expectations hold${failed ? `, ${failed} failed` : ''}`);
  }
  const counts = SEVERITIES.map((severity) => {
    const count = report.findings.filter((f) => f.severity === severity).length;
    return `${count} ${severity}${count === 1 || severity === 'info' ? '' : 's'}`;
  });
  for (const note of report.notes) lines.push(`note: ${note}`);
  const policies = report.files.filter((f) => f.role === 'policy');
  const untyped = policies.filter((f) => !f.kind).length;
  lines.push(
    `${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} and ${report.scenarios.length} scenario${report.scenarios.length === 1 ? '' : 's'} checked: ${counts.join(', ')}`,
  );
  if (untyped > 0)
    lines.push(
      `${untyped} polic${untyped === 1 ? 'y has' : 'ies have'} no kind (set it with --kind, the config's "kinds" or a scenario): only kind-neutral rules ran on ${untyped === 1 ? 'it' : 'them'}`,
    );
  return lines.join('\n');
}
