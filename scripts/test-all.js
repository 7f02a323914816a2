#!/usr/bin/env node
// `npm test`: runs every suite — unit (mocha), browser (playground in Chromium), extension host (code-server)
// — each to the end even when an earlier one failed, then reports every failure and the totals as
// "tests: N passed, N failed, N skipped". Exit 0 only when every suite ran and passed; with CI=true a suite
// that cannot run fails (each suite's own launcher enforces that, and no tests counted is a failure too).
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const reporter = path.join(__dirname, 'lib', 'mocha-stats-reporter.js');
const isCI = process.env.CI === 'true';

const suites = [
  // Lint and format are checks, not tests: they pass or fail and count no tests.
  { name: 'lint', checks: true, args: [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'] },
  {
    name: 'format',
    checks: true,
    args: [path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '--log-level', 'warn', '**/*.{ts,js}'],
  },
  { name: 'unit', args: [mocha, '--reporter', reporter, '--exclude', 'dist/test/browser/**'] },
  {
    name: 'browser',
    args: [mocha, '--no-config', '--enable-source-maps', '--reporter', reporter, '--timeout', '120000', '--spec', 'dist/test/browser/*.test.js'],
  },
  { name: 'extension host', args: [path.join(__dirname, 'test-extension.js')] },
];
const only = process.argv.slice(2);
const unknown = only.filter((n) => !suites.some((s) => s.name === n));
if (unknown.length) {
  console.error(`test-all: unknown suite ${unknown.join(', ')} (suites: ${suites.map((s) => s.name).join(', ')})`);
  process.exit(2);
}

function run(suite) {
  const statsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lens-test-')), 'stats.json');
  console.log(`\n== ${suite.name}${suite.checks ? '' : ' tests'}`);
  const child = cp.spawnSync(process.execPath, suite.args, { cwd: root, stdio: 'inherit', env: { ...process.env, LENS_TEST_STATS: statsFile } });
  let stats;
  try {
    stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  } catch {
    stats = undefined;
  }
  fs.rmSync(path.dirname(statsFile), { recursive: true, force: true });
  const code = child.status ?? 1;
  const passes = stats?.passes ?? 0;
  const failures = stats?.failures ?? 0;
  const skipped = stats ? (stats.pending ?? stats.tests - passes - failures) : 0;
  let problem;
  if (suite.checks)
    return {
      name: suite.name,
      passes: 0,
      failures: 0,
      skipped: 0,
      ran: true,
      checks: true,
      problem: child.error ? `could not start: ${child.error.message}` : code !== 0 ? `exit ${code}` : undefined,
    };
  if (child.error) problem = `could not start: ${child.error.message}`;
  else if (code !== 0) problem = `exit ${code}${child.signal ? ` (${child.signal})` : ''}${failures ? `, ${failures} failed` : ''}`;
  else if (!stats && isCI) problem = 'reported no result (CI=true: a suite may not skip)';
  else if (stats && passes === 0 && isCI) problem = 'ran no test (CI=true: a suite may not skip)';
  else if (stats && skipped > 0 && isCI) problem = `${skipped} skipped (CI=true: no test may skip)`;
  return { name: suite.name, passes, failures, skipped, ran: !!stats, problem };
}

const results = suites.filter((s) => only.length === 0 || only.includes(s.name)).map(run);
console.log('\n== summary');
for (const r of results) {
  const counts = r.checks
    ? r.problem
      ? 'problems (see above)'
      : 'clean'
    : r.ran
      ? `${r.passes} passed, ${r.failures} failed, ${r.skipped} skipped`
      : 'skipped (see above)';
  console.log(`${r.problem ? 'FAIL' : 'ok  '} ${r.name}: ${counts}${r.problem ? ` — ${r.problem}` : ''}`);
}
const sum = (count) => results.reduce((total, r) => total + count(r), 0);
// A suite that failed without a failing test (it crashed, timed out or could not run) counts as one failure.
const failedCount = sum((r) => r.failures || (r.problem ? 1 : 0));
console.log(`tests: ${sum((r) => r.passes)} passed, ${failedCount} failed, ${sum((r) => r.skipped)} skipped`);
process.exit(results.some((r) => r.problem) ? 1 : 0);
