/**
 * Proves a scenario's properties over every identity of a class and every topic, filter or resource.
 * The search is symbolic and exhaustive (see `symbolic.ts` for the model and why it is sound); a
 * symbolic counterexample is turned into concrete identity IDs, client IDs, topics and filters and
 * re-decided by the real evaluator (`authorize`). Only a confirmed counterexample makes a
 * property "refuted"; one the evaluator does not confirm makes it "unknown". Pure TypeScript, no Node APIs.
 *
 * Where the model stops (reported as notes or as "unknown", never as "proved" by accident):
 * - conditions are read as holding on Allows and as not holding on Denies (an over-approximation), so a
 *   counterexample that needs a condition to fail may not be confirmed: "unknown";
 * - variables other than the identity ID — `${iot:ClientId}` when Connect does not pin it, thing
 *   variables, `aud`, time keys — may take any value in Allows and match nothing in Denies;
 * - an identity variable in an Allow that runs into ID characters (`users/${…:sub}-data/*`) is outside
 *   the opaque-identity argument: the property is re-checked reading it as any value, and stays
 *   "unknown" if that coarser reading finds a counterexample the evaluator does not confirm;
 * - literal text of the documented identity-ID form (REGION:GUID, e.g. a pool ID) could be some identity's
 *   own ID: when the first search is unknown, the property is proved for every other ID and then for the
 *   identity whose ID is each such text (isolation and no-access; no-flow stays "unknown");
 * - searches stop at 200,000 automaton states ("unknown");
 * - deliveries AWS makes without a subscription (some `$aws/…/jobs` replies) and last-will messages are
 *   not flows the no-flow property follows; retained messages read with `iot:GetRetainedMessage` are, and
 *   so are device shadows (`shadow.ts`): written by an update (MQTT or UpdateThingShadow), read through
 *   the service's replies (`…/update/accepted|documents|delta`, `…/get/accepted`) or GetThingShadow.
 */
import { findDataPlaneAction } from '../catalog/data-plane';
import { scopesOf } from '../project/app-scope';
import { authorize, iotPolicyRoleFor, touchedReadings, type CognitoDecision } from '../cognito/authorize';
import { COGNITO_SUB, type IdentityType } from '../cognito/identity';
import { policyUnder, statementsForAction, type CompiledPolicy } from '../evaluate/compile';
import { A1, A2 } from '../readings/choices';
import { readingCombinations } from '../readings/combinations';
import { describeOutcome, isRequestValue } from '../readings/describe';
import { RequestContext } from '../evaluate/context';
import { matchingResourceIndex } from '../evaluate/evaluate';
import { statementRef, type StatementRef } from '../explain/explain';
import { compileGlob, matchGlob } from '../match/glob';
import { filterMatchesTopic, topicFilterProblem, topicNameProblem } from '../match/mqtt';
import { describeStatement } from '../scenario/explain-check';
import { describeScope, iotArn } from '../scenario/arn';
import type { LoadedScenario } from '../scenario/model';
import { symbolicGlob } from '../rules/symbolic';
import { formatLocation, type SourceRange } from '../source/range';
import { Alphabet } from './alphabet';
import { SHADOW_GET, SHADOW_GET_REPLY, SHADOW_UPDATE, SHADOW_UPDATE_REPLIES, ShadowKeys, shadowKeyLanguage, shadowTopic, shadowTopicWord } from './shadow';
import {
  accepts,
  AfterPrefix,
  and,
  FALSE,
  FormulaAutomaton,
  leaf,
  MqttMatchNfa,
  not,
  or,
  PrefixThen,
  readable,
  shortestWord,
  StateLimitError,
  SubsetAutomaton,
  TableAutomaton,
  mqttLanguages,
  type Automaton,
  type Expr,
  type MqttLetters,
} from './automata';
import {
  OTHER_SUB,
  type IdentityClass,
  type IsolationSpec,
  type NoAccessSpec,
  type NoFlowSpec,
  type PropertyKind,
  type PropertyPattern,
  type PropertySpec,
} from './properties';
import { AUD, identityBinding, literalTexts, SymbolicModel, type Binding, type Direction, type OpacityIssue } from './symbolic';

export type Verdict = 'proved' | 'refuted' | 'unknown';

export interface WitnessIdentity {
  /** The scenario identity whose ID was used, or a description such as "another authenticated identity". */
  name: string;
  type: IdentityType;
  identityId: string;
  /** The MQTT client ID; absent over HTTPS. */
  clientId?: string;
  protocol: 'mqtt-wss' | 'https';
}

/** One request of a counterexample, as the evaluator decided it (always allow). */
export interface ConfirmedCheck {
  identity: string;
  action: string;
  resource: string;
  clientId?: string;
  decidedBy: string[];
  /** The statements that allow it (role, then IoT policy): where a report points for this request. */
  statements: StatementRef[];
  /** Where the statements that allow it are: the matching Resource entry (or the NotAction/NotResource key). */
  responsible: SourceRange[];
}

export interface Counterexample {
  summary: string;
  identity: WitnessIdentity;
  /** no-flow: who receives the message. */
  receiver?: WitnessIdentity;
  operation: string;
  topic?: string;
  filter?: string;
  action?: string;
  resource?: string;
  /** The evaluator's allow for every request the counterexample makes. */
  checks: ConfirmedCheck[];
}

export interface PropertyResult {
  index: number;
  name?: string;
  kind: PropertyKind;
  /** What was to be proved, in words. */
  title: string;
  verdict: Verdict;
  counterexample?: Counterexample;
  /** Why the verdict is "unknown". */
  reasons: string[];
  /** Approximations the proof made (conditions read conservatively…). */
  notes: string[];
  range: SourceRange;
  elapsedMs: number;
}

export interface ProveOptions {
  /** Most automaton states one search may build (default 200,000); past it the verdict is "unknown". */
  stateLimit?: number;
}

/**
 * How a request is made: over MQTT (with ${iot:ClientId} pinned to the identity ID, or free) or HTTPS.
 * `readable`: the free client ID is one opaque value (σC) instead of "anything"; `strict`: Allow patterns
 * without the ID-reading edges of L⁺. Searches try these first for counterexamples that read well and
 * concretize; proofs never rest on them.
 */
type Mode = { protocol: 'mqtt-wss' | 'https'; binding: Binding; clientId: 'pinned' | 'free' | 'absent'; readable?: boolean; strict?: boolean };

interface ClassInfo {
  cls: IdentityClass;
  self: number;
  canConnect: boolean;
  clientId: 'pinned' | 'free';
  /** A client ID the class may connect with (symbolic word), when one exists. */
  connectWitness?: number[];
  /** The value σC stands for in readable counterexamples: a client ID the class may connect with. */
  chosenClientId: string;
}

interface Values {
  A: string;
  B: string;
  C: string;
  nameA: string;
  nameB: string;
}

/** A symbolic counterexample: the word, and the modes it was found in (readable ones first). */
type Found = Array<{ word: number[]; modes: Mode[] }>;

interface Outcome {
  verdict: Verdict;
  counterexample?: Counterexample;
  reasons: string[];
  /** Unknown only because of undelimited identity variables (no unconfirmed counterexample). */
  onlyUndelimited: boolean;
  undelimited: string[];
  notes?: string[];
}

type Attempt = { ok: true; counterexample: Counterexample } | { ok: false; why: string };

/**
 * How the prover covers the checked identity's ID (σA). By default σA may be read anywhere its characters
 * could spell an ID, literal text included (sound, but a pool ID shaped like an identity ID then reads as
 * σA and yields counterexamples no identity has). Split: `other-ids` covers every ID except such literal
 * texts (collected while searching), and `self-is` covers the identity whose ID is one of them.
 */
type IdCases = { kind: 'any-id' } | { kind: 'other-ids'; literals: Set<string> } | { kind: 'self-is'; id: string; literals: Set<string> };

