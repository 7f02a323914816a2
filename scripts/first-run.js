#!/usr/bin/env node
// `npm start`: a first look at the samples, one section each, ending with a summary. Every figure comes from
// the CLI itself (`check --format json`, `simulate`), so what this prints is what the tool says.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin', 'iot-policy-lens.js');
const { RULES, PROJECT_RULES } = require('../dist/analyzer');

const SAMPLES = [
  { dir: 'samples/per-user-app', intent: 'a correct per-identity setup: each signed-in user owns users/<identity ID>/…' },
  { dir: 'samples/broken-app', intent: 'broken on purpose: the same intent, written with the mistakes teams make', broken: true },
];
const TITLES = new Map([...RULES.map((r) => r.meta), ...PROJECT_RULES].map((meta) => [meta.id, meta.title]));
const EXPECTATION_FAILED = 'scenario-expectation-failed';

function cli(args) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) {
    process.stderr.write(`iot-policy-lens ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
    process.exit(result.status ?? 2);
  }
  return result.stdout;
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const SEVERITY_ORDER = ['error', 'warning', 'info'];
const where = (finding) => `${path.relative(finding.sampleDir, finding.file)}:${finding.range.start.line}:${finding.range.start.column}`;

/** One line per rule that fired: its most severe finding's severity, how often, what it means, where it fired first. */
function mistakeClasses(findings) {
  const byRule = new Map();
  for (const finding of findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
  const width = Math.max(...[...byRule.keys()].map((id) => id.length));
  return [...byRule.entries()].map(([ruleId, list]) => {
    const severity = SEVERITY_ORDER.find((s) => list.some((f) => f.severity === s));
    return `    ${severity.padEnd(7)} ${ruleId.padEnd(width)} ×${list.length}  ${TITLES.get(ruleId) ?? ''} (first at ${where(list[0])})`;
  });
}

const lines = [];
const summary = [];
for (const sample of SAMPLES) {
  const report = JSON.parse(cli(['check', sample.dir, '--fail-on', 'none', '--format', 'json']));
  const findings = report.findings.map((f) => ({ ...f, sampleDir: sample.dir }));
  const lint = findings.filter((f) => f.ruleId !== EXPECTATION_FAILED);
  const policies = report.files.filter((f) => f.role === 'policy').length;
  const scenarios = report.scenarios.map(
    (s) => `"${s.name}": ${s.summary.passed}/${s.summary.steps} expectations hold${s.summary.failed ? `, ${s.summary.failed} failed` : ''}`,
  );
  lines.push(`━━ ${sample.dir} — ${sample.intent}`, '');
  lines.push(
    `  check: ${plural(policies, 'policy', 'policies')}, ${plural(lint.length, 'finding')}${lint.length ? `, of ${plural(new Set(lint.map((f) => f.ruleId)).size, 'kind')}:` : ''}`,
  );
  lines.push(...mistakeClasses(lint));
  lines.push(`  scenario ${scenarios.join('; ')}`);
  if (sample.broken) {
    lines.push(
      `  Each failed expectation is a leak or a lock-out these mistakes cause: iot-policy-lens simulate ${sample.dir}/scenario.json --explain says why.`,
    );
  } else {
    lines.push(
      '',
      ...cli(['simulate', `${sample.dir}/scenario.json`])
        .trimEnd()
        .split('\n')
        .map((line) => `  ${line}`),
    );
  }
  lines.push('');
  summary.push(`  ${sample.dir}: ${plural(lint.length, 'finding')}; ${scenarios.join('; ')}${sample.broken ? ' (broken on purpose)' : ''}`);
}
lines.push(
  '━━ summary',
  ...summary,
  '',
  'Next: iot-policy-lens check <your policies> · simulate <scenario.json> --explain · prove <scenario.json> (iot-policy-lens --help)',
);
process.stdout.write(`${lines.join('\n')}\n`);
