import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEVICE_GUEST_ROLE, guestPoolTemplate } from '../sources/helpers';
import { runCli, tempProject, commitAll } from './run-cli';

/**
 * The tester's reproducers of issue #10 through the CLI, as CI runs it: what the files do not say, or the
 * tool does not read, fails the run at the place it is written — never "passed" because it was skipped.
 */
/** The guest pool of cfn-attachment-arn-forms, the guest role attached as `Roles.unauthenticated: <role>`. */
const guestPool = (role: string) => guestPoolTemplate({ role: DEVICE_GUEST_ROLE, attached: role });

describe('IaC sources fail closed through the CLI (issue #10)', function () {
  this.timeout(120_000);

  it('an attachment naming a role the files do not give fails check at its line (cfn-attachment-arn-forms)', () => {
    const dir = tempProject({ 'template.yaml': guestPool('!ImportValue shared-GuestRoleArn') });
    const result = runCli(['check', '.'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^template\.yaml:25:39 error unresolved-value RoleAttachment: the unauthenticated role is not decided by the files/m);
    const summary = runCli(['summary', '.', '--fail-on-unknown'], dir);
    assert.equal(summary.status, 1, summary.stdout + summary.stderr);
    assert.match(summary.stdout, /UNKNOWN: the unauthenticated role is not decided by the files/);
    assert.doesNotMatch(summary.stdout, /no credentials/);
  });

  it('diff --fail-on-new-access fails on the change that stops creating a guardrail Deny (cfn-resource-condition)', function () {
    const guarded = (condition: string) =>
      guestPool('!GetAtt GuestRole.Arn').replace(
        'Resources:',
        "Parameters:\n  Guardrails: { Type: String, Default: 'off' }\nConditions:\n  GuardrailsOn: !Equals [!Ref Guardrails, 'on']\nResources:",
      ).concat(`  GuestGuardrail:
    Type: AWS::IAM::Policy
${condition}    Properties:
      PolicyName: GuestGuardrail
      Roles: [!Ref GuestRole]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Deny, Action: iot:Publish, Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/$aws/*' }] }
`);
    const dir = tempProject({ 'template.yaml': guarded('') });
    commitAll(dir);
    fs.writeFileSync(path.join(dir, 'template.yaml'), guarded('    Condition: GuardrailsOn\n'));
    const result = runCli(['diff', '--base', 'HEAD', '.', '--fail-on-new-access'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /template\.yaml#IdentityPool guests \(role policies\)[^\n]*\n {2}iot:Publish\n {4}\+ now allows/);
  });

  it('walks *.template files, CloudFormation in YAML or JSON', () => {
    const json = JSON.stringify(
      {
        Resources: {
          P: {
            Type: 'AWS::IoT::Policy',
            Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publsh', Resource: '*' }] } },
          },
        },
      },
      null,
      2,
    );
    const dir = tempProject({
      'infra/stack.template': guestPool('!GetAtt GuestRole.Arn'),
      'infra/other.template': json,
      'notes.template': 'Hello {{name}}',
    });
    const result = runCli(['check', '.', '--format', 'json'], dir);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.files.map((f: { path: string; name: string }) => `${f.path} ${f.name}`).sort(), [
      'infra/other.template P',
      'infra/stack.template GuestRole.Policies[Devices]',
    ]);
    assert.ok(
      report.findings.some((f: { ruleId: string; location: { line: number } }) => f.ruleId === 'unknown-action'),
      result.stdout,
    );
  });

  it('exits 2 with file:line on a template whose values would exhaust memory, whatever else is checked (hostile-string-blowup-cfn)', () => {
    const aliases = Array.from({ length: 60 }, () => '*big').join(', ');
    const joined = Array.from({ length: 100 }, () => "!Join ['', *l1]").join(', ');
    const bomb = `Mappings:\n  M:\n    K:\n      V: &big ${'x'.repeat(100_000)}\n      L: &l1 [${aliases}]\nResources:\n  P:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Publish, Resource: !Join ['', [${joined}]] }] }\n`;
    const alone: Record<string, string> = { 'template.yaml': bomb };
    for (const files of [alone, { ...alone, 'other.yaml': guestPool('!GetAtt GuestRole.Arn') }]) {
      const result = runCli(['check', '.'], tempProject(files));
      assert.equal(result.status, 2, result.stdout + result.stderr);
      assert.match(result.stdout, /^template\.yaml:\d+:\d+ error invalid-template more than 16,777,216 characters once aliases are expanded; not read$/m);
      assert.match(
        result.stderr,
        /^template\.yaml:\d+:\d+: more than 16,777,216 characters once aliases are expanded; not read; nothing in this file was checked \(exit code 2\)$/m,
      );
      assert.doesNotMatch(result.stderr, /internal error/);
    }
    const summary = runCli(['summary', '.'], tempProject(alone));
    assert.equal(summary.status, 2, summary.stdout + summary.stderr);
    assert.match(
      summary.stderr,
      /^template\.yaml:\d+:\d+: more than 16,777,216 characters once aliases are expanded; not read; this file cannot be summarised \(exit code 2\)$/m,
    );
  });
});
