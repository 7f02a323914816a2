import { findDataPlaneAction, type DataPlaneAction } from '../catalog/data-plane';
import { authorize, type CognitoDecision } from '../cognito/authorize';
import { describeOutcome, isRequestValue } from '../readings/describe';
import type { AppClass } from '../project/app';
import { StateLimitError, and, not, type Expr } from '../prove/automata';
import { conditionTexts, entryText, sourceOf } from './display';
import type { AccessCategory, ActionAccess, Grant, GrantExample, GrantStatus } from './model';
import { CHOSEN_CLIENT_ID, type EntryRef, type RequestMode, type SummarySpace, type Variables } from './space';

/** How a class connects: decides how `${iot:ClientId}` reads in its MQTT requests. */
export interface ClassInfo {
  cls: AppClass;
  clientId: 'pinned' | 'free' | 'none';
  /** Set when Connect was too large to decide: the client ID is then read as `free`, the reading that hides nothing. */
  clientIdUndecided?: true;
}

/** The made-up identity IDs of examples (shaped like real ones; they never reach AWS). */
export function exampleIdentityId(region: string, serial: number): string {
  return `${region}:0000000${serial}-0000-4000-8000-00000000000${serial}`;
}

const CATEGORY: Record<string, AccessCategory> = {
  'iot:connect': 'connect',
  'iot:publish': 'publish',
  'iot:retainpublish': 'publish',
  'iot:subscribe': 'subscribe',
  'iot:receive': 'receive',
  'iot:getretainedmessage': 'retained',
  'iot:listretainedmessages': 'retained',
  'iot:deleteconnection': 'connections',
};

export function categoryOf(action: DataPlaneAction): AccessCategory {
  return CATEGORY[action.name.toLowerCase()] ?? (action.name.startsWith('iotjobsdata:') ? 'jobs' : 'shadow');
}

/** How the class connects: with its own identity ID only, with client IDs it picks, or not at all. */
export function classInfo(space: SummarySpace, cls: AppClass): ClassInfo {
  const connect = space.allowed(cls, 'iot:Connect', { self: space.A, clientId: 'free', sound: true });
  try {
    if (space.isEmpty(connect)) return { cls, clientId: 'none' };
    return { cls, clientId: space.isEmpty(and(connect, not(space.ownIdentityId()))) ? 'pinned' : 'free' };
  } catch (error) {
    if (!(error instanceof StateLimitError)) throw error;
    return { cls, clientId: 'free', clientIdUndecided: true };
  }
}

/** The request modes of an action for the class: MQTT (with its client ID), HTTPS, or both. */
export function modesOf(info: ClassInfo, action: DataPlaneAction, self: number, sound = true): RequestMode[] {
  if (action.name === 'iot:Connect') return [{ protocol: 'mqtt-wss', variables: { self, clientId: 'free', sound } }];
  const modes: RequestMode[] = [];
  if (action.transport !== 'https') modes.push({ protocol: 'mqtt-wss', variables: { self, clientId: info.clientId === 'pinned' ? 'pinned' : 'free', sound } });
  if (action.transport !== 'mqtt') modes.push({ protocol: 'https', variables: { self, clientId: 'absent', sound } });
  return modes;
}

/** The resources the class may use the action on, over every mode it can make the request in. */
export function allowedSet(space: SummarySpace, info: ClassInfo, action: DataPlaneAction, self: number, sound = true): Expr {
  return { op: 'or', args: modesOf(info, action, self, sound).map((m) => space.allowed(info.cls, action.name, m.variables)) };
}

/** The topics the class may receive as identity `self` through a subscription of its own: Receive on them, and a filter it may subscribe with that delivers them. */
export function receivedBySubscription(space: SummarySpace, info: ClassInfo, self: number): Expr {
  const subscribed = allowedSet(space, info, findDataPlaneAction('iot:Subscribe')!, self);
  return and(allowedSet(space, info, findDataPlaneAction('iot:Receive')!, self), space.delivered(subscribed));
}

/** A grant before it is shown: the entries producing it (role, then IoT policy) and its display text. */
export interface GrantCandidate {
  /** Each a role entry, with the IoT policy entry it is intersected with when both layers decide. */
  pairs: EntryRef[][];
  pattern: string;
}

/**
 * The candidate grants of an action: each role Allow entry, paired with each IoT policy Allow entry when
 * the IoT policies must allow too (under some reading), shown as the narrower of the two when one
 * contains the other. Candidates whose resources the class cannot use are left out.
 */
