import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatLocation, type SourceRange } from '../../analyzer';
import { loadProvableScenario, proveScenario, type PropertyResult } from '../../analyzer/prove';
import { artifactLocation, region, sarifLog, sarifRuleName } from '../format/sarif';
import type { Io } from '../io';
import { reportFormat } from '../options';
import { nodeFileHost } from '../node-host';
import { discoverFiles, findConfigFile, loadConfig } from '../project-files';
import { tryReadBounded } from '../read-bounded';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../usage-error';

export const PROVE_HELP = `usage: iot-policy-lens prove <scenario.json or folder>... [--format text|json|sarif] [--allow-unknown]

Proves the "properties" of scenario files over every identity and every topic, filter and resource the
policies can match (isolation, no-access, no-flow). Each property is PROVED, REFUTED with a concrete
counterexample (identity ID, client ID, topic or filter) that the evaluator confirms as an allow, or
UNKNOWN (the prover cannot decide it; the reason is printed). Folders are searched for scenarios with
properties.
  --format         text (default), json, or sarif (SARIF 2.1.0, for GitHub code scanning)
  --allow-unknown  exit 0 when nothing is refuted, even if some property is unknown or there is none
                   to prove (the summary says so)
exit codes: 0 every property proved, 1 a property refuted (or unknown, or none at all, without --allow-unknown),
            2 usage errors, unreadable files or invalid scenarios (printed as file:line:col: message)`;

interface FileResult {
  file: string;
  name: string;
  properties: PropertyResult[];
}

/**
 * Scenario files among the arguments, found by the same project discovery as `check`: files as given,
 * folders searched for scenarios that have properties.
 */
function scenarioFiles(args: readonly string[], io: Io): string[] {
  const configFile = findConfigFile(undefined);
  const discovery = discoverFiles(args, loadConfig(configFile).config, configFile ? path.dirname(configFile) : process.cwd());
  for (const note of discovery.notes) io.error(`${note.path}: ${note.message}`);
  return discovery.files.filter((f) => f.explicit || (f.format === 'scenario' && hasProperties(f.text))).map((f) => f.shown);
}

function hasProperties(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && 'properties' in parsed;
  } catch {
    // A broken scenario is reported by loading it, like any other.
    return true;
  }
}

export function proveCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'text' }, 'allow-unknown': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  reportFormat(values.format);
  if (positionals.length === 0) throw new UsageError('prove needs at least one scenario file or folder');
  const files = scenarioFiles(positionals, io);
  if (files.length === 0) throw new UsageError(`no scenario with "properties" found in ${positionals.join(', ')}`);
  const results: FileResult[] = [];
  let invalid = false;
  for (const file of files) {
    const read = tryReadBounded(file, 'scenario');
    if ('error' in read) {
      io.error(read.error);
      invalid = true;
      continue;
    }
    const loaded = loadProvableScenario(read.text, file, nodeFileHost);
    for (const problem of loaded.problems) io.error(`${formatLocation(problem.range)}: ${problem.severity}: ${problem.message}`);
    if (!loaded.scenario || loaded.problems.some((p) => p.severity === 'error')) {
      invalid = true;
      continue;
    }
    if (!loaded.propertiesRange) io.error(`${file}: warning: the scenario has no "properties" to prove`);
    results.push({ file, name: loaded.scenario.name, properties: proveScenario(loaded.scenario, loaded.properties) });
  }
  if (invalid) return EXIT_USAGE;
  if (values.format === 'json') io.out(formatProveJson(results));
  else if (values.format === 'sarif') io.out(formatProveSarif(results));
  else io.out(formatProveText(results));
  const all = results.flatMap((r) => r.properties);
  // Nothing proved is not a proof: no property at all counts as undecided, like an unknown one.
  const undecided = all.filter((p) => p.verdict === 'unknown').length + (all.length === 0 ? 1 : 0);
  const allowUnknown = values['allow-unknown'] ?? false;
  if (undecided > 0) {
    const what = all.length === 0 ? 'no property was proved (there is none)' : `${undecided} propert${undecided === 1 ? 'y' : 'ies'} unknown`;
    io.error(allowUnknown ? `${what}: accepted because of --allow-unknown` : `FAILED: ${what} (pass --allow-unknown to accept what cannot be decided)`);
  }
  const fails = all.some((p) => p.verdict === 'refuted') || (undecided > 0 && !allowUnknown);
  return fails ? EXIT_FINDINGS : EXIT_OK;
}

function summary(results: readonly FileResult[]) {
  const all = results.flatMap((r) => r.properties);
  return {
    properties: all.length,
    proved: all.filter((p) => p.verdict === 'proved').length,
    refuted: all.filter((p) => p.verdict === 'refuted').length,
    unknown: all.filter((p) => p.verdict === 'unknown').length,
  };
}

export function formatProveText(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
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
  const s = summary(results);
  lines.push('', `${s.properties} propert${s.properties === 1 ? 'y' : 'ies'}: ${s.proved} proved, ${s.refuted} refuted, ${s.unknown} unknown`);
  return lines.join('\n');
}

const position = (range: SourceRange) => ({
  start: { line: range.start.line, column: range.start.column },
  end: { line: range.end.line, column: range.end.column },
});

/** Stable JSON for scripts: one entry per scenario, one per property, 1-based positions. */
export function formatProveJson(results: readonly FileResult[]): string {
  return JSON.stringify(
    {
      scenarios: results.map((r) => ({
        file: r.file,
        name: r.name,
        properties: r.properties.map((p) => ({
          index: p.index,
          ...(p.name !== undefined && { name: p.name }),
          kind: p.kind,
          title: p.title,
          verdict: p.verdict,
          range: position(p.range),
          ...(p.counterexample && { counterexample: p.counterexample }),
          reasons: p.reasons,
          notes: p.notes,
          elapsedMs: p.elapsedMs,
        })),
      })),
      summary: summary(results),
    },
    null,
    2,
  );
}

const RULES = [
  {
    id: 'property-refuted',
    text: 'A proof property is refuted',
    help: 'The policies allow what the property rules out; the result carries a counterexample the evaluator confirms.',
    level: 'error' as const,
  },
  {
    id: 'property-unknown',
    text: 'A proof property could not be decided',
    help: 'The prover could neither prove the property nor confirm a counterexample (conditions, unknown variable values, or patterns outside its model).',
    level: 'warning' as const,
  },
];

/** SARIF 2.1.0: one result per refuted or unknown property, at the property in the scenario file. */
export function formatProveSarif(results: readonly FileResult[]): string {
  const sarifResults = results.flatMap((r) =>
    r.properties
      .filter((p) => p.verdict !== 'proved')
      .map((p) => {
        const rule = p.verdict === 'refuted' ? 0 : 1;
        const message = p.verdict === 'refuted' ? `${p.title}: refuted — ${p.counterexample!.summary}` : `${p.title}: unknown — ${p.reasons.join('; ')}`;
        return {
          ruleId: RULES[rule].id,
          ruleIndex: rule,
          level: RULES[rule].level,
          message: { text: message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(p.range.file),
                region: region(p.range),
              },
            },
          ],
          ...(p.counterexample && { properties: { counterexample: p.counterexample } }),
        };
      }),
  );
  return sarifLog(
    RULES.map((rule) => ({
      id: rule.id,
      name: sarifRuleName(rule.id),
      shortDescription: { text: rule.text },
      fullDescription: { text: rule.help },
      defaultConfiguration: { level: rule.level },
    })),
    sarifResults,
  );
}
