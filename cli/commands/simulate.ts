import { parseArgs } from 'node:util';
import { classifyJson, formatLocation, loadScenario, runScenario, type ScenarioResult } from '../../analyzer';
import { displayPath, nodeFileHost } from '../node-host';
import { formatScenarioText } from '../format/scenario-text';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../usage-error';
import type { Io } from '../io';
import { openConfig, reportFormat } from '../options';
import { tryReadBounded } from '../read-bounded';

export const SIMULATE_HELP = `usage: iot-policy-lens simulate <scenario.json>... [--format text|json] [--explain] [--config FILE]

Runs publish/subscribe scenarios and checks their expectations.
  --format text|json  output format (default text); with one file, JSON is that scenario's result object
  --explain           in text output, explain every step (default: failed steps only)
  --config            the config file whose "parameters" the templates a scenario names are read with
                      (default: the nearest iot-policy-lens.config.json above the working folder)
exit codes: 0 every expectation holds, 1 an expectation fails, 2 invalid input or config`;

export function simulateCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'text' }, explain: { type: 'boolean', default: false }, config: { type: 'string' } },
    allowPositionals: true,
  });
  reportFormat(values.format, ['text', 'json']);
  if (positionals.length === 0) throw new UsageError('simulate needs at least one scenario file');
  const opened = openConfig(values.config, io);
  if (!opened) return EXIT_USAGE;
  const results: ScenarioResult[] = [];
  let invalid = false;
  for (const argument of positionals) {
    const file = displayPath(argument);
    const read = tryReadBounded(file, 'scenario');
    if ('error' in read) {
      io.error(read.error);
      invalid = true;
      continue;
    }
    if (classifyJson(read.text, file) === 'policy') {
      io.error(`${file}: this is a policy, not a scenario — use "iot-policy-lens check ${file}" to check it`);
      invalid = true;
      continue;
    }
    const { scenario, problems } = loadScenario(read.text, file, nodeFileHost, opened.config);
    for (const problem of problems) io.error(`${formatLocation(problem.range)}: ${problem.severity}: ${problem.message}`);
    if (!scenario) {
      invalid = true;
      continue;
    }
    results.push(
      runScenario(
        scenario,
        problems.filter((p) => p.severity === 'warning'),
      ),
    );
  }
  if (invalid) return EXIT_USAGE;
  if (values.format === 'json') io.out(JSON.stringify(results.length === 1 ? results[0] : { scenarios: results }, null, 2));
  else io.out(results.map((r) => formatScenarioText(r, values.explain ?? false)).join('\n\n'));
  return results.every((r) => r.pass) ? EXIT_OK : EXIT_FINDINGS;
}
