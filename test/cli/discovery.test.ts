import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, tempProject } from './run-cli';

const ARN = 'arn:aws:iot:us-east-1:123456789012';
const wideIot = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] };
const checkedPaths = (dir: string, args: string[] = []) =>
  JSON.parse(runCli(['check', '--format', 'json', '--fail-on', 'none', ...args], dir).stdout).files.map((f: { path: string }) => f.path);

describe('folder discovery', function () {
  this.timeout(30_000);
  it('finds a policy whose keys are JSON-escaped (discovery parses, it does not search text)', () => {
    const escaped = '{"Version":"2012-10-17","\\u0053tatement":[{"Effect":"Allow","Action":"iot:*","Resource":"*"}]}';
    const dir = tempProject({ 'escaped.json': escaped });
    const result = runCli(['check', '--fail-on', 'warning'], dir);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^escaped\.json:1:70 warning service-wildcard-action /m);
    assert.match(result.stdout, /1 policy and 0 scenarios checked/);
  });

  it('follows links inside the project (once, even when they loop) and reports links out of it', () => {
    const outside = tempProject({ 'far.json': wideIot });
    const dir = tempProject({ 'real/p.json': { ...wideIot, Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/a` }] } });
    fs.symlinkSync(path.join(dir, 'real', 'p.json'), path.join(dir, 'linked.json'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'real', 'loop'));
    fs.symlinkSync(path.join(outside, 'far.json'), path.join(dir, 'escape.json'));
    fs.symlinkSync(path.join(dir, 'missing.json'), path.join(dir, 'dangling.json'));
    const result = runCli(['check', '--format', 'json', '--fail-on', 'none'], dir);
    assert.equal(result.status, 0);
    // The file and its link are one policy, checked once; the loop ends.
    assert.deepEqual(
      JSON.parse(result.stdout).files.map((f: { path: string }) => f.path),
      ['linked.json'],
    );
    assert.match(result.stderr, /^escape\.json: a link out of the project \(to .*far\.json\), not followed$/m);
    assert.match(result.stderr, /^dangling\.json: a link to nothing \(dangling\), skipped$/m);
  });

  it('checks a folder made only of links to policies inside the project', () => {
    const dir = tempProject({ 'store/p.json': wideIot });
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.symlinkSync(path.join(dir, 'store', 'p.json'), path.join(dir, 'policies', 'p.json'));
    assert.deepEqual(checkedPaths(dir, ['policies']), ['policies/p.json']);
  });

  it('exits 2 saying what it looked at and what it reads when there is nothing to check', () => {
    const dir = tempProject({ 'package.json': { name: 'x' }, 'docs/notes.yaml': 'title: notes\n', 'README.md': '# hi' });
    const result = runCli(['check'], dir);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^nothing to check: 2 files looked at in \., none of them a policy, scenario or template; this tool reads JSON policies .*CloudFormation\/SAM templates .*Serverless services/m,
    );
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-empty-'));
    assert.equal(runCli(['check'], empty).status, 2);
    // Templates without any policy are nothing to check either.
    const noPolicies = tempProject({ 'template.yaml': 'Resources:\n  Bucket: { Type: AWS::S3::Bucket }\n' });
    assert.match(runCli(['check'], noPolicies).stderr, /^nothing to check: the templates found \(template\.yaml\) hold no IoT or IAM policy/m);
    // The config may allow an empty result: said, exit 0.
    const allowed = tempProject({ 'iot-policy-lens.config.json': { allowEmpty: true }, 'notes.yaml': 'a: 1\n' });
    const allowedRun = runCli(['check'], allowed);
    assert.equal(allowedRun.status, 0);
    assert.match(allowedRun.stderr, /^nothing to check: .*\(allowed by the config's "allowEmpty"\)$/m);
  });

  it('names a file the user gave that it cannot read as any format, and does not pass', () => {
    const dir = tempProject({ 'p.json': wideIot, 'compose.yaml': 'services:\n  web: {}\n', 'notes.txt': 'hello' });
    const yaml = runCli(['check', 'p.json', 'compose.yaml', '--fail-on', 'none'], dir);
    assert.equal(yaml.status, 2);
    assert.match(yaml.stderr, /^compose\.yaml: neither a CloudFormation\/SAM template \(no "Resources"\) nor a Serverless service/m);
    assert.doesNotMatch(yaml.stdout + yaml.stderr, /invalid-json/);
    const text = runCli(['check', 'p.json', 'notes.txt', '--fail-on', 'none'], dir);
    assert.equal(text.status, 2);
    assert.match(text.stderr, /^notes\.txt: not a format this tool reads/m);
  });

  it("skips the config's excluded folders and reads scenario globs as scenarios", () => {
    const dir = tempProject({
      'iot-policy-lens.config.json': { exclude: ['vendor'] },
      'vendor/p.json': wideIot,
      'app/p.json': wideIot,
    });
    assert.deepEqual(checkedPaths(dir), ['app/p.json']);
  });
});

describe('folder discovery of a mixed repository', function () {
  this.timeout(30_000);
  const iotPolicyResource = (id: string) => ({
    Resources: {
      [id]: {
        Type: 'AWS::IoT::Policy',
        Properties: {
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:us-east-1:123456789012:client/${iot:ClientId}' }],
          },
        },
      },
    },
  });

  it('finds every policy of CloudFormation YAML, Serverless, CDK output, Amplify stacks and JSON, with their kinds, skipping assets', () => {
    const dir = tempProject({
      'policies/device.json': wideIot,
      'infra/template.yaml':
        'Resources:\n  YamlPolicy:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: iot:Connect, Resource: "*" }] }\n',
      'api/serverless.yml':
        'service: api\nprovider:\n  name: aws\nresources:\n  Resources:\n    SlsPolicy:\n      Type: AWS::IoT::Policy\n      Properties:\n        PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: iot:Connect, Resource: "*" }] }\n',
      'cdk/cdk.json': { app: 'npx ts-node bin/app.ts' },
      'cdk/cdk.out/AppStack.template.json': iotPolicyResource('CdkPolicy'),
      'cdk/cdk.out/asset.abc123/template.json': iotPolicyResource('AssetCopy'),
      'amplify/backend/custom/iot/iot-cloudformation-template.json': iotPolicyResource('AmplifyPolicy'),
      'amplify/#current-cloud-backend/custom/iot/iot-cloudformation-template.json': iotPolicyResource('DeployedCopy'),
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    });
    const result = runCli(['check', '--format', 'json', '--fail-on', 'none'], dir);
    assert.equal(result.status, 0, result.stderr);
    const files = JSON.parse(result.stdout).files.map(
      (f: { path: string; name?: string; kind?: string }) => `${f.path}${f.name ? `#${f.name}` : ''} ${f.kind ?? '-'}`,
    );
    assert.deepEqual(files.sort(), [
      'amplify/backend/custom/iot/iot-cloudformation-template.json#AmplifyPolicy iot',
      'api/serverless.yml#SlsPolicy iot',
      'cdk/cdk.out/AppStack.template.json#CdkPolicy iot',
      'infra/template.yaml#YamlPolicy iot',
      'policies/device.json -',
    ]);
  });

  it('tells the user to run cdk synth when a CDK app has no cdk.out, and does not pass', () => {
    const dir = tempProject({ 'policies/device.json': wideIot, 'cdk/cdk.json': { app: 'npx ts-node bin/app.ts' } });
    const result = runCli(['check', '--fail-on', 'none'], dir);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^cdk\/cdk\.json: a CDK app without cdk\.out: run `cdk synth` first/m);
  });

  it('never reports a YAML file as invalid JSON, and does not lint a CloudFormation JSON template as a policy', () => {
    const dir = tempProject({ 'broken.yaml': 'Resources:\n  P: [unclosed\n', 'Stack.template.json': iotPolicyResource('P') });
    const result = runCli(['check', 'broken.yaml', 'Stack.template.json', '--format', 'json', '--fail-on', 'none'], dir);
    const findings = JSON.parse(result.stdout).findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`);
    assert.deepEqual(findings, ['Stack.template.json app-client-id-takeover', 'broken.yaml invalid-template']);
  });
});
