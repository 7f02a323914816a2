/**
 * "What new access does this change grant?" For one kind of policy (an IoT policy, the authenticated or
 * the unauthenticated role) and each action, the resources the new version allows that the old did not,
 * and the ones it no longer allows — decided exactly over every resource string, not by sampling.
 *
 * Both versions are read in the same symbolic request context: every policy variable is one opaque value
 * (its own letter), the same in both versions, so a change that only rewrites a variable's surroundings is
 * compared exactly, and an unchanged statement never shows up as new access. Conditions cannot be decided
 * without a request: a difference that holds whatever the conditions say is `certain`; one that depends
 * on them is reported with `certain: false`. Every example is re-decided by the evaluator with concrete
 * variable values (`confirmed`).
 */
import { actionPrefix, actionsCoveredBy, CHECKED_PREFIXES, KNOWN_ACTIONS } from '../catalog/actions';
import { findDataPlaneAction } from '../catalog/data-plane';
import { iotPolicyRoleFor } from '../cognito/authorize';
import { COGNITO_SUB, identityContext, type IdentityType } from '../cognito/identity';
import { compileOptionsFor } from '../cognito/role-policies';
import { compilePolicy, policyUnder, readingsForAction, statementsForAction, type CompiledPolicy, type CompiledStatement } from '../evaluate/compile';
import { readingCombinations } from '../readings/combinations';
import { describeReadings } from '../readings/describe';
import { parsePolicy } from '../policy/parse';
import { evaluatePolicySet, makeRequest } from '../evaluate/evaluate';
import { statementRef } from '../explain/explain';
import type { PolicyKind } from '../policy/model';
import { describeStatement } from '../scenario/explain-check';
import type { SourceRange } from '../source/range';
import { Alphabet } from './alphabet';
import { and, FormulaAutomaton, TableAutomaton, leaf, not, or, readable, shortestWord, StateLimitError, type Automaton, type Expr } from './automata';
import { AMR, conditionReading, literalTexts, SymbolicModel, type Binding } from './symbolic';

/** A Resource (or NotResource) entry that produces part of a difference, or carves part out of it. */
export interface PatternRef {
  /** The entry as written; a NotResource statement is one ref `NOT [a, b]`. */
  pattern: string;
  effect: 'Allow' | 'Deny';
  notResource: boolean;
  /** `statement "Sid" (file:line:col)` */
  statement: string;
  range: SourceRange;
  /** A resource this entry newly grants (or no longer grants). */
  example?: string;
  /** True when every resource the entry matches is part of the difference: the pattern is exact. */
  whole?: boolean;
}

export interface AccessExample {
  resource: string;
  /** The variable values the example assumes (`${cognito-identity.amazonaws.com:sub}` …). */
  variables: Record<string, string>;
  /** Whether the evaluator, with these values, agrees (new allows and old does not, or the reverse). */
  confirmed: boolean;
}

export interface AccessDelta {
  /** False when the difference depends on conditions (it may or may not apply to a request). */
  certain: boolean;
  /** Why the difference is not certain, when the reason is not conditions. */
  uncertainBecause?: string;
  examples: AccessExample[];
  /** The Allow entries (of the version that allows) producing the difference. */
  patterns: PatternRef[];
  /** Entries that carve parts out: that version's Denies and the other version's Allows. */
  except: PatternRef[];
}

export interface AccessChange {
  identityType: IdentityType;
  /** Actions treated alike by both versions (same statements apply). */
  actions: string[];
  granted?: AccessDelta;
  removed?: AccessDelta;
}

export interface AccessDiff {
  kind: PolicyKind;
  identityType: IdentityType;
  changes: AccessChange[];
  /** Action groups the comparison could not decide (too large). */
  undecided: string[];
}

const MAX_CONDITION_BLOCKS = 6;

/** What decides a statement's part in a decision, as text (Sids and positions left out). */
function statementText(statement: CompiledStatement): string {
  return JSON.stringify([
    statement.effect,
    statement.takesPart,
    statement.policy.version?.value,
    statement.actionsNegated,
    statement.source.actions?.values.map((v) => v.value),
    statement.resourcesNegated,
    statement.resources.map((r) => r.template.parts),
    conditionBlock(statement),
  ]);
}

