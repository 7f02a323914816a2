import { strict as assert } from 'node:assert';
import { checkTemplateText, placed, positionOf, SINGLE_FILE_RULES } from './helpers';

const ROLE_TRUST = `
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Federated: cognito-identity.amazonaws.com }, Action: sts:AssumeRoleWithWebIdentity }]`;

const APP = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  BucketArn: { Type: String }
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: true }
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles:
        authenticated: !GetAtt AuthRole.Arn
        unauthenticated: !Sub '\${GuestRole.Arn}'
      RoleMappings:
        provider:
          Type: Rules
          AmbiguousRoleResolution: AuthenticatedRole
          RulesConfiguration:
            Rules: [{ Claim: dept, MatchType: Equals, Value: ops, RoleARN: !GetAtt OpsRole.Arn }]
  AuthRole:
    Type: AWS::IAM::Role
    Properties:${ROLE_TRUST}
      Policies:
        - PolicyName: Data
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: iot:AttachPolicy
                Resource: '*'
  GuestRole:
    Type: AWS::IAM::Role
    Properties:${ROLE_TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSIoTDataAccess
        - !Ref GuestExtra
        - arn:aws:iam::123456789012:policy/SomethingElse
  OpsRole:
    Type: AWS::IAM::Role
    Properties:${ROLE_TRUST}
  GuestExtra:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Action: iot:GetThingShadow, Resource: '*' }]
  OpsPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: ops
      Roles: [!Ref OpsRole]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Ref BucketArn
          - Sid: NoAdmin
            Effect: Deny
            Action: iot:Connect
            Resource: !Sub '\${BucketArn}/x'
  DevicePolicy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:Connect", "Resource": "arn:aws:iot:us-east-1:123456789012:client/\${iot:ClientId}"}]}'
