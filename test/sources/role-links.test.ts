import { strict as assert } from 'node:assert';
import type { CheckReport } from '../../analyzer';
import { checkTemplateText, DEVICE_GUEST_ROLE, guestPoolTemplate, onePolicy, placed, positionOf } from './helpers';

/** The tester's cfn-attachment-arn-forms: the guest role attached as `Roles.unauthenticated: <role>`. */
const withGuestRole = (role: string, sections = '') => guestPoolTemplate({ sections, role: DEVICE_GUEST_ROLE, attached: role });

const guestsOf = (report: CheckReport) => report.apps[0]?.classes.find((c) => c.id === 'guests');
const unresolved = (report: CheckReport) => report.findings.filter((f) => f.ruleId === 'unresolved-value');
const at = (report: CheckReport, ruleId: string) => placed(report).filter((p) => p.endsWith(` ${ruleId}`));

describe('which role an attachment names (fail closed when the files do not say)', () => {
  for (const [form, role] of [
    ['a !Sub-built ARN', "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app-guest'"],
    ['a literal ARN', 'arn:aws:iam::123456789012:role/app-guest'],
    ['a literal ARN with a path', 'arn:aws:iam::123456789012:role/teams/iot/app-guest'],
    ['a !Join-built ARN', "!Join ['', ['arn:aws:iam::', !Ref 'AWS::AccountId', ':role/app-guest']]"],
  ])
    it(`links ${form} to the role of that name in the template`, () => {
      const report = checkTemplateText(withGuestRole(role));
      assert.deepEqual(
        report.files.map((f) => [f.name, f.kind]),
        [['GuestRole.Policies[Devices]', 'unauth-role']],
      );
      const guests = guestsOf(report);
      assert.equal(guests?.rolePolicies.length, 1);
      assert.deepEqual(guests?.unknowns, []);
      assert.deepEqual(unresolved(report), []);
      // The guest policy reaches the device shadow topics: the guest rules run on it now.
      assert.ok(at(report, 'app-guest-reaches-devices').length > 0, placed(report).join('\n'));
    });

  for (const [form, role, needle, reason] of [
    ['Fn::ImportValue', '!ImportValue shared-GuestRoleArn', 'shared-GuestRoleArn', /Fn::ImportValue shared-GuestRoleArn/],
    [
      'a role another stack defines',
      'arn:aws:iam::123456789012:role/elsewhere',
      'arn:aws:iam::123456789012:role/elsewhere',
      /role\/elsewhere.*not defined in these files/,
    ],
    ['a parameter without a default', '!Ref GuestRoleArn', 'GuestRoleArn\n', /Ref GuestRoleArn \(a parameter without a Default\)/],
  ] as const)
    it(`makes the guests' role unknown, not "no credentials", when it is ${form}`, () => {
      const text = withGuestRole(role, 'Parameters:\n  GuestRoleArn: { Type: String }\n');
      const report = checkTemplateText(text);
      const found = unresolved(report);
      assert.equal(found.length, 1, placed(report).join('\n'));
      assert.equal(`${found[0].range.start.line}:${found[0].range.start.column}`, positionOf(text, needle));
      assert.match(found[0].message, /^RoleAttachment: the unauthenticated role is /);
      assert.match(found[0].message, reason);
      assert.equal(found[0].severity, 'error');
      const guests = guestsOf(report);
      assert.ok(guests, 'guests are a class of the app');
      assert.equal(guests.certain, true);
      assert.equal(guests.rolePolicies.length, 0);
      assert.equal(guests.unknowns.length, 1);
      assert.match(guests.unknowns[0], /^the unauthenticated role is not decided by the files: /);
      assert.ok(!report.apps[0].notes.some((n) => /no credentials|no role/.test(n)), report.apps[0].notes.join('\n'));
      assert.ok(
        report.notes.some((n) => /identity pool IdentityPool: authenticated role not in the files, unauthenticated role unknown \(/.test(n)),
        report.notes.join('\n'),
      );
    });

  it('decides an attachment written with Fn::If where the files decide it, and leaves it unknown where they do not', () => {
    const role = '!If [Guests, !GetAtt GuestRole.Arn, !Ref AWS::NoValue]';
    const decided = checkTemplateText(
      withGuestRole(role, "Parameters:\n  Open: { Type: String, Default: 'yes' }\nConditions:\n  Guests: !Equals [!Ref Open, 'yes']\n"),
    );
    assert.equal(guestsOf(decided)?.rolePolicies.length, 1);
    assert.deepEqual(unresolved(decided), []);
    const off = checkTemplateText(
      withGuestRole(role, "Parameters:\n  Open: { Type: String, Default: 'no' }\nConditions:\n  Guests: !Equals [!Ref Open, 'yes']\n"),
    );
    assert.equal(guestsOf(off), undefined);
    assert.ok(off.apps[0].notes.includes('guests get no role: AWS gives them no credentials'));
    const text = withGuestRole(role, 'Parameters:\n  Open: { Type: String }\nConditions:\n  Guests: !Equals [!Ref Open, yes]\n');
    const undecided = checkTemplateText(text);
    assert.deepEqual(at(undecided, 'unresolved-value'), [`${positionOf(text, '[Guests,')} unresolved-value`]);
    assert.match(guestsOf(undecided)!.unknowns[0], /Fn::If Guests/);
  });

  it('reports a mapping rule whose role the files do not give, at the rule', () => {
    const text = withGuestRole('!GetAtt GuestRole.Arn').replace(
      '      Roles:\n',
      `      RoleMappings:
        provider:
          Type: Rules
          AmbiguousRoleResolution: AuthenticatedRole
          RulesConfiguration:
            Rules: [{ Claim: dept, MatchType: Equals, Value: ops, RoleARN: !ImportValue ops-role }]
      Roles:
`,
    );
    const report = checkTemplateText(text);
    assert.deepEqual(at(report, 'unresolved-value'), [`${positionOf(text, 'ops-role')} unresolved-value`]);
    assert.match(unresolved(report)[0].message, /^RoleAttachment: the role of rule 1 of the role mapping for provider is /);
  });

  it('reports a policy attached to a role the files do not give, and every class says it may get it', () => {
    const text = withGuestRole('!GetAtt GuestRole.Arn', 'Parameters:\n  TargetRole: { Type: String }\n').concat(`  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref TargetRole]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 'iot:*', Resource: '*' }] }
`);
    const report = checkTemplateText(text);
    assert.deepEqual(at(report, 'unresolved-value'), [`${positionOf(text, 'TargetRole]')} unresolved-value`]);
    assert.match(
      unresolved(report)[0].message,
      /^Extra: the role it is attached to is not decided by the files \(Ref TargetRole \(a parameter without a Default\)\)/,
    );
    for (const cls of report.apps[0].classes)
      assert.ok(
        cls.unknowns.some((u) => u.startsWith('Extra: ')),
        `${cls.id}: ${cls.unknowns.join('; ')}`,
      );
  });

  it('links an IAM policy to a role given by its literal name', () => {
    const text = withGuestRole('!GetAtt GuestRole.Arn').concat(`  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [app-guest]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 'iot:GetThingShadow', Resource: '*' }] }
`);
    const report = checkTemplateText(text);
    assert.equal(report.files.find((f) => f.name === 'Extra')?.kind, 'unauth-role');
    assert.equal(guestsOf(report)?.rolePolicies.length, 2);
  });

  it("gives Amplify's auth role to a policy attached with Fn::Sub '${authRoleName}' (amplify-app)", () => {
    const text = JSON.stringify(
      {
        Parameters: { env: { Type: 'String' }, authRoleName: { Type: 'String' }, unauthRoleName: { Type: 'String' } },
        Resources: {
          UserIotPolicy: {
            Type: 'AWS::IAM::Policy',
            Properties: {
              PolicyName: 'user-iot',
              Roles: [{ 'Fn::Sub': '${authRoleName}' }],
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iot:AttachPolicy', 'iot:CreatePolicy'], Resource: '*' }] },
            },
          },
          GuestIotPolicy: {
            Type: 'AWS::IAM::Policy',
            Properties: {
              PolicyName: 'guest-iot',
              Roles: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${unauthRoleName}' }],
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] },
            },
          },
        },
      },
      null,
      2,
    );
    const report = checkTemplateText(text, 'amplify/backend/custom/iotaccess/iotaccess-cloudformation-template.json');
    assert.deepEqual(
      report.files.map((f) => [f.name, f.kind]),
      [
        ['UserIotPolicy', 'auth-role'],
        ['GuestIotPolicy', 'unauth-role'],
      ],
    );
    assert.ok(at(report, 'app-admin-action').length > 0, placed(report).join('\n'));
  });
});

