import { authorize, authorizeWithContext, type Authorization, type ReadingVerdict, type RolePolicies } from './cognito/authorize';
import { identityContext, type CognitoIdentity } from './cognito/identity';
import { IOT_POLICY_OPTIONS, ROLE_POLICY_OPTIONS } from './cognito/role-policies';
import { compilePolicy, type CompileOptions, type CompiledPolicy } from './evaluate/compile';
import type { ContextValue } from './evaluate/context';
import { pinnedReadings, type ReadingChoices } from './readings/choices';
import { parsePolicy } from './policy/parse';
import { DEFAULT_SCOPE, iotArn, type ArnScope } from './scenario/arn';
import { formatLocation } from './source/range';
import type { CheckResult } from './scenario/results';
import { loadScenarioRun } from './on-demand';

/**
 * A policy given as JSON text (with an optional file name for locations), as a parsed policy object
 * (`{ Version, Statement }`, e.g. from `JSON.parse` or `require`), or already compiled (`compilePolicy`).
 */
export type PolicyInput = string | { text: string; file?: string } | PolicyDocumentObject | CompiledPolicy;

/** A policy document as parsed JSON. */
export interface PolicyDocumentObject {
  Version?: string;
  Statement: unknown;
  Id?: string;
}

let inlineCounter = 0;

/**
 * Compiles a policy input. Text that is not valid JSON throws a SyntaxError naming `file:line:column`
 * (AWS rejects such a document: never read as a policy that grants nothing); anything that is not a
 * policy input throws a TypeError saying what is expected.
 */
export function toCompiledPolicy(input: PolicyInput, options: CompileOptions = {}): CompiledPolicy {
  if (typeof input === 'string') return compileText(input, `<policy ${++inlineCounter}>`, options);
  if (typeof input === 'object' && input !== null) {
    if ('statementsByAction' in input) return input;
    if ('text' in input && typeof input.text === 'string') return compileText(input.text, input.file ?? `<policy ${++inlineCounter}>`, options);
    if ('Statement' in input) return compileText(JSON.stringify(input, null, 2), `<policy ${++inlineCounter}>`, options);
  }
  const got = input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input === 'object' ? 'an object without Statement' : typeof input;
  throw new TypeError(`expected a policy: JSON text, { text, file }, a parsed policy object ({ Version, Statement }) or compilePolicy()'s result; got ${got}`);
}

function compileText(text: string, file: string, options: CompileOptions): CompiledPolicy {
  const parsed = parsePolicy(text, file);
  const invalid = parsed.problems.find((p) => p.code === 'invalid-json');
  if (invalid) throw new SyntaxError(`${formatLocation(invalid.range)}: ${invalid.message}`);
  return compilePolicy(parsed, options);
}

/**
 * Thrown by the `can…` helpers when AWS's documentation admits readings under which the verdict differs
 * (docs/readings.md): neither true nor false would be honest. Pin the readings your team has tested
 * (`new IdentityPool({ readings })`), or use `decide()`, whose `decision` is then `ambiguous` with `outcomes`.
 */
export class AmbiguousVerdictError extends Error {
  constructor(
    readonly request: { action: string; resource: string },
    readonly outcomes: readonly ReadingVerdict[],
  ) {
    const under = (decision: string) =>
      outcomes
        .filter((o) => o.decision === decision)
        .map((o) =>
          Object.entries(o.readings)
            .map(([id, outcome]) => `${id}=${outcome}`)
            .join(', '),
        )
        .join('; ');
    super(
      `${request.action} on ${request.resource} is ambiguous: allowed under ${under('allow')}, denied under ${under('deny')} (docs/readings.md); pin the readings you have tested (new IdentityPool({ readings })) or use decide()`,
    );
    this.name = 'AmbiguousVerdictError';
  }
}

/** A verdict as a boolean, never a silent false for an ambiguous one. */
function definite(authorization: Authorization, action: string, resource: string): boolean {
  if (authorization.decision === 'ambiguous') throw new AmbiguousVerdictError({ action, resource }, authorization.outcomes ?? []);
  return authorization.decision === 'allow';
}

const asRolePolicy = (input: PolicyInput) => toCompiledPolicy(input, ROLE_POLICY_OPTIONS);

/**
 * An identity pool's authorization model, compiled once: ask it many questions.
 *
 * ```ts
 * const pool = new IdentityPool({ authenticatedRole: [authRoleJson], unauthenticatedRole: [guestJson] });
 * const alice = pool.identity({ type: 'authenticated', identityId: 'us-east-1:1111…' }, [userIotPolicyJson]);
 * alice.canPublish('users/us-east-1:1111…/telemetry'); // true
 * alice.explain('iot:Subscribe', pool.arn('topicfilter', 'users/#'));   // decision + deciding statements + variables
 * ```
 */
