import { findDataPlaneAction } from '../catalog/data-plane';
import { iotPolicyRoleFor, touchedReadings } from '../cognito/authorize';
import { policyUnder, statementsForAction, type CompiledPolicy, type CompiledStatement } from '../evaluate/compile';
import type { AppClass, App } from '../project/app';
import type { Alphabet } from '../prove/alphabet';
import { AfterPrefix, and, leaf, MqttMatchNfa, not, or, SubsetAutomaton, type Automaton, type Expr, type FormulaAutomaton } from '../prove/automata';
import { conditionReading, literalTexts } from '../prove/symbolic';
import { A2, type ReadingChoices } from '../readings/choices';
import { readingCombinations } from '../readings/combinations';
import { resourceKey, valuesKey } from './content-keys';
import { variablesKey, type SharedAutomata, type SharedAutomataByApp, type Variables } from './shared-automata';

export type { Variables } from './shared-automata';

/** A value the client picks for its client ID in examples, when Connect lets it pick one. */
export const CHOSEN_CLIENT_ID = 'client-1';

/** How one request is made: over MQTT (with a client ID) or HTTPS (none). */
export interface RequestMode {
  protocol: 'mqtt-wss' | 'https';
  variables: Variables;
}

/**
 * One Resource entry (or a NotResource statement as one entry), standing for every statement that has
 * the same entry: policies repeat patterns, and each distinct one is checked once.
 */
export interface EntryRef {
  statement: CompiledStatement;
  /** Index into the statement's resources; undefined for a NotResource statement as a whole. */
  resource?: number;
  /** Every statement with this entry (the first is `statement`). */
  statements: CompiledStatement[];
}

/** What decides a class's requests for one action under one combination of readings. */
export interface Layering {
  choices: ReadingChoices;
  role: readonly CompiledPolicy[];
  /** The IoT policies, when they must allow too. */
  iot?: readonly CompiledPolicy[];
}

/**
 * The symbolic space of one app: one alphabet for all its policies, with letters A (the acting
 * identity's ID), B (another identity's ID) and C (a client ID the client picks). Sets are built with
 * the prover's sound model (`symbolic.ts`): Allows over-approximated (conditions read as holding), so
 * nothing granted is missed; each grant is then confirmed with a concrete request by the evaluator. The
 * automata are shared with the run's other apps of the same alphabet and account (shared-automata.ts).
 */
export class SummarySpace {
  readonly alphabet: Alphabet;
  readonly A: number;
  readonly B: number;
  readonly C: number;
  private readonly shared: SharedAutomata;
  /** The app's identity pool ID, the value of `${cognito-identity.amazonaws.com:aud}` ('' when the files do not give it). */
  private readonly poolId: string;
  private readonly allowedSets = new Map<string, Expr>();
  private readonly classIds = new Map<AppClass, number>();
  // Asked for every action, grant and flow: each answer kept, so the same policy arrays and entries come back.
  private readonly layeringLists = new Map<string, Layering[]>();
  private readonly entryLists = new WeakMap<readonly CompiledPolicy[], Map<string, EntryRef[]>>();
  private readonly entryExprs = new WeakMap<EntryRef, Map<string, Expr>>();

  constructor(
    readonly app: App,
    sharing: SharedAutomataByApp,
  ) {
    const policies = new Set<CompiledPolicy>(app.classes.flatMap((c) => [...c.rolePolicies, ...c.iotPolicies].map((p) => p.compiled)));
    const heads = ['client', 'topic', 'topicfilter', 'thing'].map((type) => this.headText(type));
    this.shared = sharing.for(app, [...literalTexts(policies), ...heads, CHOSEN_CLIENT_ID, ...(app.identityPoolId ? [app.identityPoolId] : [])]);
    ({ alphabet: this.alphabet, A: this.A, B: this.B, C: this.C } = this.shared);
    this.poolId = app.identityPoolId ?? '';
  }

  headText(type: string): string {
    const { partition, region, account } = this.app.scope;
    return `arn:${partition}:iot:${region}:${account}:${type}/`;
  }