describe('which role a Terraform attachment names', () => {
  it('makes roles from module outputs unknown (tf-module-roles), never "guests get no role"', () => {
    const text = `resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name               = "lamps"
  allow_unauthenticated_identities = true
}

module "roles" {
  source  = "./modules/roles"
}

resource "aws_cognito_identity_pool_roles_attachment" "roles" {
  identity_pool_id = aws_cognito_identity_pool.pool.id
  roles = {
    authenticated   = module.roles.auth_role_arn
    unauthenticated = module.roles.guest_role_arn
  }
}
`;
    const report = checkTemplateText(text, 'main.tf', {}, 'terraform');
    assert.deepEqual(at(report, 'unresolved-value'), [
      `${positionOf(text, 'module.roles.auth_role_arn')} unresolved-value`,
      `${positionOf(text, 'module.roles.guest_role_arn')} unresolved-value`,
    ]);
    const guests = guestsOf(report);
    assert.match(guests?.unknowns[0] ?? '', /^the unauthenticated role is not decided by the files: module\.roles\.guest_role_arn/);
  });

  it('makes a count-indexed role unknown unless it is read (tf-count-indexed-role)', () => {
    const text = `resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name               = "lamps"
  allow_unauthenticated_identities = true
}
resource "aws_iam_role" "guest" {
  count              = 1
  name               = "lamps-guest"
  assume_role_policy = "{}"
}
resource "aws_cognito_identity_pool_roles_attachment" "roles" {
  identity_pool_id = aws_cognito_identity_pool.pool.id
  roles = {
    unauthenticated = aws_iam_role.guest[0].arn
  }
}
`;
    const report = checkTemplateText(text, 'main.tf', {}, 'terraform');
    const guests = guestsOf(report);
    assert.ok(guests, 'guests are a class of the app');
    assert.ok(!report.apps[0].notes.some((n) => /no credentials|no role/.test(n)), report.apps[0].notes.join('\n'));
    if (guests.unknowns.length > 0) assert.ok(unresolved(report).length > 0, 'an unknown role is reported');
  });

  it('makes the roles of a plan that knows them only after apply unknown (tf-plan-unknown-roles)', () => {
    const plan = JSON.stringify(
      {
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [
              {
                address: 'aws_cognito_identity_pool.pool',
                mode: 'managed',
                type: 'aws_cognito_identity_pool',
                name: 'pool',
                values: { identity_pool_name: 'lamps', allow_unauthenticated_identities: true },
              },
              {
                address: 'aws_cognito_identity_pool_roles_attachment.roles',
                mode: 'managed',
                type: 'aws_cognito_identity_pool_roles_attachment',
                name: 'roles',
                values: { role_mapping: [] },
              },
            ],
          },
        },
        configuration: {
          root_module: {
            resources: [
              {
                address: 'aws_cognito_identity_pool_roles_attachment.roles',
                expressions: {
                  identity_pool_id: { references: ['aws_cognito_identity_pool.pool.id', 'aws_cognito_identity_pool.pool'] },
                  roles: { references: ['module.roles.guest_role_arn', 'module.roles'] },
                },
              },
            ],
          },
        },
      },
      null,
      2,
    );
    const report = checkTemplateText(plan, 'plan.json', {}, 'terraform-plan');
    assert.deepEqual(at(report, 'unresolved-value'), [
      `${positionOf(plan, '{\n          "address": "aws_cognito_identity_pool_roles_attachment.roles"')} unresolved-value`,
    ]);
    assert.match(unresolved(report)[0].message, /roles \(known only after apply\)/);
    const classes = report.apps[0].classes;
    assert.deepEqual(
      classes.map((c) => [c.id, c.unknowns.length > 0]),
      [
        ['guests', true],
        ['signed-in', true],
      ],
    );
  });
});

