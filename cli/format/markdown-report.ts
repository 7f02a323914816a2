/**
 * Pieces every command's Markdown report shares, built on ./markdown.ts (a new report, e.g. `summary`,
 * uses them the same way):
 * - `heading(title, outcome)`: "### IoT Policy Lens: <title> — **<outcome>**", the first line of each report
 *   (scripts/action.sh writes its own "not compared" lines in the same form). `title` is Markdown: put user
 *   text in it through `code()` or `text()`; `outcome` is the tool's own words.
 * - `severityLine(findings)`: "3 errors, 1 warning, 2 infos".
 * - `findingsSection(findings, ruleDocs)`: the findings by rule (linked to its page) and every finding in a
 *   collapsed table; empty when there are none.
 */
import { formatLocation, type Finding } from '../../analyzer';
import { clip, code, details, plural, ruleLink, table, text } from './markdown';
import { severityCounts } from './finding-json';

/** Options every Markdown report takes. */
export interface MarkdownOptions {
  /** Where rule pages are linked (--rule-docs). */
  ruleDocs: string;
}

/** The first line of every report: the tool, the command and the outcome in bold. */
export function heading(title: string, outcome: string): string {
  return `### IoT Policy Lens: ${title} — **${outcome}**`;
}

/** "3 errors, 1 warning, 2 infos": the findings by severity, as every report's counts line says them. */
export function severityLine(findings: readonly Finding[]): string {
  const { errors, warnings, infos } = severityCounts(findings);
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}`;
}

/** Findings by rule (linked to its page) with their count, then every finding in a collapsed table. */
export function findingsSection(findings: readonly Finding[], ruleDocs: string): string {
  if (findings.length === 0) return '';
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
  const counts = table(
    ['rule', 'severity', 'findings'],
    [...byRule].map(([id, found]) => [ruleLink(id, ruleDocs), [...new Set(found.map((f) => f.severity))].join(', '), String(found.length)]),
  );
  const rows = findings.map((f) => [code(formatLocation(f.range), true), f.severity, ruleLink(f.ruleId, ruleDocs), text(clip(f.message))]);
  return [counts, details(`Every finding (${findings.length})`, table(['where', 'severity', 'rule', 'message'], rows))].join('\n\n');
}
