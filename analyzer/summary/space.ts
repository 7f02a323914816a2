import { findDataPlaneAction } from '../catalog/data-plane';
import { iotPolicyRoleFor, touchedReadings } from '../cognito/authorize';
import { policyUnder, statementsForAction, type CompiledPolicy, type CompiledStatement } from '../evaluate/compile';
import type { AppClass, App } from '../project/app';
import { Alphabet } from '../prove/alphabet';
import {
  AfterPrefix,
  and,
  FormulaAutomaton,
  leaf,
  not,
  or,
  readable,
  shortestWord,
  mqttLanguages,
  type Automaton,
  type Expr,
  type LinearPattern,
  type MqttLetters,
} from '../prove/automata';
import { AUD, conditionReading, identityBinding, literalTexts, SymbolicModel, type Binding, type Direction, type Polarity } from '../prove/symbolic';
import type { TemplatePart } from '../variables/template';
import { A2, type ReadingChoices } from '../readings/choices';
import { readingCombinations } from '../readings/combinations';

/** A value the client picks for its client ID in examples, when Connect lets it pick one. */
export const CHOSEN_CLIENT_ID = 'client-1';

/** The variables of a request by `self`: its client ID its own ID (`pinned`), picked (`free`: anything, or one value C when not `sound`), or none (HTTPS). */
export interface Variables {
  self: number;
  clientId: 'pinned' | 'free' | 'absent';
  sound: boolean;
}

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

/**
 * The prover's model with each pattern compiled once per binding and polarity: the same policies are read
 * for many actions, classes and modes, and compiling a pattern (with its identity-ID edges) dominates
 * otherwise. Safe here: undelimited variables are read as any value, so no opacity issue is recorded.
 */
class MemoModel extends SymbolicModel {
  private readonly memo = new WeakMap<readonly TemplatePart[], Map<Binding, Map<Polarity, LinearPattern>>>();
  private readonly allowedMemo = new Map<string, Expr>();
  private readonly ids = new Map<object, number>();

  private idOf(item: object): number {
    let id = this.ids.get(item);
    if (id === undefined) this.ids.set(item, (id = this.ids.size));
    return id;
  }

  /** The same statements cover many actions (and classes share IoT policies): one set per statements, binding and direction. */
  override allowedExpr(policies: readonly CompiledPolicy[], action: string, binding: Binding, direction: Direction): Expr {
    const statements = policies.flatMap((p) => statementsForAction(p, action.toLowerCase()).map((s) => this.idOf(s)));
    const key = `${this.idOf(binding)}|${direction}|${statements.join(',')}`;
    let found = this.allowedMemo.get(key);
    if (!found) this.allowedMemo.set(key, (found = super.allowedExpr(policies, action, binding, direction)));
    return found;
  }

  override pattern(parts: readonly TemplatePart[], binding: Binding, polarity: Polarity, source = ''): LinearPattern {
    let byBinding = this.memo.get(parts);
    if (!byBinding) this.memo.set(parts, (byBinding = new Map()));
    let byPolarity = byBinding.get(binding);
    if (!byPolarity) byBinding.set(binding, (byPolarity = new Map()));
    let found = byPolarity.get(polarity);
    if (!found) byPolarity.set(polarity, (found = super.pattern(parts, binding, polarity, source)));
    return found;
  }
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
 * nothing granted is missed; each grant is then confirmed with a concrete request by the evaluator.
 */
export class SummarySpace {
  readonly alphabet: Alphabet;
  readonly A: number;
  readonly B: number;
  readonly C: number;
  readonly model: SymbolicModel;
  readonly letters: MqttLetters;
  readonly validTopic: Automaton;
  readonly validFilter: Automaton;
  readonly nonEmpty: Automaton;
  private readonly poolLiterals: ReadonlyMap<string, string>;

  constructor(
    readonly app: App,
    readonly stateLimit?: number,
  ) {
    const policies = new Set<CompiledPolicy>(app.classes.flatMap((c) => [...c.rolePolicies, ...c.iotPolicies].map((p) => p.compiled)));
    const heads = ['client', 'topic', 'topicfilter', 'thing'].map((type) => this.headText(type));
    this.alphabet = new Alphabet([...literalTexts(policies), ...heads, CHOSEN_CLIENT_ID, ...(app.identityPoolId ? [app.identityPoolId] : [])], ['A', 'B', 'C']);
    this.A = this.alphabet.symbol('A');
    this.B = this.alphabet.symbol('B');
    this.C = this.alphabet.symbol('C');
    this.model = new MemoModel(this.alphabet, { reach: true, idSymbols: [this.A, this.B], undelimitedAsAnything: true });
    ({ letters: this.letters, validTopic: this.validTopic, validFilter: this.validFilter, nonEmpty: this.nonEmpty } = mqttLanguages(this.alphabet));
    this.poolLiterals = app.identityPoolId ? new Map([[AUD, app.identityPoolId]]) : new Map();
  }