/** What σC (a client ID the identity picks) is spelled as in counterexamples, when Connect allows it. */
const CHOSEN_CLIENT_ID = 'client-1';

const clock = (globalThis as { performance?: { now(): number } }).performance;
const now = () => (clock ? clock.now() : Date.now());

/** Proves every property of a loaded scenario. */
export function proveScenario(scenario: LoadedScenario, properties: readonly PropertySpec[], options: ProveOptions = {}): PropertyResult[] {
  return properties.map((p) => proveProperty(scenario, p, options));
}

/**
 * Proves a property in every scope (partition, region, account) the questions about the scenario are asked
 * in — the scenario's own, and each the policies' and the property's ARNs name (docs/app-model.md#the-scope-of-the-questions):
 * role credentials are not bound to the pool's region. Refuted when refuted in any; proved only when proved in all.
 */
export function proveProperty(scenario: LoadedScenario, property: PropertySpec, options: ProveOptions = {}): PropertyResult {
  const asked = scopesOf({
    statements: scenario.policies.flatMap((p) => p.policy.source.statements),
    scenario: scenario.scope,
    fallback: scenario.scope,
    questions: property.kind === 'no-access' ? property.resources.map((r) => r.source) : [],
  });
  if (asked.scopes.length === 1 && asked.notAsked === 0) return proveInScope({ ...scenario, scope: asked.scopes[0] }, property, options);
  const started = now();
  const results = asked.scopes.map((scope) => ({ scope, result: proveInScope({ ...scenario, scope }, property, options) }));
  const refuted = results.find((r) => r.result.verdict === 'refuted');
  const unknown = results.filter((r) => r.result.verdict === 'unknown');
  const notAsked = asked.notAsked > 0 ? [`${asked.notAsked} further scope(s) the policies name are not asked in, so the property is not known there`] : [];
  const chosen = refuted ?? unknown[0] ?? results[0];
  return {
    ...chosen.result,
    verdict: refuted ? 'refuted' : unknown.length > 0 || notAsked.length > 0 ? 'unknown' : 'proved',
    reasons: refuted
      ? chosen.result.reasons
      : [...unknown.flatMap((r) => r.result.reasons.map((reason) => `in ${describeScope(r.scope)}: ${reason}`)), ...notAsked],
    notes: [...new Set([asked.note, ...results.flatMap((r) => r.result.notes)])],
    elapsedMs: Math.round((now() - started) * 100) / 100,
  };
}

function proveInScope(scenario: LoadedScenario, property: PropertySpec, options: ProveOptions): PropertyResult {
  const started = now();
  const base = { index: property.index, name: property.name, kind: property.kind, title: titleOf(property), range: property.range };
  let prover = new Prover(scenario, property, options.stateLimit, false);
  let outcome: Outcome;
  try {
    outcome = prover.run();
    if (outcome.verdict === 'unknown' && !outcome.onlyUndelimited && property.kind !== 'no-flow' && !namesAnotherIdentity(property)) {
      const split = proveByIdCases(scenario, property, options.stateLimit);
      if (split.outcome.verdict !== 'unknown') ({ outcome, prover } = split);
    }
    if (outcome.verdict === 'unknown' && outcome.onlyUndelimited) {
      // Undelimited identity variables: try again reading them as any value. Coarser, but sound.
      const coarse = new Prover(scenario, property, options.stateLimit, true);
      const second = coarse.run();
      if (second.verdict !== 'unknown') {
        outcome = second;
        prover = coarse;
        if (second.verdict === 'proved') outcome.notes = [`proved reading ${outcome.undelimited.join(', ')} as any value`];
      }
    }
  } catch (error) {
    if (!(error instanceof StateLimitError)) throw error;
    outcome = {
      verdict: 'unknown',
      reasons: [`the search needed ${error.message}; the policies or patterns are too large to decide`],
      onlyUndelimited: false,
      undelimited: [],
    };
  }
  // MQTT shared subscriptions ($share/<group>/<filter>) deliver what <filter> matches; the automata do not model
  // them, so a proof that a subscription-based property holds cannot stand when such filters may be subscribed.
  if (outcome.verdict === 'proved' && readsMessages(property) && sharedSubscriptionAllowed(scenario, receivingClasses(property))) {
    outcome = {
      ...outcome,
      verdict: 'unknown',
      reasons: ['the policies allow MQTT shared subscriptions ($share/<group>/<filter>), which the prover does not model'],
    };
  }
  const mapped = membersWithOtherRoles(scenario, classesOf(property));
  if (mapped.length > 0) {
    outcome = {
      verdict: 'unknown',
      onlyUndelimited: false,
      undelimited: [],
      reasons: [
        `${mapped.join(', ')} get${mapped.length === 1 ? 's' : ''} a role from the pool's role mapping other than the scenario's role of ${mapped.length === 1 ? 'its' : 'their'} type, which the prover does not model`,
      ],
    };
  }
  const { verdict, counterexample, reasons } = outcome;
  const vacuous = classesOf(property)
    .filter((c) => c.type === 'authenticated' && c.iotPolicies.length === 0)
    .map(
      (c) =>
        `${c.members.length === 0 ? 'no authenticated identity in the scenario has an IoT policy' : `${c.members.map((m) => m.name).join(', ')} ha${c.members.length === 1 ? 's' : 've'} no IoT policy`}: without one, authenticated identities are denied every data-plane action (cog-iot-policies.html)`,
    );
  return {
    ...base,
    verdict,
    ...(counterexample && { counterexample }),
    reasons,
    notes: [...vacuous, ...(outcome.notes ?? []), ...prover.notes()],
    elapsedMs: Math.round((now() - started) * 100) / 100,
  };
}

/** Members whose role is not the scenario's role of their type (a role mapping chose another, or could not decide). */
function membersWithOtherRoles(scenario: LoadedScenario, classes: readonly IdentityClass[]): string[] {
  const sameAs = (a: readonly unknown[] | undefined, b: readonly unknown[]) => a !== undefined && a.length === b.length && a.every((p, i) => p === b[i]);
  return classes
    .flatMap((c) => c.members)
    .filter((m) => m.roles && (m.roles.candidates.length !== 1 || !sameAs(m.roles.candidates[0].policies, scenario.roles[m.identity.type])))
    .map((m) => m.name);
}

/**
 * Proves the property twice over: for every identity ID except the ID-shaped literal texts of the policies
 * and property (where σA would otherwise read as that literal), then for an identity whose ID is each of
 * them. Proved only when every case is; a confirmed counterexample of any case refutes.
 */
function proveByIdCases(scenario: LoadedScenario, property: PropertySpec, stateLimit: number | undefined): { outcome: Outcome; prover: Prover } {
  const literals = new Set<string>();
  const others = new Prover(scenario, property, stateLimit, false, { kind: 'other-ids', literals });
  const first = others.run();
  if (first.verdict !== 'proved') return { outcome: first, prover: others };
  for (const id of literals) {
    const self = new Prover(scenario, property, stateLimit, false, { kind: 'self-is', id, literals: new Set() });
    const outcome = self.run();
    if (outcome.verdict !== 'proved') return { outcome, prover: self };
  }
  const covered = [...literals].map((id) => `"${id}"`).join(', ');
  return { outcome: { ...first, notes: literals.size > 0 ? [`proved separately for an identity whose ID is ${covered}`] : [] }, prover: others };
}

/** Whether the property's patterns name another identity's ID (σB is then bound, not only an ID some text may spell). */
function namesAnotherIdentity(property: PropertySpec): boolean {
  const patterns: PropertyPattern[] = property.kind === 'isolation' ? property.allowed : property.kind === 'no-access' ? property.resources : [];
  return patterns.some((p) => p.parts.some((part) => part.kind === 'variable' && part.key === OTHER_SUB));
}

