process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { strict as assert } from 'node:assert';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IoTClient,
  IoTServiceException,
  ListAttachedPoliciesCommand,
  ListPolicyVersionsCommand,
  ListTargetsForPolicyCommand,
  ResourceNotFoundException,
  SetDefaultPolicyVersionCommand,
  VersionsLimitExceededException,
  paginateListAttachedPolicies,
  type IoTClientConfig,
} from '@aws-sdk/client-iot';
import {
  CognitoIdentityClient,
  CognitoIdentityServiceException,
  GetIdentityPoolRolesCommand,
  type CognitoIdentityClientConfig,
} from '@aws-sdk/client-cognito-identity';
import {
  GetPolicyCommand as IamGetPolicyCommand,
  GetPolicyVersionCommand as IamGetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  IAMServiceException,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  type IAMClientConfig,
} from '@aws-sdk/client-iam';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { startFakeAws, type FakeAws } from './fake-aws';

const IDENTITY = 'us-east-1:1234abcd-5678-90ef-1234-567890abcdef';
const POOL = 'us-east-1:11111111-2222-3333-4444-555555555555';
const CERT = 'arn:aws:iot:us-east-1:123456789012:cert/abc123';

function doc(resource = 'arn:aws:iot:us-east-1:123456789012:topic/a', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: resource }],
    ...extra,
  });
}

async function rejection(p: Promise<unknown>): Promise<SdkError & { code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as SdkError & { code?: string };
  }
  assert.fail('expected the call to fail');
}

type SdkError = Error & {
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $fault?: string;
  [key: string]: unknown;
};

async function expectError(p: Promise<unknown>, name: string): Promise<SdkError> {
  let result: unknown;
  try {
    result = await p;
  } catch (e) {
    const err = e as SdkError;
    assert.equal(err.name, name, `expected ${name}, got ${err.name}: ${err.message}`);
    return err;
  }
  assert.fail(`expected ${name}, but the call succeeded with ${JSON.stringify(result)}`);
}

