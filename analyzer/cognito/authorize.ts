import { findDataPlaneAction } from '../catalog/data-plane';
import { policyUnder, readingsForAction, type CompiledPolicy } from '../evaluate/compile';
import { A1, A2, type ReadingChoices } from '../readings/choices';
import { readingCombinations } from '../readings/combinations';
import type { RequestContext } from '../evaluate/context';
import { evaluatePolicySet, makeRequest, type AuthRequest, type PolicySetResult } from '../evaluate/evaluate';
import type { IdentityType } from './identity';

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

/** Evaluates one policy set: evaluatePolicySet, or a variant that also records the trace (explanations). */
export type PolicySetEvaluator<R extends PolicySetResult = PolicySetResult> = (policies: readonly CompiledPolicy[], request: AuthRequest) => R;

/** The verdict under one combination of reading outcomes. */
export interface ReadingVerdict<R extends PolicySetResult = PolicySetResult> {
  /** Reading id → the outcome assumed (catalog ids, docs/readings.md). */
  readings: Record<string, string>;
  decision: 'allow' | 'deny';
  role: R;
  iot?: R;
}

export interface CognitoDecision<R extends PolicySetResult = PolicySetResult> {
  /** `ambiguous`: AWS's documentation admits readings under which the verdicts differ (see `outcomes`). */
  decision: 'allow' | 'deny' | 'ambiguous';
  /** Set when the verdict is ambiguous: the verdict under each combination of the readings it touches. */
  outcomes?: ReadingVerdict<R>[];
  request: AuthRequest;
  identityType: IdentityType;
  role: R;
  iotPolicyRole: IotPolicyRole;
  /** Undefined when IoT policies were not consulted; implicit-deny when none is attached. */
  iot?: R;
  /** How many IoT policies are attached to the identity, when they were consulted. */
  attachedIotPolicies?: number;
}

/**
 * The Cognito identity model of AWS IoT Core (docs/iot-authorization.md §1): guests get only the
 * unauthenticated role; authenticated identities need the authenticated role AND an IoT policy attached to
 * their identity ID for scoped-down actions, and with no IoT policy attached they are denied those actions.
 * A request whose statements touch no evaluated reading is decided once (the fast path); otherwise under
 * every combination of the readings it touches, and `ambiguous` when the verdicts differ. `pinned` fixes
 * readings a team has tested (scenario `readings`). `evaluate` may record traces as it decides (one pass).
 */
export function decideForIdentity<R extends PolicySetResult = PolicySetResult>(
  identityType: IdentityType,
  roles: RolePolicies,
  iotPolicies: readonly CompiledPolicy[],
  action: string,
  resource: string,
  context: RequestContext,
  pinned?: ReadingChoices,
  evaluate: PolicySetEvaluator<R> = evaluatePolicySet as PolicySetEvaluator<R>,
): CognitoDecision<R> {
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
  const plain = decideOnce(identityType, rolePolicies, iotPolicies, iotPolicyRole, request, pinned, evaluate);
  if (touched.length === 0) return plain;
  const outcomes = readingCombinations(touched).map((combination): ReadingVerdict<R> => {
    const choices = new Map([...(pinned ?? []), ...combination]);
    const { decision, role, iot } = decideOnce(identityType, rolePolicies, iotPolicies, iotPolicyRole, request, choices, evaluate);
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

function decideOnce<R extends PolicySetResult>(
  identityType: IdentityType,
  rolePolicies: readonly CompiledPolicy[],
  iotPolicies: readonly CompiledPolicy[],
  documentedRole: IotPolicyRole,
  request: AuthRequest,
  choices: ReadingChoices | undefined,
  evaluate: PolicySetEvaluator<R>,
): CognitoDecision<R> {
  const role = evaluate(choices ? rolePolicies.map((p) => policyUnder(p, choices)) : rolePolicies, request);
  const iotPolicyRole = documentedRole === 'required-inferred' && choices?.get(A2) === 'role-alone' ? 'not-scoped-down' : documentedRole;
  if (iotPolicyRole === 'ignored-for-guests' || iotPolicyRole === 'not-scoped-down') {
    // A1 `restricted`: the enhanced flow's session policy leaves guests no AWS IoT action, whatever the role allows.
    const refused = iotPolicyRole === 'ignored-for-guests' && choices?.get(A1) === 'restricted';
    return { decision: role.outcome === 'allow' && !refused ? 'allow' : 'deny', request, identityType, role, iotPolicyRole };
  }
  // With the role already denying, the IoT policies cannot change the verdict, but they are still
  // evaluated so the explanation can show both layers.
  const iot = evaluate(choices ? iotPolicies.map((p) => policyUnder(p, choices)) : iotPolicies, request);
  const decision = role.outcome === 'allow' && iot.outcome === 'allow' ? 'allow' : 'deny';
  return { decision, request, identityType, role, iotPolicyRole, iot, attachedIotPolicies: iotPolicies.length };
}

export function iotPolicyRoleFor(identityType: IdentityType, action: string): IotPolicyRole {
  if (identityType === 'unauthenticated') return 'ignored-for-guests';
  const dataPlane = findDataPlaneAction(action);
  if (!dataPlane) return 'not-scoped-down';
  return dataPlane.scopeDown === 'documented' ? 'required' : 'required-inferred';
}
