import { strict as assert } from 'node:assert';
import { runCli, tempProject } from '../cli/run-cli';
import { positionOf } from './helpers';
import { checkModule, GUEST_POOL, placedIn, rolePolicy } from './terraform-helpers';

// The reproducer of the tester's report (tf-count-deny): a guardrail Deny whose resource may not exist.
const SHADOW_UPDATE = 'arn:aws:iot:us-east-1:123456789012:topic/$aws/things/lamp-1/shadow/update';
const POOL = GUEST_POOL + rolePolicy('guest_devices', 'aws_iam_role.guest.id', { effect: 'Allow', action: 'iot:Publish', resource: SHADOW_UPDATE });
const DEFAULT_FALSE = 'variable "enable_guardrails" {\n  type    = bool\n  default = false\n}\n';
const guardrail = (meta: string, variable = DEFAULT_FALSE) =>
  variable +
  rolePolicy(
    'guest_guardrail',
    'aws_iam_role.guest.id',
    { effect: 'Deny', action: 'iot:Publish', resource: 'arn:aws:iot:us-east-1:123456789012:topic/$aws/*' },
    meta,
  );
const GUEST_PUBLISH = positionOf(POOL, `"${SHADOW_UPDATE}`);

describe('Terraform count and for_each: a resource that may not exist', function () {
  this.timeout(60_000);

  it('count = 0 creates nothing: the guardrail Deny is not applied and guests reach the shadow topic (exit 1)', () => {
    const dir = tempProject({ 'main.tf': POOL + guardrail('count = 0') });
    const result = runCli(['check', '.'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`^main\\.tf:${GUEST_PUBLISH} error app-guest-reaches-devices aws_iam_role_policy\\.guest_devices:`, 'm'));
  });

  it('a count a variable decides follows its value: its default, terraform.tfvars, the config', () => {
    const module = POOL + guardrail('count = var.enable_guardrails ? 1 : 0');
    assert.ok(placedIn(checkModule({ 'main.tf': module })).includes(`main.tf:${GUEST_PUBLISH} app-guest-reaches-devices`));
    const enabled = checkModule({ 'main.tf': module, 'terraform.tfvars': 'enable_guardrails = true\n' });
    assert.deepEqual(placedIn(enabled), []);
    assert.deepEqual(placedIn(checkModule({ 'main.tf': module }, { enable_guardrails: 'true' })), []);
  });

  it('an empty for_each creates nothing; a non-empty one creates the resource', () => {
    assert.ok(placedIn(checkModule({ 'main.tf': POOL + guardrail('for_each = toset([])') })).includes(`main.tf:${GUEST_PUBLISH} app-guest-reaches-devices`));
    assert.deepEqual(placedIn(checkModule({ 'main.tf': POOL + guardrail('for_each = { eu = "eu-west-1" }') })), []);
  });

  it('an undecided count is analysed both ways: the Deny is not applied, the report says so, the Deny-only policy is not linted as empty', () => {
    const report = checkModule({ 'main.tf': POOL + guardrail('count = var.enable_guardrails ? 1 : 0', 'variable "enable_guardrails" {}\n') });
    assert.deepEqual(placedIn(report), [`main.tf:${GUEST_PUBLISH} app-guest-reaches-devices`]);
    assert.ok(
      report.notes.some((n) =>
        /aws_iam_role_policy\.guest_guardrail: count = var\.enable_guardrails \? 1 : 0 of aws_iam_role_policy\.guest_guardrail \(var\.enable_guardrails \(no default.*\) not decided by the files: its 1 Deny statement\(s\) are not applied/.test(
          n,
        ),
      ),
      report.notes.join('\n'),
    );
  });

  it('an undecided count keeps the Allow of the policy (a possible grant is a grant) and names the condition', () => {
    const undecided =
      GUEST_POOL +
      rolePolicy('guest_devices', 'aws_iam_role.guest.id', { effect: 'Allow', action: 'iot:Publish', resource: SHADOW_UPDATE }, 'count = var.on ? 1 : 0') +
      'variable "on" {}\n';
    const report = checkModule({ 'main.tf': undecided });
    assert.deepEqual(placedIn(report), [`main.tf:${positionOf(undecided, `"${SHADOW_UPDATE}`)} app-guest-reaches-devices`]);
    assert.ok(
      report.notes.some((n) => n.includes('aws_iam_role_policy.guest_devices: the condition count = var.on ? 1 : 0 of aws_iam_role_policy.guest_devices')),
      report.notes.join('\n'),
    );
  });
});