function readsMessages(property: PropertySpec): boolean {
  return property.kind === 'no-flow' || (property.kind === 'isolation' && property.operations.some((o) => o !== 'publish'));
}

/** The identity classes whose subscriptions the property is about. */
function receivingClasses(property: PropertySpec): readonly IdentityClass[] {
  return property.kind === 'no-flow' ? property.toClasses : property.classes;
}

const SHARED_FILTER_WITNESSES = ['$share/g/x', '$share/g/#', '$share/g/+/x'];

/** Whether some statement of the policies may allow subscribing with a `$share/` filter (Denies ignored: over-approximation). */
function allowsSharedFilter(policies: readonly CompiledPolicy[], scenario: LoadedScenario): boolean {
  return policies.some((policy) =>
    statementsForAction(policy, 'iot:subscribe').some(
      (statement) =>
        statement.effect === 'Allow' &&
        SHARED_FILTER_WITNESSES.some((filter) => {
          const arn = iotArn(scenario.scope, 'topicfilter', filter);
          return statement.resources.some((r) => matchGlob(symbolicGlob(r.entry.value), arn)) !== statement.resourcesNegated;
        }),
    ),
  );
}

/** Whether an identity of these classes may subscribe with a `$share/` filter (guests: their role; others: role and IoT policy). */
function sharedSubscriptionAllowed(scenario: LoadedScenario, classes: readonly IdentityClass[]): boolean {
  return classes.some((c) =>
    c.type === 'unauthenticated'
      ? allowsSharedFilter(scenario.roles.unauthenticated, scenario)
      : allowsSharedFilter(scenario.roles.authenticated, scenario) && allowsSharedFilter(c.iotPolicies, scenario),
  );
}

export function titleOf(property: PropertySpec): string {
  switch (property.kind) {
    case 'isolation':
      return `${property.who} identities stay under "${property.prefix}"${property.shared.length > 0 ? ` (shared: ${property.shared.map((s) => `"${s}"`).join(', ')})` : ''} for ${property.operations.join(', ')}`;
    case 'no-access':
      return `${property.who} identities never ${property.actions.join('/')} on ${property.resources.map((r) => `"${r.source}"`).join(', ')}`;
    default:
      return `no message from ${property.from} identities reaches ${property.to === property.from ? 'another' : property.to} identit${property.to === property.from ? 'y' : 'ies'}${property.topics ? ` through ${property.topics.map((t) => `"${t.source}"`).join(', ')}` : ''}`;
  }
}

function propertyPatternTexts(property: PropertySpec): string[] {
  const patterns: PropertyPattern[] =
    property.kind === 'isolation'
      ? [...property.allowed, ...(property.forbidden ?? [])]
      : property.kind === 'no-access'
        ? property.resources
        : (property.topics ?? []);
  return patterns.flatMap((p) => p.parts.filter((part) => part.kind === 'literal').map((part) => (part as { text: string }).text));
}

function classesOf(property: PropertySpec): IdentityClass[] {
  return property.kind === 'no-flow' ? [...property.fromClasses, ...property.toClasses] : property.classes;
}

class Prover {
  private readonly alphabet: Alphabet;
  private readonly model: SymbolicModel;
  private readonly strictModel: SymbolicModel;
  private readonly A: number;
  private readonly B: number;
  private readonly C: number;
  private readonly letters: MqttLetters;
  private readonly validTopic: Automaton;
  private readonly validFilter: Automaton;
  private readonly nonEmpty: Automaton;
  private readonly namesCache = new Map<string, { automaton: Automaton; issues: OpacityIssue[] }>();
  /** Undelimited positive patterns that can match the resources a search looks at (they make a proof unknown). */
  private readonly relevantIssues = new Map<string, OpacityIssue>();
  private readonly classCache = new Map<string, ClassInfo>();
  private readonly classIds = new Map<IdentityClass, number>();
  private readonly charactersOnly: Automaton;
  private readonly shadowKeys: Automaton;

  /** The identity pool ID, when the scenario names one pool: `${cognito-identity.amazonaws.com:aud}` is then that value, not anything. */
  private readonly poolId: string | undefined;

  constructor(
    private readonly scenario: LoadedScenario,
    private readonly property: PropertySpec,
    private readonly stateLimit: number | undefined,
    coarse: boolean,
    private readonly idCases: IdCases = { kind: 'any-id' },
  ) {
    const policies = new Set<CompiledPolicy>([
      ...scenario.roles.authenticated,
      ...scenario.roles.unauthenticated,
      ...classesOf(property).flatMap((c) => c.iotPolicies),
    ]);
    const pools = new Set([...scenario.identities.values()].flatMap((i) => i.identity.identityPoolId ?? []));
    this.poolId = pools.size === 1 ? [...pools][0] : undefined;
    this.alphabet = new Alphabet(
      [...literalTexts(policies), ...propertyPatternTexts(property), CHOSEN_CLIENT_ID, ...(this.poolId ? [this.poolId] : [])],
      ['A', 'B', 'C'],
    );
    this.C = this.alphabet.symbol('C');
    this.A = this.alphabet.symbol('A');
    this.B = this.alphabet.symbol('B');
    this.model = new SymbolicModel(this.alphabet, {
      reach: true,
      // With σA fixed to a literal ID (`self-is`), σA never stands for an unknown ID.
      idSymbols: idCases.kind === 'self-is' ? [this.B] : [this.A, this.B],
      undelimitedAsAnything: coarse,
      ...(idCases.kind !== 'any-id' && { literalIds: idCases.literals }),
    });
    this.strictModel = new SymbolicModel(this.alphabet, { reach: false, idSymbols: [] });
    ({ letters: this.letters, validTopic: this.validTopic, validFilter: this.validFilter, nonEmpty: this.nonEmpty } = mqttLanguages(this.alphabet));
    const a = this.alphabet;
    const chars = Array.from({ length: a.size }, (_, l) => (a.isSymbol(l) ? -1 : 0));
    this.charactersOnly = new TableAutomaton([chars], [true], [false]);
    this.shadowKeys = shadowKeyLanguage(a);
  }

  private bind(self: number, clientId: 'pinned' | 'free' | 'absent', extra?: ReadonlyMap<string, number>, chosen?: number): Binding {
    const binding = identityBinding(self, clientId, extra, chosen, this.poolId ? new Map([[AUD, this.poolId]]) : undefined);
    if (this.idCases.kind !== 'self-is' || self !== this.A) return binding;
    // `self-is`: σA is the literal ID, wherever the identity's own ID (or the client ID Connect pins to it) is read.
    const text = this.idCases.id;
    return (key, defaultValue) => {
      const value = binding(key, defaultValue);
      return value.kind === 'symbol' && value.letter === this.A ? { kind: 'literal', text } : value;
    };
  }

  notes(): string[] {
    const notes = [...this.model.approximated].map((s) => {
      const ref = statementRef(s);
      return `${describeStatement(ref)} has conditions: read as ${s.effect === 'Allow' ? 'holding (it may allow)' : 'not holding (it may not deny)'}`;
    });
    return [...new Set(notes)];
  }

  run(): Outcome {
    const unconfirmed: string[] = [];
    const found =
      this.property.kind === 'isolation'
        ? this.isolation(this.property, unconfirmed)
        : this.property.kind === 'no-access'
          ? this.noAccess(this.property, unconfirmed)
          : this.noFlow(this.property, unconfirmed);
    const issues = [...this.relevantIssues.values()];
    const undelimited = issues.map((i) => `${i.variable} in "${i.source}"`);
    if (found) return { verdict: 'refuted', counterexample: found, reasons: [], onlyUndelimited: false, undelimited };
    const opacity = issues.map(
      (i) =>
        `${i.variable} in "${i.source}" is not delimited by characters identity IDs never contain (such as "/"), so the proof does not cover identity IDs that run into the text around it`,
    );
    if (unconfirmed.length > 0 || opacity.length > 0)
      return { verdict: 'unknown', reasons: [...new Set([...unconfirmed, ...opacity])], onlyUndelimited: unconfirmed.length === 0, undelimited };
    return { verdict: 'proved', reasons: [], onlyUndelimited: false, undelimited };
  }

