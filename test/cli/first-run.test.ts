import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT, runCli } from './run-cli';

describe('npm start: the first run (scripts/first-run.js)', function () {
  this.timeout(120_000);

  it('gives each sample a header, says broken-app is broken on purpose with one line per kind of mistake, and ends with a summary', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'first-run.js')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout;
    const headers = out.split('\n').filter((line) => line.startsWith('━━ '));
    assert.deepEqual(
      headers.map((h) => h.split(' — ')[0]),
      ['━━ samples/per-user-app', '━━ samples/broken-app', '━━ summary'],
    );
    assert.match(headers[1], /broken on purpose/);

    // One line per rule the CLI reports for broken-app (scenario failures are summed up on their own line).
    const report = JSON.parse(runCli(['check', 'samples/broken-app', '--fail-on', 'none', '--format', 'json']).stdout) as {
      findings: Array<{ ruleId: string }>;
    };
    const rules = [...new Set(report.findings.map((f) => f.ruleId).filter((id) => id !== 'scenario-expectation-failed'))].sort();
    const broken = out.slice(out.indexOf(headers[1]), out.indexOf(headers[2]));
    const classLines = broken.split('\n').filter((line) => /^ {4}(error|warning|info) /.test(line));
    assert.deepEqual(classLines.map((line) => line.trim().split(/\s+/)[1]).sort(), rules);
    assert.match(broken, /0\/6 expectations hold, 6 failed/);

    assert.ok(
      out
        .trimEnd()
        .split('\n')
        .slice(-4)
        .join('\n')
        .match(
          /samples\/per-user-app: 0 findings; "per-user namespaces": 19\/19 expectations hold\n {2}samples\/broken-app: \d+ findings; .*\(broken on purpose\)\n\nNext: /,
        ),
      out.slice(-600),
    );
  });
});
