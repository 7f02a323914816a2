import { findDataPlaneAction } from '../catalog/data-plane';
import { policyUnder, readingsForAction, type CompiledPolicy } from '../evaluate/compile';
import { A1, A2, type ReadingChoices } from '../readings/choices';
import { readingCombinations } from '../readings/combinations';
import type { ContextValue, RequestContext } from '../evaluate/context';
import { evaluatePolicySet, makeRequest, type AuthRequest, type PolicySetResult } from '../evaluate/evaluate';
import type { PolicySetTrace } from '../explain/explain';
import { loadExplain } from '../on-demand';
import { identityContext, transportRefusal, type CognitoIdentity, type ContextNote, type IdentityType } from './identity';
import { leavesOpen, openRequestValues, type OpenKeyValues } from './open-request-values';

/** The identity pool's role policies, compiled. */
export interface RolePolicies {
  authenticated: readonly CompiledPolicy[];
  unauthenticated: readonly CompiledPolicy[];
}

/** How the attached IoT policies take part in a decision. */
export type IotPolicyRole =
  /** Guests: AWS IoT does not use IoT policies; the unauthenticated role alone decides. */
  | 'ignored-for-guests'
  /** Not a scoped-down action: the authenticated role alone decides (documented "other operations"). */
  | 'not-scoped-down'
  /** A documented scoped-down action: role AND IoT policy must allow. */
  | 'required'
  /** A newer data-plane action missing from AWS's list: both by default; also decided by the role alone (reading A2). */
  | 'required-inferred';

/** The verdict under one combination of reading outcomes. */
export interface ReadingVerdict {
  /** Reading id → the outcome assumed (catalog ids, docs/readings.md). */
  readings: Record<string, string>;
  decision: 'allow' | 'deny';
  role: PolicySetResult;
  iot?: PolicySetResult;
}

export interface CognitoDecision {
  /** `ambiguous`: AWS's documentation admits readings under which the verdicts differ (see `outcomes`). */
  decision: 'allow' | 'deny' | 'ambiguous';
  /** Set when the verdict is ambiguous: the verdict under each combination of the readings it touches. */
  outcomes?: ReadingVerdict[];
  request: AuthRequest;
  identityType: IdentityType;
  role: PolicySetResult;
  iotPolicyRole: IotPolicyRole;
  /** Undefined when IoT policies were not consulted; implicit-deny when none is attached. */
  iot?: PolicySetResult;
  /** How many IoT policies are attached to the identity, when they were consulted. */
  attachedIotPolicies?: number;
}

/** A Cognito identity with the AWS IoT policies attached to its identity ID (AWS ignores them for guests). */
export interface CognitoSubject {
  identity: CognitoIdentity;
  iotPolicies: readonly CompiledPolicy[];
}

export interface AuthorizeRequest {
  action: string;
  resource: string;
  /** The MQTT client ID of this request, when not the identity's own (ignored over HTTPS). */
  clientId?: string;
  /** Context keys for this request; they override those AWS IoT derives from the identity. */
  context?: Readonly<Record<string, ContextValue>>;
}

export interface AuthorizeOptions {
  /** Reading outcomes a team has tested and pins (scenario `readings`); the others are all tried. */
  readings?: ReadingChoices;
  /** Also return how each policy set decided, statement by statement, from the same evaluation. */
  trace?: boolean;
}

export interface Authorization extends CognitoDecision {
  /** Set when the identity's transport cannot make the request at all (Connect, Subscribe or Receive over HTTPS): the decision is deny. */
  refusedBecause?: string;
  /** Why context keys have or lack values (no client ID over HTTPS, thing keys…). */
  contextNotes: ContextNote[];
  /** With `trace`: the role's and (when consulted) the IoT policies' statements, as decided under the pinned readings. */
  trace?: { role: PolicySetTrace; iot?: PolicySetTrace };
}

/**
 * Whether AWS IoT Core lets this Cognito identity make this request — the whole model in one place
 * (docs/iot-authorization.md): the request context AWS builds for the identity, its transport (HTTPS only
 * publishes: no Connect, Subscribe or Receive), the identity pool role for its type, the IoT policies
 * attached to it for scoped-down actions, and the readings of AWS's documentation the request touches
 * (`ambiguous` when they disagree). Every decision the tool shows comes from here.
 */