/** A statement's Condition block as text: equal blocks hold or fail together for one request. */
function conditionBlock(statement: CompiledStatement): string {
  return JSON.stringify(statement.conditions.map((c) => [c.source.operator.value, c.key, c.source.values.map((v) => v.value)]).sort());
}

const EXAMPLE_VALUES: Record<string, string> = {
  [COGNITO_SUB]: 'us-east-1:00000000-0000-4000-8000-000000000001',
  'iot:clientid': 'client-1',
};

/** Parses and compiles a policy as its kind reads it (role policies cannot use `${iot:ClientId}`, A14). */
export function compilePolicyFor(text: string, file: string, kind: PolicyKind): CompiledPolicy {
  return compilePolicy(parsePolicy(text, file), compileOptionsFor(kind));
}

export function identityTypeOf(kind: PolicyKind): IdentityType {
  return kind === 'unauth-role' ? 'unauthenticated' : 'authenticated';
}

/**
 * Per action, the access `newPolicies` grants that `oldPolicies` did not, and the access it removes.
 * Policies are compiled for their kind (role policies with `ROLE_POLICY_OPTIONS`). For IoT policies only
 * the actions an IoT policy takes part in are compared (for the others the role alone decides).
 */
export function diffAccess(
  oldPolicies: readonly CompiledPolicy[],
  newPolicies: readonly CompiledPolicy[],
  kind: PolicyKind,
  options: { stateLimit?: number } = {},
): AccessDiff {
  const exact = symbolicDiff(oldPolicies, newPolicies, kind, options);
  // Variables are opaque letters above, so an old pattern that reached a variable's real value through a
  // wildcard (Deny topic/dev/us-east-1:* against the new topic/dev/${…sub}) is not seen. Try the values the
  // other version's patterns single out, substituted alike in both versions: what that adds is new access
  // for identities with such values (confirmed like every example).
  for (const [variable, values] of candidateValues(oldPolicies, newPolicies)) {
    for (const value of values) {
      const bound = symbolicDiff(
        oldPolicies.map((p) => substituted(p, variable, value, kind)),
        newPolicies.map((p) => substituted(p, variable, value, kind)),
        kind,
        options,
      );
      for (const change of bound.changes) {
        if (!change.granted || exact.changes.some((c) => c.granted && c.actions.some((a) => change.actions.includes(a)))) continue;
        exact.changes.push({
          identityType: change.identityType,
          actions: change.actions,
          granted: {
            ...change.granted,
            certain: false,
            uncertainBecause: `for identities whose \${${variable}} is like "${value}": an old pattern reached that value through a wildcard`,
          },
        });
      }
    }
  }
  return exact;
}

/** Whether both versions have the same statements (in any order) for this action. */
function sameStatements(oldPolicies: readonly CompiledPolicy[], newPolicies: readonly CompiledPolicy[], action: string): boolean {
  const key = action.toLowerCase();
  const texts = (policies: readonly CompiledPolicy[]) =>
    policies
      .flatMap((p) => statementsForAction(p, key).map(statementText))
      .sort()
      .join('\n');
  return texts(oldPolicies) === texts(newPolicies);
}

const VARIABLE_IN_ENTRY = /\$\{([^}*?$][^}]*)\}/g;

/**
 * For each variable, the values the other version's patterns single out: where an entry has literal text P
 * before the variable, every pattern of the other version starting with P suggests the text after P (up to the
 * next "/", and the whole rest), wildcards read as one character. Bounded: a few values per variable. This
 * finds the usual interactions (a Deny carving a prefix out of a wildcard the variable now stands in); it is
 * a search for witnesses, not a proof that none exists.
 */
