import type { CompiledPolicy, CompiledStatement } from '../evaluate/compile';
import { statementsForAction } from '../evaluate/compile';
import type { RequestContext } from '../evaluate/context';
import { conditionApplies } from '../evaluate/conditions';
import { matchingResourceIndex, type AuthRequest, type Outcome, type PolicySetResult } from '../evaluate/evaluate';
import type { SourceRange } from '../source/range';
import { describeVariables } from '../variables/template';

/** Where a statement is, for reports and editors. */
export interface StatementRef {
  file: string;
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  range: SourceRange;
}

export interface VariableValue {
  variable: string;
  /** Undefined when unresolved: the entry containing it matches nothing. */
  value?: string;
  /** Why it is unresolved, when the reason is the kind of policy (A14). */
  note?: string;
}

/** Why one statement that covers the action did or did not apply. */
export interface StatementTrace {
  statement: StatementRef;
  applies: boolean;
  /** The Resource/NotResource entry that matched, if any. */
  matchedResource?: string;
  resourceNegated: boolean;
  resourceMatches: boolean;
  failedConditions: string[];
  variables: VariableValue[];
  /** Set for Allow statements of a policy AWS would reject: they never grant. */
  ignoredBecause?: string;
}

export interface PolicySetTrace {
  outcome: Outcome;
  deciding?: StatementRef;
  considered: StatementTrace[];
  /** The same verdict as evaluatePolicySet gives, with the deciding compiled statement. */
  result: PolicySetResult;
}

export function statementRef(statement: CompiledStatement): StatementRef {
  const { source } = statement;
  return { file: statement.policy.file, index: source.index, sid: source.sid?.value, effect: statement.effect, range: source.range };
}

/**
 * The detailed path of a decision: every statement whose actions cover the request, whether its resource
 * and conditions matched, and the values its variables took. Slower than evaluatePolicySet; on demand only.
 */
const IMPLICIT_DENY: PolicySetResult = Object.freeze({ outcome: 'implicit-deny' });

export function tracePolicySet(policies: readonly CompiledPolicy[], request: AuthRequest): PolicySetTrace {
  const considered: StatementTrace[] = [];
  let deny: StatementTrace | undefined;
  let allow: StatementTrace | undefined;
  let decidingStatement: CompiledStatement | undefined;
  for (const policy of policies) {
    for (const statement of statementsForAction(policy, request.actionKey)) {
      const trace = traceStatement(statement, request);
      considered.push(trace);
      if (!trace.applies || (statement.effect === 'Deny' ? deny : allow)) continue;
      if (statement.effect === 'Deny') deny = trace;
      else allow = trace;
      if (!decidingStatement || statement.effect === 'Deny') decidingStatement = statement;
    }
  }
  const deciding = deny ?? allow;
  if (!deciding || !decidingStatement) return { outcome: 'implicit-deny', considered, result: IMPLICIT_DENY };
  return { outcome: decidingStatement.result.outcome, deciding: deciding.statement, considered, result: decidingStatement.result };
}

function traceStatement(statement: CompiledStatement, request: AuthRequest): StatementTrace {
  const matchedIndex = matchingResourceIndex(statement, request);
  const resourceMatches = (matchedIndex !== -1) !== statement.resourcesNegated;
  const failedConditions = failedConditionsOf(statement, request.context);
  const variables = uniqueVariables(statement, request.context);
  const ignoredBecause = statement.takesPart
    ? undefined
    : `its policy has errors AWS would reject, so it is never deployed and ${statement.effect === 'Allow' ? 'grants' : 'denies'} nothing`;
  return {
    statement: statementRef(statement),
    applies: resourceMatches && failedConditions.length === 0 && !ignoredBecause,
    matchedResource: matchedIndex === -1 ? undefined : statement.resources[matchedIndex].entry.value,
    resourceNegated: statement.resourcesNegated,
    resourceMatches,
    failedConditions,
    variables,
    ignoredBecause,
  };
}

function failedConditionsOf(statement: CompiledStatement, context: RequestContext): string[] {
  const failed: string[] = [];
  for (const condition of statement.conditions) {
    if (conditionApplies(condition, context)) continue;
    const text = `${condition.source.operator.value} ${condition.source.key.value}`;
    if (condition.fixed === false) {
      failed.push(`${text}: ${condition.operator ? 'a value that does not parse for the operator' : 'unknown operator'}, never true under this reading`);
    } else {
      const value = context.getNormalized(condition.key);
      const shown = value === undefined ? 'absent' : JSON.stringify(value);
      failed.push(`${text} [${condition.values.map((v) => JSON.stringify(v.entry.value)).join(', ')}] is false (request value: ${shown})`);
    }
  }
  return failed;
}

function uniqueVariables(statement: CompiledStatement, context: RequestContext): VariableValue[] {
  const seen = new Map<string, VariableValue>();
  const templates = [...statement.resources.map((r) => r.template), ...statement.conditions.flatMap((c) => c.values.map((v) => v.template))];
  for (const template of templates) {
    for (const value of describeVariables(template, context)) seen.set(value.variable, value);
  }
  return [...seen.values()];
}