describe('the kind a role trusting an identity pool gets when no attachment in the files names it (cfn-trust-policy-kind)', () => {
  const trusting = (amr: string, extra = '') => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  IdentityPoolId:
    Type: String
Resources:
  PoolRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Federated: cognito-identity.amazonaws.com }, Action: sts:AssumeRoleWithWebIdentity,
              Condition: { StringEquals: { cognito-identity.amazonaws.com:aud: !Ref IdentityPoolId }${amr} } }
${onePolicy('Devices', '[iot:GetThingShadow, iot:UpdateThingShadow]', "!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:thing/*'")}${extra}`;
  const kindOf = (report: CheckReport) => report.files.map((f) => [f.kind, f.kindReason]);

  it('a role guests may assume (amr unauthenticated) is checked as a guest role, unless an attachment in the files says otherwise', () => {
    const report = checkTemplateText(trusting(', ForAnyValue:StringLike: { cognito-identity.amazonaws.com:amr: unauthenticated }'));
    assert.deepEqual(kindOf(report), [['unauth-role', 'its trust policy lets identity-pool guests assume it (amr unauthenticated)']]);
    assert.ok(at(report, 'app-guest-reaches-devices').length > 0, placed(report).join('\n'));
    // An attachment in the files decides over the trust policy.
    const attached = trusting(
      ', ForAnyValue:StringLike: { cognito-identity.amazonaws.com:amr: unauthenticated }',
      `  Pool: { Type: AWS::Cognito::IdentityPool, Properties: { AllowUnauthenticatedIdentities: false } }
  Attachment: { Type: AWS::Cognito::IdentityPoolRoleAttachment, Properties: { IdentityPoolId: !Ref Pool, Roles: { authenticated: !GetAtt PoolRole.Arn } } }