  // -------------------------------------------------------------------------------------------------
  // Languages

  private head(type: string): number[] {
    const { partition, region, account } = this.scenario.scope;
    return this.alphabet.word(`arn:${partition}:iot:${region}:${account}:${type}/`);
  }

  private product(expr: Expr): FormulaAutomaton {
    return new FormulaAutomaton(expr, this.alphabet.size, this.stateLimit);
  }

  /**
   * What the class may do with the action, under every combination of the readings the policies touch
   * (docs/readings.md): their union when over-approximating (allowed under some reading), their
   * intersection when under-approximating (allowed under every reading). Pinned readings are fixed.
   */
  private decisionExpr(cls: IdentityClass, action: string, binding: Binding, direction: Direction, model = this.model): Expr {
    const key = action.toLowerCase();
    const roles = cls.type === 'authenticated' ? this.scenario.roles.authenticated : this.scenario.roles.unauthenticated;
    const iotRole = iotPolicyRoleFor(cls.type, key);
    const consulted = iotRole === 'required' || iotRole === 'required-inferred';
    const pinned = this.scenario.readings;
    const touched = touchedReadings(roles, consulted ? cls.iotPolicies : [], iotRole, key, pinned);
    const underReadings = readingCombinations(touched).map((combination) => {
      const choices = new Map([...(pinned ?? []), ...combination]);
      // A1 `restricted`: the guest session policy refuses every AWS IoT action.
      if (cls.type === 'unauthenticated' && choices.get(A1) === 'restricted') return FALSE;
      const role = model.allowedExpr(
        roles.map((p) => policyUnder(p, choices)),
        action,
        binding,
        direction,
      );
      if (!consulted || (iotRole === 'required-inferred' && choices.get(A2) === 'role-alone')) return role;
      return and(
        role,
        model.allowedExpr(
          cls.iotPolicies.map((p) => policyUnder(p, choices)),
          action,
          binding,
          direction,
        ),
      );
    });
    return underReadings.length === 1 ? underReadings[0] : direction === 'over' ? or(...underReadings) : and(...underReadings);
  }

  private classId(cls: IdentityClass): number {
    let id = this.classIds.get(cls);
    if (id === undefined) this.classIds.set(cls, (id = this.classIds.size));
    return id;
  }

  /** The full resource ARNs the class may use the action on (over-approximated). */
  /**
   * The full resource ARNs the class may use the action on (over-approximated). `type`: the resource type
   * the request names, which decides which undelimited patterns matter (undefined: all of them).
   */
  private resources(cls: IdentityClass, self: number, action: string, mode: Mode, type?: string): Automaton {
    const key = `${this.classId(cls)}|${self}|${action}|${mode.protocol}|${mode.clientId}|${mode.readable ? 'readable' : ''}|${mode.strict ? 'strict' : ''}`;
    let found = this.namesCache.get(key);
    if (!found) {
      const mark = this.model.opacityIssues.length;
      found = {
        automaton: this.product(this.decisionExpr(cls, action, mode.binding, 'over', mode.strict ? this.strictModel : this.model)),
        issues: this.model.opacityIssues.splice(mark),
      };
      this.namesCache.set(key, found);
    }
    if (!mode.readable && !mode.strict)
      for (const issue of found.issues) if (this.canMatch(issue, type)) this.relevantIssues.set(`${issue.variable} ${issue.source}`, issue);
    return found.automaton;
  }

  /** Whether a pattern can match a resource of the type (under the scenario's account). */
  private canMatch(issue: OpacityIssue, type: string | undefined): boolean {
    if (type === undefined) return true;
    const automaton = new AfterPrefix(this.model.automaton([issue.pattern]), this.head(type));
    return !automaton.dead(automaton.start);
  }

  /** The names (after `arn:…:<type>/`) the class may use the action on. */
  private names(cls: IdentityClass, self: number, action: string, mode: Mode, type: string): Automaton {
    return new AfterPrefix(this.resources(cls, self, action, mode, type), this.head(type));
  }

  private classInfo(cls: IdentityClass, self: number): ClassInfo {
    const key = `${this.classId(cls)}|${self}`;
    const cached = this.classCache.get(key);
    if (cached) return cached;
    // The client IDs the class may connect with. When that is only its own ID, ${iot:ClientId} is the ID.
    const before = this.relevantIssues.size;
    const names = this.names(cls, self, 'iot:Connect', { protocol: 'mqtt-wss', binding: this.bind(self, 'free'), clientId: 'free' }, 'client');
    // An undelimited Connect pattern only costs precision here: assume the class may connect, with any client ID.
    const unsure = this.relevantIssues.size > before;
    if (unsure) for (const key of [...this.relevantIssues.keys()].slice(before)) this.relevantIssues.delete(key);
    const witness = this.search(and(leaf(names), leaf(this.nonEmpty)));
    let clientId: 'pinned' | 'free' = 'free';
    if (witness && !unsure) {
      const exactlySelf = this.model.automaton([{ items: [{ kind: 'letter', letter: self }] }]);
      if (!this.search(and(leaf(names), leaf(this.nonEmpty), not(leaf(exactlySelf))))) clientId = 'pinned';
    }
    let chosenClientId = CHOSEN_CLIENT_ID;
    if (witness && clientId === 'free' && !accepts(names, this.alphabet.word(CHOSEN_CLIENT_ID))) {
      const plain = this.search(and(leaf(names), leaf(this.nonEmpty), leaf(this.model.automaton([{ items: [{ kind: 'star' }] }])), leaf(this.charactersOnly)));
      if (plain) chosenClientId = this.alphabet.spell(plain, {});
    }
    const info: ClassInfo = { cls, self, canConnect: witness !== undefined || unsure, clientId, chosenClientId, ...(witness && { connectWitness: witness }) };
    this.classCache.set(key, info);
    return info;
  }

  private mqttMode(info: ClassInfo, readable = false): Mode {
    if (readable && info.clientId === 'free')
      return { protocol: 'mqtt-wss', binding: this.bind(info.self, 'free', new Map(), this.C), clientId: 'free', readable: true, strict: true };
    return { protocol: 'mqtt-wss', binding: this.bind(info.self, info.clientId), clientId: info.clientId, ...(readable && { strict: true }) };
  }

  /** The readable variant of a mode (the same mode when its client ID is not free, or for Connect itself). */
  private readableMode(info: ClassInfo, mode: Mode, action: string): Mode {
    return mode.protocol === 'mqtt-wss' && mode.clientId === 'free' && action.toLowerCase() !== 'iot:connect'
      ? this.mqttMode(info, true)
      : { ...mode, strict: true };
  }

  private httpsMode(info: ClassInfo): Mode {
    return { protocol: 'https', binding: this.bind(info.self, 'absent'), clientId: 'absent' };
  }

  /** How the class can make a request with this action: over MQTT (when it can connect), over HTTPS. */
  private modes(info: ClassInfo, action: string): Mode[] {
    const dataPlane = findDataPlaneAction(action);
    if (action.toLowerCase() === 'iot:connect') return [{ protocol: 'mqtt-wss', binding: this.bind(info.self, 'free'), clientId: 'free' }];
    if (!dataPlane) return [this.httpsMode(info)];
    const modes: Mode[] = [];
    if (dataPlane.transport !== 'https' && info.canConnect) modes.push(this.mqttMode(info));
    if (dataPlane.transport !== 'mqtt') modes.push(this.httpsMode(info));
    return modes;
  }