function candidateValues(oldPolicies: readonly CompiledPolicy[], newPolicies: readonly CompiledPolicy[]): Map<string, Set<string>> {
  const entries = (policies: readonly CompiledPolicy[]) => policies.flatMap((p) => p.statements.flatMap((s) => s.resources.map((r) => r.entry.value)));
  const versions = [entries(oldPolicies), entries(newPolicies)];
  const candidates = new Map<string, Set<string>>();
  versions.forEach((mine, index) => {
    const theirs = versions[1 - index];
    for (const entry of mine) {
      for (const match of entry.matchAll(VARIABLE_IN_ENTRY)) {
        const prefix = entry.slice(0, match.index);
        if (/[*?]|\$\{/.test(prefix)) continue;
        const values = candidates.get(match[1]) ?? new Set<string>();
        for (const other of theirs) {
          if (!other.startsWith(prefix) || other.length === prefix.length || other.includes(match[0])) continue;
          // The next level alone (identity IDs have no "/"), and the whole rest (client IDs may contain "/").
          const rest = other
            .slice(prefix.length)
            .replace(/\$\{[^}]*\}/g, 'x')
            .replace(/[*?]/g, 'x');
          for (const value of [rest.split('/')[0], rest]) if (value && values.size < 8) values.add(value);
        }
        if (values.size > 0) candidates.set(match[1], values);
      }
    }
  });
  return candidates;
}

/** The policy with one variable replaced by a value, in its Resource/NotResource entries. */
function substituted(policy: CompiledPolicy, variable: string, value: string, kind: PolicyKind): CompiledPolicy {
  const pattern = new RegExp(`\\$\\{${variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}`, 'gi');
  return compilePolicyFor(policy.source.text.replace(pattern, value), policy.source.file, kind);
}

function symbolicDiff(
  oldPolicies: readonly CompiledPolicy[],
  newPolicies: readonly CompiledPolicy[],
  kind: PolicyKind,
  options: { stateLimit?: number },
): AccessDiff {
  const identityType = identityTypeOf(kind);
  const groups = new Map<string, string[]>();
  for (const action of actionsInPlay([...oldPolicies, ...newPolicies])) {
    if (kind === 'iot') {
      const role = iotPolicyRoleFor('authenticated', action.toLowerCase());
      if (role !== 'required' && role !== 'required-inferred') continue;
    }
    const type = resourceTypeOf(action) ?? '';
    const signature = `${type}|${[...oldPolicies, ...newPolicies]
      .map((p) =>
        statementsForAction(p, action.toLowerCase())
          .map((s) => s.source.index)
          .join('.'),
      )
      .join('|')}`;
    const list = groups.get(signature) ?? [];
    list.push(action);
    groups.set(signature, list);
  }
  const changes: AccessChange[] = [];
  const undecided: string[] = [];
  for (const actions of groups.values()) {
    // The same statements in both versions (in any order) grant the same access: nothing to compare.
    if (sameStatements(oldPolicies, newPolicies, actions[0])) continue;
    try {
      const change = diffUnderReadings(oldPolicies, newPolicies, actions, identityType, options.stateLimit);
      if (change.granted || change.removed) changes.push(change);
    } catch (error) {
      if (!(error instanceof StateLimitError)) throw error;
      undecided.push(actions.join(', '));
    }
  }
  return { kind, identityType, changes, undecided };
}

/**
 * The change for one action group; when the new version grants nothing new under the engine's single
 * answer but the statements touch readings (docs/readings.md), access new under any of their outcomes
 * counts, marked as depending on that reading.
 */
function diffUnderReadings(
  oldPolicies: readonly CompiledPolicy[],
  newPolicies: readonly CompiledPolicy[],
  actions: string[],
  identityType: IdentityType,
  stateLimit?: number,
): AccessChange {
  const plain = new GroupDiff(oldPolicies, newPolicies, actions, identityType, stateLimit).run();
  const key = actions[0].toLowerCase();
  const touched = [...new Set([...oldPolicies, ...newPolicies].flatMap((p) => readingsForAction(p, key)))];
  if (plain.granted || touched.length === 0) return plain;
  for (const combination of readingCombinations(touched)) {
    const choices = new Map(combination);
    const under = (policies: readonly CompiledPolicy[]) => policies.map((p) => policyUnder(p, choices));
    const { granted } = new GroupDiff(under(oldPolicies), under(newPolicies), actions, identityType, stateLimit).run();
    if (granted)
      return {
        ...plain,
        granted: { ...granted, certain: false, uncertainBecause: `new only if ${describeReadings(Object.fromEntries(combination))} (docs/readings.md)` },
      };
  }
  return plain;
}

