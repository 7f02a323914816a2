import { findDataPlaneAction } from '../catalog/data-plane';
import type { CompiledPolicy } from '../evaluate/compile';
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
  /** A newer data-plane action missing from AWS's list: we require both (stricter reading, A2). */
  | 'required-inferred';

export interface CognitoDecision {
  decision: 'allow' | 'deny';
  request: AuthRequest;
  identityType: IdentityType;
  role: PolicySetResult;
  iotPolicyRole: IotPolicyRole;
  /** Undefined when IoT policies were not consulted; implicit-deny when none is attached. */
  iot?: PolicySetResult;
  /** How many IoT policies are attached to the identity, when they were consulted. */
  attachedIotPolicies?: number;
}

/**
 * The Cognito identity model of AWS IoT Core (iot-authorization.md §1): guests get only the unauthenticated
 * role; authenticated identities need the authenticated role AND an IoT policy attached to their identity ID
 * for scoped-down actions, and with no IoT policy attached they are denied those actions.
 */
export function decideForIdentity(
  identityType: IdentityType,
  roles: RolePolicies,
  iotPolicies: readonly CompiledPolicy[],
  action: string,
  resource: string,
  context: RequestContext,
): CognitoDecision {
  const request = makeRequest(action, resource, context);
  const rolePolicies = identityType === 'authenticated' ? roles.authenticated : roles.unauthenticated;
  const role = evaluatePolicySet(rolePolicies, request);
  const iotPolicyRole = iotPolicyRoleFor(identityType, request.actionKey);
  if (iotPolicyRole === 'ignored-for-guests' || iotPolicyRole === 'not-scoped-down') {
    return { decision: role.outcome === 'allow' ? 'allow' : 'deny', request, identityType, role, iotPolicyRole };
  }
  // With the role already denying, the IoT policies cannot change the verdict, but they are still
  // evaluated so the explanation can show both layers.
  const iot = evaluatePolicySet(iotPolicies, request);
  const decision = role.outcome === 'allow' && iot.outcome === 'allow' ? 'allow' : 'deny';
  return { decision, request, identityType, role, iotPolicyRole, iot, attachedIotPolicies: iotPolicies.length };
}

export function iotPolicyRoleFor(identityType: IdentityType, action: string): IotPolicyRole {
  if (identityType === 'unauthenticated') return 'ignored-for-guests';
  const dataPlane = findDataPlaneAction(action);
  if (!dataPlane) return 'not-scoped-down';
  return dataPlane.scopeDown === 'documented' ? 'required' : 'required-inferred';
}
