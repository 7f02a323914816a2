import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMeasuredCli, tempProject, type MeasuredResult } from './run-cli';

const ARN = 'arn:aws:iot:us-east-1:123456789012';
/** Generous: far above what any of these inputs needs once bounded, far below what they took unbounded. */
const MAX_RSS_KB = 1.5 * 1024 * 1024;

const policy = (statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (resource: string) => ({ Effect: 'Allow', Action: 'iot:Publish', Resource: resource });

/** The run ended with this exit code and message, normally (no crash, no stack trace), within the memory bound. */
function assertClean(result: MeasuredResult, status: number, message: RegExp): void {
  assert.equal(result.status, status, result.stderr);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /internal error|\n\s+at |heap out of memory|Maximum call stack/);
  assert.ok(result.usage, 'the child exited normally and reported its resource usage');
  assert.ok(result.usage.maxRssKb < MAX_RSS_KB, `peak memory ${result.usage.maxRssKb} KB`);
}

describe('hostile input: special and huge files', function () {
  this.timeout(120_000);

  it('refuses a FIFO instead of waiting for a writer forever', function () {
    const dir = tempProject({});
    if (spawnSync('mkfifo', [path.join(dir, 'pipe.json')]).status !== 0) this.skip();
    assertClean(runMeasuredCli(['check', 'pipe.json'], dir), 2, /^pipe\.json: not a regular file or folder, not read$/m);
    assertClean(runMeasuredCli(['simulate', 'pipe.json'], dir), 2, /^pipe\.json: not a regular file$/m);
  });

  it('refuses devices, named directly, as config, or referenced by a scenario', () => {
    const dir = tempProject({ 'scenario.json': { roles: { authenticated: ['/dev/zero'] }, identities: {}, steps: [] } });
    assertClean(runMeasuredCli(['check', '/dev/zero'], dir), 2, /^\/dev\/zero: not a regular file or folder, not read$/m);
    assertClean(runMeasuredCli(['check', '--config', '/dev/zero'], dir), 2, /^\/dev\/zero: not a regular file$/m);
    const simulated = runMeasuredCli(['simulate', 'scenario.json'], dir);
    assertClean(simulated, 2, /^scenario\.json:\d+:\d+: error: cannot read policy file "\/dev\/zero" \(\/dev\/zero: not a regular file\)$/m);
  });

  it('check exits 2 on a scenario it cannot run, whatever --fail-on says', () => {
    const dir = tempProject({ 'scenario.json': { roles: { authenticated: ['missing.json'] }, identities: {}, steps: [] } });
    for (const failOn of ['error', 'none']) {
      const result = runMeasuredCli(['check', 'scenario.json', '--fail-on', failOn], dir);
      assertClean(result, 2, /^scenario\.json: invalid scenario: not run \(exit code 2\)$/m);
      assert.match(result.stdout, /scenario\.json:\d+:\d+ error invalid-scenario cannot read policy file "missing\.json"/);
    }
    const silenced = tempProject({
      'scenario.json': { roles: { authenticated: ['missing.json'] }, identities: {}, steps: [] },
      'iot-policy-lens.config.json': { rules: { 'invalid-scenario': 'off' } },
    });
    assertClean(runMeasuredCli(['check', 'scenario.json'], silenced), 2, /invalid scenario: not run/);
  });

  it('refuses files over the size cap before parsing them: a million statements, 130k statements, a 5 MB line', () => {
    const million = JSON.stringify(policy(Array.from({ length: 1_000_000 }, () => ({}))));
    const many = JSON.stringify(policy(Array.from({ length: 130_000 }, (_, i) => allow(`${ARN}:topic/a${i}`))));
    const longLine = JSON.stringify(policy([allow(`${ARN}:topic/${'a'.repeat(5_000_000)}`)]));
    const dir = tempProject({ 'million.iot.json': million, 'many.iot.json': many, 'line.iot.json': longLine });
    // A file of unknown kind is read within the largest cap (scenarios'), a policy then within its own.
    for (const [file, text, limit] of [
      ['million.iot.json', million, 1048576],
      ['many.iot.json', many, 4194304],
      ['line.iot.json', longLine, 4194304],
    ] as const) {
      const size = Buffer.byteLength(text);
      // Discovery reads it with the largest cap (and says it cannot be read); once it is a policy, the policy cap applies.
      assertClean(
        runMeasuredCli(['check', file, '--kind', 'iot'], dir),
        2,
        new RegExp(`^${file.replace(/\./g, '\\.')}: (cannot be read: )?too large \\(${size} bytes; limit ${limit}\\)$`, 'm'),
      );
    }
    assertClean(runMeasuredCli(['diff', 'million.iot.json', 'many.iot.json', '--kind', 'iot'], dir), 2, /^million\.iot\.json: too large/m);
    assertClean(runMeasuredCli(['check', '.', '--kind', 'iot'], dir), 2, /: too large \(\d+ bytes; limit \d+\)$/m);
  });

  it('lints the largest allowed file of empty statements (a quadratic scan and an argument spread overflowed here)', () => {
    const text = JSON.stringify(policy(Array.from({ length: 340_000 }, () => ({}))));
    assert.ok(Buffer.byteLength(text) < 1048576);
    const dir = tempProject({ 'empty.iot.json': text });
    const result = runMeasuredCli(['check', 'empty.iot.json', '--kind', 'iot'], dir);
    assertClean(result, 1, /^$/);
    const errors = Number(/^1 policy and 0 scenarios checked: (\d+) errors/m.exec(result.stdout)?.[1]);
    assert.ok(errors >= 340_000, `one error or more per statement, got ${errors}`);
  });

  it('compares an 8,000-character resource with an overlapping Deny (recursion overflowed the stack)', () => {
    const dir = tempProject({
      'long.iot.json': policy([
        allow(`${ARN}:topic/${'a*'.repeat(4000)}`),
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/${'*a'.repeat(4000)}` },
      ]),
    });
    const result = runMeasuredCli(['check', 'long.iot.json', '--kind', 'iot', '--format', 'json'], dir);
    assertClean(result, 1, /^$/);
    const rules = JSON.parse(result.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    assert.ok(rules.length > 0 && !rules.includes('internal-error'), rules.join());
  });

  it('reports invalid UTF-8 at its line and column, and names UTF-16', () => {
    const dir = tempProject({});
    fs.writeFileSync(
      path.join(dir, 'latin1.json'),
      Buffer.concat([Buffer.from('{\n  "Statement": [{ "Sid": "caf'), Buffer.from([0xe9]), Buffer.from('" }]\n}')]),
    );
    fs.writeFileSync(path.join(dir, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"Statement": []}', 'utf16le')]));
    assertClean(
      runMeasuredCli(['check', 'latin1.json'], dir),
      2,
      /^latin1\.json: cannot be read: latin1\.json:2:30: invalid UTF-8 \(byte 0xe9 at byte offset 31\); save the file as UTF-8$/m,
    );
    assertClean(
      runMeasuredCli(['check', 'utf16.json'], dir),
      2,
      /^utf16\.json: cannot be read: UTF-16 text \(it starts with a UTF-16 byte-order mark\); save the file as UTF-8$/m,
    );
  });

  it('says path: reason for environment errors, never "internal error"', () => {
    const dir = tempProject({ 'file.json': policy([]) });
    assertClean(runMeasuredCli(['simulate', 'file.json/scenario.json'], dir), 2, /^file\.json\/scenario\.json: a path component is not a folder$/m);
    assertClean(runMeasuredCli(['simulate', 'nothing.json'], dir), 2, /^nothing\.json: no such file or folder$/m);
  });
});

describe('hostile input: configs and scenarios', function () {
  this.timeout(120_000);

  it('matches a pathological config glob against a long file name at once (picomatch backtracked for minutes)', () => {
    const name = `${'a'.repeat(60)}.json`;
    const dir = tempProject({ 'iot-policy-lens.config.json': { kinds: { '*a*a*a*a*a*a*a*ab': 'iot' } }, [name]: policy([allow(`${ARN}:topic/x`)]) });
    const result = runMeasuredCli(['check', '--format', 'json'], dir);
    assertClean(result, 0, /^$/);
    assert.deepEqual(JSON.parse(result.stdout).files, [{ path: name, role: 'policy' }]);
  });

  it('rejects an over-long or unsupported config glob at its location, exit 2', () => {
    const long = `${'a/'.repeat(600)}*.json`;
    const dir = tempProject({ 'iot-policy-lens.config.json': `{\n  "kinds": { "${long}": "iot" },\n  "exclude": ["!keep"]\n}\n` });
    const result = runMeasuredCli(['check'], dir);
    assertClean(
      result,
      2,
      /^iot-policy-lens\.config\.json:2:14: error invalid-config: invalid glob "(a\/){29}a…": glob too long \(1206 characters; limit 1000\)$/m,
    );
    assert.match(result.stderr, /^iot-policy-lens\.config\.json:3:15: error invalid-config: invalid glob "!keep": negated globs/m);
    assertClean(runMeasuredCli(['check', `${'x'.repeat(1200)}*.json`], dir), 2, /: glob too long \(1206 characters; limit 1000\)/);
  });

  it('rejects duplicate keys in configs and scenarios with file:line:col', () => {
    const duplicateKinds = '{\n  "kinds": { "*.json": "iot" },\n  "kinds": {}\n}\n';
    const duplicateSteps = '{\n  "identities": {},\n  "steps": [],\n  "steps": [{ "as": "x", "publish": "t", "expect": "allow" }]\n}\n';
    const dir = tempProject({ 'iot-policy-lens.config.json': duplicateKinds, 'scenario.json': duplicateSteps });
    // simulate reads the config too (the parameters of the templates a scenario names), and stops at it as check does.
    for (const command of ['check', 'simulate']) {
      assertClean(
        runMeasuredCli(command === 'check' ? ['check'] : ['simulate', 'scenario.json'], dir),
        2,
        /^iot-policy-lens\.config\.json:3:3: error invalid-config: duplicate key "kinds": only one of the values would be used$/m,
      );
    }
    assertClean(
      runMeasuredCli(['simulate', 'scenario.json'], tempProject({ 'scenario.json': duplicateSteps })),
      2,
      /^scenario\.json:4:3: error: duplicate key "steps": only one of the values would be used$/m,
    );
  });

  it('__proto__ keys in a scenario and a config pollute nothing', () => {
    const dir = tempProject({
      'iot-policy-lens.config.json': '{ "kinds": { "__proto__": "iot", "p.json": "iot" }, "rules": { "__proto__": "off" } }',
      'p.json': policy([allow(`${ARN}:topic/x`)]),
      'scenario.json':
        '{ "identities": { "__proto__": { "type": "authenticated", "identityId": "us-east-1:1" } }, "steps": [{ "as": "__proto__", "publish": "x", "expect": "deny" }] }',
    });
    const result = runMeasuredCli(['check', '--format', 'json'], dir);
    assert.notEqual(result.status, null, result.stderr);
    assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const simulated = runMeasuredCli(['simulate', 'scenario.json', '--format', 'json'], dir);
    assert.doesNotMatch(simulated.stderr, /internal error|\n\s+at /);
    assert.ok(simulated.status === 0 || simulated.status === 2, simulated.stderr);
  });
});

describe('hostile input: patterns that blow up the prover', function () {
  this.timeout(600_000); // tens of seconds of CPU each, more on a busy machine; bounded by the prover's budgets

  const stars = (unit: string, count: number) => `${ARN}:topic/${unit.repeat(count)}`;

  it('prove: 1,000 `*` in an Allow and a Deny is UNKNOWN within the memory budget (V8 crashed here)', () => {
    const dir = tempProject({
      'role.json': policy([{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }]),
      'user.iot.json': policy([
        { Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:client/*`, stars('*a', 500)] },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: stars('*b', 500) },
      ]),
      'scenario.json': {
        roles: { authenticated: ['role.json'], unauthenticated: ['role.json'] },
        identities: { a: { type: 'authenticated', identityId: 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab', iotPolicies: ['user.iot.json'] } },
        steps: [],
        properties: [
          { kind: 'isolation', identities: 'authenticated', prefix: 'users/${cognito-identity.amazonaws.com:sub}/' },
          { kind: 'no-flow', from: 'authenticated', to: 'unauthenticated' },
        ],
      },
    });
    const result = runMeasuredCli(['prove', 'scenario.json'], dir);
    assertClean(result, 1, /^FAILED: 2 properties unknown/m);
    assert.match(
      result.stdout,
      /UNKNOWN .* isolation .*\n(.*\n)*?\s+why unknown: (in region [^:]*: )?the search needed more than \d+ cells of automaton memory/,
    );
    assert.match(result.stdout, /UNKNOWN .* no-flow .*\n\s+why unknown: (in region [^:]*: )?the search needed more than \d+ cells of automaton memory/);
    console.log(
      `      worst hostile input (prove, 1,000 stars): peak ${Math.round(result.usage!.maxRssKb / 1024)} MB, ${Math.round(result.usage!.cpuMs / 1000)} s CPU`,
    );
  });

  it('diff: 800 `*` against a Deny is "too large to compare", and the gate fails', () => {
    const dir = tempProject({
      'old.iot.json': policy([allow(`${ARN}:topic/x`)]),
      'new.iot.json': policy([allow(stars('*a', 400)), { Effect: 'Deny', Action: 'iot:Publish', Resource: stars('*b', 400) }]),
    });
    const result = runMeasuredCli(['diff', 'old.iot.json', 'new.iot.json', '--kind', 'iot', '--fail-on-new-access'], dir);
    assertClean(result, 1, /^$/);
    assert.match(result.stdout, /^ {2}iot:Publish: too large to compare$/m);
    assert.match(result.stdout, /^--fail-on-new-access: FAILED, not decided: 1 action group too large to compare/m);
    console.log(`      diff, 800 stars: peak ${Math.round(result.usage!.maxRssKb / 1024)} MB, ${Math.round(result.usage!.cpuMs / 1000)} s CPU`);
  });
});
