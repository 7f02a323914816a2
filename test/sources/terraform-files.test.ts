import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempProject } from '../cli/run-cli';
import { positionOf } from './helpers';
import { checkModule, GUEST_POOL, placedIn } from './terraform-helpers';

// The reproducer of the tester's report (tf-json-syntax): Terraform's JSON syntax, a policy as an escaped JSON string.
const GUEST_POLICY_JSON = `{
  "resource": {
    "aws_iam_role_policy": {
      "guest": {
        "role": "\${aws_iam_role.guest.id}",
        "policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"iot:*\\",\\"Resource\\":\\"*\\"}]}"
      }
    }
  }
}
`;

describe('Terraform files: JSON syntax, variables files, file()', function () {
  this.timeout(60_000);

  it('reads *.tf.json with the .tf files of its folder (found by the walk, or named), findings inside its escaped policy string', () => {
    const dir = tempProject({ 'main.tf': GUEST_POOL, 'guest-policy.tf.json': GUEST_POLICY_JSON });
    const walked = runCli(['check', '.', '--format', 'json'], dir);
    assert.equal(walked.status, 1, walked.stderr);
    const report = JSON.parse(walked.stdout);
    assert.deepEqual(
      report.files.map((f: { path: string; name: string; kind: string }) => [f.path, f.name, f.kind]),
      [['guest-policy.tf.json', 'aws_iam_role_policy.guest', 'unauth-role']],
    );
    const wildcard = report.findings.find((f: { ruleId: string }) => f.ruleId === 'service-wildcard-action');
    // At "iot:*" inside the escaped string, from the escape its opening quote is written as (\"), as in a CloudFormation JSON template.
    assert.deepEqual(
      [wildcard.file, `${wildcard.range.start.line}:${wildcard.range.start.column}`],
      ['guest-policy.tf.json', positionOf(GUEST_POLICY_JSON, '\\"iot:*')],
    );
    const named = runCli(['check', 'guest-policy.tf.json'], dir);
    assert.doesNotMatch(named.stdout, /invalid-structure|unknown-element/);
    // Alone, the role it is attached to is not in the files: that is an error (who gets it is unknown), and the kind-neutral rules run.
    const lines = named.stdout.split('\n');
    assert.ok(
      lines.some(
        (l) =>
          l.startsWith('guest-policy.tf.json:') && l.includes(' error unresolved-value aws_iam_role_policy.guest: the role it is attached to is not decided'),
      ),
      named.stdout,
    );
    assert.ok(
      lines.includes(
        `guest-policy.tf.json:${positionOf(GUEST_POLICY_JSON, '\\"iot:*')} warning service-wildcard-action aws_iam_role_policy.guest: "iot:*" grants every action; list the data-plane actions this policy is for`,
      ),
      named.stdout,
    );
    assert.equal(named.status, 1);
  });

  it("takes variables from terraform.tfvars and *.auto.tfvars in Terraform's order, and says so (tf-tfvars-ignored)", () => {
    const module = `variable "allow_guests" {
  type    = bool
  default = false
}
resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name               = "lamps"
  allow_unauthenticated_identities = var.allow_guests
}
`;
    const guests = (files: Record<string, string>) => checkModule({ 'main.tf': module, ...files }).notes.find((n) => n.includes('identity pool'))!;
    assert.match(guests({}), /guests are disabled/);
    assert.match(guests({ 'terraform.tfvars': 'allow_guests = true\n' }), /guests get credentials/);
    // Later files win: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars by name.
    assert.match(
      guests({ 'b.auto.tfvars': 'allow_guests = false\n', 'terraform.tfvars': 'allow_guests = true\n', 'a.auto.tfvars': 'allow_guests = true\n' }),
      /guests are disabled/,
    );
    assert.match(guests({ 'terraform.tfvars.json': '{"allow_guests": true}', 'terraform.tfvars': 'allow_guests = false\n' }), /guests get credentials/);
    const notes = checkModule({ 'main.tf': module, 'terraform.tfvars': 'allow_guests = true\n' }).notes;
    assert.ok(
      notes.some((n) => /^main\.tf: var\.allow_guests from terraform\.tfvars: Terraform loads terraform\.tfvars.*-var, -var-file, TF_VAR_/.test(n)),
      notes.join('\n'),
    );
    // A variable with no value anywhere is unknown: guests are not taken as disabled.
    assert.match(guests({ 'main.tf': module.replace('  default = false\n', '') }), /whether guests get credentials is not decided by the files/);
  });

  it('a .tf file named on the command line brings the variables files of its folder, as Terraform loads them', () => {
    const dir = tempProject({
      'infra/main.tf':
        'variable "allow_guests" {\n  default = false\n}\nresource "aws_cognito_identity_pool" "pool" {\n  identity_pool_name = "lamps"\n  allow_unauthenticated_identities = var.allow_guests\n}\nresource "aws_iot_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [] })\n}\n',
      'infra/terraform.tfvars': 'allow_guests = true\n',
    });
    const summary = runCli(['summary', 'infra/main.tf'], dir);
    assert.doesNotMatch(summary.stdout + summary.stderr, /guests are disabled/);
    const notes: string[] = JSON.parse(runCli(['check', 'infra/main.tf', '--format', 'json', '--fail-on', 'none'], dir).stdout).notes;
    assert.ok(
      notes.some((n) => /identity pool aws_cognito_identity_pool\.pool: .*guests get credentials/.test(n)),
      notes.join('\n'),
    );
  });

  it("a scenario naming the module's file as its app sees the variables files too (the guest may drive lamps)", () => {
    const dir = tempProject({
      'main.tf': `${GUEST_POOL.replace('= true', '= var.allow_guests')}variable "allow_guests" {
  default = false
}
resource "aws_iam_role_policy" "guest" {
  role = aws_iam_role.guest.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iot:UpdateThingShadow", Resource = "arn:aws:iot:us-east-1:123456789012:thing/lamp-*" }]
  })
}
`,
      'terraform.tfvars': 'allow_guests = true\n',
      'scenario.json': {
        name: 'guests cannot drive lamps',
        app: 'main.tf',
        identities: { guest: { type: 'unauthenticated', identityId: 'us-east-1:9f8e0000-0000-4000-8000-000000000001' } },
        steps: [{ as: 'guest', action: 'iot:UpdateThingShadow', resource: 'arn:aws:iot:us-east-1:123456789012:thing/lamp-1', expect: 'deny' }],
      },
    });
    const result = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /expected deny: FAIL|✗/);
  });

  it('file() reads only inside the project: a path out of it, or a link out of it, is unknown and its content never shown', () => {
    const outside = tempProject({
      'secret.json': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "AKIAEXAMPLESECRET123", "Resource": "*"}]}',
    });
    const dir = tempProject({});
    const secret = path.relative(path.join(dir, 'repo'), path.join(outside, 'secret.json'));
    fs.mkdirSync(path.join(dir, 'repo', 'policies'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'repo', 'policies', 'inside.json'),
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:Publsh", "Resource": "*"}]}',
    );
    fs.writeFileSync(
      path.join(dir, 'repo', 'main.tf'),
      `resource "aws_iot_policy" "a" {
  name   = "a"
  policy = file("${secret}")
}
resource "aws_iot_policy" "b" {
  name   = "b"
  policy = file("linked.json")
}
resource "aws_iot_policy" "c" {
  name   = "c"
  policy = file("\${path.module}/policies/inside.json")
}
`,
    );
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'repo', 'linked.json'));
    const result = runCli(['check', '.'], path.join(dir, 'repo'));
    assert.doesNotMatch(result.stdout + result.stderr, /AKIAEXAMPLESECRET123/);
    assert.ok(
      result.stdout.includes(
        `main.tf:3:12 error unresolved-value aws_iot_policy.a: the policy document depends on file("${secret}") (outside the project, not read)`,
      ),
      result.stdout,
    );
    assert.match(
      result.stdout,
      /^main\.tf:7:12 error unresolved-value aws_iot_policy\.b: the policy document depends on file\("linked\.json"\) \(outside the project, not read\)/m,
    );
    assert.match(result.stdout, /^main\.tf:11:12 error unknown-action aws_iot_policy\.c: unknown action "iot:Publsh"/m);
    assert.deepEqual(
      placedIn(
        checkModule({ 'main.tf': 'resource "aws_iot_policy" "x" {\n  policy = file("p.json")\n}\n', 'p.json': '{"Version": "2012-10-17", "Statement": []}' }),
      ),
      ['main.tf:2:12 empty-statement'],
    );
  });
});
