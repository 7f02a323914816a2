import { actionPrefix, actionsCoveredBy, CHECKED_PREFIXES, isDataPlaneAction } from '../catalog/actions';
import type { CompiledStatement } from '../evaluate/compile';
import { matchGlob } from '../match/glob';
import type { AppClass } from '../project/app';
import { conditionTexts, namedVariables, sourceOf, substitutesVariables } from './display';
import { decideFor, exampleIdentityId } from './grants';
import type { GrantStatus, OtherGrant } from './model';
import type { SummarySpace } from './space';

/**
 * What the class's role grants beyond the AWS IoT data plane: each Allow statement that covers some other
 * action (IoT control plane, other services), with its resources and conditions as written and the role's
 * Denies that cover some of those actions. IoT policies take no part in these actions.
 */
export function otherActions(space: SummarySpace, cls: AppClass): OtherGrant[] {
  const statements = cls.rolePolicies.flatMap((p) => p.compiled.statements).filter((s) => s.takesPart);
  const denies = statements.filter((s) => s.effect === 'Deny');
  const grants: OtherGrant[] = [];
  for (const statement of statements.filter((s) => s.effect === 'Allow')) {
    const action = exampleAction(statement);
    if (action === undefined) continue;
    const identityId = exampleIdentityId(space.app.scope.region, 1);
    const resource = exampleResource(statement, identityId);
    const decision = decideFor(space, cls, action, resource, identityId).decision;
    grants.push({
      actions: statement.actionsNegated ? [`every action except ${written(statement).join(', ')}`] : written(statement).filter((a) => !onlyDataPlane(a)),
      resources: statement.resourcesNegated
        ? [`every resource except ${statement.resources.map((r) => namedVariables(statement, r.entry.value)).join(', ')}`]
        : statement.resources.map((r) => namedVariables(statement, r.entry.value)),
      conditions: conditionTexts(statement),
      except: denies.filter((d) => d.actionGlobs.some((g) => matchGlob(g, action.toLowerCase())) !== d.actionsNegated).map((d) => sourceOf(d).statement),
      example: { action, resource, decision },
      status: statusOf(decision, statement),
      source: sourceOf(statement),
    });
  }
  return grants;
}

function written(statement: CompiledStatement): string[] {
  return statement.source.actions?.values.map((v) => v.value) ?? [];
}

/** An action written that covers only data-plane actions (those are summarised above). */
function onlyDataPlane(action: string): boolean {
  if (!CHECKED_PREFIXES.has(actionPrefix(action))) return false;
  const covered = actionsCoveredBy(action);
  return covered.length > 0 && covered.every(isDataPlaneAction);
}

/** An action the statement allows that is not a data-plane action, or undefined when it allows none. */
function exampleAction(statement: CompiledStatement): string | undefined {
  const covers = (action: string) => statement.actionGlobs.some((g) => matchGlob(g, action.toLowerCase())) !== statement.actionsNegated;
  if (statement.actionsNegated) return ['iot:DescribeThing', 's3:GetObject', 'sts:GetCallerIdentity'].find(covers);
  for (const value of written(statement)) {
    if (CHECKED_PREFIXES.has(actionPrefix(value))) {
      const found = actionsCoveredBy(value).find((a) => !isDataPlaneAction(a));
      if (found) return found;
    } else if (value === '*') return 'iot:DescribeThing';
    else return value.replace(/\*/g, 'Example').replace(/\?/g, 'X');
  }
  return undefined;
}

function exampleResource(statement: CompiledStatement, identityId: string): string {
  if (statement.resourcesNegated) return '*';
  const entry = statement.resources[0]?.entry.value ?? '*';
  // A policy that does not substitute variables matches `${…}` as the text it is.
  const named = substitutesVariables(statement) ? entry.replace(/\$\{[^}]*\}/g, identityId) : entry;
  return named.replace(/[*?]/g, 'x');
}

function statusOf(decision: 'allow' | 'deny' | 'ambiguous', statement: CompiledStatement): GrantStatus {
  if (decision === 'allow') return 'confirmed';
  if (decision === 'ambiguous') return 'ambiguous';
  return statement.conditions.length > 0 ? 'conditional' : 'unconfirmed';
}