export function authorize(pool: RolePolicies, subject: CognitoSubject, request: AuthorizeRequest, options: AuthorizeOptions = {}): Authorization {
  return authorizeWithContext(identityContext(subject.identity, request.clientId), pool, subject, request, options);
}

/**
 * `authorize` with the identity's context already built — `identityContext(subject.identity, request.clientId)`,
 * never changed — for callers that ask many questions of one identity (IdentityView: building the context
 * costs more than deciding).
 */
export function authorizeWithContext(
  built: { context: RequestContext; notes: ContextNote[] },
  pool: RolePolicies,
  subject: CognitoSubject,
  request: AuthorizeRequest,
  options: AuthorizeOptions = {},
): Authorization {
  const { identity } = subject;
  const extra = request.context ? Object.entries(request.context) : [];
  const context = extra.length > 0 ? built.context.with(extra) : built.context;
  const traces: LayerTraces | undefined = options.trace ? {} : undefined;
  const decide = (asked: RequestContext, traced: LayerTraces | undefined) =>
    decideForIdentity(identity.type, pool, subject.iotPolicies, request.action, request.resource, asked, options.readings, traced);
  const open = openValuesFor(identity.type, pool, subject.iotPolicies, request, context);
  const decision = open ? decideForEveryOpenValue(open, context, (asked, first) => decide(asked, first ? traces : undefined)) : decide(context, traces);
  const refusedBecause = transportRefusal(identity, request.action);
  // One literal of one shape (no spread, no property added later): this is the hot path of every question.
  return {
    decision: refusedBecause ? 'deny' : decision.decision,
    outcomes: refusedBecause ? undefined : decision.outcomes,
    request: decision.request,
    identityType: decision.identityType,
    role: decision.role,
    iotPolicyRole: decision.iotPolicyRole,
    iot: decision.iot,
    attachedIotPolicies: decision.attachedIotPolicies,
    refusedBecause,
    contextNotes: built.notes,
    trace: traces?.role && { role: traces.role, iot: traces.iot },
  };
}

/**
 * The request values AWS IoT always has that the question leaves open and a consulted statement able to
 * apply reads (open-request-values.ts); undefined otherwise — on the fast path, one cached look-up per policy.
 */
function openValuesFor(
  type: IdentityType,
  pool: RolePolicies,
  iotPolicies: readonly CompiledPolicy[],
  { action, resource }: AuthorizeRequest,
  context: RequestContext,
): OpenKeyValues[] | undefined {
  const role = type === 'authenticated' ? pool.authenticated : pool.unauthenticated;
  if (!leavesOpen(role, context) && !leavesOpen(iotPolicies, context)) return undefined;
  const request = makeRequest(action, resource, context);
  const consulted = iotPolicyRoleFor(type, request.actionKey);
  const iot = consulted === 'required' || consulted === 'required-inferred' ? iotPolicies : [];
  return openRequestValues(iot.length > 0 ? [...role, ...iot] : role, request);
}

/** Past this many combinations of open values, the question is decided for the first ones, and the rest are an outcome of their own. */
export const MAX_OPEN_VALUES = 4096;

/**
 * A request that leaves open values AWS IoT always has, decided for every combination of their candidates:
 * the verdict when every combination gives it, else ambiguous, each outcome naming the values ("the
 * request's aws:SourceIp is 11.0.0.0–255.255.255.255"). Values not tried (past MAX_OPEN_VALUES, or
 * candidates that may not separate everything) are an outcome of their own, the verdict the tried ones did
 * not rule out: never a verdict the tool did not reach.
 */
