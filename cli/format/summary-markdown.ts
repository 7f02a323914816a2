import type { AccessSummary, AppSummary, ClassSummary } from '../../analyzer/summary';
import { boundedDocument, code as codeSpan, table, text as words } from './markdown';
import { classHeading, flowClientIdWords, grantQualifiers, noAccessWords, noFlows, undecidedFlowWords } from './summary-words';

/**
 * The summary as Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: one table per identity
 * class, then the flows. Policy text is shown inert (code spans, escaped words): a Sid or pattern must
 * never render as a link or an image.
 */
export function formatSummaryMarkdown(summary: AccessSummary): string {
  return boundedDocument(['## Access summary', ...summary.apps.map((app) => appMarkdown(app).join('\n'))]);
}

/** Table cells: code spans escape `|` for tables. */
const code = (plain: string) => codeSpan(plain, true);

function appMarkdown(app: AppSummary): string[] {
  const lines = [`### ${words(app.name)}`, ''];
  for (const note of app.notes) lines.push(`- ${words(note)}`);
  if (app.notes.length > 0) lines.push('');
  for (const cls of app.classes) lines.push(...classMarkdown(cls));
  lines.push('**Who can reach whom**', '');
  if (noFlows(app)) lines.push('No message from one identity reaches a different one.', '');
  for (const flow of app.undecidedFlows) lines.push(`- ⚠ **Unknown:** ${words(undecidedFlowWords(flow))}`);
  if (app.undecidedFlows.length > 0) lines.push('');
  if (app.flows.length > 0) {
    const rows = app.flows.map((flow) => {
      const example = `${code(flow.example.topic)}${flow.example.filter !== undefined ? ` via ${code(flow.example.filter)}` : ''}${words(flowClientIdWords(flow))}${flow.status === 'confirmed' ? '' : ` ⚠ ${flow.status}`}`;
      return [words(flow.from), words(flow.to), code(flow.pattern), words(flow.via), example];
    });
    lines.push(table(['From', 'To', 'Topics', 'How', 'Example'], rows), '');
  }
  return lines;
}

function classMarkdown(cls: ClassSummary): string[] {
  const lines = [`#### ${words(classHeading(cls))}`, ''];
  for (const unknown of cls.unknowns) lines.push(`- ⚠ **Unknown:** ${words(unknown)} — it may be granted more than listed`);
  for (const note of cls.notes) lines.push(`- ${words(note)}`);
  lines.push(`- Client ID: ${words(cls.clientId)}`, '');
  const rows: string[][] = [];
  const none: string[] = [];
  for (const action of cls.actions) {
    if (action.undecided) rows.push([code(action.action), '⚠ unknown', words(action.undecided), '']);
    else if (action.grants.length === 0) none.push(action.action);
    for (const grant of action.grants) {
      const mark = grant.status === 'confirmed' ? '' : '⚠ ';
      rows.push([code(action.action), code(grant.pattern), `${mark}${words(grantQualifiers(grant).join('; '))}`, code(grant.example.resource)]);
    }
  }
  for (const other of cls.otherActions) {
    const notes = [...(other.conditions.length > 0 ? [`if ${other.conditions.join(' and ')}`] : []), ...(other.status === 'confirmed' ? [] : [other.status])];
    rows.push([other.actions.map(code).join(', '), other.resources.map(code).join(', '), words(notes.join('; ')), code(other.example.action)]);
  }
  lines.push(table(['Action', 'Resources', 'Notes', 'Example request'], rows), '');
  if (none.length > 0) lines.push(`${words(noAccessWords(cls))}: ${none.map((a) => code(a)).join(', ')}`, '');
  return lines;
}
