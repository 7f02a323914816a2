import { parseOperator, type ParsedOperator } from '../conditions/operators';
import { compileGlob, globFromPattern, matchGlob, type Glob } from '../match/glob';
import { isPolicyAccepted, type Located, type ParsedCondition, type ParsedPolicy, type ParsedStatement } from '../policy/model';
import { instantiate, parseTemplate, type Template } from '../variables/template';
import type { RequestContext } from './context';

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
}

export interface CompiledResource {
  readonly entry: Located<string>;
  readonly template: Template;
  /** Set when the entry has no variables: the glob is built once. */
  readonly fixedGlob?: Glob;
  /** Last instantiation, keyed by the substituted text: repeated requests from one identity reuse it. */
  cache?: { key: string; glob: Glob };
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

export function compilePolicy(source: ParsedPolicy): CompiledPolicy {
  const accepted = isPolicyAccepted(source);
  const substitutesVariables = source.version?.value === '2012-10-17';
  const statements: CompiledStatement[] = [];
  for (const statement of source.statements) {
    const compiled = compileStatement(source, statement, accepted, substitutesVariables);
    if (compiled) statements.push(compiled);
  }
  return { source, accepted, substitutesVariables, statements, statementsByAction: new Map() };
}

function compileStatement(policy: ParsedPolicy, statement: ParsedStatement, accepted: boolean, substitute: boolean): CompiledStatement | undefined {
  const effect = statement.effect?.value;
  if (!statement.wellFormed || (effect !== 'Allow' && effect !== 'Deny') || !statement.actions || !statement.resources) return undefined;
  return {
    source: statement,
    policy,
    effect,
    canAllow: accepted,
    actionsNegated: statement.actions.negated,
    actionGlobs: statement.actions.values.map((a) => globFromPattern(a.value.toLowerCase())),
    resourcesNegated: statement.resources.negated,
    resources: statement.resources.values.map((entry) => compileResource(entry, substitute)),
    conditions: statement.conditions.map((c) => compileCondition(c, substitute)),
  };
}

function compileResource(entry: Located<string>, substitute: boolean): CompiledResource {
  const template = parseTemplate(entry.value, true, substitute);
  return { entry, template, fixedGlob: template.hasVariables ? undefined : compileGlob(instantiate(template, EMPTY_CONTEXT)!, entry.value) };
}

function compileCondition(source: ParsedCondition, substitute: boolean): CompiledCondition {
  const operator = parseOperator(source.operator.value);
  const useVariables = substitute && (operator?.spec.variables ?? false);
  const values = source.values.map((entry): CompiledConditionValue => {
    const template = parseTemplate(entry.value, operator?.spec.wildcards ?? false, useVariables);
    return { entry, template, prepared: !operator || template.hasVariables ? undefined : operator.spec.prepare(entry.value) };
  });
  return { source, operator, key: source.key.value.toLowerCase(), values };
}

// A context with nothing in it, for instantiating templates that have no variables.
const EMPTY_CONTEXT = { getNormalized: () => undefined } as unknown as RequestContext;

/** The statements of a policy that cover an action (lowercased), computed once per distinct action. */
export function statementsForAction(policy: CompiledPolicy, action: string): CompiledStatement[] {
  let found = policy.statementsByAction.get(action);
  if (!found) {
    found = policy.statements.filter((s) => s.actionGlobs.some((g) => matchGlob(g, action)) !== s.actionsNegated);
    policy.statementsByAction.set(action, found);
  }
  return found;
}

/** The glob of a resource entry in this context, or undefined when one of its variables is unresolved. */
export function resourceGlob(resource: CompiledResource, context: RequestContext): Glob | undefined {
  if (resource.fixedGlob) return resource.fixedGlob;
  const tokens = instantiate(resource.template, context);
  if (!tokens) return undefined;
  let key = '';
  for (const token of tokens) key += token.kind === 'literal' ? token.text.length + ':' + token.text : token.kind === 'star' ? '*' : '?';
  if (resource.cache?.key !== key) resource.cache = { key, glob: compileGlob(tokens, resource.entry.value) };
  return resource.cache.glob;
}
