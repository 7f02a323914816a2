import { strict as assert } from 'node:assert';
import { checkProject, ResolvedConfig, type CheckReport } from '../../analyzer';
import { positionOf } from './helpers';
import { checkModule, placedIn, rolePolicy } from './terraform-helpers';

// A role no roles attachment of the files names (the identity pool lives in another configuration):
// its trust policy says whose role it can be, as for CloudFormation roles (docs/iac-sources.md).
const DEVICES = rolePolicy('devices', 'aws_iam_role.pool.id', {
  effect: 'Allow',
  action: 'iot:UpdateThingShadow',
  resource: 'arn:aws:iot:us-east-1:123456789012:thing/*',
});
const role = (trust: string) => `resource "aws_iam_role" "pool" {\n  name = "pool-role"\n  assume_role_policy = ${trust}\n}\n${DEVICES}`;
const kinds = (report: CheckReport) => report.files.map((f) => [f.name, f.kind, f.kindReason]);
const GUEST_REASON = 'its trust policy lets identity-pool guests assume it (amr unauthenticated)';
const SIGNED_IN_REASON = 'its trust policy lets signed-in identity-pool users assume it (amr authenticated)';

const jsonencoded = (amr: string) => `jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "cognito-identity.amazonaws.com:aud" = "us-east-1:11111111-2222-3333-4444-555555555555" }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "${amr}" }
      }
    }]
  })`;

const heredoc = (amr: string) => `<<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "cognito-identity.amazonaws.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "${amr}" } }
  }]
}
EOF`;

const documentSource = (amr: string) => `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = ["us-east-1:11111111-2222-3333-4444-555555555555"]
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["${amr}"]
    }
  }
}
`;

describe('Terraform: the kind of a role from its assume_role_policy', () => {
  it('jsonencode: amr unauthenticated makes the role a guest role, and its policies get the guest rules', () => {
    const module = role(jsonencoded('unauthenticated'));
    const report = checkModule({ 'main.tf': module });
    assert.deepEqual(kinds(report), [['aws_iam_role_policy.devices', 'unauth-role', GUEST_REASON]]);
    const things = positionOf(module, '"arn:aws:iot:us-east-1:123456789012:thing/*"');
    assert.deepEqual(placedIn(report), [`main.tf:${things} broad-data-plane-access`, `main.tf:${things} app-guest-reaches-devices`]);
  });

  it("a heredoc JSON trust policy: amr authenticated makes it the signed-in users' role", () => {
    assert.deepEqual(kinds(checkModule({ 'main.tf': role(heredoc('authenticated')) })), [['aws_iam_role_policy.devices', 'auth-role', SIGNED_IN_REASON]]);
  });

  it('data "aws_iam_policy_document" with principals and conditions, referred to by .json', () => {
    const module = documentSource('unauthenticated') + role('data.aws_iam_policy_document.trust.json');
    assert.deepEqual(kinds(checkModule({ 'main.tf': module })), [['aws_iam_role_policy.devices', 'unauth-role', GUEST_REASON]]);
  });

  it('without an amr condition, or trusting another principal, the trust policy does not say: no kind', () => {
    const noAmr = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Federated = "cognito-identity.amazonaws.com" }, Action = "sts:AssumeRoleWithWebIdentity" }] })`;
    assert.deepEqual(kinds(checkModule({ 'main.tf': role(noAmr) })), [['aws_iam_role_policy.devices', undefined, undefined]]);
    const lambda = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })`;
    assert.deepEqual(kinds(checkModule({ 'main.tf': role(lambda) })), [['aws_iam_role_policy.devices', undefined, undefined]]);
  });

  it('a roles attachment in the files decides over the trust policy', () => {
    const attached = `resource "aws_cognito_identity_pool" "p" {\n  identity_pool_name = "p"\n}\nresource "aws_cognito_identity_pool_roles_attachment" "p" {\n  identity_pool_id = aws_cognito_identity_pool.p.id\n  roles = { authenticated = aws_iam_role.pool.arn }\n}\n`;
    const report = checkModule({ 'main.tf': role(jsonencoded('unauthenticated')) + attached });
    assert.deepEqual(kinds(report), [['aws_iam_role_policy.devices', 'auth-role', 'the authenticated role of aws_cognito_identity_pool_roles_attachment.p']]);
  });

  it("in a terraform show -json state, the role's assume_role_policy (a JSON string) gives the kind the same way", () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } },
        },
      ],
    });
    const devices = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: '*' }] });
    const resource = (type: string, name: string, values: object) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
    const state = JSON.stringify({
      format_version: '1.0',
      terraform_version: '1.7.5',
      values: {
        root_module: {
          resources: [
            resource('aws_iam_role', 'pool', { name: 'pool-role', assume_role_policy: trust, inline_policy: [] }),
            resource('aws_iam_role_policy', 'devices', { role: 'pool-role', policy: devices }),
          ],
        },
      },
    });
    const report = checkProject([{ path: 'state.json', configPath: 'state.json', text: state, role: 'template', format: 'terraform-plan' }], {
      config: new ResolvedConfig({}),
      host: { readFile: () => undefined, resolve: (_from: string, reference: string) => reference },
    });
    assert.deepEqual(kinds(report), [['aws_iam_role_policy.devices', 'unauth-role', GUEST_REASON]]);
  });
});
