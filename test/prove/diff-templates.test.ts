import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffFileVersions, diffTemplateVersions, formatLocation, ResolvedConfig, type ProjectFile } from '../../analyzer';
import { accessFindings, describeUnknown } from '../../analyzer/prove';
import { runCli, tempProject, commitAll } from '../cli/run-cli';

const template = (iotResource: string, guestAction = 'iot:Connect', extra = '') => `Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: true }
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: { authenticated: !GetAtt AuthRole.Arn, unauthenticated: !GetAtt GuestRole.Arn }
  AuthRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Data
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: ['iot:Connect', 'iot:Publish'], Resource: '*' }]
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Guest
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: '${guestAction}', Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:client/\${!cognito-identity.amazonaws.com:sub}' }]
  UserIotPolicy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: iot:Publish
            Resource: ${iotResource}${extra}
`;
const OWN = "!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/users/${!cognito-identity.amazonaws.com:sub}/*'";
const ANY = "!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/*'";

const file = (path: string, text: string): ProjectFile => ({ path, configPath: path, text, role: 'template', format: 'cloudformation' });
const options = { config: new ResolvedConfig({}), host: { readFile: () => undefined, resolve: (_f: string, r: string) => r } };

describe('diff of templates: the app’s access between two versions', function () {
  this.timeout(60_000);

  it('compares each identity class and layer of the pool, new access where the template widened it', () => {
    const { diffs, unknowns } = diffTemplateVersions(file('HEAD:template.yaml', template(OWN)), file('template.yaml', template(ANY)), options);
    assert.deepEqual(unknowns, []);
    assert.deepEqual(
      diffs.map((d) => `${d.new} ${d.diff.changes.some((c) => c.granted) ? 'granted' : '-'}`),
      ['template.yaml#Pool guests (role policies) -', 'template.yaml#Pool signed-in (role policies) -', 'template.yaml#Pool signed-in (IoT policies) granted'],
    );
    assert.equal(diffs[2].old, 'HEAD:template.yaml#Pool signed-in (IoT policies)');
    const [pattern] = diffs[2].diff.changes.find((c) => c.granted)!.granted!.patterns;
    assert.equal(pattern.range.file, 'template.yaml');
    assert.equal(pattern.range.start.line, 34, 'at the Resource of the new template');
  });

  describe('several IoT policies: an identity may have any set of them (attached per identity)', () => {
    const iotPolicy = (name: string, effect: string, topic: string) =>
      `\n  ${name}:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement: [{ Effect: ${effect}, Action: iot:Publish, Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/${topic}' }]`;
    const grantedIn = (oldText: string, newText: string) =>
      diffTemplateVersions(file('HEAD:template.yaml', oldText), file('template.yaml', newText), options)
        .diffs.filter((d) => d.diff.changes.some((c) => c.granted))
        .map((d) => d.new);

    it('a Deny narrowed in one is new access with the one that allows, though a third still denies it for all three', () => {
      const guards = (first: string) => iotPolicy('GuardOne', 'Deny', first) + iotPolicy('GuardTwo', 'Deny', '$aws/*');
      assert.deepEqual(grantedIn(template(ANY, 'iot:Connect', guards('$aws/*')), template(ANY, 'iot:Connect', guards('$aws/nothing'))), [
        'template.yaml#Pool signed-in (IoT policies UserIotPolicy + GuardOne)',
      ]);
    });

    it('a policy that now allows what only another allowed before is new access for identities with just it', () => {
      const topicA = "!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/a'";
      assert.deepEqual(
        grantedIn(template(topicA, 'iot:Connect', iotPolicy('Other', 'Allow', 'b')), template(topicA, 'iot:Connect', iotPolicy('Other', 'Allow', 'a'))),
        ['template.yaml#Pool signed-in (IoT policy Other)'],
      );
    });
  });

  it('a value the files do not give, in either version, is listed as unknown', () => {
    const unknown = template('!Ref TopicArn').replace('Resources:', 'Parameters:\n  TopicArn: { Type: String }\nResources:');
    const { unknowns } = diffTemplateVersions(file('HEAD:template.yaml', template(OWN)), file('template.yaml', unknown), options);
    assert.ok(
      unknowns.some((u) => /^template\.yaml:\d+:\d+: UserIotPolicy: Allow statement depends on Ref TopicArn/.test(describeUnknown(u))),
      unknowns.map(describeUnknown).join('\n'),
    );
  });

  it('diffFileVersions: a template is compared by its apps; what a version leaves unknown is undecided access, at its place in the new version', () => {
    const unknown = template('!ImportValue SharedTopic');
    const compared = diffFileVersions({ old: file('HEAD:template.yaml', template(OWN)), new: file('template.yaml', unknown) }, options);
    assert.deepEqual(
      compared.diffs.map((d) => d.new),
      diffTemplateVersions(file('HEAD:template.yaml', template(OWN)), file('template.yaml', unknown), options).diffs.map((d) => d.new),
    );
    const undecided = accessFindings(compared.diffs, [], undefined, compared.unknowns).filter((f) => f.ruleId === 'undecided-access');
    assert.deepEqual(
      undecided.map((f) => `${formatLocation(f.range)} ${f.severity} ${f.message.replace(/ depends on .* \(not known/, ' … (not known')}`),
      ['template.yaml:34:36 warning UserIotPolicy: Allow statement … (not known, so not compared)'],
    );
    // The same unknown in the old version only: at the file, naming its place in that version.
    const before = diffFileVersions({ old: file('HEAD:template.yaml', unknown), new: file('template.yaml', template(OWN)) }, options);
    const [old] = accessFindings(before.diffs, [], { allowUnknown: false }, before.unknowns).filter((f) => f.ruleId === 'undecided-access');
    assert.equal(formatLocation(old.range), 'template.yaml:1:1');
    assert.equal(old.severity, 'error');
    assert.match(
      old.message,
      /^HEAD:template\.yaml:34:36: UserIotPolicy: Allow statement depends on Fn::ImportValue SharedTopic.* \(not known, so not compared\)$/,
    );
  });

  it('diff --base REV reads the old versions as the config of their time described them (parameters, kinds)', function () {
    const rooted = template("!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/${TopicRoot}/x'").replace(
      'Resources:',
      'Parameters:\n  TopicRoot: { Type: String }\nResources:',
    );
    const config = (root: string, kind: string) => ({ parameters: { TopicRoot: root }, kinds: { 'policies/*.json': kind } });
    const dir = tempProject({
      'template.yaml': rooted,
      'policies/p.json': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] },
      'iot-policy-lens.config.json': config('users', 'auth-role'),
    });
    commitAll(dir);
    const same = runCli(['diff', '--base', 'HEAD', '--fail-on-new-access'], dir);
    assert.equal(same.status, 0, same.stdout + same.stderr);

    // Only the config changes: the topic root widens, and the policy file now describes the guests' role.
    fs.writeFileSync(path.join(dir, 'iot-policy-lens.config.json'), JSON.stringify(config('*', 'unauth-role')));
    const changed = runCli(['diff', '--base', 'HEAD', '--fail-on-new-access', '--format', 'json'], dir);
    assert.equal(changed.status, 1, changed.stdout + changed.stderr);
    const report = JSON.parse(changed.stdout);
    const granted = report.files
      .filter((f: { changes: Array<{ granted?: unknown }> }) => f.changes.some((c) => c.granted))
      .map((f: { new: string; kind: string }) => `${f.new} ${f.kind}`);
    assert.deepEqual(granted, ['policies/p.json unauth-role', 'template.yaml#Pool signed-in (IoT policies) iot']);
  });

  it('diff --base REV reads the old versions with the config the revision had, when the change deletes it', () => {
    const rooted = template("!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/${TopicRoot}/x'").replace(
      'Resources:',
      "Parameters:\n  TopicRoot: { Type: String, Default: '*' }\nResources:",
    );
    const dir = tempProject({ 'template.yaml': rooted, 'iot-policy-lens.config.json': { parameters: { TopicRoot: 'users' } } });
    commitAll(dir);
    fs.rmSync(path.join(dir, 'iot-policy-lens.config.json'));
    const result = runCli(['diff', '--base', 'HEAD', '--fail-on-new-access'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /\+ now allows arn:aws:iot:us-east-1:123456789012:topic\/\*\/x/);
  });

  it('diff --base REV: templates compared in git, new access failing the gate, unknown failing it too', function () {
    const dir = tempProject({ 'infra/template.yaml': template(OWN) });
    commitAll(dir);
    const same = runCli(['diff', '--base', 'HEAD', 'infra', '--fail-on-new-access'], dir);
    assert.equal(same.status, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /HEAD:infra\/template\.yaml#Pool signed-in \(IoT policies\) → infra\/template\.yaml#Pool signed-in \(IoT policies\)/);

    fs.writeFileSync(path.join(dir, 'infra/template.yaml'), template(ANY, 'iot:*'));
    const wider = runCli(['diff', '--base', 'HEAD', '--fail-on-new-access', '--format', 'json'], dir);
    assert.equal(wider.status, 1, wider.stderr);
    const report = JSON.parse(wider.stdout);
    const granted = report.files.filter((f: { changes: Array<{ granted?: unknown }> }) => f.changes.some((c) => c.granted)).map((f: { new: string }) => f.new);
    assert.deepEqual(granted, ['infra/template.yaml#Pool guests (role policies)', 'infra/template.yaml#Pool signed-in (IoT policies)']);

    // Two templates named on the command line are compared the same way.
    fs.writeFileSync(path.join(dir, 'old.yaml'), template(OWN));
    const files = runCli(['diff', 'old.yaml', 'infra/template.yaml', '--fail-on-new-access'], dir);
    assert.equal(files.status, 1, files.stderr);
    assert.match(
      files.stdout,
      /old\.yaml#Pool signed-in \(IoT policies\) → infra\/template\.yaml#Pool signed-in \(IoT policies\) \[iot: authenticated identities\]\n {2}iot:Publish\n {4}\+ now allows/,
    );

    fs.writeFileSync(path.join(dir, 'infra/template.yaml'), template('!ImportValue SharedTopic'));
    const unknown = runCli(['diff', '--base', 'HEAD', 'infra/template.yaml', '--fail-on-new-access'], dir);
    assert.equal(unknown.status, 1, unknown.stdout);
    assert.match(
      unknown.stderr,
      /infra\/template\.yaml:\d+:\d+: UserIotPolicy: Allow statement depends on Fn::ImportValue SharedTopic .* \(not known, so not compared\)/,
    );
    assert.match(unknown.stdout, /--fail-on-new-access: FAILED, not decided: 1 part of the templates the files do not give/);
    // JSON and SARIF readers get it as a finding too, at the statement that depends on the unknown value.
    const json = JSON.parse(runCli(['diff', '--base', 'HEAD', 'infra/template.yaml', '--fail-on-new-access', '--format', 'json'], dir).stdout);
    assert.deepEqual(
      json.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'undecided-access')
        .map((f: { file: string; range: { start: { line: number } }; severity: string }) => `${f.file}:${f.range.start.line} ${f.severity}`),
      ['infra/template.yaml:34 error'],
    );
  });
});
