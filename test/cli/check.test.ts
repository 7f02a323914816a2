import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempProject } from './run-cli';

const ARN = 'arn:aws:iot:us-east-1:123456789012';
const goodIot = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${cognito-identity.amazonaws.com:sub}` }],
};
const subscribeOnTopic = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topic/a/*` },
    { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/a/*` },
  ],
};

describe('iot-policy-lens check', function () {
  // Each test runs the CLI several times as a child process: generous, so a busy machine cannot fail it.
  this.timeout(60_000);
  it("finds the broken sample's problems at the right lines, and is quiet on the good sample", () => {
    const { status, stdout } = runCli(['check', 'samples', '--format', 'json']);
    assert.equal(status, 1);
    const report = JSON.parse(stdout);
    const at = (file: string) =>
      report.findings
        .filter((f: { file: string }) => f.file === file)
        .map(
          (f: { range: { start: { line: number; column: number } }; ruleId: string; severity: string }) =>
            `${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId}`,
        );
    assert.deepEqual(at('samples/per-user-app/policies/user.iot.json'), []);
    assert.deepEqual(at('samples/per-user-app/policies/auth-role.json'), []);
    assert.deepEqual(at('samples/per-user-app/policies/guest-role.json'), []);
    assert.deepEqual(at('samples/per-user-app/scenario.json'), []);
    const broken = at('samples/broken-app/policies/user.iot.json');
    assert.ok(broken.includes('8:19 error app-client-id-takeover'), broken.join('\n'));
    assert.ok(broken.includes('27:9 error app-wildcard-filter-delivery'));
    assert.ok(broken.includes('28:9 error app-cross-identity-read'));
    assert.ok(broken.includes('28:9 error app-cross-identity-write'));
    assert.ok(broken.includes('13:17 error unknown-action'));
    assert.ok(broken.includes('20:19 error resource-type-mismatch'));
    assert.ok(broken.includes('44:19 warning mqtt-wildcard-in-deny'));
    assert.ok(at('samples/broken-app/policies/guest-role.json').includes('9:9 error broad-data-plane-access'));
    assert.ok(at('samples/broken-app/scenario.json').includes('26:5 error scenario-expectation-failed'));
    assert.equal(report.summary.errors, report.findings.filter((f: { severity: string }) => f.severity === 'error').length);
  });

  it('prints compiler-style text with a summary', () => {
    const dir = tempProject({ 'p.iot.json': subscribeOnTopic });
    const { status, stdout } = runCli(['check', '--kind', 'iot'], dir);
    assert.equal(status, 1);
    assert.match(
      stdout,
      /^p\.iot\.json:7:19 error resource-type-mismatch iot:Subscribe checks topicfilter\/ resources; "topic\/…" never matches it \(fix: Change "topic\/" to "topicfilter\/"\)$/m,
    );
    assert.match(stdout, /^1 policy and 0 scenarios checked: 1 error, 0 warnings, 1 info$/m);
  });

  it('exits 0 when nothing reaches --fail-on, 1 when something does', () => {
    const dir = tempProject({ 'p.json': subscribeOnTopic });
    assert.equal(runCli(['check', 'p.json', '--fail-on', 'none'], dir).status, 0);
    assert.equal(runCli(['check', 'p.json'], dir).status, 1);
    const quiet = tempProject({ 'p.json': goodIot });
    assert.equal(runCli(['check', 'p.json', '--kind', 'iot'], quiet).status, 0);
    assert.equal(runCli(['check', 'p.json', '--kind', 'iot', '--fail-on', 'info'], quiet).status, 0);
  });

  it('reports invalid JSON as a finding at the error position, not a crash', () => {
    const dir = tempProject({ 'p.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", }\n  ]\n}\n' });
    const { status, stdout } = runCli(['check', 'p.json'], dir);
    assert.equal(status, 1);
    assert.match(stdout, /^p\.json:4:26 error invalid-json invalid JSON: property name expected$/m);
    assert.doesNotMatch(stdout, /value expected/, 'only the first syntax error is reported; the rest cascade from it');
  });

  it('exits 2 on unreadable paths and bad options', () => {
    const missing = runCli(['check', 'does-not-exist']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'does-not-exist: no such file or folder\n', 'a wrong path is named, without the whole usage after it');
    assert.match(runCli(['check', 'samples', '--format', 'xml']).stderr, /usage: iot-policy-lens check/, 'a wrong option still shows the usage');
    assert.equal(runCli(['check', 'samples', '--kind', 'device']).status, 2);
    assert.equal(runCli(['check', 'samples', '--format', 'xml']).status, 2);
    assert.equal(runCli(['check', 'samples', '--fail-on', 'critical']).status, 2);
    assert.equal(runCli(['check', 'nothing-matches-*.json']).status, 2);
  });

  it('takes kinds from the config globs and from scenarios; without a kind only kind-neutral rules run', () => {
    const spoofing = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${iot:ClientId}` }] };
    const untyped = tempProject({ 'p.json': spoofing });
    const none = JSON.parse(runCli(['check', '--format', 'json'], untyped).stdout);
    assert.deepEqual(
      none.findings.map((f: { ruleId: string }) => f.ruleId),
      [],
    );
    assert.deepEqual(none.files, [{ path: 'p.json', role: 'policy' }]);

    const viaConfig = tempProject({ 'p.json': spoofing, 'iot-policy-lens.config.json': { kinds: { '*.json': 'iot' } } });
    const configured = JSON.parse(runCli(['check', '--format', 'json'], viaConfig).stdout);
    assert.deepEqual(
      configured.findings.map((f: { ruleId: string }) => f.ruleId),
      ['app-client-id-takeover'],
    );
    assert.equal(configured.files[0].kindSource, 'config');

    const viaScenario = tempProject({
      'p.json': spoofing,
      'scenario.json': { identities: { a: { type: 'authenticated', identityId: 'us-east-1:1', iotPolicies: ['p.json'] } }, steps: [] },
    });
    const scenario = JSON.parse(runCli(['check', '--format', 'json'], viaScenario).stdout);
    assert.deepEqual(
      scenario.findings.map((f: { ruleId: string }) => f.ruleId),
      ['app-client-id-takeover'],
    );
    assert.deepEqual(
      scenario.files.find((f: { path: string }) => f.path === 'p.json'),
      { path: 'p.json', role: 'policy', kind: 'iot', kindSource: 'scenario' },
    );
  });

  it("applies the config's severity overrides, ignores and excludes", () => {
    const dir = tempProject({
      'a/p.iot.json': subscribeOnTopic,
      'b/p.iot.json': subscribeOnTopic,
      'build/p.iot.json': subscribeOnTopic,
      'iot-policy-lens.config.json': {
        kinds: { '**/*.iot.json': 'iot' },
        rules: { 'resource-type-mismatch': 'warning', 'receive-without-subscribe': 'off' },
        ignore: [{ files: 'b/**', rules: ['resource-type-mismatch'] }],
        exclude: ['build'],
      },
    });
    const { status, stdout } = runCli(['check', '--format', 'json'], dir);
    assert.equal(status, 0, 'the only error was turned into a warning');
    const report = JSON.parse(stdout);
    assert.deepEqual(
      report.findings.map((f: { file: string; ruleId: string; severity: string }) => `${f.file} ${f.ruleId} ${f.severity}`),
      ['a/p.iot.json resource-type-mismatch warning'],
    );
    assert.deepEqual(report.files.map((f: { path: string }) => f.path).sort(), ['a/p.iot.json', 'b/p.iot.json']);
  });

  it('ignores by Sid when the config says so', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Legacy', Effect: 'Allow', Action: 'iot:*', Resource: '*' },
        { Sid: 'New', Effect: 'Allow', Action: 'iot:*', Resource: '*' },
      ],
    };
    const dir = tempProject({
      'p.json': policy,
      'iot-policy-lens.config.json': { ignore: [{ files: '*.json', rules: ['service-wildcard-action'], sids: ['Legacy'] }] },
    });
    const report = JSON.parse(runCli(['check', '--format', 'json'], dir).stdout);
    assert.deepEqual(
      report.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'service-wildcard-action')
        .map((f: { range: { start: { line: number } } }) => f.range.start.line),
      [13],
    );
  });

  it('exits 2 with the position of the mistake on an invalid config', () => {
    const dir = tempProject({
      'p.json': goodIot,
      'iot-policy-lens.config.json': '{\n  "rules": { "resource-typo-mismatch": "error" },\n  "kinds": { "*.json": "device" }\n}\n',
    });
    const { status, stderr } = runCli(['check'], dir);
    assert.equal(status, 2);
    assert.match(stderr, /^iot-policy-lens\.config\.json:3:24: error invalid-config: kinds\.\*\.json: must be one of "iot", "auth-role", "unauth-role"$/m);
    assert.match(
      stderr,
      /^iot-policy-lens\.config\.json:2:14: error invalid-config: unknown rule "resource-typo-mismatch"; did you mean "resource-type-mismatch"\?$/m,
    );
  });

  it("refuses settings for prove's and diff's results, which their flags decide (a setting would be ignored)", () => {
    const dir = tempProject({
      'p.json': goodIot,
      'iot-policy-lens.config.json': '{\n  "rules": { "new-access": "off" },\n  "ignore": [{ "files": "**", "rules": ["property-refuted"] }]\n}\n',
    });
    const { status, stderr } = runCli(['check'], dir);
    assert.equal(status, 2);
    assert.match(stderr, /^iot-policy-lens\.config\.json:2:14: error invalid-config: "new-access" is a result of prove or diff, set by their flags/m);
    assert.match(stderr, /^iot-policy-lens\.config\.json:3:41: error invalid-config: "property-refuted" is a result of prove or diff/m);
  });

  it('skips JSON that is neither policy nor scenario when walking folders, but checks it when named', () => {
    const dir = tempProject({ 'package.json': { name: 'x' }, 'p.json': goodIot });
    const walked = JSON.parse(runCli(['check', '--format', 'json'], dir).stdout);
    assert.deepEqual(
      walked.files.map((f: { path: string }) => f.path),
      ['p.json'],
    );
    const named = JSON.parse(runCli(['check', 'package.json', '--format', 'json'], dir).stdout);
    assert.deepEqual(
      named.findings.map((f: { ruleId: string }) => f.ruleId),
      ['invalid-structure', 'policy-version', 'unknown-element'],
    );
  });

  it('reports a failed scenario expectation on the step, and an invalid scenario as a finding', () => {
    const dir = tempProject({
      'role.json': goodIot,
      'scenario.json': {
        roles: { authenticated: ['role.json'] },
        identities: { a: { type: 'authenticated', identityId: 'us-east-1:1', iotPolicies: ['role.json'] } },
        steps: [{ as: 'a', connect: 'us-east-1:2', expect: 'allow' }],
      },
      'broken/scenario.json': { identities: {}, steps: [{ as: 'ghost', publish: 'x' }] },
    });
    const report = JSON.parse(runCli(['check', '--format', 'json'], dir).stdout);
    const lines = report.findings.map(
      (f: { file: string; ruleId: string; range: { start: { line: number } } }) => `${f.file}:${f.range.start.line} ${f.ruleId}`,
    );
    assert.deepEqual(lines.sort(), ['broken/scenario.json:5 invalid-scenario', 'scenario.json:17 scenario-expectation-failed'].sort());
  });

  it('writes the checked files list with kinds for the samples', () => {
    const report = JSON.parse(runCli(['check', 'samples', '--format', 'json']).stdout);
    const kinds = Object.fromEntries(report.files.map((f: { path: string; kind?: string; role: string }) => [f.path, f.kind ?? f.role]));
    assert.equal(kinds['samples/per-user-app/policies/guest-role.json'], 'unauth-role');
    assert.equal(kinds['samples/broken-app/policies/typos.iot.json'], 'iot');
    assert.ok(fs.existsSync(path.join(__dirname, '..', '..', '..', 'samples', 'broken-app', 'policies', 'typos.iot.json')));
  });
});

