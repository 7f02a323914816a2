import { parseOperator, type OperatorSpec, type ParsedOperator } from '../conditions/operators';
import { matchGlob, type Glob, type GlobToken } from '../match/glob';
import { MATCHES_NOTHING, type ResourceMatcher } from './resource-matcher';
import {
  conditionValueTable,
  resourcePatternsFor,
  sharedActionGlob,
  type ConditionValuePattern,
  type ConditionValues,
  type ResourcePattern,
} from './shared-patterns';
import {
  A14,
  A3,
  choicesKey,
  compileChoices,
  isShortArn,
  readCondition,
  readDefaults,
  readResource,
  SHORT_ARN,
  UNDOCUMENTED_IN_IOT_POLICIES,
  unavailableUnder,
  type ReadingChoices,
} from '../readings/choices';
import { isPolicyAccepted, type ElementList, type Located, type ParsedCondition, type ParsedPolicy, type ParsedStatement } from '../policy/model';
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
  /** Lowercased action → statements whose Action/NotAction covers it, in document order (made and filled when first asked). */
  statementsByAction: Map<string, CompiledStatement[]> | undefined;
  /** How it was compiled: kept to compile it again under other reading choices. */
  readonly options: CompileOptions;
  /** Lowercased action → the evaluated readings its statements touch (made and filled when first asked: most policies touch none). */
  readingsByAction?: Map<string, readonly string[]>;
  /** The same policy compiled under other reading choices (made and filled when first asked, keyed by choicesKey). */
  variants?: Map<string, CompiledPolicy>;
  /** Evaluated readings that concern the whole policy, whatever the action (R-short-arn: AWS may reject it). */
  readonly readings: readonly string[];
  /** Whether any reading concerns the policy or one of its statements: most policies touch none, and need no per-action lookup. */
  readonly touchesReadings: boolean;
}

export interface CompiledStatement {
  readonly source: ParsedStatement;
  readonly policy: ParsedPolicy;
  readonly effect: 'Allow' | 'Deny';
  /**
   * False for every statement of a policy AWS would reject at creation (docs/readings.md): it is never
   * deployed, so it neither allows nor denies. Keeping its Denies would let a gate pass on a Deny that does
   * not exist.
   */
  readonly takesPart: boolean;
  readonly actionsNegated: boolean;
  readonly actionGlobs: readonly Glob[];
  readonly resourcesNegated: boolean;
  readonly resources: readonly CompiledResource[];
  readonly conditions: readonly CompiledCondition[];
  /** The evaluated readings (catalog ids) whose outcome can change whether this statement applies. */
  readonly readings: readonly string[];
  /** The evaluation result this statement produces when it decides (built once, shared). */
  readonly result: { readonly outcome: 'allow' | 'explicit-deny'; readonly deciding: CompiledStatement };
}

export interface CompiledResource {
  readonly entry: Located<string>;
  readonly template: Template;
  /** Whether the entry has `${…}` variables, told without reading its template (read again when asked if it has none). */
  readonly hasVariables: boolean;
  /** Built once; variables are resolved from the request context while matching. */
  readonly matcher: ResourceMatcher;
  /** Wildcards before the resource part stay within their colon-separated part (A6 `within-part`). */
  readonly withinParts: boolean;
}

export interface CompiledConditionValue {
  readonly entry: Located<string>;
  readonly template: Template;
  /** Set when the value has no variables: prepared once. Undefined when it does not parse as the operator's type. */
  readonly prepared?: unknown;
}

export interface CompiledCondition {
  readonly source: ParsedCondition;
  /** Undefined for an unknown operator (its value is then `fixed`). */
  readonly operator?: ParsedOperator;
  readonly key: string;
  readonly values: readonly CompiledConditionValue[];
  /** Set when a reading fixes the condition's value (an unknown operator, a malformed value): true holds, false never. */
  readonly fixed?: boolean;
  /** Several request values under a single-valued operator: every one must match (R-multi-single). */
  readonly everyValue: boolean;
  /** The reading in force says the key is not in this policy's request context (A3): read as absent. */
  readonly absentKey: boolean;
}