  /** The resource type a data-plane action's requests name (`client`, `topic`…), undefined for `*`. */
  typeOf(action: string): string | undefined {
    const type = findDataPlaneAction(action)?.resourceType;
    return type === 'any' ? undefined : type;
  }

  /**
   * Sets are over what follows `arn:…:<type>/` in the app's account (the names), so searches do not walk
   * the ARN head again each time: an automaton over ARNs is read past the head once.
   */
  private names(automaton: Automaton, action: string): Automaton {
    const type = this.typeOf(action);
    return type === undefined ? automaton : new AfterPrefix(automaton, this.alphabet.word(this.headText(type)));
  }

  /** The whole resource a name stands for in a request with the action. */
  resourceOf(name: string, action: string): string {
    const type = this.typeOf(action);
    return type === undefined ? name : `${this.headText(type)}${name}`;
  }

  /** The names requests with a data-plane action use: valid topic names and filters, non-empty client IDs and things. */
  universe(action: string): Expr {
    const type = this.typeOf(action);
    const { validTopic, validFilter, nonEmpty } = this.shared;
    return this.shared.cached(`universe|${type}`, () => leaf(type === 'topic' ? validTopic : type === 'topicfilter' ? validFilter : nonEmpty));
  }

  private classId(cls: AppClass): number {
    let id = this.classIds.get(cls);
    if (id === undefined) this.classIds.set(cls, (id = this.classIds.size));
    return id;
  }

  /** The readings combinations and which policy layers decide the action for the class under each. */
  layerings(cls: AppClass, action: string): Layering[] {
    const key = action.toLowerCase();
    const memo = `${this.classId(cls)}|${key}`;
    let found = this.layeringLists.get(memo);
    if (!found) this.layeringLists.set(memo, (found = this.layeringsOf(cls, key)));
    return found;
  }

  private layeringsOf(cls: AppClass, key: string): Layering[] {
    const role = cls.rolePolicies.map((p) => p.compiled);
    const iot = cls.iotPolicies.map((p) => p.compiled);
    const iotRole = iotPolicyRoleFor(cls.type, key);
    const consulted = iotRole === 'required' || iotRole === 'required-inferred';
    const pinned = this.app.readings;
    const touched = touchedReadings(role, consulted ? iot : [], iotRole, key, pinned);
    return readingCombinations(touched).map((combination) => {
      const choices: ReadingChoices = new Map([...(pinned ?? []), ...combination]);
      const under = (policies: readonly CompiledPolicy[]) => policies.map((p) => policyUnder(p, choices));
      const roleAlone = !consulted || (iotRole === 'required-inferred' && choices.get(A2) === 'role-alone');
      return { choices, role: under(role), ...(!roleAlone && { iot: under(iot) }) };
    });
  }

  /** What the class may do with the action under every reading, as an (over-approximated) set of resources. */
  allowed(cls: AppClass, action: string, variables: Variables): Expr {
    return this.allowedBy(false, cls, action, variables);
  }

  /**
   * The same without the edges that let an identity letter stand for a pattern's own text (`chat/room-*`
   * reads `chat/<ID>` as possibly inside, should the ID start with `room-`): an example found here spells
   * a resource inside the pattern, so the evaluator allows it (`exampleWord`).
   */
  private strictAllowed(cls: AppClass, action: string, variables: Variables): Expr {
    return this.allowedBy(true, cls, action, variables);
  }

  private allowedBy(strict: boolean, cls: AppClass, action: string, variables: Variables): Expr {
    const key = `${strict}|${this.classId(cls)}|${action}|${variablesKey(variables)}`;
    let found = this.allowedSets.get(key);
    if (!found) this.allowedSets.set(key, (found = this.allowedUnderReadings(strict, cls, action, variables)));
    return found;
  }