describe('iot-policy-lens check and failed scenario expectations', function () {
  // Each test runs the CLI several times as a child process: generous, so a busy machine cannot fail it.
  this.timeout(60_000);
  const scenarioProject = (config: object) =>
    tempProject({
      'role.json': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${cognito-identity.amazonaws.com:sub}` }],
      },
      'scenario.json': {
        roles: { unauthenticated: ['role.json'] },
        identities: { g: { type: 'unauthenticated', identityId: 'us-east-1:1' } },
        steps: [{ as: 'g', connect: 'someone-else', expect: 'allow' }],
      },
      'iot-policy-lens.config.json': config,
    });

  it('fail the run whatever severity the config gives them', () => {
    assert.equal(runCli(['check'], scenarioProject({ rules: { 'scenario-expectation-failed': 'info' } })).status, 1);
    assert.equal(runCli(['check', '--fail-on', 'error'], scenarioProject({})).status, 1);
  });

  it('pass only with --fail-on none or the rule turned off', () => {
    assert.equal(runCli(['check', '--fail-on', 'none'], scenarioProject({})).status, 0);
    assert.equal(runCli(['check'], scenarioProject({ rules: { 'scenario-expectation-failed': 'off' } })).status, 0);
  });
});

describe('iot-policy-lens check on hostile input', function () {
  // Each test runs the CLI several times as a child process: generous, so a busy machine cannot fail it.
  this.timeout(60_000);
  it('reports a deeply nested policy as invalid JSON and checks the rest of the folder', () => {
    const dir = tempProject({ 'deep.json': `{"Statement": ${'['.repeat(100_000)}`, 'p.json': subscribeOnTopic });
    const { status, stdout, stderr } = runCli(['check', '--format', 'json'], dir);
    assert.equal(status, 1, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual(
      report.findings.filter((f: { file: string }) => f.file === 'deep.json').map((f: { ruleId: string; message: string }) => `${f.ruleId} ${f.message}`),
      ['invalid-json invalid JSON for a policy: nested more than 64 levels deep'],
    );
    assert.ok(report.findings.some((f: { file: string; ruleId: string }) => f.file === 'p.json' && f.ruleId === 'resource-type-mismatch'));
  });

  it('reports scenario steps whose verdict depends on a reading: expect deny fails (error), expect allow warns', function () {
    this.timeout(60_000);
    const role = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/\${iot:ClientId}/*` }] };
    const iot = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] };
    const identities = { a: { type: 'authenticated', identityId: 'us-east-1:1', clientId: 'c1', iotPolicies: ['iot.json'] } };
    const dir = tempProject({
      'role.json': role,
      'iot.json': iot,
      'deny.scenario.json': { roles: { authenticated: ['role.json'] }, identities, steps: [{ as: 'a', publish: 'c1/x', expect: 'deny' }] },
      'allow.scenario.json': { roles: { authenticated: ['role.json'] }, identities, steps: [{ as: 'a', publish: 'c1/x', expect: 'allow' }] },
    });
    const { status, stdout } = runCli(['check', '.', '--format', 'json'], dir);
    assert.equal(status, 1);
    const findings = JSON.parse(stdout).findings.map(
      (f: { file: string; ruleId: string; severity: string; message: string }) => `${f.file} ${f.severity} ${f.ruleId}: ${f.message}`,
    );
    assert.ok(
      findings.some((f: string) =>
        /^deny\.scenario\.json error scenario-expectation-failed: expected deny, got ambiguous \(allowed under a documented reading\)/.test(f),
      ),
      findings.join('\n'),
    );
    assert.ok(
      findings.some((f: string) => /^allow\.scenario\.json warning scenario-verdict-ambiguous: expected allow: passes, but AWS may refuse it/.test(f)),
      findings.join('\n'),
    );
    assert.ok(
      findings.some((f: string) => /^role\.json warning reading-dependent-statement: .*\(A14\)/.test(f)),
      findings.join('\n'),
    );
  });
});
