import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitAll, runCli, tempProject } from './run-cli';

// diff --base: the old version of a policy file is read with the kind the scenarios of the base revision
// gave it, the new version with the working tree's. A change that leaves the policy alone and only moves it
// to another class in a scenario grants that class what the policy allows.

const POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish'], Resource: '*' }] };
const IDENTITY_ID = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';

/** A scenario at the repository's root naming the policy files by their path from there. */
const scenario = (lists: { iot?: string[]; authenticated?: string[]; unauthenticated?: string[] }) => ({
  ...((lists.authenticated || lists.unauthenticated) && {
    roles: { ...(lists.authenticated && { authenticated: lists.authenticated }), ...(lists.unauthenticated && { unauthenticated: lists.unauthenticated }) },
  }),
  identities: lists.iot ? { u: { type: 'authenticated', identityId: IDENTITY_ID, iotPolicies: lists.iot } } : {},
  steps: [],
});

function repository(files: Record<string, string | object>): string {
  const dir = tempProject(files);
  commitAll(dir);
  return dir;
}

const write = (dir: string, file: string, content: object) => fs.writeFileSync(path.join(dir, file), JSON.stringify(content, null, 2));
const diff = (dir: string, ...extra: string[]) => runCli(['diff', '--base', 'HEAD', '--fail-on-new-access', ...extra], dir);

