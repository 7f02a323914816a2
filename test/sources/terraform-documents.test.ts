import { strict as assert } from 'node:assert';
import { positionOf } from './helpers';
import { analysedDocument, checkModule, GUEST_POOL, placedIn } from './terraform-helpers';

const GUEST_APP = `${GUEST_POOL}resource "aws_iam_role_policy" "guest" {
  role   = aws_iam_role.guest.id
  policy = data.aws_iam_policy_document.guest.json
}
`;

// The reproducer of the tester's report (tf-policy-document-composition).
const COMPOSED = `variable "device_families" {
  type    = list(string)
  default = ["lamp", "lock"]
}
data "aws_iam_policy_document" "guest_extra" {
  statement {
    sid       = "Shadows"
    actions   = ["iot:UpdateThingShadow"]
    resources = ["arn:aws:iot:us-east-1:123456789012:thing/*"]
  }
}
data "aws_iam_policy_document" "guest" {
  source_policy_documents = [data.aws_iam_policy_document.guest_extra.json]
  statement {
    sid       = "Connect"
    actions   = ["iot:Connect"]
    resources = ["arn:aws:iot:us-east-1:123456789012:client/&{cognito-identity.amazonaws.com:sub}"]
  }
  dynamic "statement" {
    for_each = var.device_families
    content {
      actions   = ["iot:Publish"]
      resources = ["arn:aws:iot:us-east-1:123456789012:topic/$aws/things/\${statement.value}-*/shadow/update"]
    }
  }
}
`;

const SHADOWS = 'arn:aws:iot:us-east-1:123456789012:thing/*"]';

describe('Terraform aws_iam_policy_document: composed documents', () => {
  it('reads source_policy_documents and dynamic "statement" blocks where for_each is decided, one statement per element', () => {
    const report = checkModule({ 'main.tf': GUEST_APP + COMPOSED });
    const text = GUEST_APP + COMPOSED;
    const where = placedIn(report);
    assert.ok(where.includes(`main.tf:${positionOf(text, `"${SHADOWS}`)} app-guest-reaches-devices`), where.join('\n'));
    const published = report.findings.filter((f) => f.ruleId === 'app-guest-reaches-devices' && /may publish to/.test(f.message));
    assert.deepEqual(
      published.map((f) => `${f.range.start.line}:${f.range.start.column}`),
      [positionOf(text, '"arn:aws:iot:us-east-1:123456789012:topic/$aws/things/${statement.value}')],
    );
    assert.match(published[0].message, /\$aws\/things\/(lamp|lock)-/);
    assert.equal(report.findings.filter((f) => f.ruleId === 'unresolved-value').length, 0);
  });

  it('merges by Sid as the provider does: statement blocks replace source statements, override documents replace both', () => {
    const documents = `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Guard"
    effect    = "Deny"
    actions   = ["iot:UpdateThingShadow"]
    resources = ["arn:aws:iot:us-east-1:123456789012:thing/*"]
  }
  statement {
    sid       = "Read"
    actions   = ["iot:GetThingShadow"]
    resources = ["arn:aws:iot:us-east-1:123456789012:thing/*"]
  }
}
data "aws_iam_policy_document" "guest" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "Guard", Effect = "Allow", Action = "iot:UpdateThingShadow", Resource = "arn:aws:iot:us-east-1:123456789012:thing/lamp" }] })]
  statement {
    sid       = "Read"
    actions   = ["iot:GetThingShadow"]
    resources = ["arn:aws:iot:us-east-1:123456789012:thing/lamp"]
  }
}
`;
    // The source's "Read" on thing/* is replaced in place by the block's (thing/lamp), its "Guard" Deny by the override's Allow.
    assert.deepEqual(analysedDocument({ 'main.tf': GUEST_APP + documents }, 'aws_iam_role_policy.guest'), {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Guard', Effect: 'Allow', Action: 'iot:UpdateThingShadow', Resource: 'arn:aws:iot:us-east-1:123456789012:thing/lamp' },
        { Sid: 'Read', Effect: 'Allow', Action: ['iot:GetThingShadow'], Resource: ['arn:aws:iot:us-east-1:123456789012:thing/lamp'] },
      ],
    });
  });

  it('an undecided dynamic "statement": its Deny is not applied (said in a note), its Allow on the iterator is left out and reported', () => {
    const undecided = COMPOSED.replace('  default = ["lamp", "lock"]\n', '').replace(
      '  dynamic "statement" {',
      `  dynamic "statement" {
    for_each = var.device_families
    content {
      effect    = "Deny"
      actions   = ["iot:UpdateThingShadow"]
      resources = ["arn:aws:iot:us-east-1:123456789012:thing/*"]
    }
  }
  dynamic "statement" {`,
    );
    const text = GUEST_APP + undecided;
    const report = checkModule({ 'main.tf': text });
    const where = placedIn(report);
    assert.ok(where.includes(`main.tf:${positionOf(text, `"${SHADOWS}`)} app-guest-reaches-devices`), where.join('\n'));
    const unresolved = report.findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.deepEqual(
      unresolved.map((f) => `${f.range.start.line}:${f.range.start.column}`),
      [positionOf(text, '"arn:aws:iot:us-east-1:123456789012:topic/$aws/things/${statement.value}')],
    );
    assert.match(unresolved[0].message, /Allow statement depends on for_each of dynamic "statement" \(var\.device_families/);
    assert.ok(
      report.notes.some((n) =>
        /aws_iam_role_policy\.guest: the condition for_each of dynamic "statement" .* 1 Deny statement\(s\) only some branches have are not applied/.test(n),
      ),
      report.notes.join('\n'),
    );
  });

  it('an override document the files do not give leaves the whole document unknown (it may replace any statement)', () => {
    const text =
      GUEST_APP +
      COMPOSED.replace('  source_policy_documents', '  override_policy_documents = [var.extra]\n  source_policy_documents') +
      'variable "extra" {}\n';
    const unresolved = checkModule({ 'main.tf': text }).findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.equal(unresolved.length, 1);
    assert.match(
      unresolved[0].message,
      /aws_iam_role_policy\.guest: the policy document depends on override_policy_documents: var\.extra .* \(it may replace any statement\)/,
    );
  });

  it('links policies attached to a role by its literal name or a local (tf-role-by-literal-name)', () => {
    const text = `locals {
  guest_role_name = "lamps-guest"
}
resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name               = "lamps"
  allow_unauthenticated_identities = true
}
resource "aws_iam_role" "guest" {
  name               = local.guest_role_name
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "guest_iot" {
  role       = local.guest_role_name
  policy_arn = "arn:aws:iam::aws:policy/AWSIoTDataAccess"
}
resource "aws_iam_role_policy" "guest_shadows" {
  role = "lamps-guest"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iot:UpdateThingShadow", Resource = "arn:aws:iot:us-east-1:123456789012:thing/*" }]
  })
}
resource "aws_cognito_identity_pool_roles_attachment" "roles" {
  identity_pool_id = aws_cognito_identity_pool.pool.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
  }
}
`;
    const report = checkModule({ 'main.tf': text });
    assert.deepEqual(
      report.files.map((f) => [f.name, f.kind]),
      [
        ['aws_iam_role.guest.ManagedPolicyArns[AWSIoTDataAccess v3, 2026-12-07]', 'unauth-role'],
        ['aws_iam_role_policy.guest_shadows', 'unauth-role'],
      ],
    );
    assert.ok(placedIn(report).includes(`main.tf:${positionOf(text, '"arn:aws:iam::aws:policy/AWSIoTDataAccess"')} app-guest-reaches-devices`));
  });
});
