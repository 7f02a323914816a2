/**
 * A faithful, in-memory fake of the parts of AWS IoT (restJson1), Amazon Cognito Identity (awsJson1_1)
 * and IAM (awsQuery) that IoT Policy Lens talks to. Tests point the REAL `@aws-sdk/client-*` clients at it
 * (`endpoint: fake.endpoint`, `region: fake.region`, `credentials: fake.credentials`).
 *
 * Wire formats follow the three protocols as the SDK clients speak them (restJson1, awsJson1_1, awsQuery: see
 * https://smithy.io/2.0/aws/protocols/). Every request is SigV4-verified by a full
 * recompute with the fake secret. Uses only node:http and node:crypto; binds 127.0.0.1 on a random port.
 */
import * as http from 'node:http';
import * as crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

export type FakeService = 'iot' | 'cognito-identity' | 'iam';

/** A policy document given to a seed helper: JSON text, or a value that is `JSON.stringify`-ed. */
export type PolicyDocumentInput = string | object;

export interface IotPolicyVersion {
  versionId: string;
  /** The document exactly as stored (JSON text). */
  document: string;
  isDefault: boolean;
  createDate: Date;
}

export interface IotPolicy {
  name: string;
  arn: string;
  versions: IotPolicyVersion[];
  generationId: string;
  creationDate: Date;
  lastModifiedDate: Date;
  /** Highest version id ever issued (IoT never reuses version ids). */
  lastVersionId: number;
}

export interface IdentityPoolRoles {
  authenticated?: string;
  unauthenticated?: string;
}

export interface IdentityPool {
  roles: IdentityPoolRoles;
  /** Returned verbatim as `RoleMappings` when set. */
  roleMappings?: Record<string, unknown>;
}

export interface IamRole {
  name: string;
  path: string;
  roleId: string;
  arn: string;
  createDate: Date;
  /** Plain JSON text (the fake URL-encodes it on the wire). */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  /** Inline policy name → plain JSON text. */
  inlinePolicies: Map<string, string>;
  /** Managed policy ARNs attached to the role (need not exist in `state.iam.policies`). */
  attachedPolicyArns: string[];
}

export interface IamPolicyVersion {
  versionId: string;
  /** Plain JSON text (the fake URL-encodes it on the wire). */
  document: string;
  isDefault: boolean;
  createDate: Date;
}

export interface IamManagedPolicy {
  arn: string;
  name: string;
  path: string;
  policyId: string;
  versions: IamPolicyVersion[];
  createDate: Date;
  updateDate: Date;
}

export interface FakeAwsState {
  iot: {
    /** Policy name → policy. */
    policies: Map<string, IotPolicy>;
    /** Target (identity id, certificate ARN, thing group ARN…) → attached policy names. */
    attachments: Map<string, Set<string>>;
  };
  cognito: {
    /** Identity pool id → pool. */
    identityPools: Map<string, IdentityPool>;
  };
  iam: {
    /** Role name → role. */
    roles: Map<string, IamRole>;
    /** Policy ARN → managed policy. */
    policies: Map<string, IamManagedPolicy>;
  };
}

export interface FakeRequestLogEntry {
  service: FakeService;
  /** Operation name, e.g. `CreatePolicy`, or `Unknown` when the request could not be routed. */
  operation: string;
  method: string;
  /** The raw request path as it arrived (still percent-encoded), without the query. */
  path: string;
  /** The raw query string ('' when none). */
  query: string;
  status: number;
  /** The error code sent, when the response was an error. */
  errorCode?: string;
  /** The injected disruption, when one hit this request (`status` is 0 when no reply was sent). */
  disruption?: FakeDisruptionName;
}

export interface FakeFault {
  /** The error code put on the wire (`ThrottlingException`, IAM `Throttling`, …). */
  name: string;
  status: number;
  message?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Extra response headers, e.g. `{ 'retry-after': '0' }`. */
  headers?: Record<string, string>;
}

/**
 * What an injected disruption does to a request (see `disrupt`):
 * - `apply-then-reset`: the operation is applied, then the connection is destroyed without a reply (a lost reply);
 * - `apply-then-500`: the operation is applied, then a 500 internal error is returned;
 * - `500`: a 500 internal error, nothing applied;
 * - `hang`: the request is never answered (the connection stays open until `close()`);
 * - `stall-body`: the operation is applied and the reply's headers and first bytes are sent, the rest never;
 * - `repeat-marker`: list operations answer a next-page marker that points back at the first page.
 */
export type FakeDisruptionName = 'apply-then-reset' | 'apply-then-500' | '500' | 'hang' | 'stall-body' | 'repeat-marker';

/** A disruption by name, or a rewrite of the (IoT or Cognito) JSON reply after the operation is applied. */
export type FakeDisruption = FakeDisruptionName | { editReply: (reply: Record<string, unknown>) => Record<string, unknown> };

