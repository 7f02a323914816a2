import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runCli, tempProject } from './run-cli';

/** The authenticated role may publish under the parameter's prefix; the IoT policy allows every topic, so the role decides. */
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'parameter-app');
const TEMPLATE = fs.readFileSync(path.join(FIXTURE, 'app', 'template.yaml'), 'utf8');
const TERRAFORM = fs.readFileSync(path.join(FIXTURE, 'tf', 'main.tf'), 'utf8');

const ALICE = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';
/** alice publishes to devices/x, allowed only when the parameter says `devices`; a property says nobody does. */
const SCENARIO = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'scenario.json'), 'utf8'));

/** The fixture's scenario over another app, with other keys. */
function scenario(app: string, extra: object = {}): object {
  return { ...SCENARIO, app, ...extra };
}

const DEVICES = { TopicRoot: 'devices', topic_root: 'devices' };

describe('the config\'s "parameters" apply to the templates scenarios name, in simulate, check and prove alike', function () {
  // Each test runs the CLI several times as a child process: generous, so a busy machine cannot fail it.
  this.timeout(120_000);

  for (const [what, files, app] of [
    ['a CloudFormation template', { 'app/template.yaml': TEMPLATE }, 'app/template.yaml'],
    ['a Terraform pool by address', { 'tf/main.tf': TERRAFORM }, 'tf/main.tf#aws_cognito_identity_pool.main'],
  ] as const) {
    it(`simulate: the override changes the verdict (${what})`, () => {
      const defaults = tempProject({ ...files, 'scenario.json': scenario(app) });
      const before = runCli(['simulate', 'scenario.json', '--format', 'json'], defaults);
      assert.equal(before.status, 1, before.stderr);
      assert.deepEqual(
        JSON.parse(before.stdout).steps.map((s: { decision: string; pass: boolean }) => [s.decision, s.pass]),
        [['deny', false]],
      );
      const overridden = tempProject({ ...files, 'scenario.json': scenario(app), 'iot-policy-lens.config.json': { parameters: DEVICES } });
      const after = runCli(['simulate', 'scenario.json', '--format', 'json'], overridden);
      assert.equal(after.status, 0, after.stderr);
      assert.deepEqual(
        JSON.parse(after.stdout).steps.map((s: { decision: string; pass: boolean }) => [s.decision, s.pass]),
        [['allow', true]],
      );
    });
  }

  it('check: a scenario that names the app gets the values the template itself is checked with', () => {
    const defaults = tempProject({ 'app/template.yaml': TEMPLATE, 'scenario.json': scenario('app/template.yaml') });
    const before = runCli(['check', 'scenario.json'], defaults);
    assert.equal(before.status, 1);
    assert.match(before.stdout, /^scenario\.json:\d+:\d+ error scenario-expectation-failed expected allow, got deny — alice publish devices\/x$/m);
    const overridden = tempProject({
      'app/template.yaml': TEMPLATE,
      'scenario.json': scenario('app/template.yaml'),
      'iot-policy-lens.config.json': { parameters: DEVICES },
    });
    const after = runCli(['check', 'scenario.json'], overridden);
    assert.equal(after.status, 0, after.stdout);
    assert.match(after.stdout, /^scenario scenario\.json — .*: 1\/1 expectations hold$/m);
  });

  it('prove: the override refutes a property the defaults prove', () => {
    const defaults = tempProject({ 'app/template.yaml': TEMPLATE, 'scenario.json': scenario('app/template.yaml') });
    const before = runCli(['prove', 'scenario.json', '--format', 'json'], defaults);
    assert.equal(before.status, 0, before.stderr);
    assert.deepEqual(
      JSON.parse(before.stdout).scenarios[0].properties.map((p: { verdict: string }) => p.verdict),
      ['proved'],
    );
    const overridden = tempProject({
      'app/template.yaml': TEMPLATE,
      'scenario.json': scenario('app/template.yaml'),
      'iot-policy-lens.config.json': { parameters: DEVICES },
    });
    const after = runCli(['prove', 'scenario.json', '--format', 'json'], overridden);
    assert.equal(after.status, 1, after.stderr);
    const [property] = JSON.parse(after.stdout).scenarios[0].properties;
    assert.equal(property.verdict, 'refuted');
    assert.match(property.counterexample.summary, /may iot:Publish on arn:aws:iot:us-east-1:123456789012:topic\/devices\//);
  });

  it('a policy named inside a template ("template.yaml#Name") is read with the config too; --config names another config', () => {
    const dir = tempProject({
      'app/template.yaml': TEMPLATE,
      'scenario.json': {
        roles: { authenticated: ['app/template.yaml#AuthRole.Policies[Data]'] },
        identities: { alice: { type: 'authenticated', identityId: ALICE, iotPolicies: ['app/template.yaml#UserPolicy'] } },
        steps: [{ as: 'alice', publish: 'devices/x', expect: 'allow' }],
      },
      'other/lens.json': { parameters: DEVICES },
    });
    assert.equal(runCli(['simulate', 'scenario.json'], dir).status, 1);
    const named = runCli(['simulate', 'scenario.json', '--config', 'other/lens.json'], dir);
    assert.equal(named.status, 0, named.stdout + named.stderr);
    assert.match(named.stdout, /✓ \d+:\d+ alice publish devices\/x: ALLOW/);
  });

  it('simulate and prove refuse an invalid config with its location (exit 2), as check does', () => {
    const dir = tempProject({
      'app/template.yaml': TEMPLATE,
      'scenario.json': scenario('app/template.yaml'),
      'iot-policy-lens.config.json': '{ "parameters": { "TopicRoot": 7 } }',
    });
    for (const command of ['simulate', 'prove', 'check']) {
      const { status, stdout, stderr } = runCli([command, 'scenario.json'], dir);
      assert.equal(status, 2, `${command}: ${stdout}${stderr}`);
      assert.match(stderr, /iot-policy-lens\.config\.json:1:\d+: error invalid-config: /, command);
    }
  });
});
