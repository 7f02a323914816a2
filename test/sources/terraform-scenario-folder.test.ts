import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, tempProject } from '../cli/run-cli';
import { positionOf } from './helpers';
import { GUEST_POOL, rolePolicy } from './terraform-helpers';

// A scenario naming "main.tf" (its app, or a policy in it) reads the module as Terraform and `check` do:
// every .tf / .tf.json file of the folder, with its variables files (docs/iac-sources.md).
const LAMP = 'arn:aws:iot:us-east-1:123456789012:thing/lamp-*';
const GUEST_SHADOWS = rolePolicy('guest', 'aws_iam_role.guest.id', { effect: 'Allow', action: 'iot:UpdateThingShadow', resource: LAMP });
const STATEMENT = positionOf(GUEST_SHADOWS, '{\n      Effect');
const scenario = (app: object) => ({
  name: 'guests cannot drive lamps',
  ...app,
  identities: { guest: { type: 'unauthenticated', identityId: 'us-east-1:9f8e0000-0000-4000-8000-000000000001' } },
  steps: [{ as: 'guest', action: 'iot:UpdateThingShadow', resource: 'arn:aws:iot:us-east-1:123456789012:thing/lamp-1', expect: 'deny' }],
});

describe('Terraform: a scenario naming a .tf file reads its whole folder', function () {
  this.timeout(60_000);

  it('the guest policy in another file of the module counts: the deny expectation fails (exit 1), explained at its line there', () => {
    const dir = tempProject({ 'main.tf': GUEST_POOL, 'guest.tf': GUEST_SHADOWS, 'scenario.json': scenario({ app: 'main.tf' }) });
    const result = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /✗ \d+:5 guest iot:UpdateThingShadow .*: AMBIGUOUS \(expected deny: FAIL\)/);
    assert.match(result.stdout, new RegExp(`unauthenticated role: allow by statement #1 \\(guest\\.tf:${STATEMENT}\\)`));
  });

  it('a .tf.json file and the variables files of the folder are part of the app', () => {
    const jsonPolicy = {
      resource: {
        aws_iam_role_policy: {
          guest: {
            role: '${aws_iam_role.guest.id}',
            policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:UpdateThingShadow', Resource: LAMP }] }),
          },
        },
      },
    };
    const switched = GUEST_POOL.replace('allow_unauthenticated_identities = true', 'allow_unauthenticated_identities = var.guests');
    const files = { 'main.tf': switched, 'variables.tf': 'variable "guests" {\n  default = false\n}\n', 'guest.tf.json': jsonPolicy };
    const disabled = runCli(['simulate', 'scenario.json'], tempProject({ ...files, 'scenario.json': scenario({ app: 'main.tf' }) }));
    assert.equal(disabled.status, 0, disabled.stdout + disabled.stderr);
    assert.match(disabled.stdout, /✓ \d+:5 guest .*: DENY \(expected deny: pass\)/);
    const enabled = runCli(
      ['simulate', 'scenario.json'],
      tempProject({ ...files, 'terraform.tfvars': 'guests = true\n', 'scenario.json': scenario({ app: 'main.tf' }) }),
    );
    assert.equal(enabled.status, 1, enabled.stdout + enabled.stderr);
    assert.match(enabled.stdout, /unauthenticated role: allow by statement #1 \(guest\.tf\.json:\d+:\d+\)/);
  });

  it('a policy named "main.tf#…" may be written in another file of the module; its ranges stay there', () => {
    const dir = tempProject({
      'main.tf': GUEST_POOL,
      'guest.tf': GUEST_SHADOWS,
      'scenario.json': scenario({ roles: { unauthenticated: ['main.tf#aws_iam_role_policy.guest'] } }),
    });
    const result = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`unauthenticated role: allow by statement #1 \\(guest\\.tf:${STATEMENT}\\)`));
  });

  it('a file of the module that does not parse leaves the app unread: the scenario is invalid, naming file, line and column (exit 2)', () => {
    const dir = tempProject({ 'main.tf': GUEST_POOL, 'broken.tf': 'x = -\n', 'scenario.json': scenario({ app: 'main.tf' }) });
    const result = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(result.status, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /the app "main\.tf" is not read: broken\.tf:1:6: invalid HCL/);
  });

  it('a file of the module that is a link out of the project is not read: the scenario is invalid (exit 2), never the app without it', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-outside-'));
    fs.writeFileSync(path.join(outside, 'guest.tf'), GUEST_SHADOWS);
    const dir = tempProject({ 'main.tf': GUEST_POOL, 'scenario.json': scenario({ app: 'main.tf' }) });
    fs.symlinkSync(path.join(outside, 'guest.tf'), path.join(dir, 'guest.tf'));
    const result = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(result.status, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /the app "main\.tf" is not read: main\.tf:1:1: .*guest\.tf, a file of this module, is a link out of the project, not read/);
  });
});