export interface FakeAwsOptions {
  /** Account id used in ARNs (default 123456789012). */
  accountId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** When set, requests must carry this signed `x-amz-security-token`; when unset, any token is rejected. */
  sessionToken?: string;
  /** Allowed difference between `x-amz-date` and the fake's clock (default 15 min, as AWS). */
  maxClockSkewMs?: number;
  /** IoT policy version limit (default 5). */
  maxPolicyVersions?: number;
  /** IoT policies per target (default 10). */
  maxPoliciesPerTarget?: number;
  /** IoT policy document size limit in non-whitespace characters (default 2048). */
  maxIotPolicyDocumentChars?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------------------

const REGION = 'us-east-1';
const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const IOT_POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const IOT_VERSION_ID = /^[0-9]+$/;
const COGNITO_POOL_ID = /^[\w-]+:[0-9a-f-]+$/;
const IAM_POLICY_ARN = /^arn:aws[\w-]*:iam::(\d{12}|aws):policy(\/.*\/|\/)([\w+=,.@-]{1,128})$/;
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
/** Suffix real REST services append to auth error codes (`loadRestJsonErrorCode` strips it). */
const CORAL_SUFFIX = ':http://internal.amazon.com/coral/com.amazon.coral.service/';

type Protocol = 'rest' | 'json' | 'query';

const IAM_OPERATIONS = new Set(['GetRole', 'ListRolePolicies', 'GetRolePolicy', 'ListAttachedRolePolicies', 'GetPolicy', 'GetPolicyVersion']);

const PROTOCOL_SERVICE: Record<Protocol, FakeService> = {
  rest: 'iot',
  json: 'cognito-identity',
  query: 'iam',
};

class FakeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface RequestContext {
  method: string;
  rawPath: string;
  rawQuery: string;
  query: Map<string, string>;
  headers: Map<string, string>;
  body: Buffer;
  protocol: Protocol;
  service: FakeService;
  operation: string;
  /** IoT path labels, decoded. */
  labels: string[];
  /** IAM form parameters. */
  params: Map<string, string>;
  requestId: string;
  /** The injected disruption hitting this request, for the log. */
  disruption?: FakeDisruptionName;
}

interface QueuedFault {
  match: string;
  fault: FakeFault;
  remaining: number;
}

interface QueuedDisruption {
  match: string;
  disruption: FakeDisruption;
  remaining: number;
  /** Matching requests still to let through before disrupting. */
  skip: number;
}

/** The error code each protocol's services send for an internal failure (500). */
const INTERNAL_FAILURE: Record<Protocol, string> = { rest: 'InternalFailureException', json: 'InternalErrorException', query: 'ServiceFailure' };

function sha256Hex(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return crypto.createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding, exactly as the SDK's `escapeUri`. */
function escapeUri(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function parseQueryString(raw: string, plusIsSpace: boolean): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  if (raw === '') return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rk = eq >= 0 ? part.slice(0, eq) : part;
    const rv = eq >= 0 ? part.slice(eq + 1) : '';
    const k = safeDecode(plusIsSpace ? rk.replace(/\+/g, ' ') : rk);
    const v = safeDecode(plusIsSpace ? rv.replace(/\+/g, ' ') : rv);
    if (k === undefined || v === undefined) return undefined;
    out.push([k, v]);
  }
  return out;
}

function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function x(tag: string, content: string | number | boolean | undefined): string {
  if (content === undefined) return '';
  return `<${tag}>${typeof content === 'string' ? xmlEscape(content) : String(content)}</${tag}>`;
}

/** Already-built XML inside a tag. */
function xr(tag: string, inner: string): string {
  return `<${tag}>${inner}</${tag}>`;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function epochSeconds(d: Date): number {
  return d.getTime() / 1000;
}

function randomId(prefix: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = crypto.randomBytes(17);
  let s = prefix;
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

function toDocument(doc: PolicyDocumentInput): string {
  return typeof doc === 'string' ? doc : JSON.stringify(doc);
}

function encodeMarker(offset: number): string {
  return Buffer.from(`fake-aws:${offset}`, 'utf8').toString('base64');
}

function decodeMarker(marker: string | undefined): number | undefined {
  if (marker === undefined) return 0;
  const m = /^fake-aws:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

function paginate<T>(items: T[], marker: string | undefined, pageSize: number): { page: T[]; next?: string } | undefined {
  const start = decodeMarker(marker);
  if (start === undefined || start > items.length) return undefined;
  const page = items.slice(start, start + pageSize);
  const end = start + page.length;
  return end < items.length ? { page, next: encodeMarker(end) } : { page };
}

function parseIamPolicyArn(arn: string): { path: string; name: string } | undefined {
  const m = IAM_POLICY_ARN.exec(arn);
  return m ? { path: m[2]!, name: m[3]! } : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------------------

export class FakeAws {
  readonly region = REGION;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly accountId: string;
  readonly state: FakeAwsState = {
    iot: { policies: new Map(), attachments: new Map() },
    cognito: { identityPools: new Map() },
    iam: { roles: new Map(), policies: new Map() },
  };
  /** Every request received, in arrival order (clear with `fake.requests.length = 0`). */
  readonly requests: FakeRequestLogEntry[] = [];
  /** Operations refused as an IAM deny; see `denyOperations`. */
  readonly deniedOperations = new Set<string>();

  private readonly server: http.Server;
  private readonly faults: QueuedFault[] = [];
  private readonly disruptions: QueuedDisruption[] = [];
  private readonly maxClockSkewMs: number;
  private readonly maxPolicyVersions: number;
  private readonly maxPoliciesPerTarget: number;
  private readonly maxIotDocChars: number;
  private port = 0;
  private closed: Promise<void> | undefined;

  /** @internal use `startFakeAws()`. */
  constructor(options: FakeAwsOptions = {}) {
    this.accountId = options.accountId ?? '123456789012';
    this.credentials = {
      accessKeyId: options.accessKeyId ?? 'AKIAFAKEFAKEFAKE',
      secretAccessKey: options.secretAccessKey ?? 'fakeSecret',
      ...(options.sessionToken !== undefined ? { sessionToken: options.sessionToken } : {}),
    };
    this.maxClockSkewMs = options.maxClockSkewMs ?? 15 * 60 * 1000;
    this.maxPolicyVersions = options.maxPolicyVersions ?? 5;
    this.maxPoliciesPerTarget = options.maxPoliciesPerTarget ?? 10;
    this.maxIotDocChars = options.maxIotPolicyDocumentChars ?? 2048;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`fake-aws internal error: ${String(err)}`);
        }
      });
    });
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** @internal */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = new Promise<void>((resolve) => {
        this.server.close(() => resolve());
        this.server.closeAllConnections();
      });
    }
    return this.closed;
  }

  /**
   * Make the next `times` (default 1) requests for `operation` fail with the given error code and status.
   * `operation` is a bare name (`GetPolicy`: IoT and IAM alike) or service-qualified (`iam:GetPolicy`).
   */
  failNext(operation: string, fault: FakeFault): void {
    this.faults.push({ match: operation, fault, remaining: fault.times ?? 1 });
  }

  /**
   * Disrupt the next `times` (default 1; `Infinity` for every) requests for `operation` (names as in
   * `failNext`), after they pass SigV4 and the deny list; with `after`, that many matching requests pass
   * undisturbed first. See `FakeDisruptionName` for what each does.
   */
  disrupt(operation: string, disruption: FakeDisruption, times = 1, options: { after?: number } = {}): void {
    this.disruptions.push({ match: operation, disruption, remaining: times, skip: options.after ?? 0 });
  }

  /** Drop every queued fault and disruption. */
  clearFaults(): void {
    this.faults.length = 0;
    this.disruptions.length = 0;
  }

  /**
   * Replace the set of operations refused as an IAM deny (`[]` clears it). Names as in `failNext`,
   * plus `*` and `service:*`. IoT answers AccessDeniedException 403, IAM AccessDenied 403,
   * Cognito NotAuthorizedException 403.
   */
  denyOperations(operations: Iterable<string>): void {
    this.deniedOperations.clear();
    for (const op of operations) this.deniedOperations.add(op);
  }

  // --- seed helpers ------------------------------------------------------------------------------------

  iotPolicyArn(name: string): string {
    return `arn:aws:iot:${REGION}:${this.accountId}:policy/${name}`;
  }

  /** Seed an IoT policy with versions 1..n; the last is the default unless `defaultVersionId` says otherwise. */
  seedIotPolicy(name: string, documents: PolicyDocumentInput | PolicyDocumentInput[], opts: { defaultVersionId?: string; createDate?: Date } = {}): IotPolicy {
    const docs = Array.isArray(documents) ? documents : [documents];
    if (docs.length === 0) throw new Error('seedIotPolicy needs at least one document');
    const base = (opts.createDate ?? new Date()).getTime();
    const defaultId = opts.defaultVersionId ?? String(docs.length);
    const versions = docs.map((d, i) => ({
      versionId: String(i + 1),
      document: toDocument(d),
      isDefault: String(i + 1) === defaultId,
      createDate: new Date(base + i),
    }));
    const policy: IotPolicy = {
      name,
      arn: this.iotPolicyArn(name),
      versions,
      generationId: newGenerationId(),
      creationDate: new Date(base),
      lastModifiedDate: new Date(base + docs.length - 1),
      lastVersionId: docs.length,
    };
    this.state.iot.policies.set(name, policy);
    return policy;
  }

  seedAttachment(target: string, ...policyNames: string[]): void {
    const set = this.state.iot.attachments.get(target) ?? new Set<string>();
    for (const n of policyNames) set.add(n);
    this.state.iot.attachments.set(target, set);
  }

  seedIdentityPool(id: string, roles: IdentityPoolRoles, roleMappings?: Record<string, unknown>): IdentityPool {
    const pool: IdentityPool = { roles: { ...roles }, ...(roleMappings ? { roleMappings } : {}) };
    this.state.cognito.identityPools.set(id, pool);
    return pool;
  }

  roleArn(name: string, path = '/'): string {
    return `arn:aws:iam::${this.accountId}:role${path}${name}`;
  }

  seedRole(
    name: string,
    opts: {
      path?: string;
      assumeRolePolicyDocument?: PolicyDocumentInput;
      description?: string;
      inlinePolicies?: Record<string, PolicyDocumentInput>;
      attachedPolicyArns?: string[];
      createDate?: Date;
    } = {},
  ): IamRole {
    const path = opts.path ?? '/';
    const role: IamRole = {
      name,
      path,
      roleId: randomId('AROA'),
      arn: this.roleArn(name, path),
      createDate: opts.createDate ?? new Date(),
      assumeRolePolicyDocument: toDocument(
        opts.assumeRolePolicyDocument ?? {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'cognito-identity.amazonaws.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
            },
          ],
        },
      ),
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      maxSessionDuration: 3600,
      inlinePolicies: new Map(Object.entries(opts.inlinePolicies ?? {}).map(([k, v]) => [k, toDocument(v)])),
      attachedPolicyArns: [...(opts.attachedPolicyArns ?? [])],
    };
    this.state.iam.roles.set(name, role);
    return role;
  }

  /** Seed a managed policy with versions v1..vn; the last is the default unless `defaultVersionId` says otherwise. */
  seedManagedPolicy(
    arn: string,
    documents: PolicyDocumentInput | PolicyDocumentInput[],
    opts: { defaultVersionId?: string; createDate?: Date } = {},
  ): IamManagedPolicy {
    const parsed = parseIamPolicyArn(arn);
    if (!parsed) throw new Error(`seedManagedPolicy: not a policy ARN: ${arn}`);
    const docs = Array.isArray(documents) ? documents : [documents];
    if (docs.length === 0) throw new Error('seedManagedPolicy needs at least one document');
    const base = (opts.createDate ?? new Date()).getTime();
    const defaultId = opts.defaultVersionId ?? `v${docs.length}`;
    const policy: IamManagedPolicy = {
      arn,
      name: parsed.name,
      path: parsed.path,
      policyId: randomId('ANPA'),
      versions: docs.map((d, i) => ({
        versionId: `v${i + 1}`,
        document: toDocument(d),
        isDefault: `v${i + 1}` === defaultId,
        createDate: new Date(base + i),
      })),
      createDate: new Date(base),
      updateDate: new Date(base + docs.length - 1),
    };
    this.state.iam.policies.set(arn, policy);
    return policy;
  }

  // --- request pipeline --------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);

    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q >= 0 ? url.slice(0, q) : url;
    const rawQuery = q >= 0 ? url.slice(q + 1) : '';
    const headers = new Map<string, string>();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!.toLowerCase();
      const value = req.rawHeaders[i + 1]!;
      headers.set(name, headers.has(name) ? `${headers.get(name)},${value}` : value);
    }
    const contentType = headers.get('content-type') ?? '';
    const protocol: Protocol = headers.has('x-amz-target')
      ? 'json'
      : contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
        ? 'query'
        : 'rest';

    const ctx: RequestContext = {
      method: (req.method ?? 'GET').toUpperCase(),
      rawPath,
      rawQuery,
      query: new Map(),
      headers,
      body,
      protocol,
      service: PROTOCOL_SERVICE[protocol],
      operation: 'Unknown',
      labels: [],
      params: new Map(),
      requestId: crypto.randomUUID(),
    };

    try {
      this.route(ctx);
      const sigError = this.verifySigV4(ctx);
      if (sigError) throw sigError;
      if (ctx.operation === 'Unknown') throw this.unknownOperation(ctx);
      this.applyFault(ctx);
      this.applyDeny(ctx);
      const disruption = this.takeDisruption(ctx);
      if (typeof disruption === 'string') ctx.disruption = disruption;
      if (disruption === '500') throw new FakeError(500, INTERNAL_FAILURE[ctx.protocol], 'Internal failure (injected by fake-aws)');
      if (disruption === 'hang') {
        this.log(ctx, 0);
        return;
      }
      const result = this.dispatch(ctx);
      if (disruption === 'apply-then-reset') {
        this.log(ctx, 0);
        res.socket?.destroy();
        return;
      }
      if (disruption === 'stall-body') {
        this.log(ctx, 0);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{');
        return;
      }
      if (disruption === 'apply-then-500')
        throw new FakeError(500, INTERNAL_FAILURE[ctx.protocol], 'Internal failure (injected by fake-aws after applying the request)');
      this.send(ctx, res, 200, disruption === undefined ? result : disturbedReply(ctx.protocol, result, disruption));
    } catch (err) {
      if (err instanceof FakeError) {
        this.sendError(ctx, res, err);
      } else {
        // A bug in the fake: answer as the real service answers an internal failure.
        this.sendError(ctx, res, new FakeError(500, INTERNAL_FAILURE[ctx.protocol], `fake-aws internal error: ${String(err)}`));
      }
    }
  }

  /** Works out the operation (and labels / params) without trusting the request yet. */
  private route(ctx: RequestContext): void {
    if (ctx.protocol === 'json') {
      const target = ctx.headers.get('x-amz-target') ?? '';
      const m = /^AWSCognitoIdentityService\.(\w+)$/.exec(target);
      if (m && m[1] === 'GetIdentityPoolRoles') ctx.operation = m[1];
      return;
    }
    if (ctx.protocol === 'query') {
      const pairs = parseQueryString(ctx.body.toString('utf8'), true);
      if (!pairs) return;
      for (const [k, v] of pairs) ctx.params.set(k, v);
      const action = ctx.params.get('Action') ?? '';
      if (IAM_OPERATIONS.has(action) && ctx.method === 'POST') ctx.operation = action;
      return;
    }
    // rest: split the raw path on '/', then decode each segment (cert ARNs carry %2F).
    const rawSegs = ctx.rawPath.split('/').slice(1);
    const segs: string[] = [];
    for (const s of rawSegs) {
      const d = safeDecode(s);
      if (d === undefined) return;
      segs.push(d);
    }
    const pairs = parseQueryString(ctx.rawQuery, false);
    if (!pairs) return;
    for (const [k, v] of pairs) ctx.query.set(k, v);
    const m = ctx.method;
    const [root, a, b, c] = segs;
    const n = segs.length;
    let op: string | undefined;
    if (root === 'policies' && n === 2) {
      op = m === 'POST' ? 'CreatePolicy' : m === 'GET' ? 'GetPolicy' : m === 'DELETE' ? 'DeletePolicy' : undefined;
    } else if (root === 'policies' && n === 3 && b === 'version') {
      op = m === 'POST' ? 'CreatePolicyVersion' : m === 'GET' ? 'ListPolicyVersions' : undefined;
    } else if (root === 'policies' && n === 4 && b === 'version') {
      op = m === 'GET' ? 'GetPolicyVersion' : m === 'DELETE' ? 'DeletePolicyVersion' : m === 'PATCH' ? 'SetDefaultPolicyVersion' : undefined;
    } else if (root === 'target-policies' && n === 2) {
      op = m === 'PUT' ? 'AttachPolicy' : m === 'POST' ? 'DetachPolicy' : undefined;
    } else if (root === 'attached-policies' && n === 2) {
      op = m === 'POST' ? 'ListAttachedPolicies' : undefined;
    } else if (root === 'policy-targets' && n === 2) {
      op = m === 'POST' ? 'ListTargetsForPolicy' : undefined;
    }
    if (op) {
      ctx.operation = op;
      ctx.labels = [a, c].filter((s): s is string => s !== undefined);
    }
  }

  private unknownOperation(ctx: RequestContext): FakeError {
    switch (ctx.protocol) {
      case 'rest':
        return new FakeError(404, 'UnknownOperationException', `No route for ${ctx.method} ${ctx.rawPath}`);
      case 'json':
        return new FakeError(400, 'UnknownOperationException', `Unknown operation ${ctx.headers.get('x-amz-target') ?? ''}`);
      case 'query':
        return new FakeError(400, 'InvalidAction', `Could not find operation ${ctx.params.get('Action') ?? ''} for version 2010-05-08`);
    }
  }

  // --- SigV4 ---------------------------------------------------------------------------------------------

  private authError(ctx: RequestContext, kind: 'missing' | 'incomplete' | 'unknownKey' | 'signature', message: string): FakeError {
    if (ctx.protocol === 'query') {
      const code = {
        missing: 'MissingAuthenticationToken',
        incomplete: 'IncompleteSignature',
        unknownKey: 'InvalidClientTokenId',
        signature: 'SignatureDoesNotMatch',
      }[kind];
      return new FakeError(403, code, message);
    }
    const code = {
      missing: 'MissingAuthenticationTokenException',
      incomplete: 'IncompleteSignatureException',
      unknownKey: 'UnrecognizedClientException',
      signature: 'InvalidSignatureException',
    }[kind];
    // restJson services put a coral suffix on the header code; awsJson services a namespace prefix.
    return ctx.protocol === 'rest' ? new FakeError(403, code + CORAL_SUFFIX, message) : new FakeError(400, `com.amazon.coral.service#${code}`, message);
  }

  private verifySigV4(ctx: RequestContext): FakeError | undefined {
    const auth = ctx.headers.get('authorization');
    if (!auth) return this.authError(ctx, 'missing', 'Missing Authentication Token');
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m)
      return this.authError(ctx, 'incomplete', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${auth}`);
    const [, akid, scopeDate, scopeRegion, scopeService, signedHeaderList, signature] = m as unknown as string[];
    const expectedService = PROTOCOL_SERVICE[ctx.protocol];

    if (akid !== this.credentials.accessKeyId) {
      return this.authError(ctx, 'unknownKey', 'The security token included in the request is invalid.');
    }
    const token = ctx.headers.get('x-amz-security-token');
    if (token !== this.credentials.sessionToken) {
      return this.authError(ctx, 'unknownKey', 'The security token included in the request is invalid.');
    }
    const amzDate = ctx.headers.get('x-amz-date');
    if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
      return this.authError(ctx, 'incomplete', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (scopeDate !== amzDate.slice(0, 8)) {
      return this.authError(
        ctx,
        'signature',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      );
    }
    if (scopeRegion !== REGION) {
      return this.authError(ctx, 'signature', `Credential should be scoped to a valid region, not '${scopeRegion}'.`);
    }
    if (scopeService !== expectedService) {
      return this.authError(ctx, 'signature', `Credential should be scoped to correct service: '${expectedService}'.`);
    }
    const signed = signedHeaderList!.split(';');
    for (const required of ['host', 'x-amz-date', ...(token !== undefined ? ['x-amz-security-token'] : [])]) {
      if (!signed.includes(required)) {
        return this.authError(ctx, 'signature', `'${required}' must be a 'SignedHeader' in the AWS Authorization.`);
      }
    }
    const when = Date.UTC(
      Number(amzDate.slice(0, 4)),
      Number(amzDate.slice(4, 6)) - 1,
      Number(amzDate.slice(6, 8)),
      Number(amzDate.slice(9, 11)),
      Number(amzDate.slice(11, 13)),
      Number(amzDate.slice(13, 15)),
    );
    if (Math.abs(Date.now() - when) > this.maxClockSkewMs) {
      return this.authError(ctx, 'signature', `Signature expired: ${amzDate} is now earlier or later than the allowed clock skew.`);
    }
    const payloadHash = sha256Hex(ctx.body);
    const declaredHash = ctx.headers.get('x-amz-content-sha256');
    if (declaredHash !== undefined && declaredHash !== payloadHash) {
      return this.authError(ctx, 'signature', "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    // Canonical request, as the SDK (and AWS, for non-S3 services) builds it.
    const canonicalHeaders: string[] = [];
    for (const name of signed) {
      const value = ctx.headers.get(name);
      if (value === undefined) return this.authError(ctx, 'signature', SIGNATURE_MISMATCH);
      canonicalHeaders.push(
        `${name}:${value
          .replace(/[\r\n]/g, ' ')
          .replace(/[ \t]+/g, ' ')
          .replace(/^ | $/g, '')}`,
      );
    }
    const queryPairs = parseQueryString(ctx.rawQuery, false) ?? [];
    const canonicalQuery = queryPairs
      .filter(([k]) => k.toLowerCase() !== 'x-amz-signature')
      .map(([k, v]) => [escapeUri(k), escapeUri(v)] as const)
      .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonicalRequest = [ctx.method, canonicalUri(ctx.rawPath), canonicalQuery, ...canonicalHeaders, '', signedHeaderList, payloadHash].join('\n');
    const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
    const kDate = hmac(`AWS4${this.credentials.secretAccessKey}`, scopeDate!);
    const kRegion = hmac(kDate, scopeRegion!);
    const kService = hmac(kRegion, scopeService!);
    const kSigning = hmac(kService, 'aws4_request');
    const expected = hmac(kSigning, stringToSign);
    const given = Buffer.from(signature!, 'hex');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return this.authError(ctx, 'signature', SIGNATURE_MISMATCH);
    }
    return undefined;
  }

  // --- faults and denies -----------------------------------------------------------------------------

  private matches(pattern: string, ctx: RequestContext): boolean {
    return pattern === '*' || pattern === ctx.operation || pattern === `${ctx.service}:${ctx.operation}` || pattern === `${ctx.service}:*`;
  }

  private applyFault(ctx: RequestContext): void {
    const i = this.faults.findIndex((f) => f.remaining > 0 && this.matches(f.match, ctx));
    if (i < 0) return;
    const queued = this.faults[i]!;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.faults.splice(i, 1);
    const { name, status, message, headers } = queued.fault;
    throw new FakeError(status, name, message ?? `${name} (injected by fake-aws)`, {}, headers ?? {});
  }

  private takeDisruption(ctx: RequestContext): FakeDisruption | undefined {
    const i = this.disruptions.findIndex((d) => d.remaining > 0 && this.matches(d.match, ctx));
    if (i < 0) return undefined;
    const queued = this.disruptions[i]!;
    if (queued.skip > 0) {
      queued.skip -= 1;
      return undefined;
    }
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.disruptions.splice(i, 1);
    return queued.disruption;
  }

  private applyDeny(ctx: RequestContext): void {
    if (![...this.deniedOperations].some((p) => this.matches(p, ctx))) return;
    const caller = `arn:aws:iam::${this.accountId}:user/fake-aws-user`;
    const action = `${ctx.service}:${ctx.operation}`;
    if (ctx.protocol === 'rest') {
      const policyName = ctx.operation === 'ListAttachedPolicies' ? undefined : ctx.labels[0];
      const resource = policyName !== undefined ? this.iotPolicyArn(policyName) : '*';
      throw new FakeError(403, 'AccessDeniedException', `User: ${caller} is not authorized to perform: ${action} on resource: ${resource}`);
    }
    if (ctx.protocol === 'json') {
      let pool = '*';
      try {
        const parsed = JSON.parse(ctx.body.toString('utf8')) as { IdentityPoolId?: unknown };
        if (typeof parsed.IdentityPoolId === 'string') {
          pool = `arn:aws:cognito-identity:${REGION}:${this.accountId}:identitypool/${parsed.IdentityPoolId}`;
        }
      } catch {
        // keep '*'
      }
      throw new FakeError(403, 'NotAuthorizedException', `User: ${caller} is not authorized to perform: ${action} on resource: ${pool}`);
    }
    throw new FakeError(
      403,
      'AccessDenied',
      `User: ${caller} is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`,
    );
  }

  // --- responses -------------------------------------------------------------------------------------

  private log(ctx: RequestContext, status: number, errorCode?: string): void {
    this.requests.push({
      service: ctx.service,
      operation: ctx.operation,
      method: ctx.method,
      path: ctx.rawPath,
      query: ctx.rawQuery,
      status,
      ...(errorCode !== undefined ? { errorCode } : {}),
      ...(ctx.disruption !== undefined ? { disruption: ctx.disruption } : {}),
    });
  }

  private send(ctx: RequestContext, res: http.ServerResponse, status: number, result: unknown): void {
    this.log(ctx, status);
    const headers: Record<string, string> = { 'x-amzn-RequestId': ctx.requestId };
    let payload = '';
    if (ctx.protocol === 'query') {
      headers['content-type'] = 'text/xml';
      payload =
        `<?xml version="1.0" encoding="UTF-8"?>\n<${ctx.operation}Response xmlns="${IAM_XMLNS}">` +
        `<${ctx.operation}Result>${result as string}</${ctx.operation}Result>` +
        `<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata></${ctx.operation}Response>`;
    } else if (result !== undefined) {
      headers['content-type'] = ctx.protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
      payload = JSON.stringify(result);
    }
    headers['content-length'] = String(Buffer.byteLength(payload));
    res.writeHead(status, headers);
    res.end(payload);
  }

  private sendError(ctx: RequestContext, res: http.ServerResponse, err: FakeError): void {
    const bareCode = err.code.replace(/^.*#/, '').replace(/:.*$/, '');
    this.log(ctx, err.status, bareCode);
    const headers: Record<string, string> = { 'x-amzn-RequestId': ctx.requestId, ...err.headers };
    let payload: string;
    if (ctx.protocol === 'rest') {
      headers['x-amzn-ErrorType'] = err.code;
      headers['content-type'] = 'application/json';
      payload = JSON.stringify({ message: err.message, ...err.extra });
    } else if (ctx.protocol === 'json') {
      headers['content-type'] = 'application/x-amz-json-1.1';
      payload = JSON.stringify({ __type: err.code, message: err.message, ...err.extra });
    } else {
      headers['content-type'] = 'text/xml';
      payload =
        `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${IAM_XMLNS}">` +
        xr('Error', x('Type', err.status >= 500 ? 'Receiver' : 'Sender') + x('Code', err.code) + x('Message', err.message)) +
        x('RequestId', ctx.requestId) +
        `</ErrorResponse>`;
    }
    headers['content-length'] = String(Buffer.byteLength(payload));
    res.writeHead(err.status, headers);
    res.end(payload);
  }

  private dispatch(ctx: RequestContext): unknown {
    if (ctx.protocol === 'rest') return this.iotOps[ctx.operation]!(ctx);
    if (ctx.protocol === 'json') return this.cognitoGetIdentityPoolRoles(ctx);
    return this.iamOps[ctx.operation]!(ctx);
  }

  // --- IoT -----------------------------------------------------------------------------------------------

  private iotBody(ctx: RequestContext): Record<string, unknown> {
    if (ctx.body.length === 0) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(ctx.body.toString('utf8'));
    } catch {
      throw new FakeError(400, 'InvalidRequestException', 'The request body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new FakeError(400, 'InvalidRequestException', 'The request body must be a JSON object.');
    }
    return parsed as Record<string, unknown>;
  }

  private iotPolicyName(ctx: RequestContext): string {
    const name = ctx.labels[0] ?? '';
    if (!IOT_POLICY_NAME.test(name)) {
      throw new FakeError(
        400,
        'InvalidRequestException',
        `1 validation error detected: Value '${name}' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length between 1 and 128`,
      );
    }
    return name;
  }

  private iotPolicy(ctx: RequestContext): IotPolicy {
    const name = this.iotPolicyName(ctx);
    const policy = this.state.iot.policies.get(name);
    if (!policy) throw new FakeError(404, 'ResourceNotFoundException', `Policy not found (name: ${name})`);
    return policy;
  }

  private iotVersion(ctx: RequestContext, policy: IotPolicy): IotPolicyVersion {
    const id = ctx.labels[1] ?? '';
    if (!IOT_VERSION_ID.test(id)) {
      throw new FakeError(
        400,
        'InvalidRequestException',
        `1 validation error detected: Value '${id}' at 'policyVersionId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+`,
      );
    }
    const version = policy.versions.find((v) => v.versionId === id);
    if (!version) throw new FakeError(404, 'ResourceNotFoundException', `Policy version not found (name: ${policy.name}, version: ${id})`);
    return version;
  }

  /** Real-service checks that are cheap: string, JSON, Statement, size. */
  private iotDocument(body: Record<string, unknown>): string {
    const doc = body['policyDocument'];
    if (doc === undefined || doc === null) {
      throw new FakeError(
        400,
        'InvalidRequestException',
        "1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null",
      );
    }
    if (typeof doc !== 'string') {
      throw new FakeError(400, 'MalformedPolicyException', 'Policy document must be a JSON string, not a JSON ' + (Array.isArray(doc) ? 'array' : typeof doc));
    }
    const size = doc.replace(/\s/g, '').length;
    if (size > this.maxIotDocChars) {
      throw new FakeError(
        400,
        'MalformedPolicyException',
        `Policy document is too large: ${size} characters excluding whitespace (maximum ${this.maxIotDocChars})`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(doc);
    } catch {
      throw new FakeError(400, 'MalformedPolicyException', 'Policy document is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new FakeError(400, 'MalformedPolicyException', 'Policy document must be a JSON object');
    }
    const statement = (parsed as Record<string, unknown>)['Statement'];
    if (typeof statement !== 'object' || statement === null) {
      throw new FakeError(400, 'MalformedPolicyException', 'Policy document must contain a Statement');
    }
    return doc;
  }

  private iotPageSize(ctx: RequestContext): number {
    const raw = ctx.query.get('pageSize');
    if (raw === undefined) return 250;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > 250) {
      throw new FakeError(
        400,
        'InvalidRequestException',
        `1 validation error detected: Value '${raw}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 250`,
      );
    }
    return n;
  }

  private touch(policy: IotPolicy): void {
    policy.lastModifiedDate = new Date();
    policy.generationId = newGenerationId();
  }

  private nextVersionId(policy: IotPolicy): string {
    const highest = Math.max(policy.lastVersionId, ...policy.versions.map((v) => Number(v.versionId)));
    policy.lastVersionId = highest + 1;
    return String(policy.lastVersionId);
  }

  private cognitoGetIdentityPoolRoles(ctx: RequestContext): unknown {
    let input: unknown;
    try {
      input = JSON.parse(ctx.body.toString('utf8') || '{}');
    } catch {
      throw new FakeError(400, 'SerializationException', 'Start of structure or map found where not expected.');
    }
    const id = (input as { IdentityPoolId?: unknown } | null)?.IdentityPoolId;
    if (typeof id !== 'string' || id.length < 1 || id.length > 55 || !COGNITO_POOL_ID.test(id)) {
      throw new FakeError(
        400,
        'InvalidParameterException',
        `1 validation error detected: Value '${String(id)}' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`,
      );
    }
    const pool = this.state.cognito.identityPools.get(id);
    if (!pool) throw new FakeError(400, 'ResourceNotFoundException', `IdentityPool '${id}' not found.`);
    const roles: Record<string, string> = {};
    if (pool.roles.authenticated !== undefined) roles['authenticated'] = pool.roles.authenticated;
    if (pool.roles.unauthenticated !== undefined) roles['unauthenticated'] = pool.roles.unauthenticated;
    return { IdentityPoolId: id, Roles: roles, ...(pool.roleMappings ? { RoleMappings: pool.roleMappings } : {}) };
  }

  // --- IAM -----------------------------------------------------------------------------------------------

  private iamParam(ctx: RequestContext, name: string): string {
    const v = ctx.params.get(name);
    if (v === undefined || v === '') {
      const member = name.charAt(0).toLowerCase() + name.slice(1);
      throw new FakeError(
        400,
        'ValidationError',
        `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return v;
  }

  private iamRole(ctx: RequestContext): IamRole {
    const name = this.iamParam(ctx, 'RoleName');
    const role = this.state.iam.roles.get(name);
    if (!role) throw new FakeError(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`);
    return role;
  }

  private iamPolicy(ctx: RequestContext): IamManagedPolicy {
    const arn = this.iamParam(ctx, 'PolicyArn');
    if (!parseIamPolicyArn(arn)) throw new FakeError(400, 'InvalidInput', `ARN ${arn} is not valid.`);
    const policy = this.state.iam.policies.get(arn);
    if (!policy) throw new FakeError(404, 'NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
    return policy;
  }

  private iamPage<T>(ctx: RequestContext, items: T[]): { page: T[]; tail: string } {
    const rawMax = ctx.params.get('MaxItems');
    const max = rawMax === undefined ? 100 : Number(rawMax);
    if (!Number.isInteger(max) || max < 1 || max > 1000) {
      throw new FakeError(
        400,
        'ValidationError',
        `1 validation error detected: Value '${rawMax}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
      );
    }
    const p = paginate(items, ctx.params.get('Marker'), max);
    if (!p) throw new FakeError(400, 'ValidationError', 'Invalid Marker.');
    return { page: p.page, tail: x('IsTruncated', p.next !== undefined) + x('Marker', p.next) };
  }

  // --- operation tables ---------------------------------------------------------------------------------

  private readonly iotOps: Record<string, (ctx: RequestContext) => unknown> = {
    CreatePolicy: (ctx) => {
      const name = this.iotPolicyName(ctx);
      const body = this.iotBody(ctx);
      const document = this.iotDocument(body);
      if (this.state.iot.policies.has(name)) {
        throw new FakeError(409, 'ResourceAlreadyExistsException', `Policy cannot be created - name already exists (name=${name})`, {
          resourceId: name,
          resourceArn: this.iotPolicyArn(name),
        });
      }
      const now = new Date();
      const policy: IotPolicy = {
        name,
        arn: this.iotPolicyArn(name),
        versions: [{ versionId: '1', document, isDefault: true, createDate: now }],
        generationId: newGenerationId(),
        creationDate: now,
        lastModifiedDate: now,
        lastVersionId: 1,
      };
      this.state.iot.policies.set(name, policy);
      return { policyName: name, policyArn: policy.arn, policyDocument: document, policyVersionId: '1' };
    },
    GetPolicy: (ctx) => {
      const policy = this.iotPolicy(ctx);
      const def = policy.versions.find((v) => v.isDefault);
      return {
        policyName: policy.name,
        policyArn: policy.arn,
        policyDocument: def?.document,
        defaultVersionId: def?.versionId,
        creationDate: epochSeconds(policy.creationDate),
        lastModifiedDate: epochSeconds(policy.lastModifiedDate),
        generationId: policy.generationId,
      };
    },
    DeletePolicy: (ctx) => {
      const policy = this.iotPolicy(ctx);
      const attachedTo = [...this.state.iot.attachments].filter(([, set]) => set.has(policy.name)).length;
      if (attachedTo > 0) {
        throw new FakeError(
          409,
          'DeleteConflictException',
          `The policy cannot be deleted as the policy is attached to one or more principals (name=${policy.name})`,
        );
      }
      if (policy.versions.some((v) => !v.isDefault)) {
        throw new FakeError(409, 'DeleteConflictException', `Cannot delete the policy because it has one or more non-default versions (name=${policy.name})`);
      }
      this.state.iot.policies.delete(policy.name);
      return undefined;
    },
    CreatePolicyVersion: (ctx) => {
      const policy = this.iotPolicy(ctx);
      const document = this.iotDocument(this.iotBody(ctx));
      const setAsDefaultRaw = ctx.query.get('setAsDefault');
      if (setAsDefaultRaw !== undefined && setAsDefaultRaw !== 'true' && setAsDefaultRaw !== 'false') {
        throw new FakeError(400, 'InvalidRequestException', `Invalid value for setAsDefault: ${setAsDefaultRaw}`);
      }
      if (policy.versions.length >= this.maxPolicyVersions) {
        throw new FakeError(
          409,
          'VersionsLimitExceededException',
          `The policy ${policy.name} already has the maximum number of versions (${this.maxPolicyVersions})`,
        );
      }
      const setAsDefault = setAsDefaultRaw === 'true';
      if (setAsDefault) for (const v of policy.versions) v.isDefault = false;
      const version: IotPolicyVersion = {
        versionId: this.nextVersionId(policy),
        document,
        isDefault: setAsDefault,
        createDate: new Date(),
      };
      policy.versions.push(version);
      this.touch(policy);
      return { policyArn: policy.arn, policyDocument: document, policyVersionId: version.versionId, isDefaultVersion: setAsDefault };
    },
    ListPolicyVersions: (ctx) => {
      const policy = this.iotPolicy(ctx);
      return {
        policyVersions: policy.versions.map((v) => ({
          versionId: v.versionId,
          isDefaultVersion: v.isDefault,
          createDate: epochSeconds(v.createDate),
        })),
      };
    },
    GetPolicyVersion: (ctx) => {
      const policy = this.iotPolicy(ctx);
      const v = this.iotVersion(ctx, policy);
      return {
        policyArn: policy.arn,
        policyName: policy.name,
        policyDocument: v.document,
        policyVersionId: v.versionId,
        isDefaultVersion: v.isDefault,
        creationDate: epochSeconds(v.createDate),
        lastModifiedDate: epochSeconds(policy.lastModifiedDate),
        generationId: policy.generationId,
      };
    },
    DeletePolicyVersion: (ctx) => {
      const policy = this.iotPolicy(ctx);
      const v = this.iotVersion(ctx, policy);
      if (v.isDefault) {
        throw new FakeError(409, 'DeleteConflictException', `Cannot delete the default version of a policy (name=${policy.name}, version=${v.versionId})`);
      }
      policy.versions = policy.versions.filter((p) => p !== v);
      this.touch(policy);
      return undefined;
    },
    SetDefaultPolicyVersion: (ctx) => {
      const policy = this.iotPolicy(ctx);
      const v = this.iotVersion(ctx, policy);
      for (const p of policy.versions) p.isDefault = p === v;
      this.touch(policy);
      return undefined;
    },
    AttachPolicy: (ctx) => {
      const policy = this.iotPolicy(ctx);
      const target = iotTarget(this.iotBody(ctx));
      const set = this.state.iot.attachments.get(target) ?? new Set<string>();
      if (!set.has(policy.name) && set.size >= this.maxPoliciesPerTarget) {
        throw new FakeError(
          410,
          'LimitExceededException',
          `The target ${target} already has the maximum number of policies attached (${this.maxPoliciesPerTarget})`,
        );
      }
      set.add(policy.name);
      this.state.iot.attachments.set(target, set);
      return undefined;
    },
    DetachPolicy: (ctx) => {
      const name = this.iotPolicyName(ctx);
      const target = iotTarget(this.iotBody(ctx));
      const set = this.state.iot.attachments.get(target);
      if (set) {
        set.delete(name);
        if (set.size === 0) this.state.iot.attachments.delete(target);
      }
      return undefined;
    },
    ListAttachedPolicies: (ctx) => {
      const target = ctx.labels[0] ?? '';
      if (target === '') throw new FakeError(400, 'InvalidRequestException', 'target must not be empty');
      const names = [...(this.state.iot.attachments.get(target) ?? [])];
      const p = paginate(names, ctx.query.get('marker'), this.iotPageSize(ctx));
      if (!p) throw new FakeError(400, 'InvalidRequestException', 'Invalid marker');
      return {
        policies: p.page.map((n) => ({ policyName: n, policyArn: this.iotPolicyArn(n) })),
        ...(p.next !== undefined ? { nextMarker: p.next } : {}),
      };
    },
    ListTargetsForPolicy: (ctx) => {
      const policy = this.iotPolicy(ctx);
      const targets = [...this.state.iot.attachments].filter(([, set]) => set.has(policy.name)).map(([t]) => t);
      const p = paginate(targets, ctx.query.get('marker'), this.iotPageSize(ctx));
      if (!p) throw new FakeError(400, 'InvalidRequestException', 'Invalid marker');
      return { targets: p.page, ...(p.next !== undefined ? { nextMarker: p.next } : {}) };
    },
  };

  private readonly iamOps: Record<string, (ctx: RequestContext) => unknown> = {
    GetRole: (ctx) => {
      const r = this.iamRole(ctx);
      return xr(
        'Role',
        x('Path', r.path) +
          x('RoleName', r.name) +
          x('RoleId', r.roleId) +
          x('Arn', r.arn) +
          x('CreateDate', isoSeconds(r.createDate)) +
          x('AssumeRolePolicyDocument', escapeUri(r.assumeRolePolicyDocument)) +
          x('Description', r.description) +
          x('MaxSessionDuration', r.maxSessionDuration) +
          '<RoleLastUsed/>',
      );
    },
    ListRolePolicies: (ctx) => {
      const r = this.iamRole(ctx);
      const { page, tail } = this.iamPage(ctx, [...r.inlinePolicies.keys()].sort());
      return xr('PolicyNames', page.map((n) => x('member', n)).join('')) + tail;
    },
    GetRolePolicy: (ctx) => {
      const r = this.iamRole(ctx);
      const name = this.iamParam(ctx, 'PolicyName');
      const doc = r.inlinePolicies.get(name);
      if (doc === undefined) throw new FakeError(404, 'NoSuchEntity', `The role policy with name ${name} cannot be found.`);
      return x('RoleName', r.name) + x('PolicyName', name) + x('PolicyDocument', escapeUri(doc));
    },
    ListAttachedRolePolicies: (ctx) => {
      const r = this.iamRole(ctx);
      const prefix = ctx.params.get('PathPrefix') ?? '/';
      if (!prefix.startsWith('/'))
        throw new FakeError(
          400,
          'ValidationError',
          `The specified value for pathPrefix is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
        );
      const attached = r.attachedPolicyArns.map((arn) => ({ arn, parsed: parseIamPolicyArn(arn) })).filter((a) => (a.parsed?.path ?? '/').startsWith(prefix));
      const { page, tail } = this.iamPage(ctx, attached);
      return (
        xr('AttachedPolicies', page.map((a) => xr('member', x('PolicyName', a.parsed?.name ?? a.arn.replace(/^.*\//, '')) + x('PolicyArn', a.arn))).join('')) +
        tail
      );
    },
    GetPolicy: (ctx) => {
      const p = this.iamPolicy(ctx);
      const def = p.versions.find((v) => v.isDefault);
      const attachments = [...this.state.iam.roles.values()].filter((r) => r.attachedPolicyArns.includes(p.arn)).length;
      return xr(
        'Policy',
        x('PolicyName', p.name) +
          x('PolicyId', p.policyId) +
          x('Arn', p.arn) +
          x('Path', p.path) +
          x('DefaultVersionId', def?.versionId) +
          x('AttachmentCount', attachments) +
          x('PermissionsBoundaryUsageCount', 0) +
          x('IsAttachable', true) +
          x('CreateDate', isoSeconds(p.createDate)) +
          x('UpdateDate', isoSeconds(p.updateDate)),
      );
    },
    GetPolicyVersion: (ctx) => {
      const p = this.iamPolicy(ctx);
      const id = this.iamParam(ctx, 'VersionId');
      const v = p.versions.find((pv) => pv.versionId === id);
      if (!v) throw new FakeError(404, 'NoSuchEntity', `Policy ${p.arn} version ${id} does not exist or is not attachable.`);
      return xr(
        'PolicyVersion',
        x('Document', escapeUri(v.document)) + x('VersionId', v.versionId) + x('IsDefaultVersion', v.isDefault) + x('CreateDate', isoSeconds(v.createDate)),
      );
    },
  };
}

/** A successful reply, rewritten by a `repeat-marker` or `editReply` disruption. */
function disturbedReply(
  protocol: Protocol,
  result: unknown,
  disruption: Exclude<FakeDisruption, '500' | 'hang' | 'stall-body' | 'apply-then-reset' | 'apply-then-500'>,
): unknown {
  const firstPage = encodeMarker(0);
  if (disruption !== 'repeat-marker') {
    if (protocol === 'query') throw new Error('editReply rewrites JSON replies only (IoT, Cognito)');
    return disruption.editReply((result ?? {}) as Record<string, unknown>);
  }
  if (protocol !== 'query') return { ...(result as Record<string, unknown>), nextMarker: firstPage };
  return (result as string).replace(
    /<IsTruncated>\w+<\/IsTruncated>(<Marker>[^<]*<\/Marker>)?/,
    `<IsTruncated>true</IsTruncated><Marker>${firstPage}</Marker>`,
  );
}

function newGenerationId(): string {
  return crypto.randomBytes(32).toString('hex');
}

/** Non-S3 canonical URI: normalise, then percent-encode the (already encoded) raw path a second time. */
function canonicalUri(rawPath: string): string {
  const segs: string[] = [];
  for (const s of rawPath.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segs.pop();
    else segs.push(s);
  }
  const normalized = `${rawPath.startsWith('/') ? '/' : ''}${segs.join('/')}${segs.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

function iotTarget(body: Record<string, unknown>): string {
  const target = body['target'];
  if (typeof target !== 'string' || target === '') {
    throw new FakeError(
      400,
      'InvalidRequestException',
      "1 validation error detected: Value null at 'target' failed to satisfy constraint: Member must not be null",
    );
  }
  return target;
}

/** Start a fake on 127.0.0.1 with a random port. Call `close()` when done. */
export async function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  const fake = new FakeAws(options);
  await fake.listen();
  return fake;
}
