import { strict as assert } from 'node:assert';
import type { CheckReport } from '../../analyzer';
import { checkTemplateText, guestPoolTemplate, onePolicy, placed, positionOf } from './helpers';

const unresolved = (report: CheckReport) => report.findings.filter((f) => f.ruleId === 'unresolved-value');
const everyClassUnknown = (report: CheckReport, what: RegExp) => report.apps[0].classes.every((c) => c.unknowns.some((u) => what.test(u)));

/** The tester's cfn-language-extensions: more guest resources from an AWS::Include in S3 (its Fn::ForEach is expanded: for-each.test.ts). */
const LANGUAGE_EXTENSIONS = guestPoolTemplate({
  sections: 'Transform: AWS::LanguageExtensions\n',
  role: onePolicy('Connect', 'iot:Connect', "!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:client/${!cognito-identity.amazonaws.com:sub}'"),
  more: `  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: s3://my-bucket/guest-policies.yaml
`,
});

describe('parts of a template the reader does not interpret are unknown, never skipped', () => {
  it('a section-level AWS::Include: unresolved-value at it, every class may get more (cfn-language-extensions)', () => {
    const report = checkTemplateText(LANGUAGE_EXTENSIONS);
    assert.deepEqual(placed(report), [`${positionOf(LANGUAGE_EXTENSIONS, 'Fn::Transform')} unresolved-value`]);
    assert.match(unresolved(report)[0].message, /^Fn::Transform: AWS::Include of s3:\/\/my-bucket\/guest-policies\.yaml: what it adds is not in these files/);
    assert.ok(everyClassUnknown(report, /^Fn::Transform: /), JSON.stringify(report.apps[0].classes.map((c) => c.unknowns)));
  });

  it('a Fn::Transform in a resource, and a template macro this tool does not apply, are unknown too', () => {
    const text = `Transform: [AWS::Serverless-2016-10-31, MyCompanyMacro]
Resources:
  Guest:
    Type: AWS::IAM::Role
    Properties:
      Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/role.yaml } }
`;
    assert.deepEqual(placed(checkTemplateText(text)), [
      `${positionOf(text, 'MyCompanyMacro')} unresolved-value`,
      `${positionOf(text, 'Fn::Transform')} unresolved-value`,
    ]);
  });

  it('an AWS::Include of the whole template is unknown', () => {
    const text = 'Transform:\n  Name: AWS::Include\n  Parameters:\n    Location: s3://b/template.yaml\nResources: {}\n';
    const report = checkTemplateText(text);
    assert.deepEqual(placed(report), [`${positionOf(text, 'Name:')} unresolved-value`]);
    assert.match(report.findings[0].message, /^Transform AWS::Include of s3:\/\/b\/template\.yaml: a macro that rewrites the template/);
  });

  it('a Serverless resource given by ${file(…)} is unknown at its line, and so is the role it was to be (sls-file-include)', () => {
    const text = `service: iot-chat
provider:
  name: aws
  stage: \${opt:stage, 'dev'}
resources:
  Resources:
    IdentityPool:
      Type: AWS::Cognito::IdentityPool
      Properties:
        AllowUnauthenticatedIdentities: true
    GuestRole: \${file(resources/guest-role.yml)}
    RoleAttachment:
      Type: AWS::Cognito::IdentityPoolRoleAttachment
      Properties:
        IdentityPoolId: { Ref: IdentityPool }
        Roles:
          unauthenticated: { 'Fn::GetAtt': [GuestRole, Arn] }
`;
    const report = checkTemplateText(text, 'serverless.yml', {}, 'serverless');
    assert.deepEqual(placed(report), [`${positionOf(text, '${file(')} unresolved-value`, `${positionOf(text, "{ 'Fn::GetAtt'")} unresolved-value`]);
    assert.match(unresolved(report)[0].message, /^GuestRole: the resource is the Serverless variable \$\{file\(resources\/guest-role\.yml\)\}/);
    const guests = report.apps[0].classes.find((c) => c.id === 'guests');
    assert.ok(guests && guests.unknowns.length > 0, 'guests are a class with unknowns, not "no credentials"');
  });

  it('a Serverless resources fragment given by ${file(…)} is unknown at its line', () => {
    const text = `service: s\nprovider:\n  name: aws\nresources:\n  - \${file(resources/roles.yml)}\n  - Resources:\n      P: { Type: AWS::IoT::Policy, Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [] } } }\n`;
    const report = checkTemplateText(text, 'serverless.yml', {}, 'serverless');
    assert.deepEqual(
      placed(report).filter((p) => p.endsWith('unresolved-value')),
      [`${positionOf(text, '${file(')} unresolved-value`],
    );
  });
});
