import { describeActions, type AccessDelta } from '../../analyzer/prove';
import { diffTotals, gateUnknownLine, undecidedCount, type DiffReport } from './reports';

function deltaLines(sign: '+' | '-', delta: AccessDelta): string[] {
  const verb = sign === '+' ? 'now allows' : 'no longer allows';
  const lines: string[] = [];
  for (const pattern of delta.patterns) {
    lines.push(
      `    ${sign} ${verb} ${pattern.pattern}${pattern.whole ? '' : ' (in part)'} — ${pattern.statement}${pattern.example ? `, e.g. ${pattern.example}` : ''}`,
    );
  }
  if (delta.patterns.length === 0) lines.push(`    ${sign} ${verb} resources such as ${delta.examples[0].resource}`);
  for (const example of delta.examples) {
    const vars = Object.entries(example.variables).map(([k, v]) => `\${${k}} = ${v}`);
    lines.push(
      `      example: ${example.resource}${vars.length > 0 ? ` with ${vars.join(', ')}` : ''}${example.confirmed ? ' (confirmed by the evaluator)' : ` (not confirmed: depends on ${delta.uncertainBecause ? 'variable values' : 'conditions'})`}`,
    );
  }
  if (!delta.certain) lines.push(`      ${delta.uncertainBecause ?? 'only under some conditions: the statements involved have conditions'}`);
  for (const except of delta.except)
    lines.push(
      `      except what ${except.effect === 'Deny' ? 'is denied by' : sign === '+' ? 'was already allowed by' : 'is still allowed by'} ${except.pattern} — ${except.statement}`,
    );
  return lines;
}

/** Each file's changes per action group (+ granted, - removed, with patterns, examples and exceptions), then totals and the gate's word. */
export function formatDiffText(report: DiffReport): string {
  const lines: string[] = [];
  for (const result of report.files) {
    const { diff } = result;
    const title = result.old && result.new ? `${result.old} → ${result.new}` : result.new ? `${result.new} (new)` : `${result.old} (deleted)`;
    lines.push(`${title} [${diff.kind}: ${diff.identityType} identities]`);
    if (diff.changes.length === 0 && diff.undecided.length === 0) lines.push('  no change in access');
    for (const change of diff.changes) {
      lines.push(`  ${describeActions(change)}`);
      if (change.granted) lines.push(...deltaLines('+', change.granted));
      if (change.removed) lines.push(...deltaLines('-', change.removed));
    }
    for (const group of diff.undecided) lines.push(`  ${group}: too large to compare`);
  }
  const s = diffTotals(report.files);
  lines.push(
    '',
    `${s.files} file${s.files === 1 ? '' : 's'} compared: ${s.granted} action group${s.granted === 1 ? '' : 's'} with new access, ${s.removed} with access removed`,
  );
  if (report.gate && undecidedCount(report.undecided) > 0) lines.push(gateUnknownLine(report.undecided, report.gate.allowUnknown));
  return lines.join('\n');
}