`,
    );
    assert.deepEqual(kindOf(checkTemplateText(attached)), [['auth-role', 'the authenticated role of Attachment']]);
  });

  it('a role only signed-in users may assume is checked as an authenticated role; without amr the trust policy does not say', () => {
    const auth = checkTemplateText(trusting(", 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': [authenticated] }"));
    assert.deepEqual(kindOf(auth), [['auth-role', 'its trust policy lets signed-in identity-pool users assume it (amr authenticated)']]);
    assert.deepEqual(kindOf(checkTemplateText(trusting(''))), [[undefined, undefined]]);
  });
});

describe('roles without RoleName (CDK output): AWS generates their names at deploy time', () => {
  it('an ARN no named role has may be theirs: an unknown role that says so, never linked by guess nor called "not defined"', () => {
    const arn = 'arn:aws:iam::123456789012:role/AppStack-GuestRole1A2B3C-XYZ';
    const text = guestPoolTemplate({ role: DEVICE_GUEST_ROLE.replace('      RoleName: app-guest\n', ''), attached: arn });
    const report = checkTemplateText(text);
    assert.deepEqual(at(report, 'unresolved-value'), [`${positionOf(text, arn)} unresolved-value`]);
    assert.match(
      unresolved(report)[0].message,
      /the role arn:aws:iam::123456789012:role\/AppStack-GuestRole1A2B3C-XYZ is none of the named roles of these files: it may be GuestRole, whose names AWS generates at deploy time, or a role not in these files/,
    );
    assert.ok(guestsOf(report)!.unknowns.some((u) => /it may be GuestRole/.test(u)));
  });
});