describe('fake-aws (real SDK clients against the local fake)', function () {
  this.slow(500);

  let fake: FakeAws;
  let iot: IoTClient;
  let cognito: CognitoIdentityClient;
  let iam: IAMClient;
  const extraClients: Array<{ destroy(): void }> = [];

  function base(f: FakeAws = fake) {
    return { endpoint: f.endpoint, region: f.region, credentials: f.credentials, maxAttempts: 1 };
  }
  function iotWith(config: Partial<IoTClientConfig>): IoTClient {
    const c = new IoTClient({ ...base(), ...config });
    extraClients.push(c);
    return c;
  }
  function cognitoWith(config: Partial<CognitoIdentityClientConfig>): CognitoIdentityClient {
    const c = new CognitoIdentityClient({ ...base(), ...config });
    extraClients.push(c);
    return c;
  }
  function iamWith(config: Partial<IAMClientConfig>): IAMClient {
    const c = new IAMClient({ ...base(), ...config });
    extraClients.push(c);
    return c;
  }

  beforeEach(async () => {
    fake = await startFakeAws();
    iot = new IoTClient(base());
    cognito = new CognitoIdentityClient(base());
    iam = new IAMClient(base());
  });

  afterEach(async () => {
    for (const c of [iot, cognito, iam, ...extraClients.splice(0)]) c.destroy();
    await fake.close();
  });

  it('listens on 127.0.0.1 with fixed region and credentials', () => {
    assert.match(fake.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(fake.region, 'us-east-1');
    assert.deepEqual(fake.credentials, { accessKeyId: 'AKIAFAKEFAKEFAKE', secretAccessKey: 'fakeSecret' });
  });

  describe('IoT policies', () => {
    it('CreatePolicy stores version 1 as default; GetPolicy returns it with epoch dates', async () => {
      const before = Date.now();
      const out = await iot.send(new CreatePolicyCommand({ policyName: 'p1', policyDocument: doc() }));
      assert.equal(out.policyName, 'p1');
      assert.equal(out.policyArn, 'arn:aws:iot:us-east-1:123456789012:policy/p1');
      assert.equal(out.policyVersionId, '1');
      assert.equal(out.policyDocument, doc());

      const stored = fake.state.iot.policies.get('p1');
      assert.ok(stored);
      assert.deepEqual(
        stored.versions.map((v) => [v.versionId, v.document, v.isDefault]),
        [['1', doc(), true]],
      );

      const got = await iot.send(new GetPolicyCommand({ policyName: 'p1' }));
      assert.equal(got.policyDocument, doc());
      assert.equal(got.defaultVersionId, '1');
      assert.equal(got.generationId, stored.generationId);
      assert.ok(got.creationDate instanceof Date);
      assert.ok(got.lastModifiedDate instanceof Date);
      assert.ok(Math.abs(got.creationDate.getTime() - before) < 5000);

      assert.deepEqual(
        fake.requests.map((r) => [r.service, r.operation, r.method, r.path, r.status]),
        [
          ['iot', 'CreatePolicy', 'POST', '/policies/p1', 200],
          ['iot', 'GetPolicy', 'GET', '/policies/p1', 200],
        ],
      );
    });

    it('a duplicate CreatePolicy is ResourceAlreadyExistsException (409) with resourceId and resourceArn', async () => {
      fake.seedIotPolicy('dup', doc());
      const err = await expectError(iot.send(new CreatePolicyCommand({ policyName: 'dup', policyDocument: doc() })), 'ResourceAlreadyExistsException');
      assert.equal(err.$metadata?.httpStatusCode, 409);
      assert.equal(err['resourceId'], 'dup');
      assert.equal(err['resourceArn'], 'arn:aws:iot:us-east-1:123456789012:policy/dup');
    });

    it('CreatePolicyVersion honours setAsDefault, stops at 5 versions and never reuses ids', async () => {
      await iot.send(new CreatePolicyCommand({ policyName: 'v', policyDocument: doc('a') }));
      const v2 = await iot.send(new CreatePolicyVersionCommand({ policyName: 'v', policyDocument: doc('b'), setAsDefault: true }));
      assert.equal(v2.policyVersionId, '2');
      assert.equal(v2.isDefaultVersion, true);
      assert.equal(v2.policyArn, fake.iotPolicyArn('v'));
      const v3 = await iot.send(new CreatePolicyVersionCommand({ policyName: 'v', policyDocument: doc('c'), setAsDefault: false }));
      assert.equal(v3.isDefaultVersion, false);
      await iot.send(new CreatePolicyVersionCommand({ policyName: 'v', policyDocument: doc('d') }));
      await iot.send(new CreatePolicyVersionCommand({ policyName: 'v', policyDocument: doc('e') }));

      const policy = fake.state.iot.policies.get('v')!;
      assert.deepEqual(
        policy.versions.map((x) => [x.versionId, x.isDefault]),
        [
          ['1', false],
          ['2', true],
          ['3', false],
          ['4', false],
          ['5', false],
        ],
      );
      assert.equal(fake.requests[1]!.query, 'setAsDefault=true');
      assert.equal(fake.requests[2]!.query, 'setAsDefault=false');
      assert.equal(fake.requests[3]!.query, '');

      const err = await expectError(
        iot.send(new CreatePolicyVersionCommand({ policyName: 'v', policyDocument: doc('f'), setAsDefault: true })),
        'VersionsLimitExceededException',
      );
      assert.ok(err instanceof VersionsLimitExceededException);
      assert.equal(err.$metadata?.httpStatusCode, 409);
      assert.equal(policy.versions.length, 5);
      assert.equal(fake.requests.filter((r) => r.operation === 'CreatePolicyVersion').length, 5, 'no retry of the 409');

      await iot.send(new DeletePolicyVersionCommand({ policyName: 'v', policyVersionId: '1' }));
      const v6 = await iot.send(new CreatePolicyVersionCommand({ policyName: 'v', policyDocument: doc('f'), setAsDefault: true }));
      assert.equal(v6.policyVersionId, '6');
      assert.deepEqual(
        policy.versions.map((x) => [x.versionId, x.isDefault]),
        [
          ['2', false],
          ['3', false],
          ['4', false],
          ['5', false],
          ['6', true],
        ],
      );
      const got = await iot.send(new GetPolicyCommand({ policyName: 'v' }));
      assert.equal(got.defaultVersionId, '6');
      assert.equal(got.policyDocument, doc('f'));
    });

    it('ListPolicyVersions, GetPolicyVersion and SetDefaultPolicyVersion', async () => {
      const seeded = fake.seedIotPolicy('s', [doc('a'), doc('b'), doc('c')], { defaultVersionId: '2' });
      const gen0 = seeded.generationId;

      const list = await iot.send(new ListPolicyVersionsCommand({ policyName: 's' }));
      assert.deepEqual(
        list.policyVersions?.map((v) => [v.versionId, v.isDefaultVersion]),
        [
          ['1', false],
          ['2', true],
          ['3', false],
        ],
      );
      assert.ok(list.policyVersions?.every((v) => v.createDate instanceof Date));

      const v3 = await iot.send(new GetPolicyVersionCommand({ policyName: 's', policyVersionId: '3' }));
      assert.equal(v3.policyDocument, doc('c'));
      assert.equal(v3.policyName, 's');
      assert.equal(v3.isDefaultVersion, false);
      assert.ok(v3.creationDate instanceof Date);

      await iot.send(new SetDefaultPolicyVersionCommand({ policyName: 's', policyVersionId: '3' }));
      assert.deepEqual(
        seeded.versions.map((v) => v.isDefault),
        [false, false, true],
      );
      assert.notEqual(seeded.generationId, gen0);
      assert.equal(fake.requests.at(-1)!.method, 'PATCH');
      assert.equal((await iot.send(new GetPolicyCommand({ policyName: 's' }))).policyDocument, doc('c'));

      await expectError(iot.send(new GetPolicyVersionCommand({ policyName: 's', policyVersionId: '9' })), 'ResourceNotFoundException');
      await expectError(iot.send(new SetDefaultPolicyVersionCommand({ policyName: 's', policyVersionId: '9' })), 'ResourceNotFoundException');
    });

    it('DeletePolicyVersion refuses the default version (DeleteConflictException) and deletes the others', async () => {
      const p = fake.seedIotPolicy('d', [doc('a'), doc('b')]);
      const err = await expectError(iot.send(new DeletePolicyVersionCommand({ policyName: 'd', policyVersionId: '2' })), 'DeleteConflictException');
      assert.equal(err.$metadata?.httpStatusCode, 409);
      assert.equal(p.versions.length, 2);

      const out = await iot.send(new DeletePolicyVersionCommand({ policyName: 'd', policyVersionId: '1' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual(
        p.versions.map((v) => v.versionId),
        ['2'],
      );
      assert.equal(fake.requests.at(-1)!.method, 'DELETE');
      assert.equal(fake.requests.at(-1)!.path, '/policies/d/version/1');
    });

    it('DeletePolicy refuses while attached or with non-default versions, then deletes', async () => {
      fake.seedIotPolicy('del', [doc('a'), doc('b')]);
      fake.seedAttachment(IDENTITY, 'del');
      await expectError(iot.send(new DeletePolicyCommand({ policyName: 'del' })), 'DeleteConflictException');
      await iot.send(new DetachPolicyCommand({ policyName: 'del', target: IDENTITY }));
      await expectError(iot.send(new DeletePolicyCommand({ policyName: 'del' })), 'DeleteConflictException');
      await iot.send(new DeletePolicyVersionCommand({ policyName: 'del', policyVersionId: '1' }));
      await iot.send(new DeletePolicyCommand({ policyName: 'del' }));
      assert.equal(fake.state.iot.policies.has('del'), false);
      await expectError(iot.send(new GetPolicyCommand({ policyName: 'del' })), 'ResourceNotFoundException');
    });

    it('an unknown policy is ResourceNotFoundException (404) everywhere', async () => {
      const calls: Array<Promise<unknown>> = [
        iot.send(new GetPolicyCommand({ policyName: 'nope' })),
        iot.send(new CreatePolicyVersionCommand({ policyName: 'nope', policyDocument: doc() })),
        iot.send(new ListPolicyVersionsCommand({ policyName: 'nope' })),
        iot.send(new DeletePolicyVersionCommand({ policyName: 'nope', policyVersionId: '1' })),
        iot.send(new DeletePolicyCommand({ policyName: 'nope' })),
        iot.send(new AttachPolicyCommand({ policyName: 'nope', target: IDENTITY })),
        iot.send(new ListTargetsForPolicyCommand({ policyName: 'nope' })),
      ];
      for (const call of calls) {
        const err = await expectError(call, 'ResourceNotFoundException');
        assert.ok(err instanceof ResourceNotFoundException);
        assert.equal(err.$metadata?.httpStatusCode, 404);
      }
      assert.equal(fake.state.iot.attachments.size, 0);
    });

    it('MalformedPolicyException for documents the real service rejects', async () => {
      fake.seedIotPolicy('m', doc());
      const bad: unknown[] = [
        'not json',
        JSON.stringify({ Version: '2012-10-17' }),
        JSON.stringify([{ Statement: [] }]),
        { Version: '2012-10-17', Statement: [] }, // an object instead of a JSON string
        JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: 'x'.repeat(2100) }] }),
      ];
      for (const d of bad) {
        const err = await expectError(iot.send(new CreatePolicyCommand({ policyName: 'bad', policyDocument: d as string })), 'MalformedPolicyException');
        assert.equal(err.$metadata?.httpStatusCode, 400);
        await expectError(iot.send(new CreatePolicyVersionCommand({ policyName: 'm', policyDocument: d as string })), 'MalformedPolicyException');
      }
      assert.equal(fake.state.iot.policies.has('bad'), false);
      assert.equal(fake.state.iot.policies.get('m')!.versions.length, 1);

      // Whitespace does not count towards the 2048-character limit.
      const statement = { Effect: 'Allow', Action: 'iot:Connect', Resource: '' };
      const skeleton = JSON.stringify({ Statement: [statement] }).length;
      statement.Resource = 'x'.repeat(2048 - skeleton);
      const exact = JSON.stringify({ Statement: [statement] }, null, 8);
      assert.equal(exact.replace(/\s/g, '').length, 2048);
      assert.ok(exact.length > 2048);
      await iot.send(new CreatePolicyCommand({ policyName: 'big', policyDocument: exact }));
      statement.Resource += 'x';
      await expectError(
        iot.send(new CreatePolicyCommand({ policyName: 'big2', policyDocument: JSON.stringify({ Statement: [statement] }) })),
        'MalformedPolicyException',
      );
    });

    it('InvalidRequestException for an invalid policy name or a missing document', async () => {
      await expectError(iot.send(new CreatePolicyCommand({ policyName: 'has space', policyDocument: doc() })), 'InvalidRequestException');
      await expectError(iot.send(new CreatePolicyCommand({ policyName: 'x'.repeat(129), policyDocument: doc() })), 'InvalidRequestException');
      await expectError(iot.send(new CreatePolicyCommand({ policyName: 'ok', policyDocument: undefined })), 'InvalidRequestException');
      await iot.send(new CreatePolicyCommand({ policyName: 'a+b=c,d.e@f-g_h', policyDocument: doc() }));
      assert.ok(fake.state.iot.policies.has('a+b=c,d.e@f-g_h'));
      assert.equal(fake.requests.at(-1)!.path, '/policies/a%2Bb%3Dc%2Cd.e%40f-g_h');
    });
  });

  describe('IoT attachments', () => {
    it('AttachPolicy / ListAttachedPolicies / ListTargetsForPolicy / DetachPolicy with an identity id', async () => {
      fake.seedIotPolicy('pa', doc());
      fake.seedIotPolicy('pb', doc());
      await iot.send(new AttachPolicyCommand({ policyName: 'pa', target: IDENTITY }));
      await iot.send(new AttachPolicyCommand({ policyName: 'pb', target: IDENTITY }));
      assert.deepEqual([...fake.state.iot.attachments.get(IDENTITY)!], ['pa', 'pb']);

      const attached = await iot.send(new ListAttachedPoliciesCommand({ target: IDENTITY }));
      assert.deepEqual(attached.policies, [
        { policyName: 'pa', policyArn: fake.iotPolicyArn('pa') },
        { policyName: 'pb', policyArn: fake.iotPolicyArn('pb') },
      ]);
      assert.equal(attached.nextMarker, undefined);
      const listReq = fake.requests.at(-1)!;
      assert.equal(listReq.method, 'POST');
      assert.equal(listReq.path, `/attached-policies/${IDENTITY.replace(':', '%3A')}`, 'identity id is a %3A-encoded path label');
      assert.equal(listReq.status, 200);

      const targets = await iot.send(new ListTargetsForPolicyCommand({ policyName: 'pa' }));
      assert.deepEqual(targets.targets, [IDENTITY]);
      assert.equal(fake.requests.at(-1)!.path, '/policy-targets/pa');

      await iot.send(new DetachPolicyCommand({ policyName: 'pa', target: IDENTITY }));
      const detachReq = fake.requests.at(-1)!;
      assert.deepEqual([detachReq.operation, detachReq.method, detachReq.path], ['DetachPolicy', 'POST', '/target-policies/pa']);
      assert.deepEqual([...fake.state.iot.attachments.get(IDENTITY)!], ['pb']);
      await iot.send(new DetachPolicyCommand({ policyName: 'pb', target: IDENTITY }));
      assert.equal(fake.state.iot.attachments.has(IDENTITY), false);
      assert.deepEqual((await iot.send(new ListAttachedPoliciesCommand({ target: IDENTITY }))).policies, []);
      assert.deepEqual(
        fake.requests.filter((r) => r.operation === 'AttachPolicy').map((r) => [r.method, r.path]),
        [
          ['PUT', '/target-policies/pa'],
          ['PUT', '/target-policies/pb'],
        ],
      );
    });

    it('a certificate ARN target travels as one %2F-encoded path segment', async () => {
      fake.seedIotPolicy('pc', doc());
      await iot.send(new AttachPolicyCommand({ policyName: 'pc', target: CERT }));
      const out = await iot.send(new ListAttachedPoliciesCommand({ target: CERT, recursive: true }));
      assert.deepEqual(
        out.policies?.map((p) => p.policyName),
        ['pc'],
      );
      const req = fake.requests.at(-1)!;
      assert.equal(req.path, '/attached-policies/arn%3Aaws%3Aiot%3Aus-east-1%3A123456789012%3Acert%2Fabc123');
      assert.equal(req.query, 'recursive=true');
    });

    it('ListAttachedPolicies paginates with marker/pageSize (paginateListAttachedPolicies)', async () => {
      const names = ['a', 'b', 'c', 'd', 'e'];
      for (const n of names) fake.seedIotPolicy(n, doc());
      fake.seedAttachment(IDENTITY, ...names);

      const pages: string[][] = [];
      for await (const page of paginateListAttachedPolicies({ client: iot, pageSize: 2 }, { target: IDENTITY })) {
        pages.push((page.policies ?? []).map((p) => p.policyName!));
      }
      assert.deepEqual(pages, [['a', 'b'], ['c', 'd'], ['e']]);
      const queries = fake.requests.map((r) => r.query);
      assert.equal(queries[0], 'pageSize=2');
      assert.match(queries[1]!, /^marker=[^&]+&pageSize=2$/);

      await expectError(iot.send(new ListAttachedPoliciesCommand({ target: IDENTITY, pageSize: 0 })), 'InvalidRequestException');
      await expectError(iot.send(new ListAttachedPoliciesCommand({ target: IDENTITY, marker: 'garbage' })), 'InvalidRequestException');
    });

    it('ListTargetsForPolicy paginates with marker/pageSize', async () => {
      fake.seedIotPolicy('shared', doc());
      const targets = ['us-east-1:aaaa', 'us-east-1:bbbb', CERT];
      for (const t of targets) fake.seedAttachment(t, 'shared');
      const first = await iot.send(new ListTargetsForPolicyCommand({ policyName: 'shared', pageSize: 2 }));
      assert.deepEqual(first.targets, targets.slice(0, 2));
      assert.ok(first.nextMarker);
      const second = await iot.send(new ListTargetsForPolicyCommand({ policyName: 'shared', pageSize: 2, marker: first.nextMarker }));
      assert.deepEqual(second.targets, targets.slice(2));
      assert.equal(second.nextMarker, undefined);
    });

    it('the 11th policy on one target is LimitExceededException (410); re-attaching is idempotent', async () => {
      for (let i = 0; i < 11; i++) fake.seedIotPolicy(`p${i}`, doc());
      for (let i = 0; i < 10; i++) await iot.send(new AttachPolicyCommand({ policyName: `p${i}`, target: IDENTITY }));
      await iot.send(new AttachPolicyCommand({ policyName: 'p0', target: IDENTITY }));
      fake.requests.length = 0;
      const err = await expectError(iot.send(new AttachPolicyCommand({ policyName: 'p10', target: IDENTITY })), 'LimitExceededException');
      assert.equal(err.$metadata?.httpStatusCode, 410);
      assert.equal(fake.requests.length, 1, 'maxAttempts: 1, so the retryable 410 is sent once');
      assert.equal(fake.state.iot.attachments.get(IDENTITY)!.size, 10);
      assert.equal(fake.state.iot.attachments.get(IDENTITY)!.has('p10'), false);
    });
  });

  describe('Cognito Identity', () => {
    it('GetIdentityPoolRoles returns the seeded roles and role mappings', async () => {
      const auth = 'arn:aws:iam::123456789012:role/Cognito_Auth';
      const unauth = 'arn:aws:iam::123456789012:role/Cognito_Unauth';
      const mappings = {
        'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client': { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' },
      };
      fake.seedIdentityPool(POOL, { authenticated: auth, unauthenticated: unauth }, mappings);
      const out = await cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: POOL }));
      assert.equal(out.IdentityPoolId, POOL);
      assert.deepEqual(out.Roles, { authenticated: auth, unauthenticated: unauth });
      assert.deepEqual(out.RoleMappings, mappings);
      assert.deepEqual(
        [fake.requests[0]!.service, fake.requests[0]!.operation, fake.requests[0]!.method, fake.requests[0]!.path],
        ['cognito-identity', 'GetIdentityPoolRoles', 'POST', '/'],
      );

      fake.seedIdentityPool('us-east-1:22222222-0000-0000-0000-000000000000', { authenticated: auth });
      const only = await cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: 'us-east-1:22222222-0000-0000-0000-000000000000' }));
      assert.deepEqual(only.Roles, { authenticated: auth });
      assert.equal(only.RoleMappings, undefined);
    });

    it('an unknown pool is ResourceNotFoundException; a malformed id InvalidParameterException', async () => {
      const err = await expectError(cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: POOL })), 'ResourceNotFoundException');
      assert.ok(err instanceof CognitoIdentityServiceException);
      await expectError(cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: 'not a pool' })), 'InvalidParameterException');
    });
  });

  describe('IAM', () => {
    const inline = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iot:Connect', 'iot:Publish'],
          Resource: 'arn:aws:iot:*:*:topic/a+b c&<d>',
          Condition: { StringLike: { x: '${cognito-identity.amazonaws.com:sub}' } },
        },
      ],
    };
    const managedArn = 'arn:aws:iam::123456789012:policy/service/IotAccess';

    beforeEach(() => {
      fake.seedRole('AuthRole', {
        description: 'auth & stuff',
        inlinePolicies: { zeta: inline, alpha: { Version: '2012-10-17', Statement: [] } },
        attachedPolicyArns: [managedArn, 'arn:aws:iam::aws:policy/AWSIoTDataAccess'],
      });
      fake.seedManagedPolicy(managedArn, [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }, inline]);
    });

    it('GetRole returns the role with a URL-encoded trust policy and an ISO CreateDate', async () => {
      const out = await iam.send(new GetRoleCommand({ RoleName: 'AuthRole' }));
      const role = out.Role!;
      assert.equal(role.RoleName, 'AuthRole');
      assert.equal(role.Arn, 'arn:aws:iam::123456789012:role/AuthRole');
      assert.equal(role.Path, '/');
      assert.equal(role.Description, 'auth & stuff');
      assert.equal(role.MaxSessionDuration, 3600);
      assert.ok(role.CreateDate instanceof Date);
      assert.match(role.AssumeRolePolicyDocument!, /^%7B%22Version%22%3A/);
      assert.deepEqual(
        JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)),
        JSON.parse(fake.state.iam.roles.get('AuthRole')!.assumeRolePolicyDocument),
      );
      const req = fake.requests[0]!;
      assert.deepEqual([req.service, req.operation, req.method, req.path, req.status], ['iam', 'GetRole', 'POST', '/', 200]);
    });

    it('ListRolePolicies (sorted, paginated) and GetRolePolicy (URL-encoded document)', async () => {
      const all = await iam.send(new ListRolePoliciesCommand({ RoleName: 'AuthRole' }));
      assert.deepEqual(all.PolicyNames, ['alpha', 'zeta']);
      assert.equal(all.IsTruncated, false);

      const p1 = await iam.send(new ListRolePoliciesCommand({ RoleName: 'AuthRole', MaxItems: 1 }));
      assert.deepEqual(p1.PolicyNames, ['alpha']);
      assert.equal(p1.IsTruncated, true);
      const p2 = await iam.send(new ListRolePoliciesCommand({ RoleName: 'AuthRole', MaxItems: 1, Marker: p1.Marker }));
      assert.deepEqual(p2.PolicyNames, ['zeta']);
      assert.equal(p2.IsTruncated, false);

      const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'AuthRole', PolicyName: 'zeta' }));
      assert.equal(got.RoleName, 'AuthRole');
      assert.equal(got.PolicyName, 'zeta');
      assert.ok(!/[{}"<>&\s]/.test(got.PolicyDocument!), 'document is URL-encoded');
      assert.deepEqual(JSON.parse(decodeURIComponent(got.PolicyDocument!)), inline);

      await expectError(iam.send(new GetRolePolicyCommand({ RoleName: 'AuthRole', PolicyName: 'missing' })), 'NoSuchEntityException');
    });

    it('ListAttachedRolePolicies, GetPolicy and GetPolicyVersion', async () => {
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'AuthRole' }));
      assert.deepEqual(attached.AttachedPolicies, [
        { PolicyName: 'IotAccess', PolicyArn: managedArn },
        { PolicyName: 'AWSIoTDataAccess', PolicyArn: 'arn:aws:iam::aws:policy/AWSIoTDataAccess' },
      ]);
      const filtered = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'AuthRole', PathPrefix: '/service/' }));
      assert.deepEqual(
        filtered.AttachedPolicies?.map((p) => p.PolicyName),
        ['IotAccess'],
      );

      const pol = await iam.send(new IamGetPolicyCommand({ PolicyArn: managedArn }));
      assert.equal(pol.Policy?.PolicyName, 'IotAccess');
      assert.equal(pol.Policy?.Path, '/service/');
      assert.equal(pol.Policy?.DefaultVersionId, 'v2');
      assert.equal(pol.Policy?.AttachmentCount, 1);
      assert.equal(pol.Policy?.IsAttachable, true);
      assert.ok(pol.Policy?.UpdateDate instanceof Date);

      const v2 = await iam.send(new IamGetPolicyVersionCommand({ PolicyArn: managedArn, VersionId: 'v2' }));
      assert.equal(v2.PolicyVersion?.VersionId, 'v2');
      assert.equal(v2.PolicyVersion?.IsDefaultVersion, true);
      assert.ok(v2.PolicyVersion?.CreateDate instanceof Date);
      assert.deepEqual(JSON.parse(decodeURIComponent(v2.PolicyVersion!.Document!)), inline);
      const v1 = await iam.send(new IamGetPolicyVersionCommand({ PolicyArn: managedArn, VersionId: 'v1' }));
      assert.equal(v1.PolicyVersion?.IsDefaultVersion, false);
      assert.equal(JSON.parse(decodeURIComponent(v1.PolicyVersion!.Document!)).Statement[0].Effect, 'Deny');
    });

    it('NoSuchEntityException for unknown roles, policies and versions; InvalidInputException for a bad ARN', async () => {
      const err = await expectError(iam.send(new GetRoleCommand({ RoleName: 'Ghost' })), 'NoSuchEntityException');
      assert.ok(err instanceof NoSuchEntityException);
      assert.equal(err.$metadata?.httpStatusCode, 404);
      assert.match(err.message, /Ghost/);
      await expectError(iam.send(new ListRolePoliciesCommand({ RoleName: 'Ghost' })), 'NoSuchEntityException');
      await expectError(iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Ghost' })), 'NoSuchEntityException');
      await expectError(iam.send(new IamGetPolicyCommand({ PolicyArn: 'arn:aws:iam::123456789012:policy/Ghost' })), 'NoSuchEntityException');
      await expectError(iam.send(new IamGetPolicyVersionCommand({ PolicyArn: managedArn, VersionId: 'v9' })), 'NoSuchEntityException');
      await expectError(iam.send(new IamGetPolicyCommand({ PolicyArn: 'not-an-arn' })), 'InvalidInputException');
    });
  });

  describe('fault injection', () => {
    it('failNext: an injected ThrottlingException surfaces once (maxAttempts 1), then the call works', async () => {
      fake.seedIotPolicy('t', doc());
      fake.failNext('GetPolicy', { name: 'ThrottlingException', status: 400, message: 'Rate exceeded' });
      const err = await expectError(iot.send(new GetPolicyCommand({ policyName: 't' })), 'ThrottlingException');
      assert.equal(err.message, 'Rate exceeded');
      assert.equal(err.$metadata?.httpStatusCode, 400);
      assert.equal(fake.requests[0]!.errorCode, 'ThrottlingException');
      await iot.send(new GetPolicyCommand({ policyName: 't' }));
    });

    it('failNext uses each protocol’s error encoding, and a qualified name hits only its service', async () => {
      fake.seedIotPolicy('t', doc());
      fake.seedRole('R');
      fake.seedIdentityPool(POOL, { authenticated: 'arn:aws:iam::123456789012:role/R' });
      const arn = 'arn:aws:iam::123456789012:policy/P';
      fake.seedManagedPolicy(arn, doc());

      fake.failNext('iam:GetPolicy', { name: 'Throttling', status: 400, times: 2 });
      await iot.send(new GetPolicyCommand({ policyName: 't' })); // IoT GetPolicy is not affected
      const e1 = await expectError(iam.send(new IamGetPolicyCommand({ PolicyArn: arn })), 'Throttling');
      assert.ok(e1 instanceof IAMServiceException);
      await expectError(iam.send(new IamGetPolicyCommand({ PolicyArn: arn })), 'Throttling');
      await iam.send(new IamGetPolicyCommand({ PolicyArn: arn }));

      fake.failNext('GetIdentityPoolRoles', { name: 'TooManyRequestsException', status: 429 });
      await expectError(cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: POOL })), 'TooManyRequestsException');
      fake.failNext('CreatePolicy', { name: 'MalformedPolicyException', status: 400 });
      await expectError(iot.send(new CreatePolicyCommand({ policyName: 'n', policyDocument: doc() })), 'MalformedPolicyException');
      fake.failNext('GetRole', { name: 'ServiceFailure', status: 500 });
      const e2 = await expectError(iam.send(new GetRoleCommand({ RoleName: 'R' })), 'ServiceFailureException');
      assert.equal(e2.$fault, 'server');
      assert.equal(fake.state.iot.policies.has('n'), false);
    });

    it('denyOperations: AccessDeniedException (IoT, unmodeled), AccessDenied (IAM), NotAuthorizedException (Cognito)', async () => {
      fake.seedIotPolicy('t', doc());
      fake.seedRole('R');
      fake.seedIdentityPool(POOL, {});
      fake.denyOperations(['iot:GetPolicy', 'AttachPolicy', 'GetRole', 'GetIdentityPoolRoles']);

      const e1 = await expectError(iot.send(new GetPolicyCommand({ policyName: 't' })), 'AccessDeniedException');
      assert.ok(e1 instanceof IoTServiceException);
      assert.equal(e1.$metadata?.httpStatusCode, 403);
      assert.equal(e1.$fault, 'client');
      assert.match(e1.message, /not authorized to perform: iot:GetPolicy/);
      await expectError(iot.send(new AttachPolicyCommand({ policyName: 't', target: IDENTITY })), 'AccessDeniedException');
      assert.equal(fake.state.iot.attachments.size, 0);

      const e2 = await expectError(iam.send(new GetRoleCommand({ RoleName: 'R' })), 'AccessDenied');
      assert.ok(e2 instanceof IAMServiceException);
      assert.equal(e2.$metadata?.httpStatusCode, 403);
      const e3 = await expectError(cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: POOL })), 'NotAuthorizedException');
      assert.equal(e3.$metadata?.httpStatusCode, 403);
      await iam.send(new ListRolePoliciesCommand({ RoleName: 'R' })); // not denied

      fake.denyOperations([]);
      await iot.send(new GetPolicyCommand({ policyName: 't' }));
      await iam.send(new GetRoleCommand({ RoleName: 'R' }));
    });

    it('retries: two ThrottlingExceptions then success with a zero-delay retry strategy gives attempts === 3', async () => {
      fake.seedIotPolicy('r', doc());
      fake.seedRole('R');
      const retrying = iotWith({ maxAttempts: undefined, retryStrategy: new ConfiguredRetryStrategy(3, () => 0) });
      fake.failNext('GetPolicy', { name: 'ThrottlingException', status: 400, times: 2 });
      const out = await retrying.send(new GetPolicyCommand({ policyName: 'r' }));
      assert.equal(out.$metadata.attempts, 3);
      assert.equal(out.policyName, 'r');
      assert.deepEqual(
        fake.requests.map((r) => r.status),
        [400, 400, 200],
      );

      const iamRetrying = iamWith({ maxAttempts: undefined, retryStrategy: new ConfiguredRetryStrategy(3, () => 0) });
      fake.failNext('GetRole', { name: 'Throttling', status: 400, times: 2 });
      const role = await iamRetrying.send(new GetRoleCommand({ RoleName: 'R' }));
      assert.equal(role.$metadata.attempts, 3);

      fake.failNext('GetPolicy', { name: 'ThrottlingException', status: 400, times: 3 });
      const err = await expectError(retrying.send(new GetPolicyCommand({ policyName: 'r' })), 'ThrottlingException');
      assert.equal(err.$metadata?.attempts, 3);
    });
  });

  describe('disruptions (faults a real network and service can produce)', () => {
    it('apply-then-reset: the policy is created, and the client gets no reply', async () => {
      fake.disrupt('CreatePolicy', 'apply-then-reset');
      const err = await rejection(iot.send(new CreatePolicyCommand({ policyName: 'lost', policyDocument: doc() })));
      assert.match(`${err.name} ${err.message} ${err.code}`, /ECONNRESET|socket hang up/);
      assert.deepEqual(
        fake.state.iot.policies.get('lost')!.versions.map((v) => v.versionId),
        ['1'],
      );
      assert.deepEqual(
        fake.requests.map((r) => [r.operation, r.status, r.disruption]),
        [['CreatePolicy', 0, 'apply-then-reset']],
      );
    });

    it('apply-then-500 applies the change and answers a server error; 500 applies nothing', async () => {
      fake.seedIotPolicy('p', doc());
      fake.disrupt('AttachPolicy', 'apply-then-500');
      const e1 = await expectError(iot.send(new AttachPolicyCommand({ policyName: 'p', target: IDENTITY })), 'InternalFailureException');
      assert.equal(e1.$metadata?.httpStatusCode, 500);
      assert.deepEqual([...fake.state.iot.attachments.get(IDENTITY)!], ['p']);
      fake.disrupt('DetachPolicy', '500');
      await expectError(iot.send(new DetachPolicyCommand({ policyName: 'p', target: IDENTITY })), 'InternalFailureException');
      assert.deepEqual([...fake.state.iot.attachments.get(IDENTITY)!], ['p']);
      assert.deepEqual(
        fake.requests.map((r) => r.disruption),
        ['apply-then-500', '500'],
      );
    });

    it('hang: the request is never answered (the client’s own timeout ends it), and only the next `times` requests', async () => {
      fake.seedIotPolicy('p', doc());
      fake.disrupt('GetPolicy', 'hang');
      const impatient = iotWith({ requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true } });
      const err = await rejection(impatient.send(new GetPolicyCommand({ policyName: 'p' })));
      assert.equal(err.name, 'TimeoutError');
      assert.equal((await iot.send(new GetPolicyCommand({ policyName: 'p' }))).policyName, 'p');
      assert.deepEqual(
        fake.requests.map((r) => r.status),
        [0, 200],
      );
    });

    it('repeat-marker: IoT and IAM list replies point back at the first page, for as many requests as asked', async () => {
      fake.seedIotPolicy('p', doc());
      fake.seedAttachment(IDENTITY, 'p');
      fake.disrupt('ListAttachedPolicies', 'repeat-marker', Infinity);
      const first = await iot.send(new ListAttachedPoliciesCommand({ target: IDENTITY }));
      const second = await iot.send(new ListAttachedPoliciesCommand({ target: IDENTITY, marker: first.nextMarker }));
      assert.ok(first.nextMarker);
      assert.equal(second.nextMarker, first.nextMarker);
      assert.deepEqual(
        second.policies?.map((p) => p.policyName),
        ['p'],
      );

      fake.seedRole('R', { inlinePolicies: { a: doc() } });
      fake.disrupt('ListRolePolicies', 'repeat-marker');
      const page = await iam.send(new ListRolePoliciesCommand({ RoleName: 'R' }));
      assert.equal(page.IsTruncated, true);
      const again = await iam.send(new ListRolePoliciesCommand({ RoleName: 'R', Marker: page.Marker }));
      assert.deepEqual([again.PolicyNames, again.IsTruncated], [['a'], false]);
    });

    it('after: that many matching requests pass undisturbed first', async () => {
      fake.seedIotPolicy('p', doc());
      fake.disrupt('GetPolicy', '500', 1, { after: 2 });
      for (let i = 0; i < 2; i++) await iot.send(new GetPolicyCommand({ policyName: 'p' }));
      await expectError(iot.send(new GetPolicyCommand({ policyName: 'p' })), 'InternalFailureException');
      await iot.send(new GetPolicyCommand({ policyName: 'p' }));
      assert.deepEqual(
        fake.requests.map((r) => r.status),
        [200, 200, 500, 200],
      );
    });

    it('editReply rewrites a JSON reply after applying the request', async () => {
      fake.seedIotPolicy('p', [doc(), doc()]);
      fake.disrupt('ListPolicyVersions', {
        editReply: (reply) => ({ policyVersions: (reply.policyVersions as object[]).map((v) => ({ ...v, isDefaultVersion: undefined })) }),
      });
      const listed = await iot.send(new ListPolicyVersionsCommand({ policyName: 'p' }));
      assert.deepEqual(
        listed.policyVersions?.map((v) => [v.versionId, v.isDefaultVersion]),
        [
          ['1', undefined],
          ['2', undefined],
        ],
      );
    });
  });

  describe('SigV4 verification', () => {
    it('a wrong secret is rejected by all three protocols and changes nothing', async () => {
      const wrong = { accessKeyId: fake.credentials.accessKeyId, secretAccessKey: 'wrongSecret' };
      const err = await expectError(
        iotWith({ credentials: wrong }).send(new CreatePolicyCommand({ policyName: 'x', policyDocument: doc() })),
        'InvalidSignatureException',
      );
      assert.ok(err instanceof IoTServiceException);
      assert.equal(err.$metadata?.httpStatusCode, 403);
      assert.equal(fake.state.iot.policies.size, 0);

      fake.seedIdentityPool(POOL, {});
      await expectError(cognitoWith({ credentials: wrong }).send(new GetIdentityPoolRolesCommand({ IdentityPoolId: POOL })), 'InvalidSignatureException');
      fake.seedRole('R');
      await expectError(iamWith({ credentials: wrong }).send(new GetRoleCommand({ RoleName: 'R' })), 'SignatureDoesNotMatch');
      assert.deepEqual(
        fake.requests.map((r) => r.status),
        [403, 400, 403],
      );
    });

    it('an unknown access key and a wrong region are rejected', async () => {
      fake.seedIotPolicy('t', doc());
      const stranger = { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'fakeSecret' };
      await expectError(iotWith({ credentials: stranger }).send(new GetPolicyCommand({ policyName: 't' })), 'UnrecognizedClientException');
      await expectError(iamWith({ credentials: stranger }).send(new GetRoleCommand({ RoleName: 'R' })), 'InvalidClientTokenId');
      const err = await expectError(iotWith({ region: 'eu-west-1' }).send(new GetPolicyCommand({ policyName: 't' })), 'InvalidSignatureException');
      assert.match(err.message, /region/);
    });

    it('a credential scoped to the wrong service is rejected', async () => {
      fake.seedIotPolicy('t', doc());
      type Provider = NonNullable<IoTClientConfig['httpAuthSchemeProvider']>;
      const signAs = (service: string): Provider =>
        ((params: { region?: string }) => [
          {
            schemeId: 'aws.auth#sigv4',
            signingProperties: { name: service, signingName: service, region: params.region },
            propertiesExtractor: (config: unknown, context: unknown) => ({ signingProperties: { config, context } }),
          },
        ]) as unknown as Provider;
      const err = await expectError(
        iotWith({ httpAuthSchemeProvider: signAs('iotdata') }).send(new GetPolicyCommand({ policyName: 't' })),
        'InvalidSignatureException',
      );
      assert.match(err.message, /scoped to correct service: 'iot'/);
      assert.equal((await iotWith({ httpAuthSchemeProvider: signAs('iot') }).send(new GetPolicyCommand({ policyName: 't' }))).policyName, 't');
    });

    it('the signature covers the body, its hash and the query (tampering after signing is caught)', async () => {
      fake.seedIotPolicy('t', doc());
      type Req = { body?: unknown; headers: Record<string, string>; query: Record<string, string> };
      type Middleware = Parameters<IoTClient['middlewareStack']['addRelativeTo']>[0];
      const finalize = (fn: (req: Req) => void | Promise<void>): Middleware =>
        ((next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
          await fn((args as { request: Req }).request);
          return next(args);
        }) as unknown as Middleware;
      const tamper = (client: IoTClient, mutate: (req: Req) => void) => {
        client.middlewareStack.addRelativeTo(finalize(mutate), { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamperAfterSigning' });
        return client;
      };
      const sha256 = async (s: string) => (await import('node:crypto')).createHash('sha256').update(s).digest('hex');

      // Same-length body change: x-amz-content-sha256 no longer matches the body.
      const bodyText = (req: Req) =>
        // This SDK generation hands the signer a Uint8Array subclass (JsonBytesStringAdapter), not a string.
        typeof req.body === 'string'
          ? req.body
          : Buffer.from((req.body as Uint8Array).buffer, (req.body as Uint8Array).byteOffset, (req.body as Uint8Array).byteLength).toString('utf8');
      const swap = (req: Req) => {
        const before = bodyText(req);
        const after = before.replace('topic/a', 'topic/b');
        assert.notEqual(after, before);
        assert.equal(after.length, before.length);
        return after;
      };
      const c1 = tamper(iotWith({}), (req) => {
        req.body = swap(req);
      });
      const e1 = await expectError(c1.send(new CreatePolicyVersionCommand({ policyName: 't', policyDocument: doc() })), 'InvalidSignatureException');
      assert.match(e1.message, /x-amz-content-sha256/);

      // Body and x-amz-content-sha256 both changed: only the full recompute catches it.
      let newBody = '';
      const c2 = tamper(iotWith({}), (req) => {
        newBody = swap(req);
        req.body = newBody;
      });
      c2.middlewareStack.addRelativeTo(
        finalize(async (req) => {
          req.headers['x-amz-content-sha256'] = await sha256(newBody);
        }),
        { relation: 'after', toMiddleware: 'tamperAfterSigning', name: 'fixHash' },
      );
      const e2 = await expectError(c2.send(new CreatePolicyVersionCommand({ policyName: 't', policyDocument: doc() })), 'InvalidSignatureException');
      assert.match(e2.message, /signature we calculated does not match/);

      // Query change: setAsDefault=true → false.
      const c3 = tamper(iotWith({}), (req) => {
        req.query['setAsDefault'] = 'false';
      });
      const e3 = await expectError(
        c3.send(new CreatePolicyVersionCommand({ policyName: 't', policyDocument: doc(), setAsDefault: true })),
        'InvalidSignatureException',
      );
      assert.match(e3.message, /signature we calculated does not match/);
      assert.equal(fake.requests.at(-1)!.query, 'setAsDefault=false');
      assert.equal(fake.state.iot.policies.get('t')!.versions.length, 1);
      assert.ok(fake.requests.every((r) => r.status === 403 && r.errorCode === 'InvalidSignatureException'));
    });

    it('a session token is required when configured, and rejected when not', async () => {
      const withToken = await startFakeAws({ sessionToken: 'fakeToken' });
      try {
        withToken.seedIotPolicy('t', doc());
        const ok = new IoTClient({ ...base(withToken) });
        const noToken = new IoTClient({ ...base(withToken), credentials: { accessKeyId: 'AKIAFAKEFAKEFAKE', secretAccessKey: 'fakeSecret' } });
        extraClients.push(ok, noToken);
        assert.equal((await ok.send(new GetPolicyCommand({ policyName: 't' }))).policyName, 't');
        await expectError(noToken.send(new GetPolicyCommand({ policyName: 't' })), 'UnrecognizedClientException');
      } finally {
        await withToken.close();
      }
      fake.seedIotPolicy('t', doc());
      const stray = iotWith({ credentials: { ...fake.credentials, sessionToken: 'stray' } });
      await expectError(stray.send(new GetPolicyCommand({ policyName: 't' })), 'UnrecognizedClientException');
    });
  });
});
