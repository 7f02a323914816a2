import { parseOperator, type ParsedOperator } from '../conditions/operators';
import { globFromPattern, matchGlob, type Glob, type GlobToken } from '../match/glob';
import { compileResourceMatcher, MATCHES_NOTHING, type ResourceMatcher } from './resource-matcher';
import { wildcardInResourceType } from '../catalog/arn';
import { isPolicyAccepted, type Located, type ParsedCondition, type ParsedPolicy, type ParsedStatement } from '../policy/model';
import { parseTemplate, withUnavailableVariables, type Template } from '../variables/template';

/**
 * A policy prepared for many evaluations: actions lowercased into globs, resources and condition values
 * parsed into templates, operators looked up. Compile once, evaluate many.
 */
export interface CompiledPolicy {
  readonly source: ParsedPolicy;
  readonly accepted: boolean;
  /** Variables are substituted only under Version 2012-10-17. */
  readonly substitutesVariables: boolean;
  readonly statements: readonly CompiledStatement[];
  /** Lowercased action → statements whose Action/NotAction covers it, in document order (filled lazily). */
  readonly statementsByAction: Map<string, CompiledStatement[]>;
}

export interface CompiledStatement {
  readonly source: ParsedStatement;
  readonly policy: ParsedPolicy;
  readonly effect: 'Allow' | 'Deny';
  /** False when the statement can never grant: AWS would reject it, or its policy. Denies of a rejected policy are kept (the cautious reading). */
  readonly canAllow: boolean;
  readonly actionsNegated: boolean;
  readonly actionGlobs: readonly Glob[];
  readonly resourcesNegated: boolean;
  readonly resources: readonly CompiledResource[];
  readonly conditions: readonly CompiledCondition[];
  /** The evaluation result this statement produces when it decides (built once, shared). */
  readonly result: { readonly outcome: 'allow' | 'explicit-deny'; readonly deciding: CompiledStatement };
}

export interface CompiledResource {
  readonly entry: Located<string>;
  readonly template: Template;
  /** Built once; variables are resolved from the request context while matching. */
  readonly matcher: ResourceMatcher;
}

export interface CompiledConditionValue {
  readonly entry: Located<string>;
  readonly template: Template;
  /** Set when the value has no variables: prepared once. Undefined when it does not parse as the operator's type. */
  readonly prepared?: unknown;
}

export interface CompiledCondition {
  readonly source: ParsedCondition;
  /** Undefined for an unknown operator: such a condition never lets an Allow apply. */
  readonly operator?: ParsedOperator;
  readonly key: string;
  readonly values: readonly CompiledConditionValue[];
}

/** How a kind of policy reads its variables. */
export interface CompileOptions {
  /** Variables this kind of policy cannot use (lowercased name → why): they never resolve. */
  unavailableVariables?: ReadonlyMap<string, string>;
}

export function compilePolicy(source: ParsedPolicy, options: CompileOptions = {}): CompiledPolicy {
  const accepted = isPolicyAccepted(source);
  const substitutesVariables = source.version?.value === '2012-10-17';
  const statements: CompiledStatement[] = [];
  for (const statement of source.statements) {
    const compiled = compileStatement(source, statement, accepted, substitutesVariables, options);
    if (compiled) statements.push(compiled);
  }
  return { source, accepted, substitutesVariables, statements, statementsByAction: new Map() };
}

function compileStatement(policy: ParsedPolicy, statement: ParsedStatement, accepted: boolean, substitute: boolean, options: CompileOptions): CompiledStatement | undefined {
  const effect = statement.effect?.value;
  if (!statement.wellFormed || (effect !== 'Allow' && effect !== 'Deny') || !statement.actions || !statement.resources) return undefined;
  const compiled = {
    source: statement,
    policy,
    effect,
    canAllow: accepted,
    actionsNegated: statement.actions.negated,
    actionGlobs: statement.actions.values.map((a) => globFromPattern(a.value.toLowerCase())),
    resourcesNegated: statement.resources.negated,
    // A wildcard in the resource type lets no reading grant (AWS does not allow it); a Deny or a NotResource
    // keeps its pattern, so it never denies or excludes less than it might.
    resources: statement.resources.values.map((entry) => compileResource(entry, substitute, options, effect === 'Allow' && !statement.resources!.negated)),
    conditions: statement.conditions.map((c) => compileCondition(c, substitute, options)),
  } as Omit<CompiledStatement, 'result'> as CompiledStatement;
  return Object.assign(compiled, { result: Object.freeze({ outcome: effect === 'Allow' ? ('allow' as const) : ('explicit-deny' as const), deciding: compiled }) });
}

function compileResource(entry: Located<string>, substitute: boolean, options: CompileOptions, grants: boolean): CompiledResource {
  const template = withUnavailableVariables(parseTemplate(entry.value, true, substitute), options.unavailableVariables);
  const matcher = grants && wildcardInResourceType(entry.value) ? MATCHES_NOTHING : compileResourceMatcher(template.parts, entry.value);
  return { entry, template, matcher };
}

function compileCondition(source: ParsedCondition, substitute: boolean, options: CompileOptions): CompiledCondition {
  const operator = parseOperator(source.operator.value);
  const useVariables = substitute && (operator?.spec.variables ?? false);
  const values = source.values.map((entry): CompiledConditionValue => {
    const template = withUnavailableVariables(parseTemplate(entry.value, operator?.spec.wildcards ?? false, useVariables), options.unavailableVariables);
    // Prepared from the template, not the raw text: `${*}`, `${?}` and `${$}` are already literal characters there.
    return { entry, template, prepared: !operator || template.hasVariables ? undefined : operator.spec.prepareTokens(template.parts as GlobToken[]) };
  });
  return { source, operator, key: source.key.value.toLowerCase(), values };
}

/** The statements of a policy that cover an action (lowercased), computed once per distinct action. */
export function statementsForAction(policy: CompiledPolicy, action: string): CompiledStatement[] {
  let found = policy.statementsByAction.get(action);
  if (!found) {
    found = policy.statements.filter((s) => s.actionGlobs.some((g) => matchGlob(g, action)) !== s.actionsNegated);
    policy.statementsByAction.set(action, found);
  }
  return found;
}
