import { strict as assert } from 'node:assert';
import { authorize } from '../../analyzer';
import { checkTemplateText, placed, positionOf } from './helpers';

const ALICE = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';
const ARN = 'arn:aws:iot:us-east-1:123456789012';

const TEMPLATE = `Parameters:
  Stage: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Guest
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: iot:Connect
                Resource: '*'
              - Effect: Allow
                Action: iot:Publish
                Resource: !If [IsProd, !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/prod/*', '*']
              - !If
                - IsProd
                - Effect: Deny
                  Action: iot:Publish
                  Resource: '*'
                - !Ref AWS::NoValue
              - Effect: Deny
                Action: iot:Publish
                Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/admin/*'
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: true }
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: { unauthenticated: !GetAtt GuestRole.Arn }
`;

function guestPublish(report: ReturnType<typeof checkTemplateText>, topic: string): string {
  const guests = report.apps[0].classes.find((c) => c.id === 'guests')!;
  const roles = guests.rolePolicies.map((p) => p.compiled);
  const subject = { identity: { type: 'unauthenticated' as const, identityId: ALICE }, iotPolicies: [] };
  // A1 pinned to the basic flow: this test is about Fn::If, not the enhanced flow's session policy.
  const readings = new Map([['A1', 'unrestricted']]);
  return authorize({ authenticated: [], unauthenticated: roles }, subject, { action: 'iot:Publish', resource: `${ARN}:topic/${topic}` }, { readings }).decision;
}

describe('Fn::If on a condition the files do not decide: every branch analysed, failing closed both ways', () => {
  it('an Allow of any branch counts; a Deny only one branch has is not applied; a Deny outside the If is', () => {
    const report = checkTemplateText(TEMPLATE);
    assert.equal(report.findings.filter((f) => f.ruleId === 'unresolved-value').length, 0, 'the branches are analysed, not left out');
    // The '*' branch grants every topic; the prod-only Deny does not remove it.
    assert.equal(guestPublish(report, 'dev/1'), 'allow');
    assert.equal(guestPublish(report, 'prod/1'), 'allow');
    // The Deny outside any If applies.
    assert.equal(guestPublish(report, 'admin/1'), 'deny');
    assert.ok(
      report.notes.includes(
        'template.yaml: GuestRole.Policies[Guest]: the condition IsProd is not decided by the files: the policy is analysed under every outcome, an Allow of any branch counts and a Deny only where every branch has it; 1 Deny statement(s) only some branches have are not applied, so the access they might remove shows as granted',
      ),
      report.notes.join('\n'),
    );
  });

  it('findings point at each branch in the template', () => {
    const report = checkTemplateText(TEMPLATE);
    const broad = report.findings.filter((f) => f.range.start.line === Number(positionOf(TEMPLATE, "'*']").split(':')[0]));
    assert.ok(broad.length > 0, placed(report).join('\n'));
    assert.equal(`${broad[0].range.start.line}:${broad[0].range.start.column}`, positionOf(TEMPLATE, "'*']"));
  });

  it('a condition decided by a parameter is followed, not branched', () => {
    const report = checkTemplateText(TEMPLATE.replace('Stage: { Type: String }', 'Stage: { Type: String, Default: prod }'));
    assert.equal(guestPublish(report, 'dev/1'), 'deny', 'prod: the Deny of the prod branch applies');
    assert.ok(!report.notes.some((n) => n.includes('not decided by the files')));
  });

  it('an If that changes the document outside its statements leaves the document unknown', () => {
    const text = TEMPLATE.replace("Version: '2012-10-17'", "Version: !If [IsProd, '2012-10-17', '2008-10-17']");
    const [finding] = checkTemplateText(text).findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.match(finding.message, /Fn::If IsProd \(conditions the template does not decide\) outside the policy's statements/);
  });
});

describe('values and templates in other stacks are reported, never read as empty', () => {
  it('Fn::ImportValue names the export it needs', () => {
    const text = TEMPLATE.replace("'*']", '!ImportValue SharedTopicArn]').replace('Stage: { Type: String }', 'Stage: { Type: String, Default: dev }');
    const [finding] = checkTemplateText(text).findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.match(finding.message, /depends on Fn::ImportValue SharedTopicArn \(an output another stack exports, which this tool does not read\)/);
    assert.equal(`${finding.range.start.line}:${finding.range.start.column}`, positionOf(text, 'SharedTopicArn'));
  });

  it('a nested stack in S3 is an unresolved-value error at its TemplateURL; a local one is a note', () => {
    const nested = `${TEMPLATE}  Child:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/child.yaml' }
  Local:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: ./child.yaml }
`;
    const report = checkTemplateText(nested);
    const findings = report.findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.message}`),
      [
        `${positionOf(nested, "'https://")} error nested stack Child: its template (https://s3.amazonaws.com/bucket/child.yaml) is not in these files, so the policies it may define are unknown; check that template too`,
      ],
    );
    assert.ok(
      report.notes.includes(
        'template.yaml: nested stack Local: its template ./child.yaml is checked as a template of its own; the parameters Local passes it are not used there',
      ),
    );
  });
});
