import { parseArgs } from 'node:util';
import { checkProject, formatLocation, projectFilesOf, READ_FORMATS } from '../../analyzer';
import { summarizeApps, unsettled } from '../../analyzer/summary';
import { formatSummaryJson } from '../format/summary-json';
import { formatSummaryMarkdown } from '../format/summary-markdown';
import { formatSummaryText } from '../format/summary-text';
import type { Io } from '../io';
import { projectFileHost } from '../node-host';
import { openConfig, policyKind, reportFormat } from '../options';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../usage-error';
import { discoverFiles } from '../project-files';

export const SUMMARY_HELP = `usage: iot-policy-lens summary [paths or globs…] [--app NAME] [--kind iot|auth-role|unauth-role] [--config FILE]
                              [--format text|json|markdown] [--fail-on-unknown]

What each identity class of the app can do — guests, signed-in users, each role a role mapping gives:
the client IDs it connects with, the topics and filters it may publish, subscribe and receive on (its own
identity ID shown as <own identity ID>), shadows, retained messages and jobs, other actions its role
grants, and which class's messages reach which. Computed over every identity and resource, each grant
confirmed by the evaluator with an example request. Apps come from the templates, scenarios and the
config's kinds found in the paths (default: the current folder), as for check. See docs/summary.md.
  --app              only the apps whose name contains NAME (e.g. a template's path or its pool)
  --kind             the kind of every policy read (otherwise from the config's globs or the scenarios)
  --config           the config file (default: the nearest iot-policy-lens.config.json above the working folder)
  --format           text (default), json, or markdown (for a pull-request comment)
  --fail-on-unknown  exit 1 when some access is not settled: a class whose policies the files do not
                     fully give, a grant allowed only under some readings or conditions, one the evaluator
                     did not confirm, or a part too large to decide (all are printed as such either way)
exit codes: 0 summarised, 1 with --fail-on-unknown and something unsettled, 2 usage errors, unreadable
            paths, a scenario that cannot be loaded, a template that does not parse or is over the limits for
            hostile input, or no app (no role or IoT policy) in the paths`;

export function summaryCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    options: {
      app: { type: 'string' },
      kind: { type: 'string' },
      config: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'fail-on-unknown': { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const kind = policyKind(values.kind);
  const format = reportFormat(values.format, ['text', 'json', 'markdown']);
  const opened = openConfig(values.config, io);
  if (!opened) return EXIT_USAGE;
  const { config, configDir } = opened;
  const discovery = discoverFiles(positionals, config, configDir);
  for (const note of discovery.notes) io.error(`${note.path}: ${note.message}`);
  if (discovery.notes.some((n) => n.fatal)) return EXIT_USAGE;
  // The summary prints no findings: no rule runs for it.
  const report = checkProject(projectFilesOf(discovery.files), { config, kind, host: projectFileHost(configDir), rules: false });
  // A scenario that could not be loaded is an app left out: the summary would be missing what it grants.
  const loaded = new Set(report.scenarios.map((s) => s.file));
  const notLoaded = report.files.filter((f) => f.role === 'scenario' && !loaded.has(f.path));
  for (const file of notLoaded) io.error(`${file.path}: invalid scenario: cannot be summarised (run check for the problems; exit code 2)`);
  if (notLoaded.length > 0) return EXIT_USAGE;
  // A template that could not be read is an app (or part of one) left out: the summary would be missing what it grants.
  for (const { range, problem } of report.unread) io.error(`${formatLocation(range)}: ${problem}; this file cannot be summarised (exit code 2)`);
  if (report.unread.length > 0) return EXIT_USAGE;
  const apps = report.apps.filter((app) => values.app === undefined || app.name.includes(values.app));
  if (apps.length === 0) {
    const where = positionals.length > 0 ? positionals.join(', ') : '.';
    if (values.app !== undefined && report.apps.length > 0)
      throw new UsageError(`no app named like "${values.app}"; the apps are: ${report.apps.map((a) => a.name).join(', ')}`);
    io.error(`nothing to summarise: no identity pool, scenario or policy with a kind in ${where}; this tool reads ${READ_FORMATS}`);
    return EXIT_USAGE;
  }
  const summary = summarizeApps(apps);
  if (format === 'json') io.out(formatSummaryJson(summary));
  else if (format === 'markdown') io.out(formatSummaryMarkdown(summary));
  else io.out(formatSummaryText(summary));
  const open = summary.apps.flatMap(unsettled);
  if (open.length > 0 && values['fail-on-unknown']) {
    io.error(`FAILED: ${open.length} part${open.length === 1 ? '' : 's'} of the access not settled (--fail-on-unknown):`);
    for (const what of open) io.error(`  ${what}`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
