import { strict as assert } from 'node:assert';
import { runCli, tempProject } from './run-cli';

describe('iot-policy-lens summary', function () {
  // Each test runs the CLI as a child process: generous, so a busy machine cannot fail it.
  this.timeout(60_000);

  it('prints the access table of per-user-app as Markdown', () => {
    const { status, stdout, stderr } = runCli(['summary', 'samples/per-user-app', '--format', 'markdown', '--app', 'cloudformation']);
    assert.equal(status, 0, stderr);
    assert.match(stdout, /^## Access summary/);
    assert.match(stdout, /#### guests — guests \\\(unauthenticated role GuestRole\\\)/);
    assert.ok(stdout.includes('| `iot:Subscribe` | `broadcast/*` |'), stdout);
    assert.ok(stdout.includes('| `iot:Publish` | `users/<own identity ID>/*` |'), stdout);
    assert.ok(stdout.includes('No message from one identity reaches a different one.'), stdout);
  });

  it('gives stable JSON with every grant, its example and the flows', () => {
    const { status, stdout } = runCli(['summary', 'samples/broken-app', '--format', 'json', '--app', 'scenario.json']);
    assert.equal(status, 0);
    const [app] = JSON.parse(stdout).apps;
    assert.equal(app.origin, 'scenario');
    const guests = app.classes.find((c: { id: string }) => c.id === 'guests');
    const shadow = guests.actions.find((a: { action: string }) => a.action === 'iot:GetThingShadow');
    assert.equal(shadow.grants[0].everything, true);
    assert.equal(shadow.grants[0].sources[0].range.start.line, 4);
    assert.deepEqual(
      app.flows.map((f: { from: string; to: string; pattern: string }) => `${f.from} → ${f.to}: ${f.pattern}`),
      ['signed-in → signed-in: users/*/status', 'signed-in → signed-in: chat/*'],
    );
    // The broken app does not pin A1: what its guests reach depends on Cognito's flow, and is said so.
    assert.deepEqual(app.unsettled, [
      'guests iot:Connect *: ambiguous',
      'guests iot:Subscribe $aws/things/*: ambiguous',
      'guests iot:Receive $aws/things/*: ambiguous',
      'guests iot:GetThingShadow *: ambiguous',
    ]);
  });

  it('--fail-on-unknown fails when a class has access the files do not settle', () => {
    const dir = tempProject({
      'iot-policy-lens.config.json': { kinds: { '*.iot.json': 'iot' } },
      'user.iot.json': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] },
    });
    const plain = runCli(['summary', '.'], dir);
    assert.equal(plain.status, 0);
    assert.match(plain.stdout, /UNKNOWN: no auth-role policy/);
    const gated = runCli(['summary', '.', '--fail-on-unknown'], dir);
    assert.equal(gated.status, 1);
    assert.match(gated.stderr, /FAILED: 1 part of the access not settled/);
  });

  it('exits 2 with nothing to summarise, an unknown app or a bad format', () => {
    const empty = tempProject({ 'README.md': 'nothing here' });
    const none = runCli(['summary', '.'], empty);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /nothing to summarise/);
    const unknownApp = runCli(['summary', 'samples/per-user-app', '--app', 'no-such-app']);
    assert.equal(unknownApp.status, 2);
    assert.match(unknownApp.stderr, /no app named like "no-such-app"; the apps are: samples\/per-user-app\/scenario.json/);
    const format = runCli(['summary', 'samples/per-user-app', '--format', 'sarif']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /--format must be text, json, or markdown/);
  });
});