export class IdentityPool {
  readonly roles: RolePolicies;
  readonly scope: ArnScope;
  /** Outcomes of readings your team has tested (docs/readings.md), e.g. `{ A1: 'unrestricted' }` for the basic flow; an unknown id or outcome throws. */
  readonly readings: ReadingChoices | undefined;

  constructor(
    options: { authenticatedRole?: PolicyInput[]; unauthenticatedRole?: PolicyInput[]; scope?: Partial<ArnScope>; readings?: Record<string, string> } = {},
  ) {
    this.roles = {
      authenticated: (options.authenticatedRole ?? []).map(asRolePolicy),
      unauthenticated: (options.unauthenticatedRole ?? []).map(asRolePolicy),
    };
    this.scope = { ...DEFAULT_SCOPE, ...options.scope };
    this.readings = options.readings && pinnedReadings(options.readings);
  }

  arn(type: 'client' | 'topic' | 'topicfilter' | 'thing', name: string): string {
    return iotArn(this.scope, type, name);
  }

  /** An identity with the IoT policies attached to its identity ID (ignored by AWS for guests). */
  identity(identity: CognitoIdentity, iotPolicies: PolicyInput[] = [], name = identity.identityId): IdentityView {
    return new IdentityView(
      this,
      identity,
      iotPolicies.map((p) => toCompiledPolicy(p, IOT_POLICY_OPTIONS)),
      name,
    );
  }
}

export class IdentityView {
  /** Built once: the identity's own connection asks every question the fast path answers. */
  private readonly ownContext: ReturnType<typeof identityContext>;

  constructor(
    private readonly pool: IdentityPool,
    readonly identity: CognitoIdentity,
    readonly iotPolicies: readonly CompiledPolicy[],
    readonly name: string,
  ) {
    this.ownContext = identityContext(identity);
  }

  /**
   * The fast path: decision and deciding statements, no trace (`authorize`, the whole Cognito model). Over
   * HTTPS, Connect/Subscribe/Receive are denied with `refusedBecause`. `ambiguous` (with `outcomes`) when the
   * verdict depends on a reading of AWS's documentation.
   */
  decide(action: string, resource: string, extraContext?: Record<string, ContextValue>): Authorization {
    return authorizeWithContext(this.ownContext, this.pool.roles, this, { action, resource, context: extraContext }, { readings: this.pool.readings });
  }

  /** The decision with its full explanation (every statement considered, variable values, notes). */
  explain(action: string, resource: string, extraContext?: Record<string, ContextValue>): CheckResult {
    return loadScenarioRun().decideCheck(this.pool.roles, this, { action, resource }, { context: extraContext, readings: this.pool.readings });
  }

  /*
   * The can… helpers answer true when AWS allows the request under every reading of its documentation,
   * false when it denies it under every reading, and throw AmbiguousVerdictError when the readings disagree
   * (so neither `assert(x.can…)` nor `assert(!x.can…)` passes on a verdict AWS's documentation leaves open).
   */

  /** Whether the identity may connect with this client ID (default: its own). Throws AmbiguousVerdictError when the readings disagree. */
  canConnect(clientId = this.identity.clientId ?? this.identity.identityId): boolean {
    // The client ID decides more than iot:ClientId: thing keys exist only when it is the attached thing's name.
    const resource = this.pool.arn('client', clientId);
    return definite(authorize(this.pool.roles, this, { action: 'iot:Connect', resource, clientId }, { readings: this.pool.readings }), 'iot:Connect', resource);
  }

  /** Whether the identity may publish to this topic. Throws AmbiguousVerdictError when the readings disagree. */
  canPublish(topic: string): boolean {
    return this.definitely('iot:Publish', this.pool.arn('topic', topic));
  }

  /** Whether the identity may subscribe to this topic filter. Throws AmbiguousVerdictError when the readings disagree. */
  canSubscribe(filter: string): boolean {
    return this.definitely('iot:Subscribe', this.pool.arn('topicfilter', filter));
  }

  /** Whether the identity may receive messages on this topic. Throws AmbiguousVerdictError when the readings disagree. */
  canReceive(topic: string): boolean {
    return this.definitely('iot:Receive', this.pool.arn('topic', topic));
  }

  private definitely(action: string, resource: string): boolean {
    return definite(this.decide(action, resource), action, resource);
  }
}