/** The resource type a data-plane action's requests always name (so other ARNs are not reported for it). */
function resourceTypeOf(action: string): string | undefined {
  const type = findDataPlaneAction(action)?.resourceType;
  return type === 'any' ? undefined : type;
}

/** Every action some statement of either version covers: known iot:/iotjobsdata: actions, and others as written. */
function actionsInPlay(policies: readonly CompiledPolicy[]): string[] {
  const actions = new Set<string>();
  for (const action of KNOWN_ACTIONS) if (policies.some((p) => statementsForAction(p, action.toLowerCase()).length > 0)) actions.add(action);
  for (const policy of policies) {
    for (const statement of policy.statements) {
      for (const value of statement.source.actions?.values ?? []) {
        const written = value.value;
        if (CHECKED_PREFIXES.has(actionPrefix(written)) && actionsCoveredBy(written).length > 0) continue;
        if (written === '*' || CHECKED_PREFIXES.has(actionPrefix(written))) continue;
        actions.add(written);
      }
    }
  }
  return [...actions].sort();
}

class GroupDiff {
  private readonly alphabet: Alphabet;
  private readonly model: SymbolicModel;
  private readonly binding: Binding;
  private readonly symbolKeys: string[];
  private readonly action: string;
  /** Requests with this action name resources of one type: `arn:*:iot:*:*:<type>/*`. */
  private readonly universe: Expr[];

  constructor(
    private readonly oldPolicies: readonly CompiledPolicy[],
    private readonly newPolicies: readonly CompiledPolicy[],
    private readonly actions: string[],
    private readonly identityType: IdentityType,
    private readonly stateLimit?: number,
  ) {
    this.action = actions[0];
    const all = [...oldPolicies, ...newPolicies];
    const keys = new Set<string>();
    for (const policy of all) {
      for (const statement of statementsForAction(policy, this.action.toLowerCase())) {
        for (const resource of statement.resources)
          for (const part of resource.template.parts) if (part.kind === 'variable' && !part.unavailable && part.key !== AMR) keys.add(part.key);
      }
    }
    this.symbolKeys = [...keys].sort();
    const type = resourceTypeOf(this.action);
    const universe = type === undefined ? undefined : `arn::iot:::${type}/`;
    this.alphabet = new Alphabet([...literalTexts(all), ...(universe ? [universe] : [])], this.symbolKeys);
    this.model = new SymbolicModel(this.alphabet, { reach: false, idSymbols: [] });
    this.binding = (key) => {
      if (key === AMR || !this.alphabet.hasSymbol(key)) return { kind: 'unresolved' };
      return { kind: 'symbol', letter: this.alphabet.symbol(key), idValued: false };
    };
    // Requests always name a non-empty resource; data-plane requests one of their resource type.
    const row = Array.from({ length: this.alphabet.size }, () => 1);
    this.universe = [leaf(type ? arnsOfType(this.alphabet, type) : new TableAutomaton([row, row], [false, true]))];
  }

  private product(expr: Expr): FormulaAutomaton {
    return new FormulaAutomaton(expr, this.alphabet.size, this.stateLimit);
  }

  private readonly allowedCache = new Map<string, Expr>();

  /** Memoized per version, direction and condition assignment, so automata (and their states) are shared. */
  private allowed(policies: readonly CompiledPolicy[], direction: 'over' | 'under', assume?: (statement: CompiledStatement) => boolean | undefined): Expr {
    const key = `${policies === this.oldPolicies ? 'old' : 'new'}|${direction}|${assume ? this.assumptionIds.get(assume) : '-'}`;
    let expr = this.allowedCache.get(key);
    if (!expr) {
      expr = this.model.allowedExpr(policies, this.action, this.binding, direction, assume);
      this.allowedCache.set(key, expr);
    }
    return expr;
  }

  private readonly assumptionIds = new Map<(statement: CompiledStatement) => boolean | undefined, number>();
  private assignmentList?: Array<(statement: CompiledStatement) => boolean | undefined> | null;

