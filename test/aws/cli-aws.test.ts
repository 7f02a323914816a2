import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliAsync, tempProject, ROOT } from '../cli/run-cli';
import { cliAgainst } from './aws-cli-runner';
import { startFakeAws, type FakeAws } from './fake-aws';

const IDENTITY = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';
const OTHER = 'us-east-1:0a1b2c3d-2222-4a5b-8c9d-0123456789ab';
const POOL = 'us-east-1:9f8e7d6c-0000-4b3a-9c8d-abcdefabcdef';
const sample = (name: string) => fs.readFileSync(path.join(ROOT, 'samples', 'per-user-app', 'policies', name), 'utf8');
const goodPolicy = sample('user.iot.json');
const otherGood = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:us-east-1:123456789012:client/${cognito-identity.amazonaws.com:sub}' }],
  },
  null,
  2,
);
const badPolicy = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Subscribe', Resource: 'arn:aws:iot:us-east-1:123456789012:topic/a/*' }] },
  null,
  2,
);

describe('AWS commands against a local AWS (real SDK, SigV4 checked)', function () {
  let aws: FakeAws;
  let dir: string;

  beforeEach(async () => {
    aws = await startFakeAws();
    dir = tempProject({ 'user.iot.json': goodPolicy, 'other.iot.json': otherGood, 'bad.iot.json': badPolicy });
  });
  afterEach(() => aws.close());

  const lens = (args: string[], env: Record<string, string> = {}) => cliAgainst(aws, dir)(args, env);
  const mutations = () => aws.requests.filter((r) => !/^(Get|List)/.test(r.operation)).map((r) => r.operation);
  const versions = (name: string) => aws.state.iot.policies.get(name)!.versions.map((v) => `${v.versionId}${v.isDefault ? '*' : ''}`);

  it('creates the policy, attaches it, and confirms', async () => {
    const { status, stdout, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', 'AppUsers']);
    assert.equal(status, 0, stderr);
    assert.match(stdout, /^attached: policy AppUsers \(default version 1\) was attached to us-east-1:0a1b2c3d-1111/);
    assert.deepEqual(versions('AppUsers'), ['1*']);
    assert.deepEqual(JSON.parse(aws.state.iot.policies.get('AppUsers')!.versions[0].document), JSON.parse(goodPolicy));
    assert.deepEqual([...aws.state.iot.attachments.get(IDENTITY)!], ['AppUsers']);
    assert.deepEqual(mutations(), ['CreatePolicy', 'AttachPolicy']);
    assert.match(stderr, /confirmed: us-east-1:0a1b2c3d-1111\S* has 1 IoT policy attached \(AppUsers\)/);
    // The SDK's notice about its own future Node versions says nothing about this run (aws/settings.ts).
    assert.doesNotMatch(stderr, /NodeVersionSupportWarning/);
  });

  it('re-attaching what is attached is a no-op that says so', async () => {
    aws.seedIotPolicy('AppUsers', goodPolicy);
    aws.seedAttachment(IDENTITY, 'AppUsers');
    const { status, stdout } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', 'AppUsers']);
    assert.equal(status, 0);
    assert.match(stdout, /^already-attached: policy AppUsers \(default version 1\) is attached/);
    assert.deepEqual(mutations(), []);
  });

  it('shows the diff and creates a new default version when the deployed one differs', async () => {
    aws.seedIotPolicy('AppUsers', otherGood);
    const { status, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', 'AppUsers', '--yes']);
    assert.equal(status, 0, stderr);
    assert.match(stderr, /the deployed default version 1 differs from user\.iot\.json:/);
    assert.match(stderr, /\+ {7}"Sid": "PublishInOwnNamespace"/);
    assert.deepEqual(versions('AppUsers'), ['1', '2*']);
    assert.deepEqual(mutations(), ['CreatePolicyVersion', 'AttachPolicy']);
  });

  it('without a terminal and without --yes, changes nothing and says how to proceed', async () => {
    aws.seedIotPolicy('AppUsers', otherGood);
    const { status, stdout, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', 'AppUsers']);
    assert.equal(status, 1);
    assert.match(stderr, /no \(no terminal to ask; pass --yes to confirm\)/);
    assert.match(stdout, /^cancelled: nothing was changed/);
    assert.deepEqual(mutations(), []);
  });

  it('at the 5-version limit deletes only the oldest non-default version, never the default', async () => {
    // Version 1 is the default and the oldest: version 2 is the oldest one that may go.
    aws.seedIotPolicy('AppUsers', [otherGood, otherGood, otherGood, otherGood, otherGood], { defaultVersionId: '1' });
    const { status, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', 'AppUsers', '--yes']);
    assert.equal(status, 0, stderr);
    assert.match(stderr, /version 2 of AppUsers \(the oldest non-default, created [^)]*\):\n\{/);
    assert.match(stderr, /delete version 2 \(shown above\) to make room\? yes/);
    assert.deepEqual(versions('AppUsers'), ['1', '3', '4', '5', '6*']);
    assert.deepEqual(mutations(), ['DeletePolicyVersion', 'CreatePolicyVersion', 'AttachPolicy']);
  });

  it('--dry-run shows the diff and asks nothing, even without --yes', async () => {
    aws.seedIotPolicy('AppUsers', otherGood);
    const { status, stdout, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', 'AppUsers', '--dry-run']);
    assert.equal(status, 0, stderr);
    assert.match(stderr, /the deployed default version 1 differs from user\.iot\.json:/);
    assert.doesNotMatch(stderr, /\?/);
    assert.match(stdout, /^dry-run: dry run: would create a new default version of AppUsers/);
    assert.deepEqual(mutations(), []);
  });

  it('refuses a policy with error-level findings before calling AWS, unless told to attach anyway', async () => {
    const refused = await lens(['attach', 'bad.iot.json', '--identity-id', IDENTITY, '--yes']);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /bad\.iot\.json:7:19 error resource-type-mismatch/);
    assert.match(refused.stdout, /^refused: nothing was changed/);
    assert.match(refused.stderr, /Attach anyway\? no \(no terminal to ask; pass --allow-errors to confirm\)/);
    assert.deepEqual(aws.requests, []);
    const forced = await lens(['attach', 'bad.iot.json', '--identity-id', IDENTITY, '--allow-errors']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.deepEqual([...aws.state.iot.attachments.get(IDENTITY)!], ['bad-iot']);
  });

  it('explains a missing permission with the IAM action and says what state AWS is in', async () => {
    aws.denyOperations(['AttachPolicy']);
    const { status, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', 'AppUsers']);
    assert.equal(status, 1);
    assert.match(stderr, /AttachPolicy was refused: the caller lacks permission iot:AttachPolicy on us-east-1:0a1b2c3d-1111/);
    assert.match(
      stderr,
      /AWS state: read back from AWS: policy AppUsers has version 1; the default is version 1 \(the document of user\.iot\.json\); AppUsers is not attached to us-east-1:0a1b2c3d-1111/,
    );
    assert.deepEqual(versions('AppUsers'), ['1*']);
    assert.equal(aws.state.iot.attachments.get(IDENTITY), undefined);
  });

  it('gives up on throttling after the configured attempts, with a plain message', async () => {
    aws.failNext('GetPolicy', { name: 'ThrottlingException', status: 400, times: 10 });
    const { status, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY], { IOT_POLICY_LENS_MAX_ATTEMPTS: '2' });
    assert.equal(status, 1);
    assert.match(stderr, /GetPolicy was throttled by AWS and the retries ran out/);
    assert.match(stderr, /AWS state: nothing was changed/);
    assert.equal(aws.requests.filter((r) => r.operation === 'GetPolicy').length, 2, 'attempts are bounded');
  });

  it('reports a document AWS rejects as malformed', async () => {
    aws.failNext('CreatePolicy', { name: 'MalformedPolicyException', status: 400, message: 'Policy document is malformed near Statement[0]' });
    const { status, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY]);
    assert.equal(status, 1);
    assert.match(stderr, /CreatePolicy failed: AWS rejected the policy document as malformed: Policy document is malformed near Statement\[0\]/);
  });

  it("a file that is not JSON, forced over a deployed policy, gets a diff and AWS's refusal, never an internal error", async () => {
    aws.seedIotPolicy('AppUsers', otherGood);
    fs.writeFileSync(path.join(dir, 'broken.iot.json'), '{ "Statement": [ ');
    const { status, stderr } = await lens(['attach', 'broken.iot.json', '--identity-id', IDENTITY, '--policy-name', 'AppUsers', '--allow-errors', '--yes']);
    assert.equal(status, 1);
    assert.match(stderr, /\n\+ \{ "Statement": \[ \n/);
    assert.match(
      stderr,
      /CreatePolicyVersion failed: AWS rejected the policy document as malformed: Policy document is not valid JSON\nAWS state: read back from AWS: policy AppUsers has version 1; the default is version 1 \(not the document of broken\.iot\.json\)/,
    );
    assert.doesNotMatch(stderr, /internal error/);
  });

  it('--dry-run reads only', async () => {
    aws.seedIotPolicy('AppUsers', otherGood);
    const { status, stdout } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', 'AppUsers', '--dry-run', '--yes']);
    assert.equal(status, 0);
    assert.match(stdout, /^dry-run: dry run: would create a new default version of AppUsers \(replacing version 1\)/);
    assert.deepEqual(mutations(), []);
  });

  it('rejects an identity ID that is not region:uuid before any call', async () => {
    const { status, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', 'alice']);
    assert.equal(status, 2);
    assert.match(stderr, /"alice" is not a Cognito identity ID/);
    assert.deepEqual(aws.requests, []);
  });

  it('lists and detaches attached policies', async () => {
    aws.seedIotPolicy('AppUsers', goodPolicy);
    aws.seedIotPolicy('Extra', otherGood);
    aws.seedAttachment(IDENTITY, 'AppUsers', 'Extra');
    const listed = await lens(['attached', '--identity-id', IDENTITY, '--format', 'json']);
    assert.deepEqual(JSON.parse(listed.stdout).policies.sort(), ['AppUsers', 'Extra']);
    const detached = await lens(['detach', '--policy-name', 'Extra', '--identity-id', IDENTITY, '--yes']);
    assert.equal(detached.status, 0);
    assert.deepEqual([...aws.state.iot.attachments.get(IDENTITY)!], ['AppUsers']);
    const again = await lens(['detach', '--policy-name', 'Extra', '--identity-id', IDENTITY, '--yes']);
    assert.match(again.stdout, /Extra was not attached to us-east-1:0a1b2c3d-1111\S*: nothing changed/);
    const unconfirmed = await lens(['detach', '--policy-name', 'AppUsers', '--identity-id', IDENTITY]);
    assert.equal(unconfirmed.status, 1);
    assert.deepEqual([...aws.state.iot.attachments.get(IDENTITY)!], ['AppUsers']);
  });

  it('reviews the deployed configuration with the same findings and verdicts as the local files', async () => {
    aws.seedRole('app-auth', { inlinePolicies: { 'iot-data-plane': sample('auth-role.json') } });
    const guestPolicyArn = 'arn:aws:iam::123456789012:policy/app-guest';
    aws.seedManagedPolicy(guestPolicyArn, sample('guest-role.json'));
    aws.seedRole('app-guest', { attachedPolicyArns: [guestPolicyArn] });
    aws.seedIdentityPool(POOL, { authenticated: aws.roleArn('app-auth'), unauthenticated: aws.roleArn('app-guest') });
    aws.seedIotPolicy('user-iot', goodPolicy);
    aws.seedAttachment(IDENTITY, 'user-iot');
    aws.seedAttachment(OTHER, 'user-iot');
    const scenario = path.join(ROOT, 'samples', 'per-user-app', 'scenario.json');
    const out = path.join(dir, 'live');
    const newcomer = 'us-east-1:0a1b2c3d-3333-4a5b-8c9d-0123456789ab';
    const { status, stdout, stderr } = await lens([
      'review',
      '--identity-pool',
      POOL,
      '--identity-id',
      IDENTITY,
      '--identity-id',
      OTHER,
      '--identity-id',
      newcomer,
      '--scenario',
      scenario,
      '--out',
      out,
      '--format',
      'json',
    ]);
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(
      report.scenarios.map((s: { summary: object }) => s.summary),
      [{ steps: 19, passed: 19, failed: 0, unchecked: 0 }],
    );
    assert.deepEqual(report.files.map((f: { path: string; kind?: string }) => `${f.path} ${f.kind ?? 'scenario'}`).sort(), [
      'live/iot-policies/user-iot.iot.json iot',
      'live/roles/auth-role/inline-iot-data-plane.json auth-role',
      'live/roles/guest-role/managed-123456789012-app-guest.json unauth-role',
      'live/scenario.json scenario',
    ]);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'iot-policies', 'user-iot.iot.json'), 'utf8')), JSON.parse(goodPolicy));
    // Nothing is overwritten on a second run.
    const again = await lens(['review', '--identity-pool', POOL, '--out', out]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exist/);
  });

  it('review keeps an AWS-managed and a customer-managed policy of the same name apart (file names from the ARN)', async () => {
    const awsManaged = 'arn:aws:iam::aws:policy/AWSIoTDataAccess';
    const customer = 'arn:aws:iam::123456789012:policy/AWSIoTDataAccess';
    const nested = 'arn:aws:iam::123456789012:policy/team/AWSIoTDataAccess';
    const allow = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
    aws.seedManagedPolicy(awsManaged, allow('iot:Connect'));
    aws.seedManagedPolicy(customer, allow('iot:Publish'));
    aws.seedManagedPolicy(nested, allow('iot:Receive'));
    aws.seedRole('app-auth', { attachedPolicyArns: [awsManaged, customer, nested] });
    aws.seedIdentityPool(POOL, { authenticated: aws.roleArn('app-auth') });
    const out = path.join(dir, 'live');
    const { status, stdout, stderr } = await lens(['review', '--identity-pool', POOL, '--out', out, '--format', 'json', '--fail-on', 'none']);
    assert.equal(status, 0, stderr);
    const written = fs.readdirSync(path.join(out, 'roles', 'auth-role')).sort();
    assert.deepEqual(written, [
      'managed-123456789012-AWSIoTDataAccess.json',
      'managed-123456789012-team~AWSIoTDataAccess.json',
      'managed-aws-AWSIoTDataAccess.json',
    ]);
    const actions = written.map((file) => JSON.parse(fs.readFileSync(path.join(out, 'roles', 'auth-role', file), 'utf8')).Statement[0].Action);
    assert.deepEqual(actions, ['iot:Publish', 'iot:Receive', 'iot:Connect']);
    assert.equal(JSON.parse(stdout).files.length, 3);
  });

  it('review --out never writes through a symbolic link, dangling or not, and never replaces anything', async () => {
    aws.seedRole('app-auth', { inlinePolicies: { 'iot-data-plane': sample('auth-role.json') } });
    aws.seedIdentityPool(POOL, { authenticated: aws.roleArn('app-auth') });
    const outside = path.join(dir, 'outside');
    const out = path.join(dir, 'live');
    fs.mkdirSync(path.join(out, 'roles'), { recursive: true });
    fs.symlinkSync(path.join(outside, 'auth-role'), path.join(out, 'roles', 'auth-role'));
    const dangling = await lens(['review', '--identity-pool', POOL, '--out', out]);
    assert.equal(dangling.status, 2);
    assert.match(dangling.stderr, /not writing to \S+live: \S+auth-role is not a folder \(a link or a file\)/);
    assert.equal(fs.existsSync(outside), false);

    fs.unlinkSync(path.join(out, 'roles', 'auth-role'));
    fs.mkdirSync(path.join(out, 'roles', 'auth-role'));
    fs.symlinkSync(path.join(outside, 'target.json'), path.join(out, 'roles', 'auth-role', 'inline-iot-data-plane.json'));
    const linkedFile = await lens(['review', '--identity-pool', POOL, '--out', out]);
    assert.equal(linkedFile.status, 2);
    assert.match(linkedFile.stderr, /inline-iot-data-plane\.json already exists \(as a symbolic link\)/);
    assert.equal(fs.existsSync(outside), false);

    const linkedDir = path.join(dir, 'linked');
    fs.symlinkSync(outside, linkedDir);
    const linkedRoot = await lens(['review', '--identity-pool', POOL, '--out', linkedDir]);
    assert.equal(linkedRoot.status, 2);
    assert.match(linkedRoot.stderr, /linked: it is a symbolic link; name the folder it points to/);
    assert.equal(fs.existsSync(outside), false);
  });

  it('refuses an http:// endpoint that is not this machine, and a timeout that is not a number of seconds, before any call', async () => {
    const http = await runCliAsync(['attached', '--identity-id', IDENTITY, '--endpoint', 'http://iot.example.com', '--region', aws.region], { cwd: dir });
    assert.equal(http.status, 2);
    assert.match(
      http.stderr,
      /^--endpoint http:\/\/iot\.example\.com: http:\/\/ is allowed to this machine only: AWS credentials would travel in clear text; use https:\/\/\n/,
    );
    const timeout = await lens(['attached', '--identity-id', IDENTITY, '--timeout', 'soon']);
    assert.equal(timeout.status, 2);
    assert.match(timeout.stderr, /^--timeout soon: must be a number of seconds, more than 0 and at most 3600\n/);
    assert.deepEqual(aws.requests, []);
  });

  it('says that a profile’s credential_process failed, not that there are no credentials', async () => {
    const config = path.join(dir, 'aws-config');
    fs.writeFileSync(config, '[profile broken]\ncredential_process = /bin/false\n');
    const { status, stderr } = await lens(['attached', '--identity-id', IDENTITY, '--profile', 'broken'], { AWS_CONFIG_FILE: config });
    assert.equal(status, 1);
    assert.match(stderr, /ListAttachedPolicies was not sent: the AWS credentials could not be loaded: Command failed: \/bin\/false/);
    assert.doesNotMatch(stderr, /no AWS credentials found/);
    assert.deepEqual(aws.requests, []);
  });

  it('review reports a missing identity pool plainly', async () => {
    const { status, stderr } = await lens(['review', '--identity-pool', POOL]);
    assert.equal(status, 1);
    assert.match(stderr, /GetIdentityPoolRoles failed: identity pool us-east-1:9f8e7d6c-0000\S* was not found/);
  });
});