  private search(expr: Expr): number[] | undefined {
    const automaton = this.product(expr);
    const result = shortestWord(automaton, this.alphabet.searchOrder, this.stateLimit);
    return result.found ? readable(automaton, result.word, this.alphabet) : undefined;
  }

  private propertyBinding(): Binding {
    return this.bind(this.A, 'free', new Map([[OTHER_SUB, this.B]]));
  }

  private patternsAutomaton(patterns: readonly PropertyPattern[], polarity: 'positive' | 'negative'): Automaton {
    const binding = this.propertyBinding();
    const mark = this.model.opacityIssues.length;
    const automaton = this.model.automaton(patterns.map((p) => this.model.pattern(p.parts, binding, polarity, p.source)));
    for (const issue of this.model.opacityIssues.splice(mark)) this.relevantIssues.set(`${issue.variable} ${issue.source}`, issue);
    return automaton;
  }

  private subscribable(cls: IdentityClass, info: ClassInfo, mode: Mode): FormulaAutomaton {
    return this.product(and(leaf(this.names(cls, info.self, 'iot:Subscribe', mode, 'topicfilter')), leaf(this.validFilter)));
  }

  /** Topics some filter the class may subscribe with matches (MQTT rules). */
  private delivered(subscribable: Automaton): Automaton {
    return new SubsetAutomaton(new MqttMatchNfa(subscribable, this.letters), this.stateLimit);
  }

  /**
   * Searches with the sound modes (what proofs rest on). When that finds a counterexample and a client
   * ID is free, searches again with one opaque client ID (σC) for a more readable one, tried first.
   */
  private find(sound: Mode[], readable: Mode[], build: (modes: Mode[]) => Expr): Found | undefined {
    const word = this.search(build(sound));
    if (!word) return undefined;
    const found: Found = [];
    const strict = sound.map((m) => ({ ...m, strict: true }));
    for (const modes of [readable, strict]) {
      const nicer = this.search(build(modes));
      if (nicer && !found.some((f) => f.word.join() === nicer.join())) found.push({ word: nicer, modes });
    }
    found.push({ word, modes: sound });
    return found;
  }

  // -------------------------------------------------------------------------------------------------
  // Properties

  private isolation(spec: IsolationSpec, unconfirmed: string[]): Counterexample | undefined {
    const outside = and(
      not(leaf(this.patternsAutomaton(spec.allowed, 'negative'))),
      ...(spec.forbidden ? [leaf(this.patternsAutomaton(spec.forbidden, 'positive'))] : []),
    );
    for (const cls of spec.classes) {
      const info = this.classInfo(cls, this.A);
      const confirm = (found: Found | undefined, operation: 'publish' | 'subscribe' | 'receive') =>
        found && this.confirmIsolation(spec, info, operation, found, unconfirmed);
      if (spec.operations.includes('publish')) {
        for (const mode of this.modes(info, 'iot:Publish')) {
          const found = this.find([mode], [this.readableMode(info, mode, 'iot:Publish')], ([m]) =>
            and(leaf(this.names(cls, this.A, 'iot:Publish', m, 'topic')), leaf(this.validTopic), outside),
          );
          const confirmed = confirm(found, 'publish');
          if (confirmed) return confirmed;
        }
      }
      if (!info.canConnect) continue;
      const [mqtt, readable] = [this.mqttMode(info), this.mqttMode(info, true)];
      if (spec.operations.includes('subscribe')) {
        const confirmed = confirm(
          this.find([mqtt], [readable], ([m]) => and(leaf(this.subscribable(cls, info, m)), outside)),
          'subscribe',
        );
        if (confirmed) return confirmed;
      }
      if (spec.operations.includes('receive')) {
        const build = ([m]: Mode[]) =>
          and(leaf(this.names(cls, this.A, 'iot:Receive', m, 'topic')), leaf(this.validTopic), leaf(this.delivered(this.subscribable(cls, info, m))), outside);
        const confirmed = confirm(this.find([mqtt], [readable], build), 'receive');
        if (confirmed) return confirmed;
      }
    }
    return undefined;
  }

  private noAccess(spec: NoAccessSpec, unconfirmed: string[]): Counterexample | undefined {
    const targets = this.patternsAutomaton(spec.resources, 'positive');
    for (const cls of spec.classes) {
      const info = this.classInfo(cls, this.A);
      for (const action of spec.actions) {
        for (const mode of this.modes(info, action)) {
          const type = universeType(action);
          const found = this.find([mode], [this.readableMode(info, mode, action)], ([m]) =>
            and(leaf(this.resources(cls, this.A, action, m, type)), leaf(targets), leaf(this.universe(action))),
          );
          const confirmed = found && this.confirmNoAccess(spec, info, action, found, unconfirmed);
          if (confirmed) return confirmed;
        }
      }
    }
    return undefined;
  }

  /** The resources a request with this action can name: its resource type, under the scenario's account. */
  private universe(action: string): Automaton {
    const type = universeType(action);
    if (type === undefined) return this.nonEmpty;
    return new PrefixThen(this.head(type), type === 'topic' ? this.validTopic : type === 'topicfilter' ? this.validFilter : this.nonEmpty);
  }

  private noFlow(spec: NoFlowSpec, unconfirmed: string[]): Counterexample | undefined {
    const through = spec.topics ? [leaf(this.patternsAutomaton(spec.topics, 'positive'))] : [];
    for (const from of spec.fromClasses) {
      for (const to of spec.toClasses) {
        const publisher = this.classInfo(from, this.A);
        const receiver = this.classInfo(to, this.B);
        for (const mode of this.modes(publisher, 'iot:Publish')) {
          const modes = [mode, this.mqttMode(receiver)];
          const readable = [this.readableMode(publisher, mode, 'iot:Publish'), modes[1]];
          const published = (m: Mode) => leaf(this.names(from, this.A, 'iot:Publish', m, 'topic'));
          if (receiver.canConnect) {
            const build = ([p, r]: Mode[]) =>
              and(
                published(p),
                leaf(this.validTopic),
                leaf(this.names(to, this.B, 'iot:Receive', r, 'topic')),
                leaf(this.delivered(this.subscribable(to, receiver, r))),
                ...through,
              );
            const found = this.find(modes, readable, build);
            const confirmed = found && this.confirmFlow(spec, publisher, receiver, found, true, unconfirmed);
            if (confirmed) return confirmed;
          }
          // A retained message can also be read with the HTTPS API, without subscribing.
          const https = this.httpsMode(receiver);
          const build = ([p]: Mode[]) =>
            and(
              published(p),
              leaf(this.names(from, this.A, 'iot:RetainPublish', p, 'topic')),
              leaf(this.names(to, this.B, 'iot:GetRetainedMessage', https, 'topic')),
              leaf(this.validTopic),
              ...through,
            );
          const found = this.find([mode, https], [readable[0], https], build);
          const confirmed = found && this.confirmFlow(spec, publisher, receiver, found, false, unconfirmed);
          if (confirmed) return confirmed;
          const throughShadow = this.shadowFlow(spec, publisher, receiver, mode, unconfirmed);
          if (throughShadow) return throughShadow;
        }
      }
    }
    return undefined;
  }