function decideForEveryOpenValue(
  open: readonly OpenKeyValues[],
  context: RequestContext,
  decide: (asked: RequestContext, first: boolean) => CognitoDecision,
): CognitoDecision {
  const total = open.reduce((n, k) => n * k.candidates.length, 1);
  const tried = Array.from({ length: Math.min(total, MAX_OPEN_VALUES) }, (_, index) => {
    // The index in mixed radix: one candidate of each key.
    let rest = index;
    const chosen = open.map(({ key, candidates }) => {
      const candidate = candidates[rest % candidates.length];
      rest = Math.floor(rest / candidates.length);
      return { key, candidate };
    });
    const asked = context.with(chosen.map(({ key, candidate }) => [key.name, candidate.value]));
    const named = Object.fromEntries(chosen.map(({ key, candidate }) => [key.name, candidate.label]));
    return { named, decision: decide(asked, index === 0) };
  });
  const first = tried[0].decision;
  const untried = total - tried.length;
  const incomplete = open.filter((k) => !k.complete);
  const agree = tried.every((t) => t.decision.decision === first.decision && t.decision.decision !== 'ambiguous');
  if (agree && incomplete.length === 0 && untried === 0) return first;
  const outcomes = tried.flatMap(({ named, decision }): ReadingVerdict[] =>
    decision.outcomes
      ? decision.outcomes.map((o) => ({ ...o, readings: { ...o.readings, ...named } }))
      : [{ readings: named, decision: decision.decision as 'allow' | 'deny', role: decision.role, ...(decision.iot && { iot: decision.iot }) }],
  );
  if (incomplete.length > 0 || untried > 0) {
    const names = open.map((k) => k.key.name).join(' and ');
    const noun = open.length === 1 ? open[0].key.plural : 'combinations';
    const other =
      untried > 0 ? { [names]: `one of ${untried} further ${noun}, not tried` } : Object.fromEntries(incomplete.map((k) => [k.key.name, k.key.untried]));
    // What the tried values did not show is possible there: an allow, or a deny when every tried value allows.
    const possible = agree && first.decision === 'allow' ? 'deny' : 'allow';
    outcomes.push({ readings: other, decision: possible, role: first.role, ...(first.iot && { iot: first.iot }) });
  }
  return { ...first, decision: 'ambiguous', outcomes };
}

/**
 * The policy layers of the Cognito model (docs/iot-authorization.md §1), for a context already built:
 * guests get only the unauthenticated role; authenticated identities need the authenticated role AND an IoT
 * policy attached to their identity ID for scoped-down actions, and with no IoT policy attached they are
 * denied those actions. A request whose statements touch no evaluated reading is decided once (the fast
 * path); otherwise under every combination of the readings it touches, and `ambiguous` when the verdicts
 * differ. `pinned` fixes readings a team has tested (scenario `readings`). It knows nothing of the
 * transport: outside this module and the tests of its layers, use `authorize`.
 */
export function decideForIdentity(
  identityType: IdentityType,
  roles: RolePolicies,
  iotPolicies: readonly CompiledPolicy[],
  action: string,
  resource: string,
  context: RequestContext,
  pinned?: ReadingChoices,
  /** Filled with each layer's trace of the pass under the pinned readings (the one explanations show). */
  traces?: LayerTraces,
): CognitoDecision {
  const request = makeRequest(action, resource, context);
  const rolePolicies = identityType === 'authenticated' ? roles.authenticated : roles.unauthenticated;
  const iotPolicyRole = iotPolicyRoleFor(identityType, request.actionKey);
  const touched = touchedReadings(
    rolePolicies,
    iotPolicyRole === 'required' || iotPolicyRole === 'required-inferred' ? iotPolicies : [],
    iotPolicyRole,
    request.actionKey,
    pinned,
  );
  return decideWithReadings(identityType, rolePolicies, iotPolicies, iotPolicyRole, request, touched, pinned, traces);
}

function decideWithReadings(
  identityType: IdentityType,
  rolePolicies: readonly CompiledPolicy[],
  iotPolicies: readonly CompiledPolicy[],
  iotPolicyRole: IotPolicyRole,
  request: AuthRequest,
  touched: string[],
  pinned: ReadingChoices | undefined,
  traces: LayerTraces | undefined,
): CognitoDecision {
  const plain = decideOnce(identityType, rolePolicies, iotPolicies, iotPolicyRole, request, pinned, traces);
  if (touched.length === 0) return plain;
  const outcomes = readingCombinations(touched).map((combination): ReadingVerdict => {
    const choices = new Map([...(pinned ?? []), ...combination]);
    const { decision, role, iot } = decideOnce(identityType, rolePolicies, iotPolicies, iotPolicyRole, request, choices, undefined);
    return { readings: Object.fromEntries(combination), decision: decision as 'allow' | 'deny', role, iot };
  });
  if (outcomes.every((o) => o.decision === outcomes[0].decision)) return { ...plain, decision: outcomes[0].decision };
  return { ...plain, decision: 'ambiguous', outcomes };
}