  /**
   * The same condition block decides the same way in both versions for one request, so conditions are
   * enumerated jointly: one boolean per distinct condition block (up to MAX_CONDITION_BLOCKS of them).
   * Each assignment makes both versions exact. Past the limit, each version is approximated on its own.
   */
  private assignments(): Array<(statement: CompiledStatement) => boolean | undefined> | undefined {
    if (this.assignmentList === undefined) {
      this.assignmentList = this.enumerateAssignments() ?? null;
      this.assignmentList?.forEach((a, i) => this.assumptionIds.set(a, i));
    }
    return this.assignmentList ?? undefined;
  }

  private enumerateAssignments(): Array<(statement: CompiledStatement) => boolean | undefined> | undefined {
    const blocks = new Set<string>();
    for (const policy of [...this.oldPolicies, ...this.newPolicies]) {
      for (const statement of statementsForAction(policy, this.action.toLowerCase()))
        if (conditionReading(statement) === 'approximate') blocks.add(conditionBlock(statement));
    }
    if (blocks.size > MAX_CONDITION_BLOCKS) return undefined;
    const list = [...blocks];
    return Array.from(
      { length: 1 << list.length },
      (_, mask) => (statement: CompiledStatement) => ((mask >> list.indexOf(conditionBlock(statement))) & 1) === 1,
    );
  }

  private search(expr: Expr): number[] | undefined {
    const automaton = this.product(expr);
    const result = shortestWord(automaton, this.alphabet.searchOrder, this.stateLimit);
    return result.found ? readable(automaton, result.word, this.alphabet) : undefined;
  }

  run(): AccessChange {
    const change: AccessChange = { identityType: this.identityType, actions: this.actions };
    const granted = this.delta(this.newPolicies, this.oldPolicies);
    const removed = this.delta(this.oldPolicies, this.newPolicies);
    if (granted) change.granted = granted;
    if (removed) change.removed = removed;
    return change;
  }

  /** What `gaining` allows and `losing` does not. */
  private delta(gaining: readonly CompiledPolicy[], losing: readonly CompiledPolicy[]): AccessDelta | undefined {
    const assignments = this.assignments();
    const difference = (assume?: (statement: CompiledStatement) => boolean | undefined, direction: 'over' | 'under' = 'over') =>
      and(this.allowed(gaining, direction, assume), not(this.allowed(losing, direction === 'over' ? 'under' : 'over', assume)), ...this.universe);
    // possible: under some reading of the conditions; certain: under every reading.
    const possible = assignments ? or(...assignments.map((a) => difference(a))) : difference(undefined, 'over');
    const possibleWord = this.search(possible);
    if (!possibleWord) return undefined;
    const certainWord = this.search(assignments ? and(...assignments.map((a) => difference(a))) : difference(undefined, 'under'));
    const examples = [certainWord ?? possibleWord].map((w) => this.example(w, gaining, losing));
    const patterns: PatternRef[] = [];
    const contributing: Expr[] = [];
    for (const { statement, expr, ref } of this.entries(gaining, 'Allow')) {
      const word = this.search(and(expr, possible));
      if (!word) continue;
      contributing.push(expr);
      const whole = conditionReading(statement) === 'exact' && !this.search(and(expr, ...this.universe, not(possible)));
      patterns.push({ ...ref, example: this.spell(word).resource, whole });
    }
    const except: PatternRef[] = [];
    const produced = or(...contributing);
    for (const { expr, ref } of [...this.entries(gaining, 'Deny'), ...this.entries(losing, 'Allow')]) {
      if (this.search(and(expr, produced, ...this.universe))) except.push(ref);
    }
    return { certain: certainWord !== undefined, examples, patterns, except };
  }