`;

describe('CloudFormation source', () => {
  const report = checkTemplateText(APP, 'template.yaml', SINGLE_FILE_RULES);
  const kinds = Object.fromEntries(report.files.map((f) => [f.name, f.kind]));

  it('gives each policy the kind its role attachment says: authenticated, unauthenticated, role mappings, IoT policies', () => {
    assert.deepEqual(kinds, {
      'AuthRole.Policies[Data]': 'auth-role',
      'GuestRole.ManagedPolicyArns[AWSIoTDataAccess v3, 2026-12-07]': 'unauth-role',
      GuestExtra: 'unauth-role',
      OpsPolicy: 'auth-role',
      DevicePolicy: 'iot',
    });
    assert.equal(report.files.find((f) => f.name === 'OpsPolicy')?.kindReason, 'a role mapping of Attachment (signed-in users)');
  });

  it('evaluates shipped AWS managed policies (findings on the ARN) and reports unknown managed policies instead of treating them as empty', () => {
    const arn = positionOf(APP, 'arn:aws:iam::aws:policy/AWSIoTDataAccess');
    assert.ok(
      placed(report).some((p) => p.startsWith(arn) && p.endsWith('guest-device-access')),
      placed(report).join('\n'),
    );
    const unknown = report.findings.find((f) => f.ruleId === 'unknown-managed-policy');
    assert.equal(`${unknown?.range.start.line}:${unknown?.range.start.column}`, positionOf(APP, 'arn:aws:iam::123456789012:policy/SomethingElse'));
    assert.equal(unknown?.severity, 'error');
  });

  it('places findings exactly in the template, inside strings too', () => {
    assert.ok(placed(report).includes(`${positionOf(APP, 'iot:AttachPolicy')} admin-action-in-cognito-role`), placed(report).join('\n'));
    // GuestExtra, a customer managed policy in the template attached to the guest role by Ref.
    assert.ok(placed(report).includes(`${positionOf(APP, "'*' }]")} guest-device-access`), placed(report).join('\n'));
    // A document given as a JSON string: the finding points into the string.
    assert.ok(placed(report).includes(`${positionOf(APP, '${iot:ClientId}')} client-id-spoofing`), placed(report).join('\n'));
  });

  it('leaves out statements with unknown values, reports each once and fails (an Allow never applies, a Deny is not silently dropped)', () => {
    const unresolved = report.findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.equal(unresolved.length, 2);
    assert.ok(unresolved.every((f) => f.severity === 'error'));
    assert.match(
      unresolved[0].message,
      /^OpsPolicy: Allow statement depends on Ref BucketArn \(a parameter without a Default\).*what it would grant is not counted/,
    );
    assert.match(unresolved[1].message, /^OpsPolicy: Deny statement "NoAdmin" depends on Ref BucketArn .*the access it would deny is shown as granted/);
    assert.equal(
      `${unresolved[0].range.start.line}:${unresolved[0].range.start.column}`,
      positionOf(APP, '!Ref BucketArn', 0).replace(/:(\d+)$/, (_m, c) => `:${Number(c) + 5}`),
    );
    // Given a value (config "parameters"), the statements are analysed.
    const given = checkTemplateText(APP, 'template.yaml', { parameters: { BucketArn: 'arn:aws:s3:::b' } });
    assert.equal(given.findings.filter((f) => f.ruleId === 'unresolved-value').length, 0);
  });

  it('says what it assumed: the pseudo parameters and IoT policies attached to every signed-in identity', () => {
    assert.ok(report.notes.some((n) => /IoT policies are taken as attached to every authenticated identity/.test(n)));
    assert.ok(
      report.notes.includes('template.yaml: identity pool Pool: authenticated role AuthRole, unauthenticated role GuestRole; guests get credentials'),
      report.notes.join('\n'),
    );
  });

  it('reads JSON templates (CDK output) with exact positions and reports broken templates with their position', () => {
    const json = JSON.stringify(
      {
        Resources: {
          P: {
            Type: 'AWS::IoT::Policy',
            Properties: {
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 'iot:Publsh',
                    Resource: {
                      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iot:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':topic/a']],
                    },
                  },
                ],
              },
            },
          },
        },
      },
      null,
      2,
    );
    const checked = checkTemplateText(json, 'Stack.template.json');
    assert.deepEqual(placed(checked), [`${positionOf(json, '"iot:Publsh"')} unknown-action`]);
    assert.deepEqual(
      checked.files.map((f) => [f.name, f.kind]),
      [['P', 'iot']],
    );
    const broken = checkTemplateText('Resources:\n  P: [unclosed\n', 't.yaml');
    assert.deepEqual(
      broken.findings.map((f) => f.ruleId),
      ['invalid-template'],
    );
  });

  it('reads SAM function policies: managed policy names, inline documents; policy templates grant no IoT access', () => {
    const sam = `Transform: AWS::Serverless-2016-10-31
Resources:
  Attacher:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSIoTConfigAccess
        - S3ReadPolicy: { BucketName: b }
        - Statement: [{ Effect: Allow, Action: iot:Publsh, Resource: '*' }]
        - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/NotShipped'
`;
    const checked = checkTemplateText(sam);
    assert.deepEqual(
      checked.files.map((f) => f.name),
      ['Attacher.Policies[AWSIoTConfigAccess v9, 2026-12-07]', 'Attacher.Policies[2]'],
    );
    assert.deepEqual(
      placed(checked).filter((p) => /unknown-action|unknown-managed-policy/.test(p)),
      [`${positionOf(sam, 'iot:Publsh')} unknown-action`, `${positionOf(sam, "'arn:")} unknown-managed-policy`],
    );
  });

  it('reads Amplify category templates: roles passed as authRoleName/unauthRoleName parameters', () => {
    const amplify = `Parameters:
  authRoleName: { Type: String }
  unauthRoleName: { Type: String }
Resources:
  IotAccess:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: iot
      Roles: [!Ref unauthRoleName]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 'iot:*', Resource: '*' }] }
`;
    const checked = checkTemplateText(amplify, 'amplify/backend/custom/iot/template.yml');
    assert.deepEqual(
      checked.files.map((f) => [f.name, f.kind]),
      [['IotAccess', 'unauth-role']],
    );
  });
});