export function candidates(space: SummarySpace, info: ClassInfo, action: DataPlaneAction, allowed: Expr, self: number): GrantCandidate[] {
  const type = action.resourceType === 'any' ? undefined : action.resourceType;
  const universe = space.universe(action.name);
  const binding = modesOf(info, action, self)[0].variables;
  const found = new Map<string, GrantCandidate>();
  const sets = (entry: EntryRef): ReadSets => ({
    loose: space.entryExpr(entry, action.name, binding),
    strict: space.entryExpr(entry, action.name, binding, true),
  });
  for (const layering of space.layerings(info.cls, action.name)) {
    const roleEntries = space.entries(layering.role, action.name, 'Allow');
    const iotEntries = layering.iot ? space.entries(layering.iot, action.name, 'Allow') : undefined;
    for (const role of roleEntries) {
      const pairs: EntryRef[][] = iotEntries ? iotEntries.map((iot) => [role, iot]) : [[role]];
      for (const pair of pairs) {
        if (space.isEmpty(and(...pair.map((entry) => sets(entry).loose), allowed))) continue;
        const [first, second] = pair;
        const shown = second === undefined ? 'first' : narrower(space, universe, sets(first), sets(second));
        const pattern =
          shown === 'first' ? entryText(first, type) : shown === 'second' ? entryText(second, type) : `${entryText(first, type)} ∩ ${entryText(second, type)}`;
        const existing = found.get(pattern);
        if (existing) existing.pairs.push(pair);
        else found.set(pattern, { pairs: [pair], pattern });
      }
    }
  }
  return [...found.values()];
}

/** A set of resources read loosely (an identity letter may stand for text the pattern reads) and strictly (only for a value a variable reads). */
export interface ReadSets {
  loose: Expr;
  strict: Expr;
}

/**
 * Which of two sets a grant (or flow) is shown as: the one inside the other, read loosely. When each is
 * inside the other so read (`*` and `<own identity ID>*`, whose identity letter may stand for any text),
 * the one inside the other read strictly; undefined when neither is inside the other.
 */
export function narrower(space: SummarySpace, universe: Expr, a: ReadSets, b: ReadSets): 'first' | 'second' | undefined {
  const inside = (inner: Expr, outer: Expr) => space.isEmpty(and(inner, universe, not(outer)));
  const [aInB, bInA] = [inside(a.loose, b.loose), inside(b.loose, a.loose)];
  if (aInB && bInA) return inside(b.strict, a.strict) && !inside(a.strict, b.strict) ? 'second' : 'first';
  return aInB ? 'first' : bInA ? 'second' : undefined;
}

/** What the class can do with one data-plane action: its grants, each confirmed with a concrete request. */
export function actionAccess(space: SummarySpace, info: ClassInfo, action: DataPlaneAction): ActionAccess {
  const base = { action: action.name, category: categoryOf(action), resourceType: action.resourceType === 'any' ? '*' : action.resourceType };
  // No role statement allows the action: nothing to compute (the role must allow it under every reading).
  if (!space.layerings(info.cls, action.name).some((l) => space.entries(l.role, action.name, 'Allow').length > 0)) return { ...base, grants: [] };
  try {
    const allowed = allowedSet(space, info, action, space.A);
    if (space.isEmpty(allowed)) return { ...base, grants: [] };
    const found = candidates(space, info, action, allowed, space.A);
    const grants = found.map((candidate) => grantOf(space, info, action, allowed, candidate));
    // Fail closed: whatever the listed entries do not describe is still shown, never dropped.
    const binding = modesOf(info, action, space.A)[0].variables;
    const listed = space.pairsExpr(
      found.flatMap((c) => c.pairs),
      action.name,
      binding,
    );
    const rest = and(allowed, not(listed));
    if (!space.isEmpty(rest)) grants.push(residualGrant(space, info, action, rest));
    return { ...base, grants };
  } catch (error) {
    if (!(error instanceof StateLimitError)) throw error;
    return { ...base, grants: [], undecided: 'too many automaton states to decide: access unknown' };
  }
}

function grantOf(space: SummarySpace, info: ClassInfo, action: DataPlaneAction, allowed: Expr, candidate: GrantCandidate): Grant {
  const universe = space.universe(action.name);
  const binding = modesOf(info, action, space.A)[0].variables;
  // The resources its entries match (a role entry and an IoT policy entry intersected), of the action's type.
  const matched = and(space.pairsExpr(candidate.pairs, action.name, binding), universe);
  // Every name for certain: read strictly, `<own identity ID>*` is not every name.
  const everything = space.isEmpty(and(universe, not(space.pairsExpr(candidate.pairs, action.name, binding, true))));
  // Without a Deny entry meeting it, every pair of entries lies inside what its layering allows, so inside
  // `allowed`: the costly check against the whole allowed set (a complement) is needed only with one.
  const denies = exceptions(space, info, action, matched, binding);
  const except = denies.length > 0 && !space.isEmpty(and(matched, not(allowed))) ? denies : [];
  const statements = [...new Set(candidate.pairs.flat().flatMap((e) => e.statements))];
  const example = exampleFor(space, info, action, and(matched, allowed), candidate.pairs.flat().some(mentionsClientId), candidate.pairs);
  const { status, readings } = statusOf(
    example.decision,
    example.verdict,
    statements.some((s) => s.conditions.length > 0),
  );
  return {
    pattern: everything && candidate.pattern !== '*' ? `* (${candidate.pattern})` : candidate.pattern,
    everything,
    except,
    conditions: statements.flatMap(conditionTexts),
    example: example.decision,
    status,
    ...(readings && { readings }),
    sources: statements.map(sourceOf),
  };
}

