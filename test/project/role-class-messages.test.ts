import { strict as assert } from 'node:assert';
import { checkProject, ResolvedConfig } from '../../analyzer';

/** A pool whose rules-based mapping gives users with custom:team = ops the role OpsRole (app-scenario-rules). */
const TEMPLATE = `Resources:
  IdentityPool:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: false }
  Roles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref IdentityPool
      Roles: { authenticated: !GetAtt AuthRole.Arn }
      RoleMappings:
        userpool:
          IdentityProvider: cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf:client123
          Type: Rules
          AmbiguousRoleResolution: AuthenticatedRole
          RulesConfiguration:
            Rules: [{ Claim: custom:team, MatchType: Equals, Value: ops, RoleARN: !GetAtt OpsRole.Arn }]
  AuthRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Connect
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Connect, Resource: !Sub 'arn:aws:iot:us-east-1:123456789012:client/\${!cognito-identity.amazonaws.com:sub}' }] }
  OpsRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Ops
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: [iot:Connect, iot:AttachPolicy], Resource: '*' }] }
`;

const SCENARIO = JSON.stringify({
  name: 'ops mapping',
  app: 'template.yaml',
  identities: { anon: { type: 'authenticated', identityId: 'us-east-1:0a1b2c3d-3333-4a5b-8c9d-0123456789ab' } },
  steps: [{ as: 'anon', action: 'iot:AttachPolicy', resource: '*', expect: 'deny' }],
});

function check() {
  const files: Record<string, string> = { 'template.yaml': TEMPLATE, 'scenario.json': SCENARIO };
  const host = { readFile: (path: string) => files[path], resolve: (_from: string, reference: string) => reference };
  return checkProject(
    [
      { path: 'template.yaml', configPath: 'template.yaml', text: TEMPLATE, role: 'template', format: 'cloudformation' },
      { path: 'scenario.json', configPath: 'scenario.json', text: SCENARIO, role: 'scenario' },
    ],
    { config: new ResolvedConfig(), host },
  );
}

describe('findings about a role-mapping class say whose they are (minor-messages)', () => {
  it('a role a mapping gives: "any signed-in user who gets role OpsRole", never "any signed-in user"', () => {
    const admin = check().findings.filter((f) => f.ruleId === 'app-admin-action');
    assert.deepEqual(
      admin.map((f) => /, any ([^,]+), may call/.exec(f.message)?.[1]),
      ['signed-in user who gets role OpsRole'],
    );
  });

  it('a step ambiguous because the mapping does not decide the role says so, not "a documented reading"', () => {
    const failed = check().findings.filter((f) => f.ruleId === 'scenario-expectation-failed');
    assert.equal(failed.length, 1);
    assert.match(failed[0].message, /expected deny, got ambiguous \(allowed under one of the roles the identity may get\)/);
  });
});
