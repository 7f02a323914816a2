import { parseArgs } from 'node:util';
import { checkProject, formatLocation, projectFilesOf, READ_FORMATS, SEVERITIES, type Finding } from '../../analyzer';
import { formatCheckJson } from '../format/check-json';
import { formatCheckMarkdown } from '../format/check-markdown';
import { formatCheckText } from '../format/check-text';
import { formatSarif } from '../format/sarif';
import type { Io } from '../io';
import { projectFileHost } from '../node-host';
import { openConfig, policyKind, REPORT_FORMATS, reportFormat, ruleDocsBase, type ReportFormat } from '../options';
import { discoverFiles } from '../project-files';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../usage-error';

export const CHECK_HELP = `usage: iot-policy-lens check [paths or globs…] [--kind iot|auth-role|unauth-role] [--config FILE]
                            [--format text|json|sarif|markdown] [--fail-on error|warning|info|none]

Checks IoT and IAM policies and runs the scenarios found (default: the current folder).
  --kind       the kind of every policy checked (otherwise from the config's globs or the scenarios)
  --config     the config file (default: the nearest iot-policy-lens.config.json above the working folder)
  --format     text (default), json, sarif (SARIF 2.1.0, for GitHub code scanning), or markdown (a
               report for a pull-request comment or $GITHUB_STEP_SUMMARY)
  --rule-docs  with markdown: the URL rule pages are linked under (<URL><rule id>.md; default docs/rules
               of the project on GitHub)
  --fail-on    the lowest severity that makes the exit code 1 (default error; none never fails)
exit codes: 0 nothing at or above --fail-on, 1 findings at or above it or a failed scenario expectation
            (whatever its configured severity; --fail-on none never fails), 2 usage errors, unreadable paths,
            a named file it cannot read as any format, nothing to check, an invalid config, a scenario that
            cannot be run, a template that does not parse or one over the limits for hostile input (whatever --fail-on says)`;

export const FAIL_ON = [...SEVERITIES, 'none'] as const;

export function checkCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    options: {
      kind: { type: 'string' },
      config: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'rule-docs': { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
    },
    allowPositionals: true,
  });
  const kind = policyKind(values.kind);
  const format = reportFormat(values.format, REPORT_FORMATS);
  const ruleDocs = ruleDocsBase(values['rule-docs']);
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number];
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);

  const opened = openConfig(values.config, io);
  if (!opened) return EXIT_USAGE;
  const { config, configDir } = opened;
  const discovery = discoverFiles(positionals, config, configDir);
  for (const note of discovery.notes) io.error(`${note.path}: ${note.message}`);
  const files = projectFilesOf(discovery.files);
  // Nothing to check is a failure (a gate that looked at nothing has not passed) unless the config allows it.
  const nothingToCheck = (what: string) => {
    io.error(`nothing to check: ${what}; this tool reads ${READ_FORMATS}${config.config.allowEmpty ? ' (allowed by the config\'s "allowEmpty")' : ''}`);
    return config.config.allowEmpty && !discovery.notes.some((n) => n.fatal) ? EXIT_OK : EXIT_USAGE;
  };
  if (files.length === 0)
    return nothingToCheck(
      `${discovery.looked} file${discovery.looked === 1 ? '' : 's'} looked at in ${positionals.length > 0 ? positionals.join(', ') : '.'}, none of them a policy, scenario or template`,
    );
  const report = checkProject(files, { config, kind, host: projectFileHost(configDir) });
  // Templates with findings (a policy that is not JSON, a file that does not parse) are reported, never "nothing to check".
  if (report.files.length === 0 && report.findings.length === 0 && report.unread.length === 0)
    return nothingToCheck(`the templates found (${files.map((f) => f.path).join(', ')}) hold no IoT or IAM policy`);

  // A file the user named that could not be read as anything was not checked: the run cannot pass. A
  // scenario that could not be loaded, or a template that could not be read, checked nothing: that is
  // never a pass, whatever --fail-on says.
  const ran = new Set(report.scenarios.map((s) => s.file));
  const notRun = report.files.filter((f) => f.role === 'scenario' && !ran.has(f.path));
  const incomplete = discovery.notes.some((n) => n.fatal) || notRun.length > 0 || report.unread.length > 0;
  const failed = failsCheck(report.findings, failOn);
  const presenters: Record<ReportFormat, () => string> = {
    text: () => formatCheckText(report),
    json: () => formatCheckJson(report),
    sarif: () => formatSarif(report.findings),
    markdown: () => formatCheckMarkdown(report, { ruleDocs, failOn, outcome: incomplete ? 'could not check everything' : failed ? 'failed' : 'passed' }),
  };
  io.out(presenters[format]());
  for (const file of notRun) io.error(`${file.path}: invalid scenario: not run (exit code 2)`);
  for (const { range, problem } of report.unread) io.error(`${formatLocation(range)}: ${problem}; nothing in this file was checked (exit code 2)`);
  if (incomplete) return EXIT_USAGE;
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Whether findings make the run fail: any at or above --fail-on, and any failed scenario expectation
 * whatever severity the config gives it (only --fail-on none, or turning the rule off, lets those pass).
 */
export function failsCheck(findings: readonly Finding[], failOn: (typeof FAIL_ON)[number]): boolean {
  if (failOn === 'none') return false;
  const threshold = SEVERITIES.indexOf(failOn);
  return findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold || f.ruleId === 'scenario-expectation-failed');
}