  /**
   * A shadow one identity writes and another reads (`shadow.ts`), searched over shadow keys. With the
   * property's topics, the shadow's update topic must be one of them.
   */
  private shadowFlow(spec: NoFlowSpec, publisher: ClassInfo, receiver: ClassInfo, mode: Mode, unconfirmed: string[]): Counterexample | undefined {
    const keys = (topics: Expr, suffix: string) => leaf(new ShadowKeys(this.product(topics), this.alphabet, suffix));
    const through = spec.topics ? [keys(leaf(this.patternsAutomaton(spec.topics, 'positive')), SHADOW_UPDATE)] : [];
    const [from, to] = [publisher.cls, receiver.cls];
    const writes = (p: Mode) =>
      or(
        keys(leaf(this.names(from, this.A, 'iot:Publish', p, 'topic')), SHADOW_UPDATE),
        leaf(this.names(from, this.A, 'iot:UpdateThingShadow', this.httpsMode(publisher), 'thing')),
      );
    const reads = (r: Mode) => {
      const byApi = leaf(this.names(to, this.B, 'iot:GetThingShadow', this.httpsMode(receiver), 'thing'));
      if (r.protocol !== 'mqtt-wss') return byApi;
      const delivered = and(leaf(this.names(to, this.B, 'iot:Receive', r, 'topic')), leaf(this.delivered(this.subscribable(to, receiver, r))));
      const asked = keys(leaf(this.names(to, this.B, 'iot:Publish', r, 'topic')), SHADOW_GET);
      return or(byApi, ...SHADOW_UPDATE_REPLIES.map((suffix) => keys(delivered, suffix)), and(asked, keys(delivered, SHADOW_GET_REPLY)));
    };
    const build = ([p, r]: Mode[]) => and(writes(p), reads(r), leaf(this.shadowKeys), ...through);
    const readMode = receiver.canConnect ? this.mqttMode(receiver) : this.httpsMode(receiver);
    const readableRead = receiver.canConnect ? this.mqttMode(receiver, true) : readMode;
    const found = this.find([mode, readMode], [this.readableMode(publisher, mode, 'iot:Publish'), readableRead], build);
    return found && this.confirmShadowFlow(spec, publisher, receiver, found, unconfirmed);
  }

