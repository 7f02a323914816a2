import type { AccessSummary, AppSummary, ClassSummary } from '../../analyzer/summary';
import { classHeading, flowClientIdWords, grantQualifiers, noAccessWords, noFlows, undecidedFlowWords } from './summary-words';

/** The summary for a terminal: per app, per class, each action it may use and on what. */
export function formatSummaryText(summary: AccessSummary): string {
  return summary.apps.map(appText).join('\n\n');
}

function appText(app: AppSummary): string {
  const lines = [`${app.name} (${app.origin})`];
  for (const note of app.notes) lines.push(`  note: ${note}`);
  for (const cls of app.classes) lines.push('', ...classText(cls));
  lines.push('', '  who can reach whom:');
  if (noFlows(app)) lines.push('    no message from one identity reaches a different one');
  for (const flow of app.undecidedFlows) lines.push(`    UNKNOWN: ${undecidedFlowWords(flow)}`);
  for (const flow of app.flows) {
    const example = `e.g. ${flow.example.topic}${flow.example.filter !== undefined ? ` via the filter ${flow.example.filter}` : ''}${flowClientIdWords(flow)}`;
    lines.push(
      `    ${flow.from} → ${flow.to}: ${flow.pattern} (${flow.via}; ${example}${flow.status === 'confirmed' ? '' : `; ${flow.status.toUpperCase()}`})`,
    );
  }
  return lines.join('\n');
}

function classText(cls: ClassSummary): string[] {
  const lines = [`  ${classHeading(cls)}`];
  for (const unknown of cls.unknowns) lines.push(`    UNKNOWN: ${unknown} — it may be granted more than listed`);
  for (const note of cls.notes) lines.push(`    note: ${note}`);
  lines.push(`    client ID: ${cls.clientId}`);
  const none: string[] = [];
  for (const action of cls.actions) {
    if (action.undecided) lines.push(`    ${action.action}: UNKNOWN (${action.undecided})`);
    else if (action.grants.length === 0) none.push(action.action);
    for (const grant of action.grants) {
      const qualifiers = grantQualifiers(grant);
      lines.push(`    ${action.action.padEnd(22)} ${grant.pattern}${qualifiers.length > 0 ? `  [${qualifiers.join('; ')}]` : ''}`);
      lines.push(`    ${''.padEnd(22)} e.g. ${grant.example.resource}`);
    }
  }
  if (none.length > 0) lines.push(`    ${noAccessWords(cls)}: ${none.join(', ')}`);
  for (const other of cls.otherActions) {
    const qualifiers = [
      ...(other.except.length > 0 ? [`Denies in ${other.except.join(', ')}`] : []),
      ...(other.conditions.length > 0 ? [`if ${other.conditions.join(' and ')}`] : []),
    ];
    const status = other.status === 'confirmed' ? '' : ` ${other.status.toUpperCase()}`;
    lines.push(`    also ${other.actions.join(', ')} on ${other.resources.join(', ')}${qualifiers.length > 0 ? `  [${qualifiers.join('; ')}]` : ''}${status}`);
  }
  return lines;
}
