import { authorize, authorizeWithContext, type Authorization, type RolePolicies } from './cognito/authorize';
import { identityContext, type CognitoIdentity } from './cognito/identity';
import { IOT_POLICY_OPTIONS, ROLE_POLICY_OPTIONS } from './cognito/role-policies';
import { compilePolicy, type CompileOptions, type CompiledPolicy } from './evaluate/compile';
import type { ContextValue } from './evaluate/context';
import { pinnedReadings, type ReadingChoices } from './readings/choices';
import { parsePolicy } from './policy/parse';
import { DEFAULT_SCOPE, iotArn, type ArnScope } from './scenario/arn';
import type { CheckResult } from './scenario/results';
import { loadScenarioRun } from './on-demand';

/** A policy given as JSON text (with an optional file name for locations) or already compiled. */
export type PolicyInput = string | { text: string; file?: string } | CompiledPolicy;

let inlineCounter = 0;

export function toCompiledPolicy(input: PolicyInput, options: CompileOptions = {}): CompiledPolicy {
  if (typeof input === 'string') return compilePolicy(parsePolicy(input, `<policy ${++inlineCounter}>`), options);
  if ('text' in input) return compilePolicy(parsePolicy(input.text, input.file ?? `<policy ${++inlineCounter}>`), options);
  return input;
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

  // The can… helpers are true only when every reading allows (an ambiguous verdict is not a yes).
  canConnect(clientId = this.identity.clientId ?? this.identity.identityId): boolean {
    // The client ID decides more than iot:ClientId: thing keys exist only when it is the attached thing's name.
    return (
      authorize(this.pool.roles, this, { action: 'iot:Connect', resource: this.pool.arn('client', clientId), clientId }, { readings: this.pool.readings })
        .decision === 'allow'
    );
  }

  canPublish(topic: string): boolean {
    return this.decide('iot:Publish', this.pool.arn('topic', topic)).decision === 'allow';
  }

  canSubscribe(filter: string): boolean {
    return this.decide('iot:Subscribe', this.pool.arn('topicfilter', filter)).decision === 'allow';
  }

  canReceive(topic: string): boolean {
    return this.decide('iot:Receive', this.pool.arn('topic', topic)).decision === 'allow';
  }
}
