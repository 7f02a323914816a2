import { strict as assert } from 'node:assert';
import { checkProject, ResolvedConfig, type CheckReport } from '../../analyzer';
import { parseHcl } from '../../analyzer/sources/terraform/hcl-parser';
import { runCli, tempProject } from '../cli/run-cli';
import { placed, positionOf, SINGLE_FILE_RULES } from './helpers';

const files: Record<string, string> = {
  'infra/policies/device.json': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:Publsh", "Resource": "*"}]}',
};
const host = {
  readFile: (path: string) => files[path],
  resolve: (from: string, reference: string) => `${from.slice(0, from.lastIndexOf('/'))}/${reference.replace(/^\.\//, '')}`,
  mayInclude: () => true,
};
function checkTf(text: string, path = 'infra/main.tf', parameters?: Record<string, string>): CheckReport {
  return checkProject([{ path, configPath: path, text, role: 'template', format: 'terraform' }], {
    config: new ResolvedConfig({ ...SINGLE_FILE_RULES, ...(parameters && { parameters }) }),
    host,
  });
}

const MODULE = `variable "stage" {
  default = "prod"
}
variable "bucket" {}

resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = false
}

resource "aws_cognito_identity_pool_roles_attachment" "pool" {
  identity_pool_id = aws_cognito_identity_pool.pool.id
  roles = {
    "authenticated"   = aws_iam_role.auth.arn
    "unauthenticated" = aws_iam_role.guest.arn
  }
  role_mapping {
    identity_provider         = "cognito-idp.us-east-1.amazonaws.com/us-east-1_x:client"
    type                      = "Rules"
    ambiguous_role_resolution = "AuthenticatedRole"
    mapping_rule {
      claim      = "dept"
      match_type = "Equals"
      value      = "ops"
      role_arn   = aws_iam_role.ops.arn
    }
  }
}

resource "aws_iam_role" "auth" {
  name                = "auth"
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/AWSIoTDataAccess"]
}
resource "aws_iam_role" "guest" {
  assume_role_policy = "{}"
}
resource "aws_iam_role" "ops" {
  assume_role_policy = "{}"
}

data "aws_iam_policy_document" "guest" {
  statement {
    effect    = "Allow"
    actions   = ["iot:Subscribe"]
    resources = ["arn:aws:iot:us-east-1:123456789012:topicfilter/$aws/things/&{cognito-identity.amazonaws.com:sub}/*"]
  }
}
resource "aws_iam_policy" "guest" {
  policy = data.aws_iam_policy_document.guest.json
}
resource "aws_iam_role_policy_attachment" "guest" {
  role       = aws_iam_role.guest.name
  policy_arn = aws_iam_policy.guest.arn
}
resource "aws_iam_role_policy_attachment" "guest_full" {
  role       = aws_iam_role.guest.name
  policy_arn = "arn:aws:iam::aws:policy/AWSIoTFullAccess"
}

resource "aws_iam_role_policy" "ops" {
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::\${var.bucket}/*" },
      { Effect = "Allow", Action = "iot:Connect", Resource = "arn:aws:iot:us-east-1:123456789012:client/$\${iot:ClientId}-\${var.stage}" },
    ]
  })
}

resource "aws_iot_policy" "device" {
  name   = "device"
  policy = file("policies/device.json")
}
`;

