import { strict as assert } from 'node:assert';
import { diffTemplateVersions, ResolvedConfig, type ProjectFile } from '../../analyzer';

/** A pool whose role mapping gives OpsRole (IoT on `*` and s3 exports) to some signed-in users; AuthRole connects only. */
const template = (rules: string, ambiguous = 'AuthenticatedRole') => `Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: false }
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: { authenticated: !GetAtt AuthRole.Arn }
      RoleMappings:
        userpool:
          IdentityProvider: cognito-idp.us-east-1.amazonaws.com/us-east-1_x:client
          Type: Rules
          AmbiguousRoleResolution: ${ambiguous}
          RulesConfiguration:
            Rules:
${rules}
  AuthRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Connect
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Connect, Resource: '*' }] }
  OpsRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Ops
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: ['iot:Connect', 's3:GetObject'], Resource: ['*', 'arn:aws:s3:::ops-exports/*'] }] }
  ReadRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Read
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Connect, Resource: '*' }] }
`;
const rule = (claim: string, match: string, value: string, role: string) =>
  `              - { Claim: '${claim}', MatchType: ${match}, Value: '${value}', RoleARN: !GetAtt ${role}.Arn }`;
const OPERATORS = rule('cognito:groups', 'Contains', 'operators', 'OpsRole');
const READERS = rule('cognito:groups', 'Contains', 'readers', 'ReadRole');

const file = (path: string, text: string): ProjectFile => ({ path, configPath: path, text, role: 'template', format: 'cloudformation' });
const options = { config: new ResolvedConfig({}), host: { readFile: () => undefined, resolve: (_f: string, r: string) => r } };

/** The comparisons with new access: `old → new: actions`, each granted delta uncertain and naming the mapping change. */
function granted(before: string, after: string): string[] {
  const { diffs } = diffTemplateVersions(file('HEAD:t.yaml', before), file('t.yaml', after), options);
  return diffs.flatMap((d) =>
    d.diff.changes.flatMap((c) => {
      if (!c.granted) return [];
      assert.equal(c.granted.certain, false, 'who moves is not decided: never certain');
      assert.match(c.granted.uncertainBecause ?? '', /changed role mappings .*role mappings were/);
      return [`${d.old} → ${d.new}: ${c.actions.join(',')}`];
    }),
  );
}

describe('diff of templates: a change of who gets a role (role mappings) is new access for those it may take in', function () {
  this.timeout(60_000);

  it('no change in the mapping: nothing compared across classes', () => {
    assert.deepEqual(granted(template(OPERATORS), template(OPERATORS)), []);
  });

  it('a rule widened (groups Contains operators → email_verified Equals true): OpsRole’s access is new for users who had the authenticated role', () => {
    const widened = rule('email_verified', 'Equals', 'true', 'OpsRole');
    assert.deepEqual(granted(template(OPERATORS), template(widened)), [
      'HEAD:t.yaml#Pool signed-in (role policies) → t.yaml#Pool role:OpsRole (role policies), for users of signed-in the changed role mappings may move there: s3:GetObject',
    ]);
  });

  it('AmbiguousRoleResolution Deny → AuthenticatedRole: the authenticated role is new for users who had no credentials', () => {
    const changes = granted(template(OPERATORS, 'Deny'), template(OPERATORS));
    assert.ok(
      changes.includes(
        'HEAD:t.yaml#Pool no credentials (role policies) → t.yaml#Pool signed-in (role policies), for users the old mapping gave no credentials the changed role mappings may move there: iot:Connect',
      ),
      changes.join('\n'),
    );
  });

  it('rules reordered (first match wins): users in both groups may move from ReadRole to OpsRole', () => {
    const changes = granted(template(`${READERS}\n${OPERATORS}`), template(`${OPERATORS}\n${READERS}`));
    assert.ok(
      changes.includes(
        'HEAD:t.yaml#Pool role:ReadRole (role policies) → t.yaml#Pool role:OpsRole (role policies), for users of role:ReadRole the changed role mappings may move there: s3:GetObject',
      ),
      changes.join('\n'),
    );
  });
});
