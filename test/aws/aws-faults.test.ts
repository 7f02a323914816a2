import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { tempProject, ROOT } from '../cli/run-cli';
import { cliAgainst } from './aws-cli-runner';
import { startFakeAws, type FakeAws, type FakeDisruptionName } from './fake-aws';

const IDENTITY = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';
const NAME = 'AppUsers';
const local = fs.readFileSync(path.join(ROOT, 'samples', 'per-user-app', 'policies', 'user.iot.json'), 'utf8');
const deployed = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:us-east-1:123456789012:client/${cognito-identity.amazonaws.com:sub}' }],
});

/** Short enough to keep the suite quick, long enough that only a request that is never answered reaches it. */
const HANG_TIMEOUT_SECONDS = '5';

/** How each mutating call is reached: what AWS holds before, and the command that sends it. */
const FLOWS: Record<string, { seed(aws: FakeAws): void; args: string[] }> = {
  CreatePolicy: { seed: () => {}, args: ['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', NAME] },
  CreatePolicyVersion: {
    seed: (aws) => aws.seedIotPolicy(NAME, deployed),
    args: ['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', NAME, '--yes'],
  },
  DeletePolicyVersion: {
    seed: (aws) => aws.seedIotPolicy(NAME, [deployed, deployed, deployed, deployed, deployed], { defaultVersionId: '1' }),
    args: ['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', NAME, '--yes'],
  },
  AttachPolicy: { seed: (aws) => aws.seedIotPolicy(NAME, local), args: ['attach', 'user.iot.json', '--identity-id', IDENTITY, '--policy-name', NAME] },
  DetachPolicy: {
    seed: (aws) => {
      aws.seedIotPolicy(NAME, local);
      aws.seedAttachment(IDENTITY, NAME);
    },
    args: ['detach', '--policy-name', NAME, '--identity-id', IDENTITY, '--yes'],
  },
};

/** The fake server's state, in the words the tool prints after reading it back (aws/live-state.ts). */
function serverState(aws: FakeAws, operation: string): string {
  const attached = `${NAME} is ${aws.state.iot.attachments.get(IDENTITY)?.has(NAME) ? '' : 'not '}attached to ${IDENTITY}`;
  if (operation === 'DetachPolicy') return attached;
  const policy = aws.state.iot.policies.get(NAME);
  if (!policy) return `policy ${NAME} does not exist; ${attached}`;
  const versions = policy.versions.map((v) => v.versionId);
  const current = policy.versions.find((v) => v.isDefault)!;
  const document = isDeepStrictEqual(JSON.parse(current.document), JSON.parse(local)) ? 'the document' : 'not the document';
  return `policy ${NAME} has version${versions.length === 1 ? '' : 's'} ${versions.join(', ')}; the default is version ${current.versionId} (${document} of user.iot.json); ${attached}`;
}

