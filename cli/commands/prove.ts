import { parseArgs } from 'node:util';
import { formatLocation, type ResolvedConfig } from '../../analyzer';
import { loadProvableScenario, propertyFindings, proveScenario } from '../../analyzer/prove';
import { formatProveJson } from '../format/prove-json';
import { formatProveMarkdown } from '../format/prove-markdown';
import { formatProveText } from '../format/prove-text';
import type { ProvedScenario, ProveReport } from '../format/reports';
import { formatSarif } from '../format/sarif';
import type { Io } from '../io';
import { openConfig, REPORT_FORMATS, reportFormat, ruleDocsBase, type ReportFormat } from '../options';
import { nodeFileHost } from '../node-host';
import { discoverFiles } from '../project-files';
import { tryReadBounded } from '../read-bounded';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../usage-error';

export const PROVE_HELP = `usage: iot-policy-lens prove <scenario.json or folder>... [--format text|json|sarif|markdown] [--allow-unknown] [--config FILE]

Proves the "properties" of scenario files over every identity and every topic, filter and resource the
policies can match (isolation, no-access, no-flow). Each property is PROVED, REFUTED with a concrete
counterexample (identity ID, client ID, topic or filter) that the evaluator confirms as an allow, or
UNKNOWN (the prover cannot decide it; the reason is printed). Folders are searched for scenarios with
properties.
  --format         text (default), json, sarif (SARIF 2.1.0, for GitHub code scanning), or markdown (a
                   report for a pull-request comment or $GITHUB_STEP_SUMMARY)
  --rule-docs      with markdown: the URL rule pages are linked under (<URL><rule id>.md; default
                   docs/rules of the project on GitHub)
  --allow-unknown  exit 0 when nothing is refuted, even if some property is unknown or there is none
                   to prove (the summary says so)
  --config         the config file (default: the nearest iot-policy-lens.config.json above the working
                   folder): its globs for the folder search, its "parameters" for the templates scenarios name
exit codes: 0 every property proved, 1 a property refuted (or unknown, or none at all, without --allow-unknown),
            2 usage errors, unreadable files, invalid scenarios or config (printed as file:line:col: message)`;

/**
 * Scenario files among the arguments, found by the same project discovery as `check`: files as given,
 * folders searched for scenarios that have properties.
 */
function scenarioFiles(args: readonly string[], config: ResolvedConfig, configDir: string, io: Io): string[] {
  const discovery = discoverFiles(args, config, configDir);
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
    options: {
      format: { type: 'string', default: 'text' },
      'rule-docs': { type: 'string' },
      'allow-unknown': { type: 'boolean', default: false },
      config: { type: 'string' },
    },
    allowPositionals: true,
  });
  const format = reportFormat(values.format, REPORT_FORMATS);
  const ruleDocs = ruleDocsBase(values['rule-docs']);
  if (positionals.length === 0) throw new UsageError('prove needs at least one scenario file or folder');
  const opened = openConfig(values.config, io);
  if (!opened) return EXIT_USAGE;
  const { config, configDir } = opened;
  const files = scenarioFiles(positionals, config, configDir, io);
  if (files.length === 0) throw new UsageError(`no scenario with "properties" found in ${positionals.join(', ')}`);
  const results: ProvedScenario[] = [];
  let invalid = false;
  for (const file of files) {
    const read = tryReadBounded(file, 'scenario');
    if ('error' in read) {
      io.error(read.error);
      invalid = true;
      continue;
    }
    const loaded = loadProvableScenario(read.text, file, nodeFileHost, config);
    for (const problem of loaded.problems) io.error(`${formatLocation(problem.range)}: ${problem.severity}: ${problem.message}`);
    if (!loaded.scenario || loaded.problems.some((p) => p.severity === 'error')) {
      invalid = true;
      continue;
    }
    if (!loaded.propertiesRange) io.error(`${file}: warning: the scenario has no "properties" to prove`);
    results.push({ file, name: loaded.scenario.name, properties: proveScenario(loaded.scenario, loaded.properties) });
  }
  if (invalid) return EXIT_USAGE;
  const allowUnknown = values['allow-unknown'] ?? false;
  const all = results.flatMap((r) => r.properties);
  const report: ProveReport = { scenarios: results, findings: propertyFindings(all, { allowUnknown }), gate: { allowUnknown } };
  // Nothing proved is not a proof: no property at all counts as undecided, like an unknown one.
  const undecided = all.filter((p) => p.verdict === 'unknown').length + (all.length === 0 ? 1 : 0);
  const fails = all.some((p) => p.verdict === 'refuted') || (undecided > 0 && !allowUnknown);
  const presenters: Record<ReportFormat, () => string> = {
    text: () => formatProveText(report),
    json: () => formatProveJson(report),
    sarif: () => formatSarif(report.findings),
    markdown: () => formatProveMarkdown(report, { ruleDocs, outcome: fails ? 'failed' : 'passed' }),
  };
  io.out(presenters[format]());
  if (undecided > 0) {
    const what = all.length === 0 ? 'no property was proved (there is none)' : `${undecided} propert${undecided === 1 ? 'y' : 'ies'} unknown`;
    io.error(allowUnknown ? `${what}: accepted because of --allow-unknown` : `FAILED: ${what} (pass --allow-unknown to accept what cannot be decided)`);
  }
  return fails ? EXIT_FINDINGS : EXIT_OK;
}
