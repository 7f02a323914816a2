import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempProject, commitAll } from '../cli/run-cli';

const ARN = 'arn:aws:iot:us-east-1:123456789012';
const SUB = '${cognito-identity.amazonaws.com:sub}';
const doc = (statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const OWN = doc([
  { Sid: 'Connect', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
  {
    Sid: 'Own',
    Effect: 'Allow',
    Action: ['iot:Publish', 'iot:Subscribe', 'iot:Receive'],
    Resource: [`${ARN}:topic/users/${SUB}/*`, `${ARN}:topicfilter/users/${SUB}/*`],
  },
]);
const WIDER = doc([...OWN.Statement, { Sid: 'Chat', Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/*` }]);

describe('prove: iot-policy-lens prove', function () {
  // Each test runs the CLI several times as a child process: generous, so a busy machine cannot fail it.
  this.timeout(60_000);
  it('exits 0 when every property of the good sample is proved', () => {
    const { status, stdout } = runCli(['prove', 'samples/per-user-app/scenario.json']);
    assert.equal(status, 0);
    assert.match(stdout, /PROVED {2}\d+:5 isolation "every signed-in user stays in users\/<own identity ID>\/ \(plus broadcasts\)"/);
    assert.match(stdout, /5 properties: 5 proved, 0 refuted, 0 unknown/);
    // Each property's notes are said once (a flow property meets the same one from both of its ends).
    for (const property of stdout.split(/\n(?= {2}[A-Z]+ )/)) {
      const notes = property.split('\n').filter((line) => line.trimStart().startsWith('note: '));
      assert.equal(new Set(notes).size, notes.length, property);
    }
  });

  it('exits 1 on the broken sample and prints confirmed counterexamples', () => {
    const { status, stdout } = runCli(['prove', 'samples/broken-app/scenario.json']);
    assert.equal(status, 1);
    assert.match(stdout, /REFUTED \d+:5 isolation/);
    assert.match(
      stdout,
      /counterexample: alice \(authenticated, identity ID us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab, client ID [^)]+\) may publish to "chat\/x"/,
    );
    assert.match(
      stdout,
      /ALLOW iot:Publish on arn:aws:iot:us-east-1:123456789012:topic\/chat\/x for alice: authenticated role: statement "AppDataPlane" \(samples\/broken-app\/policies\/auth-role\.json:4:5\); IoT policy: statement "ChatForEveryone"/,
    );
  });

  it('prints one JSON object with the verdict, position and counterexample of every property', () => {
    const { status, stdout } = runCli(['prove', 'samples', '--format', 'json']);
    assert.equal(status, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(
      report.scenarios.map((s: { file: string }) => s.file),
      ['samples/broken-app/scenario.json', 'samples/per-user-app/scenario.json'],
    );
    const [broken, good] = report.scenarios;
    assert.ok(good.properties.every((p: { verdict: string }) => p.verdict === 'proved'));
    const refuted = broken.properties.find((p: { kind: string }) => p.kind === 'isolation');
    assert.equal(refuted.verdict, 'refuted');
    assert.deepEqual(Object.keys(refuted.range), ['start', 'end']);
    assert.equal(refuted.counterexample.identity.identityId, 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab');
    assert.equal(refuted.counterexample.topic, 'chat/x');
    assert.ok(refuted.counterexample.checks.every((c: { decidedBy: string[] }) => c.decidedBy.length > 0));
    // The refutation is a finding at the property, the statements that allow the counterexample its related locations.
    const finding = report.findings.find(
      (f: { ruleId: string; range: { start: { line: number } } }) => f.ruleId === 'property-refuted' && f.range.start.line === refuted.range.start.line,
    );
    assert.equal(finding.file, 'samples/broken-app/scenario.json');
    assert.equal(finding.severity, 'error');
    assert.ok(
      finding.related.some(
        (r: { message: string; file: string; range: { start: { line: number; column: number } } }) =>
          r.file === 'samples/broken-app/policies/user.iot.json' &&
          r.range.start.line === 31 &&
          r.range.start.column === 5 &&
          /^allows iot:Publish on .*topic\/chat\/x for alice: statement "ChatForEveryone"/.test(r.message),
      ),
      JSON.stringify(finding.related, null, 2),
    );
    assert.equal(typeof refuted.elapsedMs, 'number');
    assert.deepEqual(report.summary, { properties: report.summary.properties, proved: good.properties.length, refuted: broken.properties.length, unknown: 0 });
  });

  it('prints SARIF with a result at each refuted property', () => {
    const { stdout } = runCli(['prove', 'samples/broken-app/scenario.json', '--format', 'sarif']);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.ok(results.length >= 1);
    assert.equal(results[0].ruleId, 'property-refuted');
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'samples/broken-app/scenario.json');
    assert.ok(results[0].locations[0].physicalLocation.region.startLine > 1);
  });

  it('exits 1 on unknown, 0 with --allow-unknown', () => {
    const dir = tempProject({
      'role.json': doc([{ Effect: 'Allow', Action: 'iot:*', Resource: `${ARN}:*` }]),
      'user.iot.json': doc([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` },
        {
          Effect: 'Deny',
          Action: 'iot:Publish',
          NotResource: `${ARN}:topic/users/${SUB}/*`,
          Condition: { StringLike: { 'cognito-identity.amazonaws.com:sub': 'us-east-1:*' } },
        },
      ]),
      'scenario.json': {
        roles: { authenticated: ['role.json'] },
        identities: { alice: { type: 'authenticated', identityId: 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab', iotPolicies: ['user.iot.json'] } },
        steps: [],
        properties: [{ kind: 'isolation', identities: 'alice', prefix: `users/${SUB}/`, operations: ['publish'] }],
      },
    });
    const strict = runCli(['prove', 'scenario.json'], dir);
    assert.equal(strict.status, 1);
    assert.match(
      strict.stdout,
      /UNKNOWN .*\n\s+why unknown: the search found a possible counterexample, publish to the topic .*, but it is not confirmed by the evaluator: iot:Publish .* is denied/,
    );
    assert.match(strict.stderr, /^FAILED: 1 property unknown \(pass --allow-unknown to accept what cannot be decided\)$/m);
    const allowed = runCli(['prove', 'scenario.json', '--allow-unknown'], dir);
    assert.equal(allowed.status, 0);
    assert.match(allowed.stderr, /^1 property unknown: accepted because of --allow-unknown$/m);
    // Unknown is a finding: an error that fails the run, a warning once --allow-unknown accepts it.
    const findings = (extra: string[]) => JSON.parse(runCli(['prove', 'scenario.json', '--format', 'json', ...extra], dir).stdout).findings;
    assert.deepEqual(
      findings([]).map((f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`),
      ['property-unknown error'],
    );
    assert.equal(findings(['--allow-unknown'])[0].severity, 'warning');
    const markdown = runCli(['prove', 'scenario.json', '--format', 'markdown'], dir);
    assert.equal(markdown.status, 1);
    assert.match(markdown.stdout, /^### IoT Policy Lens: prove — \*\*failed\*\*\n\n1 property in 1 scenario: 0 proved, 0 refuted, 1 unknown\.\n/);
    assert.match(
      markdown.stdout,
      /^#### Properties not decided \(1\) \[`property-unknown`\]\(.*\/property-unknown\.md\)\n\n- .* — why unknown: the search found a possible counterexample/m,
    );
    assert.match(
      runCli(['prove', 'scenario.json', '--format', 'markdown', '--allow-unknown'], dir).stdout,
      /\*\*passed\*\*\n\n.*1 unknown \(unknown accepted by --allow-unknown\)\./,
    );
  });

  it('proves nothing, and so fails, when a scenario has an empty "properties" list', () => {
    const dir = tempProject({ 'scenario.json': { identities: { a: { type: 'authenticated', identityId: 'us-east-1:1' } }, steps: [], properties: [] } });
    const result = runCli(['prove', 'scenario.json'], dir);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /^FAILED: no property was proved \(there is none\)/m);
    assert.equal(runCli(['prove', 'scenario.json', '--allow-unknown'], dir).status, 0);
  });

  it('exits 2 with file:line:col on invalid properties, and on usage errors', () => {
    const dir = tempProject({
      'scenario.json':
        '{\n  "identities": { "a": { "type": "authenticated", "identityId": "us-east-1:1" } },\n  "steps": [],\n  "properties": [\n    { "kind": "no-flow", "from": "a", "to": "zed" }\n  ]\n}\n',
    });
    const invalid = runCli(['prove', 'scenario.json'], dir);
    assert.equal(invalid.status, 2);
    assert.equal(invalid.stdout, '');
    assert.match(invalid.stderr, /^scenario\.json:5:45: error: properties\[0\]\.to: unknown identity "zed"/m);
    const kind = tempProject({ 'scenario.json': '{\n  "identities": {},\n  "steps": [],\n  "properties": [{ "kind": "isolated" }]\n}\n' });
    assert.match(
      runCli(['prove', 'scenario.json'], kind).stderr,
      /^scenario\.json:4:28: error: properties\[0\]\.kind: must be one of "isolation", "no-access", "no-flow"$/m,
    );
    assert.equal(runCli(['prove']).status, 2);
    assert.equal(runCli(['prove', 'nope.json']).status, 2);
    assert.match(runCli(['prove', 'samples', '--format', 'xml']).stderr, /--format must be text, json, sarif, or markdown/);
  });
});

describe('prove: iot-policy-lens diff', function () {
  // Each test runs the CLI several times as a child process: generous, so a busy machine cannot fail it.
  this.timeout(60_000);
  const project = () => tempProject({ 'old/user.iot.json': OWN, 'new/user.iot.json': WIDER, 'same/user.iot.json': OWN });

  it('reports new access and exits 0, or 1 with --fail-on-new-access', () => {
    const dir = project();
    const plain = runCli(['diff', 'old/user.iot.json', 'new/user.iot.json', '--kind', 'iot'], dir);
    assert.equal(plain.status, 0);
    assert.match(
      plain.stdout,
      /iot:Publish\n\s+\+ now allows arn:aws:iot:us-east-1:123456789012:topic\/chat\/\* — statement "Chat" \(new\/user\.iot\.json:\d+:\d+\), e\.g\. arn:aws:iot:us-east-1:123456789012:topic\/chat\/x/,
    );
    assert.match(plain.stdout, /example: .*topic\/chat\/x \(confirmed by the evaluator\)/);
    assert.equal(runCli(['diff', 'old/user.iot.json', 'new/user.iot.json', '--kind', 'iot', '--fail-on-new-access'], dir).status, 1);
    const same = runCli(['diff', 'old/user.iot.json', 'same/user.iot.json', '--kind', 'iot', '--fail-on-new-access'], dir);
    assert.equal(same.status, 0);
    assert.match(same.stdout, /no change in access/);
    assert.equal(
      runCli(['diff', 'new/user.iot.json', 'old/user.iot.json', '--kind', 'iot', '--fail-on-new-access'], dir).status,
      0,
      'removing access is not new access',
    );
  });

  it('--fail-on-new-access fails when it could not decide (files without a kind, nothing compared) unless --allow-unknown', () => {
    const dir = tempProject({ 'old/a.json': OWN, 'new/a.json': OWN, 'new/b.json': WIDER });
    const gate = runCli(['diff', 'old', 'new', '--fail-on-new-access'], dir);
    assert.equal(gate.status, 1, gate.stderr);
    assert.match(
      gate.stdout,
      /^0 files compared: 0 action groups with new access, 0 with access removed\n--fail-on-new-access: FAILED, not decided: no file was compared; 2 files skipped for lack of a kind \(pass --allow-unknown to accept what cannot be decided\)$/m,
    );
    const accepted = runCli(['diff', 'old', 'new', '--fail-on-new-access', '--allow-unknown', '--format', 'json'], dir);
    assert.equal(accepted.status, 0, accepted.stderr);
    assert.match(
      accepted.stderr,
      /^--fail-on-new-access: not decided \(no file was compared; 2 files skipped for lack of a kind\), accepted because of --allow-unknown$/m,
    );
    assert.deepEqual(JSON.parse(accepted.stdout).summary, {
      files: 0,
      granted: 0,
      removed: 0,
      skipped: [path.join('new', 'a.json'), path.join('new', 'b.json')],
      tooLargeToCompare: 0,
      undecided: 3,
    });
    assert.equal(runCli(['diff', 'old', 'new'], dir).status, 0, 'without the gate, diff only reports');
    const markdown = runCli(['diff', 'old', 'new', '--fail-on-new-access', '--format', 'markdown'], dir);
    assert.equal(markdown.status, 1);
    assert.match(markdown.stdout, /^### IoT Policy Lens: diff — \*\*not decided\*\*\n/);
    assert.match(
      markdown.stdout,
      /^#### Not decided \[`undecided-access`\]\(.*\)\n\n- `new\/a\.json`: skipped, its kind is unknown .*\n- `new\/b\.json`: .*\n- no file was compared\n/m,
    );
    const sarif = JSON.parse(runCli(['diff', 'old', 'new', '--fail-on-new-access', '--format', 'sarif'], dir).stdout);
    assert.deepEqual(
      sarif.runs[0].results.map(
        (r: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
          `${r.ruleId} ${r.level} ${r.locations[0].physicalLocation.artifactLocation.uri}`,
      ),
      ['undecided-access error new/a.json', 'undecided-access error new/b.json'],
    );
    const partly = tempProject({
      'old/a.iot.json': OWN,
      'new/a.iot.json': OWN,
      'new/b.json': OWN,
      'iot-policy-lens.config.json': { kinds: { '**/*.iot.json': 'iot' } },
    });
    const oneSkipped = runCli(['diff', 'old', 'new', '--fail-on-new-access'], partly);
    assert.equal(oneSkipped.status, 1, 'one file compared without change, one skipped: not a pass');
    assert.match(oneSkipped.stdout, /1 file skipped for lack of a kind/);
  });

  it('compares folders file by file and prints JSON and SARIF', () => {
    const dir = project();
    const json = runCli(['diff', 'old', 'new', '--kind', 'iot', '--format', 'json'], dir);
    assert.equal(json.status, 0);
    const report = JSON.parse(json.stdout);
    assert.equal(report.files.length, 1);
    const [file] = report.files;
    assert.equal(file.kind, 'iot');
    assert.equal(file.identityType, 'authenticated');
    const publish = file.changes.find((c: { actions: string[] }) => c.actions.includes('iot:Publish'));
    assert.equal(publish.granted.certain, true);
    assert.equal(publish.granted.patterns[0].pattern, `${ARN}:topic/chat/*`);
    assert.equal(publish.granted.patterns[0].file, path.join('new', 'user.iot.json'));
    assert.deepEqual(Object.keys(publish.granted.patterns[0].range), ['start', 'end']);
    assert.equal(publish.granted.examples[0].confirmed, true);
    assert.deepEqual(report.summary, { files: 1, granted: 1, removed: 0, skipped: [], tooLargeToCompare: 0, undecided: 0 });
    // New access is a finding at the Resource entry that grants it (a warning without the gate).
    assert.deepEqual(
      report.findings.map((f: { ruleId: string; severity: string; file: string; range: unknown }) => [f.ruleId, f.severity, f.file, f.range]),
      [['new-access', 'warning', path.join('new', 'user.iot.json'), publish.granted.patterns[0].range]],
    );
    const sarif = JSON.parse(runCli(['diff', 'old', 'new', '--kind', 'iot', '--format', 'sarif', '--fail-on-new-access'], dir).stdout);
    assert.equal(sarif.runs[0].results[0].ruleId, 'new-access');
    assert.equal(sarif.runs[0].results[0].level, 'error');
  });

  it('takes kinds from the config or the scenarios when --kind is not given', () => {
    const withScenario = tempProject({
      'old/user.iot.json': OWN,
      'new/user.iot.json': WIDER,
      'new/scenario.json': { identities: { a: { type: 'authenticated', identityId: 'us-east-1:1', iotPolicies: ['user.iot.json'] } }, steps: [] },
    });
    assert.match(runCli(['diff', 'old/user.iot.json', 'new/user.iot.json'], withScenario).stdout, /\[iot: authenticated identities\]/);
    const withConfig = tempProject({
      'old/guest.json': OWN,
      'new/guest.json': WIDER,
      'iot-policy-lens.config.json': { kinds: { '**/guest.json': 'unauth-role' } },
    });
    assert.match(runCli(['diff', 'old/guest.json', 'new/guest.json'], withConfig).stdout, /\[unauth-role: unauthenticated identities\]/);
    const unknown = tempProject({ 'a.json': OWN, 'b.json': WIDER });
    const result = runCli(['diff', 'a.json', 'b.json'], unknown);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot tell whether this is an IoT policy or a role policy; pass --kind/);
  });

  it('is not stopped by a JSON file near the policies that cannot be read (too large): it gives no kind, and kinds come from elsewhere', () => {
    const dir = tempProject({
      'big.json': JSON.stringify({ data: 'x'.repeat(5 * 1024 * 1024) }),
      'policies/old.json': OWN,
      'policies/new.json': WIDER,
      'iot-policy-lens.config.json': { kinds: { 'policies/*.json': 'iot' } },
    });
    const result = runCli(['diff', 'policies/old.json', 'policies/new.json'], dir);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /\[iot: authenticated identities\]/);
  });

  it('--base: a Deny narrowed in a file one scenario pairs with an Allow is new access, though another scenario names the Allow alone', function () {
    const policyOf = (statement: object) => ({ Version: '2012-10-17', Statement: [statement] });
    const scenario = (iotPolicies: string[]) => ({
      roles: { authenticated: ['role.json'] },
      identities: { u: { type: 'authenticated', identityId: 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab', iotPolicies } },
      steps: [],
    });
    const guard = (topic: string) => policyOf({ Effect: 'Deny', Action: 'iot:Publish', Resource: `arn:aws:iot:*:*:topic/${topic}` });
    const dir = tempProject({
      'p/role.json': policyOf({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish'], Resource: '*' }),
      'p/allow.json': policyOf({ Effect: 'Allow', Action: 'iot:Publish', Resource: '*' }),
      'p/guard.json': guard('secret'),
      'p/a.scenario.json': scenario(['allow.json', 'guard.json']),
      'p/b.scenario.json': scenario(['allow.json']),
    });
    commitAll(dir);
    fs.writeFileSync(path.join(dir, 'p/guard.json'), JSON.stringify(guard('nothing')));
    const result = runCli(['diff', '--base', 'HEAD', '--fail-on-new-access'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /p\/allow\.json \+ p\/guard\.json \[iot: authenticated identities\]\n {2}iot:Publish\n {4}\+ now allows/);
  });

  it('exits 2 with file:line:col on invalid JSON and on usage errors', () => {
    const dir = tempProject({ 'a.json': OWN, 'b.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n}\n' });
    const result = runCli(['diff', 'a.json', 'b.json', '--kind', 'iot'], dir);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^b\.json:4:1: error: invalid JSON/m);
    assert.equal(runCli(['diff', 'a.json'], dir).status, 2);
    assert.equal(runCli(['diff', 'a.json', 'b.json', '--kind', 'nope'], dir).status, 2);
    assert.equal(runCli(['diff', 'a.json', 'missing.json', '--kind', 'iot'], dir).status, 2);
  });

  it('--base reads the old versions from git', () => {
    const dir = tempProject({ 'policies/user.iot.json': OWN, 'policies/gone.iot.json': OWN });
    commitAll(dir);
    fs.writeFileSync(path.join(dir, 'policies/user.iot.json'), JSON.stringify(WIDER, null, 2));
    fs.rmSync(path.join(dir, 'policies/gone.iot.json'));
    const result = runCli(['diff', '--base', 'HEAD', 'policies', '--kind', 'iot', '--format', 'json', '--fail-on-new-access'], dir);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    const changed = report.files.find((f: { new?: string }) => f.new === path.join('policies', 'user.iot.json'));
    assert.equal(changed.old, 'HEAD:policies/user.iot.json');
    assert.ok(changed.changes.some((c: { granted?: unknown }) => c.granted));
    const gone = report.files.find((f: { old: string }) => f.old === 'HEAD:policies/gone.iot.json');
    assert.equal(gone.new, undefined);
    assert.ok(gone.changes.every((c: { granted?: unknown; removed?: unknown }) => c.removed && !c.granted));
    const bad = runCli(['diff', '--base', 'no-such-revision', 'policies', '--kind', 'iot'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--base no-such-revision: not a git revision/);
  });

  it('--base pairs files whose names have é, a tab or a newline (git ls-tree -z), and reads git versions within the caps', function () {
    const names = ['policies/caf\u00e9.iot.json', 'policies/tab\there.iot.json', 'policies/new\nline.iot.json'];
    const dir = tempProject(Object.fromEntries(names.map((name) => [name, OWN])));
    commitAll(dir);
    const result = runCli(['diff', '--base', 'HEAD', 'policies', '--kind', 'iot', '--format', 'json', '--fail-on-new-access'], dir);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(
      report.files.map((f: { old?: string }) => f.old).sort(),
      names.map((name) => `HEAD:${name}`).sort(),
      'every file paired with its old version, none "new"',
    );
    assert.ok(report.files.every((f: { changes: unknown[] }) => f.changes.length === 0));

    fs.writeFileSync(path.join(dir, 'policies/big.iot.json'), JSON.stringify({ ...OWN, Padding: 'x'.repeat(1_100_000) }));
    commitAll(dir, 'big');
    const big = runCli(['diff', '--base', 'HEAD', 'policies', '--kind', 'iot'], dir);
    assert.equal(big.status, 2);
    assert.match(big.stderr, /^(HEAD:)?policies\/big\.iot\.json: too large \(\d+ bytes; limit 1048576\)$/m);
  });
});
