import { describeActions, type AccessChange, type AccessDelta, type FileAccessDiff } from '../../analyzer/prove';
import type { IdentityType } from '../../analyzer';
import { boundedDocument, clip, code, details, list, plural, ruleLink, table, text } from './markdown';
import { heading, type MarkdownOptions } from './markdown-report';
import { diffTotals, gateUnknownLine, undecidedCount, type DiffReport } from './reports';

/** Who an identity type is, in a reviewer's words. */
const CLASS: Record<IdentityType, string> = {
  authenticated: 'signed-in users (authenticated identities)',
  unauthenticated: 'guests (unauthenticated identities)',
};

interface Row {
  file: FileAccessDiff;
  change: AccessChange;
  delta: AccessDelta;
}

function deltaRow({ file, change, delta }: Row): string[] {
  const example = delta.examples[0];
  const patterns = delta.patterns.map((p) => `${code(p.pattern, true)}${p.whole ? '' : ' (in part)'}`).join('<br>') || code(example.resource, true);
  const certainty = delta.certain ? '' : ` — ${text(clip(delta.uncertainBecause ?? 'only under some conditions'))}`;
  const where = [...new Set(delta.patterns.map((p) => p.statement))].map((s) => text(clip(s))).join('<br>') || code(file.location, true);
  return [code(describeActions(change), true), patterns, `${code(example.resource, true)}${certainty}`, where];
}

function rows(files: readonly FileAccessDiff[], side: 'granted' | 'removed'): Row[] {
  return files.flatMap((file) => file.diff.changes.flatMap((change) => (change[side] ? [{ file, change, delta: change[side] }] : [])));
}

/** What the change does, as facts (whether that fails a gate is the exit code's and the gate line's to say). */
function outcome(report: DiffReport, granted: number): string {
  if (granted > 0) return 'new access';
  return undecidedCount(report.undecided) > 0 ? 'not decided' : 'no new access';
}

/**
 * `diff` for a pull request: outcome and counts, the new access by identity class (actions, the Resource
 * entries granting it, an example, the statements), what could not be decided, removed access collapsed.
 */
export function formatDiffMarkdown(report: DiffReport, options: MarkdownOptions): string {
  const totals = diffTotals(report.files);
  const granted = rows(report.files, 'granted');
  const removed = rows(report.files, 'removed');
  const headers = ['actions', 'resources', 'for example', 'granted by'];
  const blocks = [
    heading(report.base !== undefined ? `diff against ${code(report.base)}` : 'diff', outcome(report, granted.length)),
    `${plural(totals.files, 'file')} compared: ${plural(totals.granted, 'action group')} with new access, ${totals.removed} with access removed.`,
  ];
  for (const type of Object.keys(CLASS) as IdentityType[]) {
    const forClass = granted.filter((r) => r.change.identityType === type);
    if (forClass.length > 0)
      blocks.push(`#### New access for ${CLASS[type]} ${ruleLink('new-access', options.ruleDocs)}`, table(headers, forClass.map(deltaRow)));
  }
  const undecided = [
    ...report.undecided.tooLarge.map((group) => `${text(group)}: too large to compare`),
    ...report.undecided.skipped.map((file) => `${code(file)}: skipped, its kind is unknown (pass --kind or set the config's "kinds")`),
    ...(report.undecided.nothingCompared ? ['no file was compared'] : []),
  ];
  if (undecided.length > 0) {
    blocks.push(`#### Not decided ${ruleLink('undecided-access', options.ruleDocs)}`, list(undecided));
    if (report.gate) blocks.push(text(gateUnknownLine(report.undecided, report.gate.allowUnknown)));
  }
  if (removed.length > 0)
    blocks.push(details(`Access removed (${removed.length})`, table(['actions', 'resources', 'for example', 'no longer granted by'], removed.map(deltaRow))));
  const files = report.files.map((f) => (f.old && f.new ? `${code(f.old)} → ${code(f.new)}` : f.new ? `${code(f.new)} (new)` : `${code(f.old!)} (deleted)`));
  if (files.length > 0) blocks.push(details(`Files compared (${files.length})`, list(files)));
  return boundedDocument(blocks);
}
