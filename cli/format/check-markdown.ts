import { formatLocation, type CheckReport } from '../../analyzer';
import { boundedDocument, clip, code, list, plural, ruleLink, table, text } from './markdown';
import { findingsSection, heading, severityLine, type MarkdownOptions } from './markdown-report';

export interface CheckMarkdownOptions extends MarkdownOptions {
  failOn: string;
  /** The run's outcome as the exit code says it. */
  outcome: 'passed' | 'failed' | 'could not check everything';
}

/** `check` for a pull request: outcome and counts, failed expectations, findings by rule, every finding collapsed. */
export function formatCheckMarkdown(report: CheckReport, options: CheckMarkdownOptions): string {
  const policies = report.files.filter((f) => f.role === 'policy');
  const failed = report.findings.filter((f) => f.ruleId === 'scenario-expectation-failed');
  const untyped = policies.filter((f) => !f.kind).length;
  const blocks = [
    heading(`check (fail-on ${options.failOn})`, options.outcome),
    `${plural(policies.length, 'policy', 'policies')} and ${plural(report.scenarios.length, 'scenario')} checked: ${severityLine(report.findings)}.`,
  ];
  if (report.scenarios.length > 0)
    blocks.push(
      table(
        ['scenario', 'expectations', 'failed'],
        report.scenarios.map((s) => [`${code(s.file, true)} ${text(s.name)}`, `${s.summary.passed}/${s.summary.steps} hold`, String(s.summary.failed)]),
      ),
    );
  if (failed.length > 0)
    blocks.push(
      `#### Failed expectations (${failed.length}) ${ruleLink('scenario-expectation-failed', options.ruleDocs)}`,
      list(failed.map((f) => `${code(formatLocation(f.range))} ${text(clip(f.message))}`)),
    );
  const findings = findingsSection(report.findings, options.ruleDocs);
  if (findings) blocks.push('#### Findings', findings);
  const notes = [...report.notes];
  if (untyped > 0)
    notes.push(
      `${plural(untyped, 'policy has', 'policies have')} no kind (set it with --kind, the config's "kinds" or a scenario): only kind-neutral rules ran`,
    );
  if (notes.length > 0) blocks.push(list(notes.map((note) => `note: ${text(note)}`)));
  return boundedDocument(blocks);
}