  private allowedUnderReadings(strict: boolean, cls: AppClass, action: string, variables: Variables): Expr {
    const model = strict ? this.shared.strictModel : this.shared.model;
    const binding = this.shared.binding(variables, this.poolId);
    const under = or(
      ...this.layerings(cls, action).map(({ role, iot }) => {
        const byRole = model.allowedExpr(role, action, binding, 'over');
        return iot ? and(byRole, model.allowedExpr(iot, action, binding, 'over')) : byRole;
      }),
    );
    // Keyed by the sets it combines: classes (and apps) with the same policies share it.
    return this.shared.cached(`allowed|${strict}|${this.typeOf(action)}|${this.shared.exprKey(under)}`, () =>
      leaf(this.product(and(this.namesOf(under, action), this.universe(action)))),
    );
  }

  /** The set's names, read past the head leaf by leaf (each leaf's once): one product instead of a product of products. */
  private namesOf(expr: Expr, action: string): Expr {
    switch (expr.op) {
      case 'leaf':
        return this.shared.cached(`names|${this.typeOf(action)}|${this.shared.exprKey(expr)}`, () => leaf(this.names(expr.leaf, action)));
      case 'not':
        return not(this.namesOf(expr.arg, action));
      case 'const':
        return expr;
      default:
        return { op: expr.op, args: expr.args.map((arg) => this.namesOf(arg, action)) };
    }
  }

  /** The Allow (or Deny) entries of the policies' statements that cover the action and can take part. */
  entries(policies: readonly CompiledPolicy[], action: string, effect: 'Allow' | 'Deny'): EntryRef[] {
    let lists = this.entryLists.get(policies);
    if (!lists) this.entryLists.set(policies, (lists = new Map()));
    const key = `${action.toLowerCase()}|${effect}`;
    let found = lists.get(key);
    if (!found) lists.set(key, (found = this.entriesOf(policies, action, effect)));
    return found;
  }

  private entriesOf(policies: readonly CompiledPolicy[], action: string, effect: 'Allow' | 'Deny'): EntryRef[] {
    const refs = new Map<string, EntryRef>();
    const add = (statement: CompiledStatement, resource: number | undefined) => {
      // Equal text under the same variable rules matches the same resources.
      const text = resource === undefined ? `NOT ${JSON.stringify(statement.resources.map((r) => r.entry.value))}` : statement.resources[resource].entry.value;
      const key = `${statement.policy.version?.value}|${text}`;
      const found = refs.get(key);
      if (found) found.statements.push(statement);
      else refs.set(key, { statement, resource, statements: [statement] });
    };
    for (const policy of policies) {
      for (const statement of statementsForAction(policy, action.toLowerCase())) {
        if (statement.effect !== effect || !statement.takesPart || conditionReading(statement) === 'never') continue;
        if (statement.resourcesNegated) add(statement, undefined);
        else statement.resources.forEach((r, index) => r.matcher.shape !== 'none' && add(statement, index));
      }
    }
    return [...refs.values()];
  }

  /** An entry's resources for a request with these variables (positive: everything it may match). */
  entryExpr(entry: EntryRef, action: string, variables: Variables, strict = false): Expr {
    let exprs = this.entryExprs.get(entry);
    if (!exprs) this.entryExprs.set(entry, (exprs = new Map()));
    const key = `${strict}|${this.typeOf(action)}|${variablesKey(variables)}`;
    let found = exprs.get(key);
    if (!found) exprs.set(key, (found = this.entryExprOf(entry, action, variables, strict)));
    return found;
  }

  private entryExprOf(entry: EntryRef, action: string, variables: Variables, strict: boolean): Expr {
    if (entry.resource !== undefined) return this.unionExpr([entry], action, variables, strict);
    const { statement } = entry;
    const model = strict ? this.shared.strictModel : this.shared.model;
    const binding = this.shared.binding(variables, this.poolId);
    const written = JSON.stringify(statement.resources.map((r) => [resourceKey(r), valuesKey(r.template.parts, binding)]));
    return this.shared.cached(`not|${strict}|${this.typeOf(action)}|${written}`, () => {
      const patterns = statement.resources.map((r) => model.pattern(r.template.parts, binding, 'negative', r.entry.value, r.withinParts));
      return not(leaf(this.names(model.automaton(patterns), action)));
    });
  }