describe('diff --base: kinds from the scenarios of each revision', function () {
  this.timeout(60_000);

  it('a scenario moving an unchanged policy from the IoT policies to the guests’ role is new guest access (exit 1)', () => {
    const dir = repository({ 'policies/p.json': POLICY, 'scenario.json': scenario({ iot: ['policies/p.json'] }) });
    write(dir, 'scenario.json', scenario({ unauthenticated: ['policies/p.json'] }));
    const result = diff(dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^policies\/p\.json \(new\) \[unauth-role: unauthenticated identities\]\n {2}iot:Connect\n {4}\+ now allows \*/m);
    assert.match(result.stdout, /^HEAD:policies\/p\.json \(deleted\) \[iot: authenticated identities\]\n {2}iot:Connect\n {4}- no longer allows \*/m);
    assert.equal(result.stderr, '');
  });

  it('finds a scenario at the base whose keys are spelt with \\u escapes', () => {
    const escaped = JSON.stringify(scenario({ iot: ['policies/p.json'] })).replace('"steps"', '"\\u0073teps"');
    const dir = repository({ 'policies/p.json': POLICY, 'scenario.json': escaped });
    write(dir, 'scenario.json', scenario({ unauthenticated: ['policies/p.json'] }));
    const result = diff(dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^HEAD:policies\/p\.json \(deleted\) \[iot: authenticated identities\]/m);
  });

  it('a scenario moving an unchanged policy from the signed-in users’ role to the guests’ is new guest access (exit 1)', () => {
    const dir = repository({ 'policies/p.json': POLICY, 'scenario.json': scenario({ authenticated: ['policies/p.json'] }) });
    write(dir, 'scenario.json', scenario({ unauthenticated: ['policies/p.json'] }));
    const result = diff(dir, '--format', 'json');
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const granted = JSON.parse(result.stdout)
      .files.filter((f: { changes: Array<{ granted?: unknown }> }) => f.changes.some((c) => c.granted))
      .map((f: { new: string; kind: string }) => `${f.new} ${f.kind}`);
    assert.deepEqual(granted, [`${path.join('policies', 'p.json')} unauth-role`]);
  });

  it('moving a policy from the guests’ role to the IoT policies removes guest access and grants the IoT policies’ layer what it allows (exit 1)', () => {
    // Files are compared one by one in their class: the IoT policies of signed-in identities had nothing that
    // allowed this, so what it allows there is new (with an authenticated role allowing iot:*, it is new access).
    const dir = repository({ 'policies/p.json': POLICY, 'scenario.json': scenario({ unauthenticated: ['policies/p.json'] }) });
    write(dir, 'scenario.json', scenario({ iot: ['policies/p.json'] }));
    const result = diff(dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^HEAD:policies\/p\.json \(deleted\) \[unauth-role: unauthenticated identities\]\n {2}iot:Connect\n {4}- no longer allows \*/m);
    assert.match(result.stdout, /^policies\/p\.json \(new\) \[iot: authenticated identities\]\n {2}iot:Connect\n {4}\+ now allows \*/m);
  });

  it('a guests’ role policy deleted with its scenario entry is access removed from the guests, by the base’s kind (exit 0)', () => {
    const dir = repository({
      'policies/p.json': POLICY,
      'policies/guest.json': POLICY,
      'scenario.json': scenario({ iot: ['policies/p.json'], unauthenticated: ['policies/guest.json'] }),
    });
    write(dir, 'scenario.json', scenario({ iot: ['policies/p.json'] }));
    fs.rmSync(path.join(dir, 'policies/guest.json'));
    const result = diff(dir);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^HEAD:policies\/p\.json → policies\/p\.json \[iot: authenticated identities\]\n {2}no change in access/m);
    assert.match(
      result.stdout,
      /^HEAD:policies\/guest\.json \(deleted\) \[unauth-role: unauthenticated identities\]\n {2}iot:Connect\n {4}- no longer allows \*/m,
    );
  });

  it('a scenario added at HEAD gives a file that had no kind one: all it grants is new access, even with --allow-unknown', () => {
    const dir = repository({ 'policies/p.json': POLICY, 'policies/other.json': POLICY, 'scenario.json': scenario({ iot: ['policies/other.json'] }) });
    write(dir, 'guests.scenario.json', scenario({ unauthenticated: ['policies/p.json'] }));
    const result = diff(dir, '--allow-unknown');
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^policies\/p\.json \(new\) \[unauth-role: unauthenticated identities\]\n {2}iot:Connect\n {4}\+ now allows \*/m);
    assert.match(
      result.stderr,
      /^policies\/p\.json: note: HEAD:policies\/p\.json had no kind \(from the config or the scenarios of its time\), so all it grants is compared as new access$/m,
    );
  });

  it('a scenario deleted at HEAD leaves the new versions without a kind: not compared, the gate fails, the old access shown as removed', () => {
    const dir = repository({
      'policies/p.json': POLICY,
      'policies/q.json': POLICY,
      'scenario.json': scenario({ iot: ['policies/p.json', 'policies/q.json'] }),
    });
    fs.rmSync(path.join(dir, 'scenario.json'));
    const result = diff(dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^HEAD:policies\/p\.json \(deleted\) \[iot: authenticated identities\]\n {2}iot:Connect\n {4}- no longer allows \*/m);
    assert.match(result.stderr, /^policies\/p\.json: warning: cannot tell whether this is an IoT policy or a role policy; .*\(skipped\)$/m);
    assert.match(result.stdout, /--fail-on-new-access: FAILED, not decided: 2 files skipped for lack of a kind/);
  });

  it('a scenario at the base naming a policy it cannot read (absent, too large, outside the repository) gives no kinds, says why, and does not stop the run', () => {
    const dir = repository({
      'policies/p.json': POLICY,
      'policies/big.json': { ...POLICY, Padding: 'x'.repeat(1_100_000) },
      'absent.scenario.json': scenario({ unauthenticated: ['policies/p.json', 'policies/missing.json'] }),
      'large.scenario.json': scenario({ unauthenticated: ['policies/p.json', 'policies/big.json'] }),
      'outside.scenario.json': scenario({ unauthenticated: ['policies/p.json', '../outside.json'] }),
    });
    for (const name of ['absent', 'large', 'outside']) write(dir, `${name}.scenario.json`, scenario({ unauthenticated: ['policies/p.json'] }));
    fs.rmSync(path.join(dir, 'policies/big.json'));
    const result = diff(dir, 'policies/p.json');
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(
      result.stderr,
      /^HEAD:absent\.scenario\.json:\d+:\d+: warning: cannot read policy file "policies\/missing\.json" \(not in HEAD\) \(this scenario gives no policy file a kind\)$/m,
    );
    assert.match(
      result.stderr,
      /^HEAD:large\.scenario\.json:\d+:\d+: warning: cannot read policy file "policies\/big\.json" \(too large \(more than 1048576 bytes; limit 1048576\)\)/m,
    );
    assert.match(
      result.stderr,
      /^HEAD:outside\.scenario\.json:\d+:\d+: warning: cannot read policy file "\.\.\/outside\.json" \(outside the repository, so it has no version at HEAD\)/m,
    );
    // With no kind at the base, the guests' access through it is all new: the gate fails rather than pass it.
    assert.match(result.stdout, /^policies\/p\.json \(new\) \[unauth-role: unauthenticated identities\]/m);
  });
});