describe('Terraform source', () => {
  const report = checkTf(MODULE);

  it('gives kinds from the roles attachment (roles and role mappings) through inline, attached and managed policies', () => {
    assert.deepEqual(
      report.files.map((f) => [f.name, f.kind]),
      [
        ['aws_iam_role.auth.ManagedPolicyArns[AWSIoTDataAccess v3, 2026-12-07]', 'auth-role'],
        ['aws_iam_role.guest.ManagedPolicyArns[AWSIoTFullAccess v2, 2026-12-07]', 'unauth-role'],
        ['aws_iam_policy.guest', 'unauth-role'],
        ['aws_iam_role_policy.ops', 'auth-role'],
        ['aws_iot_policy.device', 'iot'],
      ],
    );
    assert.ok(
      report.notes.includes(
        'infra/main.tf: identity pool aws_cognito_identity_pool.pool: authenticated role aws_iam_role.auth, unauthenticated role aws_iam_role.guest; guests are disabled (AllowUnauthenticatedIdentities false), the unauthenticated role is checked anyway',
      ),
      report.notes.join('\n'),
    );
  });

  it('places findings on the HCL value that holds them: data document statements, jsonencode values, file() calls', () => {
    const where = placed(report);
    // &{…} in a data document resource is ${…}: the finding is about the $aws/things topic filter, on its line.
    assert.ok(where.includes(`${positionOf(MODULE, '"arn:aws:iot:us-east-1:123456789012:topicfilter/$aws')} guest-device-access`), where.join('\n'));
    assert.ok(where.includes(`${positionOf(MODULE, '"arn:aws:iot:us-east-1:123456789012:client/$${iot:ClientId}')} client-id-spoofing`), where.join('\n'));
    assert.ok(where.includes(`${positionOf(MODULE, 'file("policies/device.json")')} unknown-action`), where.join('\n'));
    assert.ok(
      where.some((w) => w.startsWith(positionOf(MODULE, '"arn:aws:iam::aws:policy/AWSIoTFullAccess"'))),
      where.join('\n'),
    );
  });

  it('resolves variable defaults and config parameters; a variable without one leaves its statement out, reported once', () => {
    const unresolved = report.findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.equal(unresolved.length, 1);
    assert.match(unresolved[0].message, /aws_iam_role_policy\.ops: Allow statement depends on var\.bucket \(no default, and no value in terraform\.tfvars/);
    assert.equal(checkTf(MODULE, 'infra/main.tf', { bucket: 'b' }).findings.filter((f) => f.ruleId === 'unresolved-value').length, 0);
  });

  it('reports HCL syntax errors at their position, never as invalid JSON', () => {
    const broken = checkTf('resource "aws_iot_policy" "p" {\n  policy = "unterminated\n}\n');
    assert.deepEqual(placed(broken), ['2:12 invalid-template']);
  });

  it('refuses locals that fan out (each referring to the previous one twice) at the local past the size bound, the module not read', () => {
    const locals = Array.from({ length: 21 }, (_, i) => (i === 0 ? '  l0 = "x"' : `  l${i} = [local.l${i - 1}, local.l${i - 1}]`)).join('\n');
    const text = `locals {\n${locals}\n}\nresource "aws_iot_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iot:Connect", Resource = local.l20 }] })\n}\n`;
    const bomb = checkTf(text);
    assert.deepEqual(placed(bomb), [`${positionOf(text, '[local.l19, local.l19]')} invalid-template`]);
    assert.match(bomb.findings[0].message, /a value of more than 1,048,576 characters .*: the module is not read/);
    assert.equal(bomb.unread.length, 1);
  });

  it('parses the HCL forms policies use: heredocs, $${} and %%{} escapes, comments, nested blocks', () => {
    const body = parseHcl('# c\n/* block */\nlocals {\n  a = <<-EOT\n    {"x": "$${y}%%{z}"}\n  EOT\n  b = [1, true, null] // end\n}\n');
    const [a, b] = body.blocks[0].body.attributes;
    assert.deepEqual(a.value.kind === 'template' && a.value.parts.map((p) => ('literal' in p ? p.literal : '?')), ['    {"x": "${y}%{z}"}\n']);
    assert.deepEqual(b.value.kind === 'tuple' && b.value.items.map((i) => (i.kind === 'literal' ? i.value : '?')), [1, true, null]);
  });
});

describe('Terraform modules over several files', function () {
  this.timeout(30_000);

  it('reads the .tf files of a folder as one module: a roles attachment in one file gives kinds to roles in another, findings in the right file', () => {
    const dir = tempProject({
      'infra/cognito.tf':
        'resource "aws_cognito_identity_pool" "p" {\n  identity_pool_name = "p"\n  allow_unauthenticated_identities = true\n}\nresource "aws_cognito_identity_pool_roles_attachment" "p" {\n  identity_pool_id = aws_cognito_identity_pool.p.id\n  roles = { unauthenticated = aws_iam_role.guest.arn }\n}\n',
      'infra/iam.tf':
        'resource "aws_iam_role" "guest" {\n  assume_role_policy = "{}"\n}\nresource "aws_iam_role_policy" "guest" {\n  role = aws_iam_role.guest.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "iot:GetThingShadow", Resource = "arn:aws:iot:us-east-1:123456789012:thing/*" }]\n  })\n}\n',
    });
    const result = runCli(['check', '--format', 'json', '--fail-on', 'none'], dir);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(
      report.files.map((f: { path: string; name: string; kind: string }) => [f.path, f.name, f.kind]),
      [['infra/iam.tf', 'aws_iam_role_policy.guest', 'unauth-role']],
    );
    const guest = report.findings.find((f: { ruleId: string }) => f.ruleId === 'app-guest-reaches-devices');
    assert.deepEqual([guest.file, guest.range.start.line], ['infra/iam.tf', 8]);
  });
});
