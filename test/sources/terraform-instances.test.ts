import { strict as assert } from 'node:assert';
import type { CheckReport } from '../../analyzer';
import { runCli, tempProject } from '../cli/run-cli';
import { positionOf } from './helpers';
import { analysedDocument, checkModule, placedIn } from './terraform-helpers';

// count / for_each the files decide: one instance per index or key, named as Terraform names them,
// each read with its own count.index / each.key / each.value (docs/iac-sources.md).
const POOL = `resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name               = "lamps"
  allow_unauthenticated_identities = true
}
`;
const shadowPolicy = (name: string, meta: string, role: string, thing: string) => `resource "aws_iam_role_policy" "${name}" {
  ${meta}
  role   = ${role}
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iot:GetThingShadow", Resource = "arn:aws:iot:us-east-1:123456789012:thing/${thing}" }]
  })
}
`;
const attachment = (roles: string) => `resource "aws_cognito_identity_pool_roles_attachment" "roles" {
  identity_pool_id = aws_cognito_identity_pool.pool.id
  roles = {
    ${roles}
  }
}
`;
const kinds = (report: CheckReport) => report.files.map((f) => [f.name, f.kind]);
const shadowOf = (thing: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `arn:aws:iot:us-east-1:123456789012:thing/${thing}` }],
});