describe('AWS fault harness: after every injected fault, the printed state is the server’s state', function () {
  this.timeout(120_000);
  let aws: FakeAws;
  let dir: string;
  let lens: ReturnType<typeof cliAgainst>;

  beforeEach(async () => {
    aws = await startFakeAws();
    dir = tempProject({ 'user.iot.json': local });
    lens = cliAgainst(aws, dir);
  });
  afterEach(() => aws.close());

  const sent = (operation: string) => aws.requests.filter((r) => r.operation === operation).length;

  for (const operation of Object.keys(FLOWS)) {
    for (const disruption of ['apply-then-reset', 'apply-then-500', '500', 'hang'] as FakeDisruptionName[]) {
      it(`${operation}, ${disruption}: sent once, exit 1, and the state read back is the server's`, async () => {
        FLOWS[operation].seed(aws);
        aws.disrupt(operation, disruption);
        // Reads keep the SDK's retries (3 attempts). Only a hang waits for the timeout, which is far above any local answer, busy machine or not.
        const timeout = disruption === 'hang' ? ['--timeout', HANG_TIMEOUT_SECONDS] : [];
        const { status, stdout, stderr } = await lens([...FLOWS[operation].args, ...timeout], { IOT_POLICY_LENS_MAX_ATTEMPTS: '' });
        assert.equal(status, 1, stderr);
        assert.equal(stdout, '');
        assert.equal(sent(operation), 1, `${operation} must never be retried`);
        assert.ok(stderr.includes(`\nAWS state: read back from AWS: ${serverState(aws, operation)}\n`), `${stderr}\nserver: ${serverState(aws, operation)}`);
        assert.doesNotMatch(stderr, /nothing was changed/);
      });
    }
  }

  it('a lost CreatePolicyVersion reply leaves exactly one new version, reported as the live default; a second run only attaches', async () => {
    FLOWS.CreatePolicyVersion.seed(aws);
    aws.disrupt('CreatePolicyVersion', 'apply-then-reset');
    const first = await lens(FLOWS.CreatePolicyVersion.args, { IOT_POLICY_LENS_MAX_ATTEMPTS: '' });
    assert.equal(first.status, 1);
    assert.match(first.stderr, /CreatePolicyVersion: the connection was lost before AWS answered .*AWS may have applied it/);
    assert.match(
      first.stderr,
      /AWS state: read back from AWS: policy AppUsers has versions 1, 2; the default is version 2 \(the document of user\.iot\.json\); AppUsers is not attached/,
    );
    assert.deepEqual(
      aws.state.iot.policies.get(NAME)!.versions.map((v) => v.versionId),
      ['1', '2'],
    );
    const second = await lens(FLOWS.CreatePolicyVersion.args);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /^attached: policy AppUsers \(default version 2\) was attached/);
    assert.equal(sent('CreatePolicyVersion'), 1);
  });

  it('a version list without isDefaultVersion never makes the real default (GetPolicy’s defaultVersionId) a deletion candidate', async () => {
    FLOWS.DeletePolicyVersion.seed(aws);
    aws.disrupt('ListPolicyVersions', {
      editReply: (reply) => ({ policyVersions: (reply.policyVersions as object[]).map((v) => ({ ...v, isDefaultVersion: undefined })) }),
    });
    const { status, stderr } = await lens(FLOWS.DeletePolicyVersion.args);
    assert.equal(status, 0, stderr);
    assert.match(stderr, /delete version 2 \(shown above\)/);
    assert.deepEqual(
      aws.state.iot.policies.get(NAME)!.versions.map((v) => `${v.versionId}${v.isDefault ? '*' : ''}`),
      ['1', '3', '4', '5', '6*'],
    );
  });

  it('a GetPolicy reply without defaultVersionId changes nothing', async () => {
    FLOWS.DeletePolicyVersion.seed(aws);
    aws.disrupt('GetPolicy', { editReply: (reply) => ({ ...reply, defaultVersionId: undefined }) });
    const { status, stderr } = await lens(FLOWS.DeletePolicyVersion.args);
    assert.equal(status, 1);
    assert.match(stderr, /GetPolicy did not say which version of AppUsers is the default; nothing is changed\nAWS state: nothing was changed/);
    assert.deepEqual(
      aws.requests.map((r) => r.operation),
      ['GetPolicy'],
    );
  });

  it('a read that hangs is ended by the timeout; nothing was sent that changes anything', async () => {
    aws.disrupt('GetPolicy', 'hang');
    const { status, stderr } = await lens(['attach', 'user.iot.json', '--identity-id', IDENTITY, '--timeout', HANG_TIMEOUT_SECONDS]);
    assert.equal(status, 1);
    assert.match(stderr, /GetPolicy got no answer in time .*\nAWS state: nothing was changed/);
    assert.deepEqual(
      aws.requests.map((r) => [r.operation, r.status]),
      [['GetPolicy', 0]],
    );
  });

  it('a reply whose body stalls after the headers is ended by the timeout too', async () => {
    aws.seedIotPolicy(NAME, local);
    aws.seedAttachment(IDENTITY, NAME);
    aws.disrupt('ListAttachedPolicies', 'stall-body');
    const { status, stdout, stderr } = await lens(['attached', '--identity-id', IDENTITY, '--timeout', HANG_TIMEOUT_SECONDS]);
    assert.equal(status, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /^ListAttachedPolicies got no answer in time \(.*timed out after 5000 ms of inactivity/);
  });

  it('detach: when the confirming list fails, the state says the detach is answered but unconfirmed', async () => {
    FLOWS.DetachPolicy.seed(aws);
    aws.disrupt('ListAttachedPolicies', '500', 1, { after: 1 });
    const { status, stdout, stderr } = await lens(FLOWS.DetachPolicy.args);
    assert.equal(status, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /DetachPolicy succeeded, but the confirming ListAttachedPolicies failed: InternalFailureException/);
    assert.match(
      stderr,
      /AWS state: unknown — AWS answered DetachPolicy with success, so AppUsers is most likely detached from us-east-1:0a1b2c3d-1111\S+, but this could not be confirmed; check with iot-policy-lens attached/,
    );
    assert.equal(aws.state.iot.attachments.get(IDENTITY), undefined);
  });

  it('when the state cannot be read back either, it is reported unknown, never assumed', async () => {
    FLOWS.AttachPolicy.seed(aws);
    aws.disrupt('AttachPolicy', 'apply-then-500');
    aws.disrupt('ListAttachedPolicies', '500', Infinity, { after: 1 });
    const { status, stderr } = await lens(FLOWS.AttachPolicy.args);
    assert.equal(status, 1);
    assert.match(
      stderr,
      /AWS state: unknown — reading it back failed too \(ListAttachedPolicies failed: InternalFailureException: .*\); check with iot-policy-lens attached --identity-id us-east-1:0a1b2c3d-1111\S+ and aws iot list-policy-versions --policy-name AppUsers/,
    );
  });

  it('detach: when the first list fails, nothing was sent that changes anything', async () => {
    FLOWS.DetachPolicy.seed(aws);
    aws.disrupt('ListAttachedPolicies', '500', Infinity);
    const { status, stderr } = await lens(FLOWS.DetachPolicy.args);
    assert.equal(status, 1);
    assert.match(stderr, /ListAttachedPolicies failed: InternalFailureException: .*\nAWS state: nothing was changed\n$/);
    assert.equal(sent('DetachPolicy'), 0);
  });

  it('review: a deployed document that is not JSON is a clear error (exit 2), never an internal error or a dropped policy', async () => {
    const pool = 'us-east-1:9f8e7d6c-0000-4b3a-9c8d-abcdefabcdef';
    aws.seedIdentityPool(pool, {});
    aws.seedIotPolicy(NAME, '{"Statement": [');
    aws.seedAttachment(IDENTITY, NAME);
    const { status, stdout, stderr } = await lens(['review', '--identity-pool', pool, '--identity-id', IDENTITY]);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^GetPolicy returned IoT policy AppUsers \(default version 1\) as a document that is not JSON \(/);
  });

  describe('page markers that repeat', () => {
    it('attached: stops at the first repeated marker, exit 2', async () => {
      aws.seedIotPolicy(NAME, local);
      aws.seedAttachment(IDENTITY, NAME);
      aws.disrupt('ListAttachedPolicies', 'repeat-marker', Infinity);
      const { status, stdout, stderr } = await lens(['attached', '--identity-id', IDENTITY]);
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assert.match(
        stderr,
        /^ListAttachedPolicies for us-east-1:0a1b2c3d-1111\S+ returned a page marker it had already returned \(after 2 pages\): the list loops, so it cannot be trusted\n$/,
      );
      assert.equal(aws.requests.length, 2);
    });

    it('attach: a looping confirmation list after AttachPolicy reports the state as unknown, exit 2', async () => {
      FLOWS.AttachPolicy.seed(aws);
      aws.disrupt('ListAttachedPolicies', 'repeat-marker', Infinity, { after: 1 });
      const { status, stderr } = await lens(FLOWS.AttachPolicy.args);
      assert.equal(status, 2);
      assert.match(stderr, /ListAttachedPolicies for \S+ returned a page marker it had already returned .*\nAWS state: unknown — reading it back failed too/);
      assert.deepEqual([...aws.state.iot.attachments.get(IDENTITY)!], [NAME]);
    });

    it('review: an IAM list that loops stops with exit 2 and writes nothing', async () => {
      const pool = 'us-east-1:9f8e7d6c-0000-4b3a-9c8d-abcdefabcdef';
      aws.seedRole('app-auth', { inlinePolicies: { a: deployed } });
      aws.seedIdentityPool(pool, { authenticated: aws.roleArn('app-auth') });
      aws.disrupt('ListRolePolicies', 'repeat-marker', Infinity);
      const out = path.join(dir, 'live');
      const { status, stderr } = await lens(['review', '--identity-pool', pool, '--out', out]);
      assert.equal(status, 2);
      assert.match(stderr, /ListRolePolicies for role app-auth returned a page marker it had already returned/);
      assert.equal(fs.existsSync(out), false);
    });
  });
});
