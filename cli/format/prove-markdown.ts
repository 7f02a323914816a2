import { formatLocation } from '../../analyzer';
import type { PropertyResult } from '../../analyzer/prove';
import { boundedDocument, clip, code, details, list, plural, ruleLink, text } from './markdown';
import { heading, type MarkdownOptions } from './markdown-report';
import { proveTotals, type ProveReport } from './reports';

function label(p: PropertyResult): string {
  return `**${text(p.name ?? p.title)}** (${p.kind}, ${code(formatLocation(p.range))})`;
}

function refuted(p: PropertyResult): string {
  const checks = p.counterexample!.checks.map(
    (c) => `ALLOW ${code(c.action)} on ${code(c.resource)} for ${text(c.identity)}: ${text(clip(c.decidedBy.join('; ')))}`,
  );
  return [`${label(p)} — counterexample: ${text(p.counterexample!.summary)}`, ...checks.map((c) => `  - ${c}`)].join('\n');
}

/** `prove` for a pull request: outcome and counts, refuted properties with counterexamples, unknown ones with reasons, proved ones collapsed. */
export function formatProveMarkdown(report: ProveReport, options: MarkdownOptions & { outcome: 'passed' | 'failed' }): string {
  const all = report.scenarios.flatMap((s) => s.properties);
  const s = proveTotals(report.scenarios);
  const blocks = [
    heading('prove', options.outcome),
    `${plural(s.properties, 'property', 'properties')} in ${plural(report.scenarios.length, 'scenario')}: ${s.proved} proved, ${s.refuted} refuted, ${s.unknown} unknown${s.unknown > 0 && report.gate.allowUnknown ? ' (unknown accepted by --allow-unknown)' : ''}${s.properties === 0 ? ' — nothing proved is not a proof' : ''}.`,
  ];
  const byVerdict = (verdict: PropertyResult['verdict']) => all.filter((p) => p.verdict === verdict);
  if (s.refuted > 0)
    blocks.push(`#### Refuted properties (${s.refuted}) ${ruleLink('property-refuted', options.ruleDocs)}`, list(byVerdict('refuted').map(refuted)));
  if (s.unknown > 0)
    blocks.push(
      `#### Properties not decided (${s.unknown}) ${ruleLink('property-unknown', options.ruleDocs)}`,
      list(byVerdict('unknown').map((p) => `${label(p)} — why unknown: ${text(clip(p.reasons.join('; ')))}`)),
    );
  if (s.proved > 0) blocks.push(details(`Proved properties (${s.proved})`, list(byVerdict('proved').map(label))));
  return boundedDocument(blocks);
}
