import { strict as assert } from 'node:assert';
import { runCli, tempProject } from './run-cli';

describe('iot-policy-lens simulate', () => {
  it('exits 0 and reports every step on the good sample', () => {
    const { status, stdout } = runCli(['simulate', 'samples/per-user-app/scenario.json']);
    assert.equal(status, 0);
    assert.match(stdout, /19 steps: 19 passed, 0 failed/);
  });

  it('prints the scenario result object with --format json for one file', () => {
    const { status, stdout } = runCli(['simulate', 'samples/per-user-app/scenario.json', '--format', 'json']);
    assert.equal(status, 0);
    const result = JSON.parse(stdout);
    assert.equal(result.name, 'per-user namespaces');
    assert.equal(result.steps.length, 19);
    assert.deepEqual(result.steps.slice(0, 2).map((s: { decision: string; expected: string; pass: boolean }) => [s.decision, s.expected, s.pass]), [
      ['allow', 'allow', true],
      ['deny', 'deny', true],
    ]);
    const flows = result.steps.filter((s: { kind: string }) => s.kind === 'flow').map((s: { decision: string }) => s.decision);
    assert.deepEqual(flows, ['delivered', 'blocked', 'blocked']);
    const connect = result.steps[0].checks[0];
    assert.equal(connect.action, 'iot:Connect');
    assert.equal(connect.resource, 'arn:aws:iot:us-east-1:123456789012:client/us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab');
    assert.equal(connect.iotPolicies.deciding.sid, 'ConnectWithOwnIdentityId');
    assert.equal(connect.iotPolicies.deciding.range.start.line, 4);
    assert.deepEqual(connect.variables, [{ variable: '${cognito-identity.amazonaws.com:sub}', value: 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab' }]);
  });

  it('exits 1 and explains the failures on the broken sample', () => {
    const { status, stdout } = runCli(['simulate', 'samples/broken-app/scenario.json']);
    assert.equal(status, 1);
    assert.match(stdout, /✗ 26:5 alice must not take bob's client ID: .*ALLOW \(expected deny: FAIL\)/);
    assert.match(stdout, /allow by statement "ConnectAnyClientId" \(samples\/broken-app\/policies\/user\.iot\.json:4:5\)/);
    assert.match(stdout, /6 steps: 0 passed, 6 failed/);
  });

  it('exits 2 with file:line:col errors on an invalid scenario, and prints no result', () => {
    const dir = tempProject({
      'scenario.json': '{\n  "identities": { "a": { "type": "authenticated", "identityId": "us-east-1:1" } },\n  "steps": [\n    { "as": "b", "publish": "x" }\n  ]\n}\n',
    });
    const { status, stdout, stderr } = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^scenario\.json:4:13: error: unknown identity "b" \(defined: "a"\)$/m);
  });

  it('reports every problem of a scenario in one round: schema errors, missing policy files and unknown identities', () => {
    const dir = tempProject({
      'scenario.json': {
        roles: { authenticated: ['missing-role.json'] },
        identities: { a: { type: 'authenticated', identityId: 'us-east-1:1', iotPolicies: ['missing.iot.json'], colour: 'blue' } },
        steps: [{ as: 'b', publish: 'x' }, { flow: { from: 'a', to: 'c', topic: 't' } }],
      },
    });
    const { status, stdout, stderr } = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /error: identities\.a: unknown property "colour"/);
    assert.match(stderr, /error: cannot read policy file "missing-role\.json"/);
    assert.match(stderr, /error: cannot read policy file "missing\.iot\.json"/);
    assert.match(stderr, /error: unknown identity "b" \(defined: "a"\)/);
    assert.match(stderr, /error: unknown identity "c" \(defined: "a"\)/);
  });

  it('exits 2 on invalid JSON, naming the position', () => {
    const dir = tempProject({ 'scenario.json': '{ "identities": {}, "steps": [ }' });
    const { status, stderr } = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(status, 2);
    assert.match(stderr, /^scenario\.json:1:32: error: invalid JSON: value expected$/m);
  });

  it('exits 2 on a missing policy file, pointing at the reference', () => {
    const dir = tempProject({
      'scenario.json': { roles: { authenticated: ['missing.json'] }, identities: { a: { type: 'authenticated', identityId: 'us-east-1:1' } }, steps: [] },
    });
    const { status, stderr } = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(status, 2);
    assert.match(stderr, /^scenario\.json:4:7: error: cannot read policy file "missing\.json"/m);
  });

  it('on a policy file, says it is a policy and to use check (not the scenario schema\'s complaints)', () => {
    const { status, stdout, stderr } = runCli(['simulate', 'samples/per-user-app/policies/user.iot.json']);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'samples/per-user-app/policies/user.iot.json: this is a policy, not a scenario — use "iot-policy-lens check samples/per-user-app/policies/user.iot.json" to check it\n');
  });

  it('exits 2 on a missing file and on bad options, without a stack trace', () => {
    const missing = runCli(['simulate', 'nope.json']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^nope\.json: no such file or folder$/m);
    const badFormat = runCli(['simulate', 'samples/per-user-app/scenario.json', '--format', 'xml']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /--format must be text or json/);
    const unknownOption = runCli(['simulate', '--bogus']);
    assert.equal(unknownOption.status, 2);
    assert.doesNotMatch(unknownOption.stderr, /\n\s+at /);
  });
});