  /** Each Resource entry of the statements covering the action (a NotResource statement as one entry). */
  private entries(policies: readonly CompiledPolicy[], effect: 'Allow' | 'Deny'): Array<{ statement: CompiledStatement; expr: Expr; ref: PatternRef }> {
    const result: Array<{ statement: CompiledStatement; expr: Expr; ref: PatternRef }> = [];
    for (const policy of policies) {
      for (const statement of statementsForAction(policy, this.action.toLowerCase())) {
        if (statement.effect !== effect || !statement.takesPart || (effect === 'Allow' && conditionReading(statement) === 'never')) continue;
        const where = describeStatement(statementRef(statement));
        const polarity = 'positive' as const;
        if (statement.resourcesNegated) {
          const automaton: Automaton = this.model.automaton(
            statement.resources.map((r) => this.model.pattern(r.template.parts, this.binding, polarity, r.entry.value, r.withinParts)),
          );
          const range = statement.source.resources!.valueRange;
          result.push({
            statement,
            expr: not(leaf(automaton)),
            ref: { pattern: `NOT [${statement.resources.map((r) => r.entry.value).join(', ')}]`, effect, notResource: true, statement: where, range },
          });
          continue;
        }
        for (const resource of statement.resources) {
          const automaton = this.model.automaton([
            this.model.pattern(resource.template.parts, this.binding, polarity, resource.entry.value, resource.withinParts),
          ]);
          result.push({
            statement,
            expr: leaf(automaton),
            ref: { pattern: resource.entry.value, effect, notResource: false, statement: where, range: resource.entry.range },
          });
        }
      }
    }
    return result;
  }

  private values(): Record<string, string> {
    const values: Record<string, string> = {};
    for (const key of this.symbolKeys) values[key] = EXAMPLE_VALUES[key] ?? `example-${key.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    return values;
  }

  private spell(word: readonly number[]): { resource: string; variables: Record<string, string> } {
    const values = this.values();
    const used: Record<string, string> = {};
    for (const letter of word) {
      const symbol = this.alphabet.letters[letter].symbol;
      if (symbol !== undefined) used[displayKey(symbol)] = values[symbol];
    }
    return { resource: this.alphabet.spell(word, values), variables: used };
  }

  private example(word: readonly number[], gaining: readonly CompiledPolicy[], losing: readonly CompiledPolicy[]): AccessExample {
    const { resource, variables } = this.spell(word);
    const values = this.values();
    const { context } = identityContext({
      type: this.identityType,
      identityId: values[COGNITO_SUB] ?? EXAMPLE_VALUES[COGNITO_SUB],
      clientId: values['iot:clientid'] ?? EXAMPLE_VALUES['iot:clientid'],
    });
    for (const [key, value] of Object.entries(values)) context.set(key, value);
    const request = makeRequest(this.action, resource, context);
    const confirmed = evaluatePolicySet(gaining, request).outcome === 'allow' && evaluatePolicySet(losing, request).outcome !== 'allow';
    return { resource, variables, confirmed };
  }
}

function displayKey(key: string): string {
  return key === COGNITO_SUB ? 'cognito-identity.amazonaws.com:sub' : key === 'iot:clientid' ? 'iot:ClientId' : key;
}

/**
 * `arn:<partition>:iot:<region>:<account>:<type>/<anything>`, where partition, region and account hold
 * no ":" or "/" (the ARNs requests with a data-plane action actually name).
 */
function arnsOfType(alphabet: Alphabet, type: string): Automaton {
  type Step = { literal: number } | { segment: true } | { rest: true };
  const steps: Step[] = [];
  const literal = (text: string) => alphabet.word(text).forEach((letter) => steps.push({ literal: letter }));
  literal('arn:');
  steps.push({ segment: true });
  literal(':iot:');
  steps.push({ segment: true });
  literal(':');
  steps.push({ segment: true });
  literal(`:${type}/`);
  steps.push({ rest: true });
  const colon = alphabet.charLetter(58);
  const table = steps.map((step, i) =>
    Array.from({ length: alphabet.size }, (_, letter) => {
      if ('rest' in step) return i;
      if ('literal' in step) return step.literal === letter ? i + 1 : -1;
      // A segment is followed by a literal starting with ":": on ":" skip past that colon.
      if (letter === colon) return i + 2;
      return letter === alphabet.slash ? -1 : i;
    }),
  );
  return new TableAutomaton(
    table,
    steps.map((step) => 'rest' in step),
    steps.map((step) => 'rest' in step),
  );
}