  headText(type: string): string {
    const { partition, region, account } = this.app.scope;
    return `arn:${partition}:iot:${region}:${account}:${type}/`;
  }

  private readonly bindings = new Map<string, Binding>();

  /** One binding object per set of variables, so compiled patterns are shared (MemoModel). */
  private binding(variables: Variables): Binding {
    const key = this.variablesKey(variables);
    let binding = this.bindings.get(key);
    if (!binding) {
      const { self, clientId, sound } = variables;
      binding = identityBinding(self, clientId, new Map(), clientId === 'free' && !sound ? this.C : undefined, this.poolLiterals);
      this.bindings.set(key, binding);
    }
    return binding;
  }

  // Automata are determinized lazily and keep their states: built once per key, shared by every search.
  private readonly cache = new Map<string, Expr>();
  private readonly entryIds = new Map<CompiledStatement, number>();
  private readonly classIds = new Map<AppClass, number>();

  private cached(key: string, build: () => Expr): Expr {
    let found = this.cache.get(key);
    if (!found) this.cache.set(key, (found = build()));
    return found;
  }

  private idOf<T>(ids: Map<T, number>, item: T): number {
    let id = ids.get(item);
    if (id === undefined) ids.set(item, (id = ids.size));
    return id;
  }

  private variablesKey(v: Variables): string {
    return `${v.self}|${v.clientId}|${v.sound}`;
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
    return this.cached(`universe|${type}`, () => leaf(type === 'topic' ? this.validTopic : type === 'topicfilter' ? this.validFilter : this.nonEmpty));
  }

  /** The readings combinations and which policy layers decide the action for the class under each. */
  layerings(cls: AppClass, action: string): Layering[] {
    const key = action.toLowerCase();
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
    return this.cached(`allowed|${this.idOf(this.classIds, cls)}|${action}|${this.variablesKey(variables)}`, () => {
      const binding = this.binding(variables);
      const under = this.layerings(cls, action).map(({ role, iot }) => {
        const byRole = this.model.allowedExpr(role, action, binding, 'over');
        return iot ? and(byRole, this.model.allowedExpr(iot, action, binding, 'over')) : byRole;
      });
      return leaf(this.product(and(leaf(this.names(this.product(or(...under)), action)), this.universe(action))));
    });
  }

  /** The Allow (or Deny) entries of the policies' statements that cover the action and can take part. */
  entries(policies: readonly CompiledPolicy[], action: string, effect: 'Allow' | 'Deny'): EntryRef[] {
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
  entryExpr(entry: EntryRef, action: string, variables: Variables): Expr {
    const { statement } = entry;
    const key = `entry|${this.idOf(this.entryIds, statement)}|${entry.resource}|${this.typeOf(action)}|${this.variablesKey(variables)}`;
    return this.cached(key, () => {
      const binding = this.binding(variables);
      if (entry.resource === undefined) {
        const patterns = statement.resources.map((r) => this.model.pattern(r.template.parts, binding, 'negative'));
        return not(leaf(this.names(this.model.automaton(patterns), action)));
      }
      const resource = statement.resources[entry.resource];
      return leaf(this.names(this.model.automaton([this.model.pattern(resource.template.parts, binding, 'positive')]), action));
    });
  }

  product(expr: Expr): FormulaAutomaton {
    return new FormulaAutomaton(expr, this.alphabet.size, this.stateLimit);
  }

  /** A short, readable word of the set, or undefined when it is empty. */
  search(expr: Expr): number[] | undefined {
    const automaton = this.product(expr);
    const result = shortestWord(automaton, this.alphabet.searchOrder, this.stateLimit);
    return result.found ? readable(automaton, result.word, this.alphabet) : undefined;
  }

  isEmpty(expr: Expr): boolean {
    return this.search(expr) === undefined;
  }
}