/** The evaluated readings a request for this action touches, except those pinned. */
export function touchedReadings(
  rolePolicies: readonly CompiledPolicy[],
  iotPolicies: readonly CompiledPolicy[],
  iotPolicyRole: IotPolicyRole,
  actionKey: string,
  pinned: ReadingChoices | undefined,
): string[] {
  // On the fast path every list is empty: no allocation, one cached lookup per policy.
  let touched: string[] | undefined;
  for (const policy of rolePolicies) touched = withReadings(touched, readingsForAction(policy, actionKey), pinned);
  for (const policy of iotPolicies) touched = withReadings(touched, readingsForAction(policy, actionKey), pinned);
  if (iotPolicyRole === 'required-inferred') touched = withReadings(touched, [A2], pinned);
  if (iotPolicyRole === 'ignored-for-guests') touched = withReadings(touched, [A1], pinned);
  return touched ?? NONE;
}

const NONE: string[] = [];

function withReadings(touched: string[] | undefined, ids: readonly string[], pinned: ReadingChoices | undefined): string[] | undefined {
  for (const id of ids) if (!pinned?.has(id) && !touched?.includes(id)) (touched ??= []).push(id);
  return touched;
}

/** Each layer's trace, filled in as the layers are evaluated. */
export interface LayerTraces {
  role?: PolicySetTrace;
  iot?: PolicySetTrace;
}

/** One policy set's verdict; with `traces`, the verdict is the trace's own (one evaluation, never two that could differ). */
function evaluateLayer(policies: readonly CompiledPolicy[], request: AuthRequest, traces: LayerTraces | undefined, layer: 'role' | 'iot'): PolicySetResult {
  if (!traces) return evaluatePolicySet(policies, request);
  // Explanations load on first use: deciding alone never needs them.
  const traced = loadExplain().tracePolicySet(policies, request);
  traces[layer] = traced;
  return traced.result;
}

function decideOnce(
  identityType: IdentityType,
  rolePolicies: readonly CompiledPolicy[],
  iotPolicies: readonly CompiledPolicy[],
  documentedRole: IotPolicyRole,
  request: AuthRequest,
  choices: ReadingChoices | undefined,
  traces: LayerTraces | undefined,
): CognitoDecision {
  const role = evaluateLayer(choices ? rolePolicies.map((p) => policyUnder(p, choices)) : rolePolicies, request, traces, 'role');
  const iotPolicyRole = documentedRole === 'required-inferred' && choices?.get(A2) === 'role-alone' ? 'not-scoped-down' : documentedRole;
  if (iotPolicyRole === 'ignored-for-guests' || iotPolicyRole === 'not-scoped-down') {
    // A1 `restricted`: the enhanced flow's session policy leaves guests no AWS IoT action, whatever the role allows.
    const refused = iotPolicyRole === 'ignored-for-guests' && choices?.get(A1) === 'restricted';
    return { decision: role.outcome === 'allow' && !refused ? 'allow' : 'deny', request, identityType, role, iotPolicyRole };
  }
  // With the role already denying, the IoT policies cannot change the verdict, but they are still
  // evaluated so the explanation can show both layers.
  const iot = evaluateLayer(choices ? iotPolicies.map((p) => policyUnder(p, choices)) : iotPolicies, request, traces, 'iot');
  const decision = role.outcome === 'allow' && iot.outcome === 'allow' ? 'allow' : 'deny';
  return { decision, request, identityType, role, iotPolicyRole, iot, attachedIotPolicies: iotPolicies.length };
}

export function iotPolicyRoleFor(identityType: IdentityType, action: string): IotPolicyRole {
  if (identityType === 'unauthenticated') return 'ignored-for-guests';
  const dataPlane = findDataPlaneAction(action);
  if (!dataPlane) return 'not-scoped-down';
  return dataPlane.scopeDown === 'documented' ? 'required' : 'required-inferred';
}