  /** A filter word the class may subscribe with that matches the topic word (exact, parent `/#`, then `#` and `+`). */
  private filterFor(topic: readonly number[], subscribable: Automaton): number[] | undefined {
    const levels: number[][] = [[]];
    for (const letter of topic) {
      if (letter === this.alphabet.slash) levels.push([]);
      else levels[levels.length - 1].push(letter);
    }
    const n = levels.length;
    const startsWithDollar = topic[0] === this.alphabet.dollar;
    for (let k = n; k >= 0; k--) {
      for (const hash of k === n ? [false, true] : [true]) {
        const width = Math.min(k, 10);
        for (let mask = 0; mask < 1 << width; mask++) {
          if (startsWithDollar && ((k === 0 && hash) || mask & 1)) continue;
          const word: number[] = [];
          for (let i = 0; i < k; i++) {
            if (i > 0) word.push(this.alphabet.slash);
            if (i < width && mask & (1 << i)) word.push(this.alphabet.plus);
            else word.push(...levels[i]);
          }
          if (hash) {
            if (k > 0) word.push(this.alphabet.slash);
            word.push(this.alphabet.hash);
          }
          if (accepts(subscribable, word)) return word;
        }
      }
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------
  // Counterexamples, confirmed by the evaluator

  private valuePairs(first: ClassInfo, second?: IdentityClass): Values[] {
    const region = this.scenario.scope.region;
    const synthetic = (n: number) => `${region}:00000000-0000-4000-8000-0000000000${n.toString(16).padStart(2, '0')}`;
    const a = first.cls.members[0];
    const pairs: Values[] = [];
    // A second class's witness must be one of its members (its own policies were searched), else a synthetic identity.
    const others = (second ? second.members : [...this.scenario.identities.values()]).filter((i) => i.identity.identityId !== a?.identity.identityId);
    const b = others[0];
    const otherName = (cls: IdentityClass | undefined) => `another ${cls?.type ?? 'identity'}${cls ? ' identity' : ''}`;
    const C = first.chosenClientId;
    if (this.idCases.kind === 'self-is') {
      pairs.push({ A: this.idCases.id, nameA: `an ${first.cls.type} identity`, B: synthetic(0xb2), nameB: otherName(second), C });
      return pairs;
    }
    if (a) pairs.push({ A: a.identity.identityId, nameA: a.name, B: b?.identity.identityId ?? synthetic(0xb1), nameB: b?.name ?? otherName(second), C });
    pairs.push({ A: synthetic(0xa1), nameA: `an ${first.cls.type} identity`, B: synthetic(0xb2), nameB: otherName(second), C });
    return pairs;
  }

  private spell(word: readonly number[], values: Values): string {
    return this.alphabet.spell(word, { A: values.A, B: values.B, C: values.C });
  }

  private patternContext(values: Values): RequestContext {
    return new RequestContext([
      [COGNITO_SUB, values.A],
      [OTHER_SUB, values.B],
    ]);
  }

  private matchesAny(patterns: readonly PropertyPattern[], text: string, values: Values): boolean {
    const context = this.patternContext(values);
    return patterns.some((p) => matchGlob(compileGlob(p.parts, p.source), text, context));
  }

  private arn(type: string, name: string): string {
    const { partition, region, account } = this.scenario.scope;
    return `arn:${partition}:iot:${region}:${account}:${type}/${name}`;
  }

  private decide(
    cls: IdentityClass,
    identityId: string,
    clientId: string | undefined,
    protocol: 'mqtt-wss' | 'https',
    action: string,
    resource: string,
  ): CognitoDecision {
    const identity = { type: cls.type, identityId, protocol, ...(clientId !== undefined && { clientId }), ...(this.poolId && { identityPoolId: this.poolId }) };
    return authorize(this.scenario.roles, { identity, iotPolicies: cls.iotPolicies }, { action, resource }, { readings: this.scenario.readings });
  }

  /** Client IDs to try: the identity's own ID, then strings the counterexample suggests. */
  private clientIdCandidates(info: ClassInfo, values: Values, self: string, texts: readonly string[]): string[] {
    if (info.clientId === 'pinned') return [self];
    const candidates = new Set<string>([self, values.C]);
    if (info.connectWitness) candidates.add(this.spell(info.connectWitness, values));
    for (const text of texts) {
      for (const level of text.split('/')) if (level) candidates.add(level);
      for (let i = 0; i < text.length && candidates.size < 3000; i++)
        for (let j = i + 1; j <= text.length && candidates.size < 3000; j++) candidates.add(text.slice(i, j));
    }
    return [...candidates];
  }

  /**
   * Re-decides every request of a counterexample with the evaluator, trying client IDs until all are
   * allowed. Over MQTT the identity must also be allowed to connect with that client ID.
   */
  private confirmRequests(
    info: ClassInfo,
    mode: Mode,
    identityId: string,
    name: string,
    clientIds: readonly string[],
    requests: ReadonlyArray<{ action: string; resource: string }>,
  ): { ok: true; witness: WitnessIdentity; checks: ConfirmedCheck[] } | { ok: false; why: string } {
    let why = 'no client ID works';
    const tried = mode.protocol === 'https' ? [undefined] : clientIds;
    for (const clientId of tried) {
      const all = [
        ...(clientId !== undefined && !requests.some((r) => r.action === 'iot:Connect')
          ? [{ action: 'iot:Connect', resource: this.arn('client', clientId) }]
          : []),
        ...requests,
      ];
      const checks: ConfirmedCheck[] = [];
      let failed: string | undefined;
      for (const request of all) {
        const decision = this.decide(info.cls, identityId, clientId, mode.protocol, request.action, request.resource);
        // Allowed under some reading is a possible leak: confirmed, with the reading named (decidedBy).
        if (decision.decision === 'deny') {
          // Said once whatever client ID or transport was tried: the reasons are listed without duplicates.
          failed = `${request.action} on ${request.resource} is denied: ${denialReason(decision)}`;
          break;
        }
        checks.push({
          identity: name,
          action: request.action,
          resource: request.resource,
          ...(clientId !== undefined && { clientId }),
          decidedBy: decidedBy(decision),
          statements: allowingStatements(decision),
          responsible: responsibleRanges(decision),
        });
      }
      if (!failed)
        return { ok: true, witness: { name, type: info.cls.type, identityId, ...(clientId !== undefined && { clientId }), protocol: mode.protocol }, checks };
      why = failed;
    }
    return { ok: false, why };
  }

  /** Tries each symbolic counterexample (readable first) with each choice of concrete IDs. */
  private attempt(
    found: Found,
    candidates: Values[],
    unconfirmed: string[],
    describe: (word: number[]) => string,
    run: (word: number[], modes: Mode[], values: Values) => Attempt,
  ): Counterexample | undefined {
    let why = '';
    for (const { word, modes } of found) {
      for (const values of candidates) {
        const result = run(word, modes, values);
        if (result.ok) return result.counterexample;
        why = result.why;
      }
    }
    unconfirmed.push(`the search found a possible counterexample, ${describe(found[found.length - 1].word)}, but it is not confirmed by the evaluator: ${why}`);
    return undefined;
  }

  private confirmIsolation(
    spec: IsolationSpec,
    info: ClassInfo,
    operation: 'publish' | 'subscribe' | 'receive',
    found: Found,
    unconfirmed: string[],
  ): Counterexample | undefined {
    const describe = (word: number[]) => `${operation} ${operation === 'subscribe' ? 'with the filter' : 'to the topic'} ${this.alphabet.show(word)}`;
    return this.attempt(found, this.valuePairs(info), unconfirmed, describe, (word, [mode], values) => {
      let topic: string | undefined;
      let filter: string | undefined;
      if (operation === 'subscribe') filter = this.spell(word, values);
      else topic = this.spell(word, values);
      if (operation === 'receive') {
        const filterWord = this.filterFor(word, this.subscribable(info.cls, info, mode));
        if (!filterWord) return { ok: false, why: `no filter the identity may subscribe with matches ${this.alphabet.show(word)}` };
        filter = this.spell(filterWord, values);
      }
      if (topic !== undefined && topicNameProblem(topic)) return { ok: false, why: topicNameProblem(topic)! };
      if (filter !== undefined && topicFilterProblem(filter)) return { ok: false, why: topicFilterProblem(filter)! };
      const outsideText = operation === 'subscribe' ? filter! : topic!;
      if (this.matchesAny(spec.allowed, outsideText, values))
        return { ok: false, why: `"${outsideText}" is inside the allowed topics for identity ${values.A}` };
      if (spec.forbidden && !this.matchesAny(spec.forbidden, outsideText, values))
        return { ok: false, why: `"${outsideText}" is not among the forbidden topics for identity ${values.A}` };
      if (operation === 'receive' && !filterMatchesTopic(filter!, topic!)) return { ok: false, why: `the filter "${filter}" does not match "${topic}"` };
      const requests =
        operation === 'publish'
          ? [{ action: 'iot:Publish', resource: this.arn('topic', topic!) }]
          : operation === 'subscribe'
            ? [{ action: 'iot:Subscribe', resource: this.arn('topicfilter', filter!) }]
            : [
                { action: 'iot:Subscribe', resource: this.arn('topicfilter', filter!) },
                { action: 'iot:Receive', resource: this.arn('topic', topic!) },
              ];
      const confirmed = this.confirmRequests(
        info,
        mode,
        values.A,
        values.nameA,
        this.clientIdCandidates(info, values, values.A, [topic ?? '', filter ?? '']),
        requests,
      );
      if (!confirmed.ok) return confirmed;
      const who = describeWitness(confirmed.witness);
      const where = `outside "${spec.prefix}" for this identity${spec.shared.length > 0 ? ' and the shared topics' : ''}`;
      const summary =
        operation === 'publish'
          ? `${who} may publish to "${topic}", ${where}`
          : operation === 'subscribe'
            ? `${who} may subscribe with the filter "${filter}", ${where}`
            : `${who} may subscribe with "${filter}" and receive messages on "${topic}", ${where}`;
      return {
        ok: true,
        counterexample: {
          summary,
          identity: confirmed.witness,
          operation,
          ...(topic !== undefined && { topic }),
          ...(filter !== undefined && { filter }),
          checks: confirmed.checks,
        },
      };
    });
  }

  private confirmNoAccess(spec: NoAccessSpec, info: ClassInfo, action: string, found: Found, unconfirmed: string[]): Counterexample | undefined {
    const describe = (word: number[]) => `${action} on ${this.alphabet.show(word)}`;
    return this.attempt(found, this.valuePairs(info), unconfirmed, describe, (word, [mode], values) => {
      const resource = this.spell(word, values);
      if (!this.matchesAny(spec.resources, resource, values))
        return { ok: false, why: `${resource} does not match the property's resources for identity ${values.A}` };
      let clientIds: string[];
      if (action.toLowerCase() === 'iot:connect') {
        const head = this.arn('client', '');
        if (!resource.startsWith(head)) return { ok: false, why: `${resource} is not a client ARN of this account` };
        clientIds = [resource.slice(head.length)];
      } else {
        clientIds = this.clientIdCandidates(info, values, values.A, [resource.slice(resource.indexOf('/') + 1)]);
      }
      const confirmed = this.confirmRequests(info, mode, values.A, values.nameA, clientIds, [{ action, resource }]);
      if (!confirmed.ok) return confirmed;
      return {
        ok: true,
        counterexample: {
          summary: `${describeWitness(confirmed.witness)} may ${action} on ${resource}`,
          identity: confirmed.witness,
          operation: action,
          action,
          resource,
          checks: confirmed.checks,
        },
      };
    });
  }

  /** A shadow key word concretized: one channel that writes it and one that reads it, each allowed by the evaluator. */
  private confirmShadowFlow(spec: NoFlowSpec, publisher: ClassInfo, receiver: ClassInfo, found: Found, unconfirmed: string[]): Counterexample | undefined {
    const describe = (word: number[]) => `the shadow ${this.alphabet.show(word)} written by one identity and read by the other`;
    return this.attempt(found, this.valuePairs(publisher, receiver.cls), unconfirmed, describe, (word, [mode, readMode], values) => {
      const key = this.spell(word, values);
      const update = shadowTopic(key, SHADOW_UPDATE);
      if (spec.topics && !this.matchesAny(spec.topics, update, values)) return { ok: false, why: `"${update}" is not one of the property's topics` };
      const writers: ShadowChannel[] = [
        { how: `publishing to "${update}"`, mode, requests: [{ action: 'iot:Publish', resource: this.arn('topic', update) }], topics: [update] },
        {
          how: `calling UpdateThingShadow on ${this.arn('thing', key)}`,
          mode: this.httpsMode(publisher),
          requests: [{ action: 'iot:UpdateThingShadow', resource: this.arn('thing', key) }],
          topics: [],
        },
      ];
      const readers: ShadowChannel[] = [
        {
          how: `calling GetThingShadow on ${this.arn('thing', key)}`,
          mode: this.httpsMode(receiver),
          requests: [{ action: 'iot:GetThingShadow', resource: this.arn('thing', key) }],
          topics: [],
        },
      ];
      if (readMode.protocol === 'mqtt-wss') {
        const subscribable = this.subscribable(receiver.cls, receiver, readMode);
        for (const suffix of [...SHADOW_UPDATE_REPLIES, SHADOW_GET_REPLY]) {
          const filterWord = this.filterFor(shadowTopicWord(this.alphabet, word, suffix), subscribable);
          if (!filterWord) continue;
          const [topic, filter] = [shadowTopic(key, suffix), this.spell(filterWord, values)];
          const asked = suffix === SHADOW_GET_REPLY ? [{ action: 'iot:Publish', resource: this.arn('topic', shadowTopic(key, SHADOW_GET)) }] : [];
          readers.push({
            how: `${asked.length > 0 ? `asking with "${shadowTopic(key, SHADOW_GET)}" and ` : ''}receiving "${topic}" by subscribing with "${filter}"`,
            mode: readMode,
            requests: [
              ...asked,
              { action: 'iot:Subscribe', resource: this.arn('topicfilter', filter) },
              { action: 'iot:Receive', resource: this.arn('topic', topic) },
            ],
            topics: [topic, filter],
          });
        }
      }
      const confirm = (info: ClassInfo, channels: ShadowChannel[], self: string, name: string) => {
        let why = 'no channel';
        for (const channel of channels) {
          const result = this.confirmRequests(info, channel.mode, self, name, this.clientIdCandidates(info, values, self, channel.topics), channel.requests);
          if (result.ok) return { ...result, how: channel.how };
          why = result.why;
        }
        return { ok: false as const, why };
      };
      const sent = confirm(publisher, writers, values.A, values.nameA);
      if (!sent.ok) return sent;
      const got = confirm(receiver, readers, values.B, values.nameB);
      if (!got.ok) return got;
      return {
        ok: true,
        counterexample: {
          summary: `${describeWitness(sent.witness)} may write the shadow "${key}" by ${sent.how}, and ${describeWitness(got.witness)} reads it by ${got.how}`,
          identity: sent.witness,
          receiver: got.witness,
          operation: 'shadow',
          resource: this.arn('thing', key),
          checks: [...sent.checks, ...got.checks],
        },
      };
    });
  }

  private confirmFlow(
    spec: NoFlowSpec,
    publisher: ClassInfo,
    receiver: ClassInfo,
    found: Found,
    subscribing: boolean,
    unconfirmed: string[],
  ): Counterexample | undefined {
    const describe = (word: number[]) =>
      `a message on ${this.alphabet.show(word)} ${subscribing ? 'delivered through a subscription' : 'read as a retained message'}`;
    return this.attempt(found, this.valuePairs(publisher, receiver.cls), unconfirmed, describe, (word, [mode, receiveMode], values) => {
      const topic = this.spell(word, values);
      let filter: string | undefined;
      if (subscribing) {
        const filterWord = this.filterFor(word, this.subscribable(receiver.cls, receiver, receiveMode));
        if (!filterWord) return { ok: false, why: `no filter the receiver may subscribe with matches ${this.alphabet.show(word)}` };
        filter = this.spell(filterWord, values);
      }
      if (topicNameProblem(topic)) return { ok: false, why: topicNameProblem(topic)! };
      if (filter !== undefined && !filterMatchesTopic(filter, topic)) return { ok: false, why: `the filter "${filter}" does not match "${topic}"` };
      if (spec.topics && !this.matchesAny(spec.topics, topic, values)) return { ok: false, why: `"${topic}" is not one of the property's topics` };
      const publishRequests = [
        { action: 'iot:Publish', resource: this.arn('topic', topic) },
        ...(subscribing ? [] : [{ action: 'iot:RetainPublish', resource: this.arn('topic', topic) }]),
      ];
      const sent = this.confirmRequests(
        publisher,
        mode,
        values.A,
        values.nameA,
        this.clientIdCandidates(publisher, values, values.A, [topic]),
        publishRequests,
      );
      if (!sent.ok) return sent;
      const receiveRequests = subscribing
        ? [
            { action: 'iot:Subscribe', resource: this.arn('topicfilter', filter!) },
            { action: 'iot:Receive', resource: this.arn('topic', topic) },
          ]
        : [{ action: 'iot:GetRetainedMessage', resource: this.arn('topic', topic) }];
      const got = this.confirmRequests(
        receiver,
        receiveMode,
        values.B,
        values.nameB,
        this.clientIdCandidates(receiver, values, values.B, [topic, filter ?? '']),
        receiveRequests,
      );
      if (!got.ok) return got;
      const summary = subscribing
        ? `${describeWitness(sent.witness)} may publish to "${topic}" and ${describeWitness(got.witness)} receives it by subscribing with "${filter}"`
        : `${describeWitness(sent.witness)} may publish a retained message to "${topic}" and ${describeWitness(got.witness)} may read it with GetRetainedMessage`;
      return {
        ok: true,
        counterexample: {
          summary,
          identity: sent.witness,
          receiver: got.witness,
          operation: subscribing ? 'deliver' : 'retained-read',
          topic,
          ...(filter !== undefined && { filter }),
          checks: [...sent.checks, ...got.checks],
        },
      };
    });
  }
}

/** The requests writing a shadow, or reading what was written, over one channel. */
interface ShadowChannel {
  how: string;
  mode: Mode;
  requests: Array<{ action: string; resource: string }>;
  topics: string[];
}

/** The resource type requests with this action name (so only those resources are searched). */
function universeType(action: string): string | undefined {
  const type = findDataPlaneAction(action)?.resourceType;
  return type === 'any' ? undefined : type;
}

export function describeWitness(witness: WitnessIdentity): string {
  const via = witness.protocol === 'https' ? 'over HTTPS' : `client ID ${witness.clientId}`;
  return `${witness.name} (${witness.type}, identity ID ${witness.identityId}, ${via})`;
}

/** The outcome that allows the request: for an ambiguous decision, the first reading that allows it. */
function allowingOutcome(decision: CognitoDecision) {
  return decision.outcomes?.find((o) => o.decision === 'allow');
}

export function allowingStatements(decision: CognitoDecision): StatementRef[] {
  const { role, iot } = allowingOutcome(decision) ?? decision;
  return [role.deciding, iot?.deciding].filter((s) => s !== undefined).map(statementRef);
}

/** The statements that allow the request; for an ambiguous decision, under the first reading that allows it, named. */
export function decidedBy(decision: CognitoDecision): string[] {
  const allowing = allowingOutcome(decision);
  const { role, iot } = allowing ?? decision;
  const roleName = decision.identityType === 'authenticated' ? 'authenticated role' : 'unauthenticated role';
  const lines = role.deciding ? [`${roleName}: ${describeStatement(statementRef(role.deciding))}`] : [];
  if (iot?.deciding) lines.push(`IoT policy: ${describeStatement(statementRef(iot.deciding))}`);
  if (allowing) {
    // Request values left open (aws:SourceIp, iot:DomainName) are no reading of the catalog.
    const readings = Object.keys(allowing.readings).filter((id) => !isRequestValue(id));
    const cited = readings.length > 0 ? ` (reading${readings.length > 1 ? 's' : ''} ${readings.join(', ')}, docs/readings.md)` : '';
    lines.push(`${describeOutcome('allow', allowing.readings)}${cited}`);
  }
  return lines;
}

/** The source of the allowing statements (under the first reading that allows): the matched entry, else the negated list's key. */
export function responsibleRanges(decision: CognitoDecision): SourceRange[] {
  const allowing = decision.outcomes?.find((o) => o.decision === 'allow') ?? decision;
  return [allowing.role.deciding, allowing.iot?.deciding].flatMap((statement) => {
    if (!statement) return [];
    const { source } = statement;
    if (statement.actionsNegated && source.actions) return [source.actions.key.range];
    if (statement.resourcesNegated || !source.resources) return [source.resources?.key.range ?? source.range];
    const index = matchingResourceIndex(statement, decision.request);
    return [index === -1 ? source.range : statement.resources[index].entry.range];
  });
}

function denialReason(decision: CognitoDecision): string {
  const part = (name: string, outcome: string, deciding?: { source: { range: SourceRange; sid?: { value: string } } }) =>
    outcome === 'explicit-deny' && deciding
      ? `the ${name} deny it (${deciding.source.sid ? `statement "${deciding.source.sid.value}"` : 'a statement'}, ${formatLocation(deciding.source.range)})`
      : `no statement of the ${name} allows it`;
  const reasons: string[] = [];
  if (decision.role.outcome !== 'allow') reasons.push(part('role policies', decision.role.outcome, decision.role.deciding));
  if (decision.iot && decision.iot.outcome !== 'allow') reasons.push(part('IoT policies', decision.iot.outcome, decision.iot.deciding));
  return reasons.join('; ') || 'the transport cannot make this request';
}