/** How a kind of policy reads its variables. */
export interface CompileOptions {
  /** Variables this kind of policy cannot use (lowercased name → why): they never resolve. */
  unavailableVariables?: ReadonlyMap<string, string>;
  /** Outcomes chosen for evaluated readings (docs/readings.md); none: the engine's single answer. */
  readings?: ReadingChoices;
  /** An AWS IoT policy, where the Cognito aud/amr keys are not documented (reading A3). */
  cognitoKeysUndocumented?: boolean;
}

/** Compile options as they read variables, with their resource-pattern tables: worked out once per options object. */
interface PreparedOptions {
  reading: CompileOptions;
  /** By whether the policy's Version substitutes variables. */
  resourcePatterns: [(text: string) => ResourcePattern, (text: string) => ResourcePattern];
  /** By whether the policy's Version substitutes variables. */
  conditionValues: [ConditionValues, ConditionValues];
}

// Keyed by the options object: the kinds' options are constants, so thousands of policies share one entry.
const preparedOptions = new WeakMap<CompileOptions, PreparedOptions>();

function prepareOptions(options: CompileOptions): PreparedOptions {
  let prepared = preparedOptions.get(options);
  if (!prepared) {
    const reading = { ...options, unavailableVariables: unavailableUnder(options, options.readings) };
    const patterns = (substitute: boolean) => resourcePatternsFor(substitute, reading.unavailableVariables, options.readings);
    const values = (substitute: boolean) =>
      conditionValueTable((spec, text) => readConditionValue(spec, text, substitute && (spec?.variables ?? false), reading));
    prepared = { reading, resourcePatterns: [patterns(false), patterns(true)], conditionValues: [values(false), values(true)] };
    preparedOptions.set(options, prepared);
  }
  return prepared;
}

export function compilePolicy(source: ParsedPolicy, options: CompileOptions = NO_OPTIONS): CompiledPolicy {
  // A short ARN may make AWS reject the whole policy (R-short-arn): under `rejected` none of it takes part.
  const shortArn = hasShortArn(source.statements);
  const accepted = isPolicyAccepted(source) && !(shortArn && options.readings?.get(SHORT_ARN) === 'rejected');
  const substitutesVariables = source.version?.value === '2012-10-17';
  const { reading, resourcePatterns, conditionValues } = prepareOptions(options);
  const resourcePattern = resourcePatterns[substitutesVariables ? 1 : 0];
  const conditionValue = conditionValues[substitutesVariables ? 1 : 0];
  const statements: CompiledStatement[] = [];
  let touchesReadings = shortArn && isPolicyAccepted(source);
  // Indexed loops here and below: preparing runs mostly before the optimizing compiler has seen this code,
  // and unoptimized for…of and spreads step through iterator objects.
  for (let i = 0; i < source.statements.length; i++) {
    const compiled = compileStatement(source, source.statements[i], accepted, reading, resourcePattern, conditionValue);
    if (!compiled) continue;
    statements.push(compiled);
    if (compiled.readings.length > 0) touchesReadings = true;
  }
  return {
    source,
    accepted,
    substitutesVariables,
    statements,
    statementsByAction: undefined,
    options,
    readingsByAction: undefined,
    variants: undefined,
    readings: shortArn && isPolicyAccepted(source) ? SHORT_ARN_READINGS : NO_READINGS,
    touchesReadings,
  };
}

function hasShortArn(statements: readonly ParsedStatement[]): boolean {
  for (let i = 0; i < statements.length; i++) {
    const texts = statements[i].resources?.texts;
    if (texts) for (let j = 0; j < texts.length; j++) if (isShortArn(texts[j])) return true;
  }
  return false;
}