  /** The resources some of the entries (each one Resource entry, not a NotResource) may match: one automaton of their patterns. */
  private unionExpr(entries: readonly EntryRef[], action: string, variables: Variables, strict: boolean): Expr {
    const model = strict ? this.shared.strictModel : this.shared.model;
    const binding = this.shared.binding(variables, this.poolId);
    const resources = entries.map((e) => e.statement.resources[e.resource!]);
    const written = JSON.stringify([...new Set(resources.map((r) => JSON.stringify([resourceKey(r), valuesKey(r.template.parts, binding)])))].sort());
    return this.shared.cached(`entries|${strict}|${this.typeOf(action)}|${written}`, () => {
      const patterns = resources.map((r) => model.pattern(r.template.parts, binding, 'positive', r.entry.value, r.withinParts));
      return leaf(this.names(model.automaton(patterns), action));
    });
  }

  /** The entries' union: the Resource entries as one automaton, each NotResource entry as its own. */
  private anyOf(entries: readonly EntryRef[], action: string, variables: Variables, strict: boolean): Expr {
    const listed = entries.filter((e) => e.resource !== undefined);
    const negated = entries.filter((e) => e.resource === undefined).map((e) => this.entryExpr(e, action, variables, strict));
    return or(...(listed.length > 0 ? [this.unionExpr(listed, action, variables, strict)] : []), ...negated);
  }

  /** Identity A's own ID as a client ID: the one name a pinned Connect allows. */
  ownIdentityId(): Expr {
    return this.shared.cached('own-id', () => leaf(this.shared.model.automaton([{ items: [{ kind: 'letter', letter: this.A }] }])));
  }

  /** The topics some filter of the set (valid topic filters) matches under MQTT rules: what a subscription to them delivers. */
  delivered(filters: Expr): Expr {
    return this.shared.cached(`delivered|${this.shared.exprKey(filters)}`, () =>
      leaf(new SubsetAutomaton(new MqttMatchNfa(this.product(filters), this.shared.letters), this.shared.stateLimit)),
    );
  }

  /** The resources some pair of entries (a role entry and an IoT policy entry) matches; `strict`: see `strictAllowed`. */
  pairsExpr(pairs: readonly EntryRef[][], action: string, variables: Variables, strict = false): Expr {
    // Pairs grouped by their role entry, its IoT policy entries one union automaton: a product of a few automata, not of one per entry.
    const alone: EntryRef[] = [];
    const byRole = new Map<EntryRef, EntryRef[]>();
    for (const [role, iot] of pairs) {
      if (iot === undefined) alone.push(role);
      else byRole.set(role, [...(byRole.get(role) ?? []), iot]);
    }
    return or(
      ...(alone.length > 0 ? [this.anyOf(alone, action, variables, strict)] : []),
      ...[...byRole].map(([role, iot]) => and(this.entryExpr(role, action, variables, strict), this.anyOf(iot, action, variables, strict))),
    );
  }

  /**
   * Where examples are best found: the requests' strict sets (`strictAllowed`, and the entries a grant
   * shows), whose words have symbolic letters only where a pattern reads a whole value, so their spelling
   * is inside the patterns.
   */
  strictSet(requests: ReadonlyArray<{ cls: AppClass; action: string; variables: Variables; pairs?: readonly EntryRef[][] }>): Expr {
    return and(
      ...requests.flatMap((r) => [
        this.strictAllowed(r.cls, r.action, r.variables),
        ...(r.pairs ? [this.pairsExpr(r.pairs, r.action, r.variables, true)] : []),
      ]),
    );
  }

  /** The first non-empty set's short, readable word (sets are built only as far as needed). */
  firstWord(sets: ReadonlyArray<() => Expr>): number[] | undefined {
    for (const set of sets) {
      const word = this.search(set());
      if (word) return word;
    }
    return undefined;
  }

  product(expr: Expr): FormulaAutomaton {
    return this.shared.product(expr);
  }

  /** A short, readable word of the set, or undefined when it is empty. */
  search(expr: Expr): number[] | undefined {
    return this.shared.search(expr);
  }

  isEmpty(expr: Expr): boolean {
    return this.search(expr) === undefined;
  }
}
