import { strict as assert } from 'node:assert';
import { positionOf } from './helpers';
import { checkModule, GUEST_POOL, placedIn } from './terraform-helpers';

// The tester's reproducer tf-attachments-exclusive: the provider's replacement for a role's managed_policy_arns.
const EXCLUSIVE = `resource "aws_iam_role_policy_attachments_exclusive" "guest" {
  role_name   = aws_iam_role.guest.name
  policy_arns = ["arn:aws:iam::aws:policy/AWSIoTDataAccess", aws_iam_policy.shadows.arn]
}
resource "aws_iam_policy" "shadows" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iot:UpdateThingShadow", Resource = "arn:aws:iot:us-east-1:123456789012:thing/*" }]
  })
}
`;

describe('Terraform attachments of policies to roles', () => {
  it('reads aws_iam_role_policy_attachments_exclusive: each ARN of policy_arns joins the role, AWS managed or of the module', () => {
    const text = GUEST_POOL + EXCLUSIVE;
    const report = checkModule({ 'main.tf': text });
    assert.deepEqual(
      report.files.map((f) => [f.name, f.kind]),
      [
        ['aws_iam_role.guest.ManagedPolicyArns[AWSIoTDataAccess v3, 2026-12-07]', 'unauth-role'],
        ['aws_iam_policy.shadows', 'unauth-role'],
      ],
    );
    const where = placedIn(report);
    assert.ok(where.includes(`main.tf:${positionOf(text, '"arn:aws:iam::aws:policy/AWSIoTDataAccess"')} app-guest-reaches-devices`), where.join('\n'));
  });

  it('an exclusive attachment whose ARNs the files do not decide leaves the role unknown, never without them', () => {
    const text = `${GUEST_POOL}variable "arns" {
  type = list(string)
}
resource "aws_iam_role_policy_attachments_exclusive" "guest" {
  role_name   = aws_iam_role.guest.name
  policy_arns = var.arns
}
`;
    const report = checkModule({ 'main.tf': text });
    assert.deepEqual(placedIn(report), [`main.tf:${positionOf(text, 'var.arns')} unknown-managed-policy`]);
    const guests = report.apps[0].classes.find((c) => c.type === 'unauthenticated')!;
    assert.match(guests.unknowns.join('\n'), /var\.arns .*what it grants is unknown/);
  });
});

describe('Terraform identity pool with allow_classic_flow', () => {
  it('makes every class unknown, as in CloudFormation', () => {
    const text = GUEST_POOL.replace(
      'allow_unauthenticated_identities = true',
      'allow_unauthenticated_identities = true\n  allow_classic_flow               = true',
    );
    const report = checkModule({ 'main.tf': text });
    assert.ok(placedIn(report).includes(`main.tf:${positionOf(text, 'true', 1)} unresolved-value`), placedIn(report).join('\n'));
    for (const cls of report.apps[0].classes)
      assert.ok(
        cls.unknowns.some((u) => /AllowClassicFlow is on/.test(u)),
        cls.id,
      );
  });
});