/** The policy compiled under these reading choices (the policy itself when there are none). */
export function policyUnder(policy: CompiledPolicy, readings: ReadingChoices | undefined): CompiledPolicy {
  const choices = compileChoices(readings);
  if (!choices || choices.size === 0) return policy;
  const key = choicesKey(choices);
  const variants = (policy.variants ??= new Map());
  let variant = variants.get(key);
  if (!variant) {
    variant = compilePolicy(policy.source, { ...policy.options, readings: choices });
    variants.set(key, variant);
  }
  return variant;
}

/** The evaluated readings that statements covering the action touch, computed once per distinct action. */
export function readingsForAction(policy: CompiledPolicy, action: string): readonly string[] {
  if (!policy.touchesReadings) return NO_READINGS;
  const byAction = (policy.readingsByAction ??= new Map());
  let found = byAction.get(action);
  if (!found) {
    found = [...new Set([...policy.readings, ...statementsForAction(policy, action).flatMap((s) => s.readings)])];
    byAction.set(action, found);
  }
  return found;
}

function compileStatement(
  policy: ParsedPolicy,
  statement: ParsedStatement,
  accepted: boolean,
  options: CompileOptions,
  resourcePattern: (text: string) => ResourcePattern,
  conditionValue: ConditionValues,
): CompiledStatement | undefined {
  const effect = statement.effect?.value;
  if (!statement.wellFormed || (effect !== 'Allow' && effect !== 'Deny') || !statement.actions || !statement.resources) return undefined;
  // One set for every statement (compiling never re-enters): most statements touch no reading.
  const touches = statementTouches;
  touches.clear();
  const { negated, texts } = statement.resources;
  const resources = texts.map((text, i) => compileResource(statement.resources!, i, resourcePattern(text), options, effect, negated, touches));
  const conditions =
    statement.conditions.length > 0 ? statement.conditions.map((c) => compileCondition(c, conditionValue, options, effect, touches)) : NO_CONDITIONS;
  return new StatementOfPolicy(
    statement,
    policy,
    effect,
    accepted,
    statement.actions.negated,
    negated,
    resources,
    conditions,
    // Readings only matter where the statement takes part: no statement of a rejected policy does.
    accepted && touches.size > 0 ? [...touches] : NO_READINGS,
  );
}

/**
 * A compiled statement. Its action globs are looked up again when read: deciding reads them once per
 * action, to index the policy's statements, and the summary's few reads are as cheap (shared globs).
 */
class StatementOfPolicy implements CompiledStatement {
  readonly result: CompiledStatement['result'];

  constructor(
    readonly source: ParsedStatement,
    readonly policy: ParsedPolicy,
    readonly effect: 'Allow' | 'Deny',
    readonly takesPart: boolean,
    readonly actionsNegated: boolean,
    readonly resourcesNegated: boolean,
    readonly resources: readonly CompiledResource[],
    readonly conditions: readonly CompiledCondition[],
    readonly readings: readonly string[],
  ) {
    this.result = Object.freeze({ outcome: effect === 'Allow' ? ('allow' as const) : ('explicit-deny' as const), deciding: this });
  }

  get actionGlobs(): readonly Glob[] {
    return this.source.actions!.texts.map(sharedActionGlob);
  }
}

const statementTouches = new Set<string>();
const NO_READINGS: readonly string[] = Object.freeze([]);
const SHORT_ARN_READINGS: readonly string[] = Object.freeze([SHORT_ARN]);
const NO_OPTIONS: CompileOptions = Object.freeze({});
const NO_CONDITIONS: readonly CompiledCondition[] = Object.freeze([]);

