import { matchResource } from './resource-matcher';
import { conditionApplies } from './conditions';
import { statementsForAction, type CompiledPolicy, type CompiledStatement } from './compile';
import type { RequestContext } from './context';

/** One authorization request against a policy set. The action is lowercased once (actions are case-insensitive). */
export interface AuthRequest {
  readonly action: string;
  readonly actionKey: string;
  readonly resource: string;
  readonly context: RequestContext;
}

// Action names repeat endlessly; their lowercase keys are interned instead of re-allocated per request.
const actionKeys = new Map<string, string>();

export function actionKeyOf(action: string): string {
  let key = actionKeys.get(action);
  if (key === undefined) {
    key = action.toLowerCase();
    if (actionKeys.size < 10_000) actionKeys.set(action, key);
  }
  return key;
}

export function makeRequest(action: string, resource: string, context: RequestContext): AuthRequest {
  return { action, actionKey: actionKeyOf(action), resource, context };
}

export type Outcome = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface PolicySetResult {
  outcome: Outcome;
  /** The statement that decided: the first matching Deny, else the first matching Allow. */
  deciding?: CompiledStatement;
}

const IMPLICIT_DENY: PolicySetResult = Object.freeze({ outcome: 'implicit-deny' });

/**
 * IAM evaluation within one policy set: an explicit Deny wins over any Allow, an Allow over the default
 * implicit deny. Statements are found through the per-action index, so only resources and conditions are
 * checked per request.
 */
export function evaluatePolicySet(policies: readonly CompiledPolicy[], request: AuthRequest): PolicySetResult {
  let allow: CompiledStatement | undefined;
  for (const policy of policies) {
    for (const statement of statementsForAction(policy, request.actionKey)) {
      if (!statement.takesPart || (statement.effect === 'Allow' && allow)) continue;
      if (!statementApplies(statement, request)) continue;
      if (statement.effect === 'Deny') return statement.result;
      allow = statement;
    }
  }
  return allow ? allow.result : IMPLICIT_DENY;
}

/** Whether the statement's resources and conditions cover the request (its actions already do). */
export function statementApplies(statement: CompiledStatement, request: AuthRequest): boolean {
  return resourceMatches(statement, request) && conditionsHold(statement, request.context);
}

export function resourceMatches(statement: CompiledStatement, request: AuthRequest): boolean {
  return (matchingResourceIndex(statement, request) !== -1) !== statement.resourcesNegated;
}

/** Index of the first Resource/NotResource entry matching the request's resource, or -1. */
export function matchingResourceIndex(statement: CompiledStatement, request: AuthRequest): number {
  const { resources } = statement;
  const { resource, context } = request;
  for (let i = 0; i < resources.length; i++) {
    if (matchResource(resources[i].matcher, resource, context)) return i;
  }
  return -1;
}

export function conditionsHold(statement: CompiledStatement, context: RequestContext): boolean {
  for (const condition of statement.conditions) if (!conditionApplies(condition, context)) return false;
  return true;
}