describe('Terraform count and for_each: one instance per index or key', function () {
  this.timeout(60_000);

  it('count: instances aws_iot_policy.lamp[0], [1], each with its own count.index', () => {
    const module = `resource "aws_iot_policy" "lamp" {
  count  = 2
  name   = "lamp-\${count.index}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iot:Publish", Resource = "arn:aws:iot:us-east-1:123456789012:topic/lamps/\${count.index}" }]
  })
}
`;
    const report = checkModule({ 'main.tf': module });
    assert.deepEqual(kinds(report), [
      ['aws_iot_policy.lamp[0]', 'iot'],
      ['aws_iot_policy.lamp[1]', 'iot'],
    ]);
    const topic = (n: number) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `arn:aws:iot:us-east-1:123456789012:topic/lamps/${n}` }],
    });
    assert.deepEqual(analysedDocument({ 'main.tf': module }, 'aws_iot_policy.lamp[0]'), topic(0));
    assert.deepEqual(analysedDocument({ 'main.tf': module }, 'aws_iot_policy.lamp[1]'), topic(1));
  });

  it('for_each: roles aws_iam_role.r["guest"] / ["user"] named by each.value, linked by aws_iam_role.r["k"].arn, policies for_each over the roles', () => {
    const module =
      POOL +
      `resource "aws_iam_role" "r" {
  for_each           = { guest = "lamps-guest", user = "lamps-user" }
  name               = each.value
  assume_role_policy = "{}"
}
` +
      attachment('unauthenticated = aws_iam_role.r["guest"].arn\n    authenticated = aws_iam_role.r["user"].arn') +
      shadowPolicy('p', 'for_each = aws_iam_role.r', 'each.value.name', '${each.key}-*');
    const report = checkModule({ 'main.tf': module });
    assert.deepEqual(kinds(report), [
      ['aws_iam_role_policy.p["guest"]', 'unauth-role'],
      ['aws_iam_role_policy.p["user"]', 'auth-role'],
    ]);
    assert.deepEqual(analysedDocument({ 'main.tf': module }, 'aws_iam_role_policy.p["guest"]'), shadowOf('guest-*'));
    assert.deepEqual(analysedDocument({ 'main.tf': module }, 'aws_iam_role_policy.p["user"]'), shadowOf('user-*'));
    assert.ok(
      report.notes.includes(
        'main.tf: identity pool aws_cognito_identity_pool.pool: authenticated role aws_iam_role.r["user"], unauthenticated role aws_iam_role.r["guest"]; guests get credentials',
      ),
      report.notes.join('\n'),
    );
    assert.deepEqual(placedIn(report), [`main.tf:${positionOf(module, '"arn:aws:iot:us-east-1:123456789012:thing/${each.key}-*"')} app-guest-reaches-devices`]);
  });

  it('a set of strings: each.key and each.value are the element; an attachment per managed policy ARN', () => {
    const module =
      POOL +
      'resource "aws_iam_role" "guest" {\n  name = "lamps-guest"\n  assume_role_policy = "{}"\n}\n' +
      attachment('unauthenticated = aws_iam_role.guest.arn') +
      `resource "aws_iam_role_policy_attachment" "managed" {
  for_each   = toset(["arn:aws:iam::aws:policy/AWSIoTDataAccess"])
  role       = aws_iam_role.guest.name
  policy_arn = each.value
}
`;
    const report = checkModule({ 'main.tf': module });
    assert.deepEqual(kinds(report), [['aws_iam_role.guest.ManagedPolicyArns[AWSIoTDataAccess v3, 2026-12-07]', 'unauth-role']]);
  });

  it('count.index in a reference (aws_iam_role.guest[count.index].id) and the splat one(aws_iam_role.guest[*].arn) name the instances', () => {
    const module =
      POOL +
      'resource "aws_iam_role" "guest" {\n  count = 1\n  name = "lamps-guest-${count.index}"\n  assume_role_policy = "{}"\n}\n' +
      attachment('unauthenticated = one(aws_iam_role.guest[*].arn)') +
      shadowPolicy('p', 'count = 1', 'aws_iam_role.guest[count.index].id', 'lamp-${count.index}');
    const report = checkModule({ 'main.tf': module });
    assert.deepEqual(kinds(report), [['aws_iam_role_policy.p[0]', 'unauth-role']]);
    assert.deepEqual(analysedDocument({ 'main.tf': module }, 'aws_iam_role_policy.p[0]'), shadowOf('lamp-0'));
  });

  it("the tester's reproducer (tf-count-indexed-role): aws_iam_role.guest[0].arn with count = 1 is the guest role, exit 1 at the grant", () => {
    const module =
      'variable "enable_guests" {\n  default = true\n}\n' +
      POOL +
      'resource "aws_iam_role" "guest" {\n  count = var.enable_guests ? 1 : 0\n  name = "lamps-guest"\n  assume_role_policy = "{}"\n}\n' +
      attachment('unauthenticated = aws_iam_role.guest[0].arn') +
      shadowPolicy('guest', 'count = var.enable_guests ? 1 : 0', 'aws_iam_role.guest[0].id', '*');
    const dir = tempProject({ 'main.tf': module });
    const result = runCli(['check', '.'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const things = positionOf(module, '"arn:aws:iot:us-east-1:123456789012:thing/*"');
    assert.match(result.stdout, new RegExp(`^main\\.tf:${things} error app-guest-reaches-devices aws_iam_role_policy\\.guest\\[0\\]: `, 'm'));
    assert.match(result.stdout, /unauthenticated role aws_iam_role\.guest\[0\]; guests get credentials/);
  });

  it('a data "aws_iam_policy_document" with for_each: one document per key (each.key inside), by ["k"].json, by each.value.json, by [*]', () => {
    const module =
      'resource "aws_iam_role" "guest" {\n  name = "lamps-guest"\n  assume_role_policy = "{}"\n}\n' +
      `data "aws_iam_policy_document" "d" {
  for_each = toset(["lamp", "lock"])
  statement {
    actions   = ["iot:GetThingShadow"]
    resources = ["arn:aws:iot:us-east-1:123456789012:thing/\${each.key}-*"]
  }
}
resource "aws_iam_role_policy" "each" {
  for_each = data.aws_iam_policy_document.d
  role     = aws_iam_role.guest.id
  policy   = each.value.json
}
resource "aws_iam_role_policy" "lock" {
  role   = aws_iam_role.guest.id
  policy = data.aws_iam_policy_document.d["lock"].json
}
resource "aws_iam_role_policy" "splat" {
  count  = length(data.aws_iam_policy_document.d["lamp"][*].json)
  role   = aws_iam_role.guest.id
  policy = data.aws_iam_policy_document.d["lamp"].json
}
`;
    const rendered = (thing: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iot:GetThingShadow'], Resource: [`arn:aws:iot:us-east-1:123456789012:thing/${thing}`] }],
    });
    const files = { 'main.tf': module };
    assert.deepEqual(
      checkModule(files).files.map((f) => f.name),
      ['aws_iam_role_policy.each["lamp"]', 'aws_iam_role_policy.each["lock"]', 'aws_iam_role_policy.lock', 'aws_iam_role_policy.splat[0]'],
    );
    assert.deepEqual(analysedDocument(files, 'aws_iam_role_policy.each["lamp"]'), rendered('lamp-*'));
    assert.deepEqual(analysedDocument(files, 'aws_iam_role_policy.each["lock"]'), rendered('lock-*'));
    assert.deepEqual(analysedDocument(files, 'aws_iam_role_policy.lock'), rendered('lock-*'));
    assert.deepEqual(analysedDocument(files, 'aws_iam_role_policy.splat[0]'), rendered('lamp-*'));
  });

  it('a scenario names one instance by its address (main.tf#aws_iam_role_policy.p["lamp"]) and gets that instance\'s document', () => {
    const module = shadowPolicy('p', 'for_each = { lamp = "lamp-*", lock = "lock-*" }', '"lamps-guest"', '${each.value}');
    const step = (thing: string) => ({
      as: 'guest',
      action: 'iot:GetThingShadow',
      resource: `arn:aws:iot:us-east-1:123456789012:thing/${thing}`,
      expect: 'deny',
    });
    const scenario = {
      name: 'guests and lamps',
      roles: { unauthenticated: ['main.tf#aws_iam_role_policy.p["lamp"]'] },
      identities: { guest: { type: 'unauthenticated', identityId: 'us-east-1:9f8e0000-0000-4000-8000-000000000001' } },
      steps: [step('lock-1'), step('lamp-1')],
    };
    const result = runCli(['simulate', 'scenario.json'], tempProject({ 'main.tf': module, 'scenario.json': scenario }));
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /✓ \d+:\d+ guest iot:GetThingShadow arn:aws:iot:us-east-1:123456789012:thing\/lock-1: DENY \(expected deny: pass\)/);
    assert.match(result.stdout, /✗ \d+:\d+ guest iot:GetThingShadow arn:aws:iot:us-east-1:123456789012:thing\/lamp-1: AMBIGUOUS \(expected deny: FAIL\)/);
  });

  it('an index no instance has is unknown where it is written (unresolved-value), never another instance', () => {
    const module =
      POOL +
      'resource "aws_iam_role" "guest" {\n  count = 1\n  name = "lamps-guest"\n  assume_role_policy = "{}"\n}\n' +
      attachment('unauthenticated = aws_iam_role.guest[0].arn') +
      shadowPolicy('p', '', 'aws_iam_role.guest[2].id', '*');
    const report = checkModule({ 'main.tf': module });
    assert.deepEqual(placedIn(report), [`main.tf:${positionOf(module, 'aws_iam_role.guest[2].id')} unresolved-value`]);
    assert.match(report.findings[0].message, /aws_iam_role\.guest\[2\] \(no such instance: count makes 1\)/);
  });

  it('an undecided count is read once: its count.index is unknown (the statement is left out, reported), the role any index names is taken as existing', () => {
    const module =
      'variable "families" {}\n' +
      POOL +
      'resource "aws_iam_role" "guest" {\n  count = length(var.families)\n  name = "lamps-guest"\n  assume_role_policy = "{}"\n}\n' +
      attachment('unauthenticated = aws_iam_role.guest[0].arn') +
      shadowPolicy('p', 'count = length(var.families)', 'aws_iam_role.guest[0].id', '${var.families[count.index]}-*');
    const report = checkModule({ 'main.tf': module });
    assert.deepEqual(kinds(report), [['aws_iam_role_policy.p', 'unauth-role']]);
    assert.deepEqual(placedIn(report), [`main.tf:${positionOf(module, '"arn:aws:iot:us-east-1:123456789012:thing/${var.families')} unresolved-value`]);
    assert.ok(
      report.notes.some((n) => n.includes('unauthenticated role aws_iam_role.guest; guests get credentials')),
      report.notes.join('\n'),
    );
  });

  it('a for_each that refers to its own resource (a cycle Terraform rejects) is undecided: its Deny is not applied, said in a note', () => {
    const module =
      'resource "aws_iam_role" "guest" {\n  name = "lamps-guest"\n  assume_role_policy = "{}"\n}\n' +
      shadowPolicy('deny', 'for_each = aws_iam_role_policy.deny', 'aws_iam_role.guest.id', '*').replace('"Allow"', '"Deny"');
    const report = checkModule({ 'main.tf': module });
    assert.deepEqual(report.files, []);
    assert.ok(
      report.notes.some((n) => n.includes('(refers to itself)') && n.includes('its 1 Deny statement(s) are not applied')),
      report.notes.join('\n'),
    );
  });

  it('a count past 10,000 instances is refused where it is written (exit 2), in bounded time', () => {
    const module = 'resource "aws_iot_policy" "many" {\n  count = 1000000000\n  policy = "{}"\n}\n';
    const dir = tempProject({ 'main.tf': module });
    const result = runCli(['check', '.'], dir);
    assert.equal(result.status, 2, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /^main\.tf:2:11 error invalid-template count of aws_iot_policy\.many makes more than 10,000 instances: the module is not read$/m,
    );
  });
});