function compileResource(
  list: ElementList,
  index: number,
  pattern: ResourcePattern,
  options: CompileOptions,
  effect: 'Allow' | 'Deny',
  negated: boolean,
  touches: Set<string>,
): CompiledResource {
  // Only variables can be unavailable: an entry without them leaves its template unread.
  if (pattern.hasVariables) noteUnavailable(pattern.template, options, touches);
  // A wildcard in the resource type (AWS does not allow one) grants nothing; what a Deny so written does is a reading.
  for (let i = 0; i < pattern.touches.length; i++) touches.add(pattern.touches[i]);
  if (!pattern.typeWildcard) return new ResourceOfStatement(list, index, pattern, pattern.matcher);
  const read = readResource(list.texts[index], effect, negated, options.readings);
  for (const id of read.touches) touches.add(id);
  return new ResourceOfStatement(list, index, pattern, read.matchesNothing ? MATCHES_NOTHING : pattern.matcher);
}

/** A compiled Resource entry; its Located entry is the list's and its template the shared pattern's, read when asked. */
class ResourceOfStatement implements CompiledResource {
  constructor(
    private readonly list: ElementList,
    private readonly index: number,
    private readonly pattern: ResourcePattern,
    readonly matcher: ResourceMatcher,
  ) {}

  get entry(): Located<string> {
    return this.list.values[this.index];
  }

  get template(): Template {
    return this.pattern.template;
  }

  get hasVariables(): boolean {
    return this.pattern.hasVariables;
  }

  get withinParts(): boolean {
    return this.pattern.withinParts;
  }
}

function compileCondition(
  source: ParsedCondition,
  conditionValue: ConditionValues,
  options: CompileOptions,
  effect: 'Allow' | 'Deny',
  touches: Set<string>,
): CompiledCondition {
  const operator = parseOperator(source.operator.value);
  const values = source.values.map((entry): CompiledConditionValue => {
    const { template, prepared, touches: touched } = conditionValue(operator?.spec, entry.value);
    for (const id of touched) touches.add(id);
    return { entry, template, prepared };
  });
  const malformed = values.some((v) => !v.template.hasVariables && v.prepared === undefined);
  const read = readCondition(operator, source.key.value, malformed, effect, options);
  read.touches.forEach((id) => touches.add(id));
  return { source, operator, key: source.key.value.toLowerCase(), values, fixed: read.fixed, everyValue: read.everyValue, absentKey: read.absentKey };
}

/** A condition value as this operator and these options read it (shared between statements, like Resource entries). */
function readConditionValue(spec: OperatorSpec | undefined, text: string, useVariables: boolean, options: CompileOptions): ConditionValuePattern {
  const parsed = parseTemplate(text, spec?.wildcards ?? false, useVariables);
  const defaults = readDefaults(withUnavailableVariables(parsed, options.unavailableVariables), options.readings);
  const { template } = defaults;
  const touches = new Set(defaults.touches);
  noteUnavailable(template, options, touches);
  // Prepared from the template, not the raw text: `${*}`, `${?}` and `${$}` are already literal characters there.
  const prepared = !spec || template.hasVariables ? undefined : spec.prepareTokens(template.parts as GlobToken[]);
  return { template, prepared, touches: touches.size > 0 ? [...touches] : NO_READINGS };
}

/** Variables whose availability is a reading: `${iot:ClientId}` in a role policy (A14), `${…:aud}` in an IoT policy (A3). */
function noteUnavailable(template: Template, options: CompileOptions, touches: Set<string>): void {
  if (!template.hasVariables) return;
  for (let i = 0; i < template.parts.length; i++) {
    const part = template.parts[i];
    if (part.kind !== 'variable') continue;
    if (part.unavailable && part.key === 'iot:clientid') touches.add(A14);
    if (options.cognitoKeysUndocumented && UNDOCUMENTED_IN_IOT_POLICIES.has(part.key)) touches.add(A3);
  }
}

/** The statements of a policy that cover an action (lowercased), computed once per distinct action. */
export function statementsForAction(policy: CompiledPolicy, action: string): CompiledStatement[] {
  const byAction = (policy.statementsByAction ??= new Map());
  let found = byAction.get(action);
  if (!found) {
    found = policy.statements.filter((s) => s.actionGlobs.some((g) => matchGlob(g, action)) !== s.actionsNegated);
    byAction.set(action, found);
  }
  return found;
}
