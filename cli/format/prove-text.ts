import { proveTotals, type ProveReport } from './reports';

/** Each scenario's properties with verdict, position and time, counterexamples and reasons, then totals. */
export function formatProveText(report: ProveReport): string {
  const lines: string[] = [];
  for (const result of report.scenarios) {
    lines.push(`${result.file} — ${result.name}`);
    for (const p of result.properties) {
      const label = p.name ? `"${p.name}"` : p.title;
      lines.push(`  ${p.verdict.toUpperCase().padEnd(7)} ${p.range.start.line}:${p.range.start.column} ${p.kind} ${label} (${p.elapsedMs} ms)`);
      if (p.name) lines.push(`          ${p.title}`);
      if (p.counterexample) {
        lines.push(`          counterexample: ${p.counterexample.summary}`);
        for (const check of p.counterexample.checks)
          lines.push(`            ALLOW ${check.action} on ${check.resource} for ${check.identity}: ${check.decidedBy.join('; ')}`);
      }
      for (const reason of p.reasons) lines.push(`          why unknown: ${reason}`);
      // A flow property meets the same approximation from both ends: say each note once.
      for (const note of new Set(p.notes)) lines.push(`          note: ${note}`);
    }
  }
  const s = proveTotals(report.scenarios);
  lines.push('', `${s.properties} propert${s.properties === 1 ? 'y' : 'ies'}: ${s.proved} proved, ${s.refuted} refuted, ${s.unknown} unknown`);
  return lines.join('\n');
}