/** Resources the class may use that no single entry of its policies describes (shown with an example, never hidden). */
function residualGrant(space: SummarySpace, info: ClassInfo, action: DataPlaneAction, rest: Expr): Grant {
  const example = exampleFor(space, info, action, rest, true);
  return {
    pattern: '(resources no single policy entry describes)',
    everything: false,
    except: [],
    conditions: [],
    example: example.decision,
    ...statusOf(example.decision, example.verdict, false),
    sources: [],
  };
}

/** The Deny entries of the class's policies that carve something out of the matched resources. */
function exceptions(space: SummarySpace, info: ClassInfo, action: DataPlaneAction, matched: Expr, binding: Variables): string[] {
  const type = action.resourceType === 'any' ? undefined : action.resourceType;
  const texts = new Set<string>();
  for (const layering of space.layerings(info.cls, action.name)) {
    for (const deny of [...space.entries(layering.role, action.name, 'Deny'), ...space.entries(layering.iot ?? [], action.name, 'Deny')]) {
      if (!space.isEmpty(and(space.entryExpr(deny, action.name, binding), matched))) texts.add(entryText(deny, type));
    }
  }
  return [...texts];
}

function mentionsClientId(entry: EntryRef): boolean {
  const resources = entry.resource === undefined ? entry.statement.resources : [entry.statement.resources[entry.resource]];
  return resources.some((r) => r.template.parts.some((part) => part.kind === 'variable' && part.key === 'iot:clientid'));
}

interface Example {
  decision: GrantExample;
  verdict: CognitoDecision;
}

/**
 * A concrete request inside the set, decided by the evaluator: first with the client ID the client picks
 * read as one value (so topics built from it spell it), then with the sound reading; each first inside
 * the strict sets (`SummarySpace.strictSet`).
 */
function exampleFor(
  space: SummarySpace,
  info: ClassInfo,
  action: DataPlaneAction,
  within: Expr,
  usesClientId: boolean,
  pairs?: readonly EntryRef[][],
): Example {
  const readable = info.clientId === 'free' && usesClientId ? [() => and(within, allowedSet(space, info, action, space.A, false))] : [];
  // Strict first: an example inside the pattern, never `chat/<ID>` for `chat/room-*`.
  const strict = (set: () => Expr, sound: boolean) => () =>
    and(set(), space.strictSet([{ cls: info.cls, action: action.name, variables: modesOf(info, action, space.A, sound)[0].variables, pairs }]));
  const word = space.firstWord([...readable.map((set) => strict(set, false)), strict(() => within, true), ...readable, () => within])!;
  const identityId = exampleIdentityId(space.app.scope.region, 1);
  const https = action.transport === 'https';
  const name = space.alphabet.spell(word, { A: identityId, B: exampleIdentityId(space.app.scope.region, 2), C: CHOSEN_CLIENT_ID });
  const resource = space.resourceOf(name, action.name);
  // A Connect request's client ID is its resource; other MQTT requests carry the one the class connects with.
  const clientId = https ? undefined : action.name === 'iot:Connect' ? name : info.clientId === 'free' ? CHOSEN_CLIENT_ID : identityId;
  const verdict = decideFor(space, info.cls, action.name, resource, identityId, clientId);
  return {
    decision: { resource: name, identityId, ...(clientId !== undefined && { clientId }), decision: verdict.decision },
    verdict,
  };
}

/** The Cognito model's decision (authorize) for one request of a class member with this identity ID (and client ID over MQTT). */
export function decideFor(space: SummarySpace, cls: AppClass, action: string, resource: string, identityId: string, clientId?: string): CognitoDecision {
  const identity = {
    type: cls.type,
    identityId,
    ...(space.app.identityPoolId && { identityPoolId: space.app.identityPoolId }),
    protocol: clientId === undefined ? ('https' as const) : ('mqtt-wss' as const),
    ...(clientId !== undefined && { clientId }),
  };
  const role = cls.rolePolicies.map((p) => p.compiled);
  const iotPolicies = cls.iotPolicies.map((p) => p.compiled);
  return authorize({ authenticated: role, unauthenticated: role }, { identity, iotPolicies }, { action, resource }, { readings: space.app.readings });
}

function statusOf(example: GrantExample, verdict: CognitoDecision, conditional: boolean): { status: GrantStatus; readings?: string[] } {
  if (example.decision === 'allow') return { status: 'confirmed' };
  // Open only in a request value the conditions read (the client's address): a conditional grant, not a reading.
  const onlyRequestValues = (verdict.outcomes ?? []).every((o) => Object.keys(o.readings).every(isRequestValue));
  if (example.decision === 'ambiguous' && conditional && onlyRequestValues) return { status: 'conditional' };
  if (example.decision === 'ambiguous')
    return {
      status: 'ambiguous',
      readings: (verdict.outcomes ?? []).filter((o) => o.decision === 'allow').map((o) => describeOutcome('allow', o.readings)),
    };
  return { status: conditional ? 'conditional' : 'unconfirmed' };
}
