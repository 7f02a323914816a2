import { findDataPlaneAction, type DataPlaneAction } from '../catalog/data-plane';
import { filtersDelivering } from '../rules/topic-patterns';
import { accepts, StateLimitError, and, leaf, type Expr, type FormulaAutomaton } from '../prove/automata';
import { OWN_NAMES, RECEIVER_NAMES, SENDER_NAMES, type VariableNames } from './display';
import { allowedSet, candidates, decideFor, exampleIdentityId, modesOf, narrower, receivedBySubscription, type ClassInfo, type GrantCandidate } from './grants';
import { flowStatus, worstOf } from './decisions';
import { bestSide, clientIdsToTry, pickedClientId } from './example-client-ids';
import type { Flow, UndecidedFlow } from './model';
import { shadowFlows } from './shadow-flows';
import { CHOSEN_CLIENT_ID, type SummarySpace } from './space';

const action = (name: string): DataPlaneAction => findDataPlaneAction(name)!;

/**
 * Who can reach whom: for every ordered pair of classes (a class and itself: two different identities of
 * it), the topics one identity may publish to that a different identity receives — through a subscription
 * it may make (MQTT matching, `+` and `#`), as a retained message it reads over HTTPS, or through a device
 * shadow one writes and the other reads (`shadow-flows.ts`). The sender is
 * identity A, the receiver identity B ≠ A, so a per-identity namespace is no flow.
 */
export function flowsOf(space: SummarySpace, infos: readonly ClassInfo[]): { flows: Flow[]; undecided: UndecidedFlow[] } {
  const flows: Flow[] = [];
  const undecided: UndecidedFlow[] = [];
  for (const sender of infos) {
    for (const receiver of infos) {
      // Each channel on its own: one too large to decide leaves the others' flows found, and is listed as unknown.
      for (const [via, channel] of CHANNELS) {
        try {
          flows.push(...channel(space, sender, receiver));
        } catch (error) {
          if (!(error instanceof StateLimitError)) throw error;
          undecided.push({ from: sender.cls.id, to: receiver.cls.id, via, reason: 'too many automaton states to decide' });
        }
      }
    }
  }
  return { flows, undecided };
}

type Channel = (space: SummarySpace, sender: ClassInfo, receiver: ClassInfo) => Flow[];

const CHANNELS: ReadonlyArray<[Flow['via'], Channel]> = [
  ['subscription', subscriptionFlows],
  ['retained message', retainedFlows],
  ['shadow', shadowFlows],
];

function subscriptionFlows(space: SummarySpace, sender: ClassInfo, receiver: ClassInfo): Flow[] {
  if (receiver.clientId === 'none') return [];
  const publish = action('iot:Publish');
  const receive = action('iot:Receive');
  const published = allowedSet(space, sender, publish, space.A);
  const received = allowedSet(space, receiver, receive, space.B);
  if (space.isEmpty(published) || space.isEmpty(received)) return [];
  const sides = { sent: published, got: receivedBySubscription(space, receiver, space.B) };
  if (space.isEmpty(and(sides.sent, sides.got))) return [];
  return pairFlows(space, sender, receiver, publish, receive, sides, 'subscription');
}

function retainedFlows(space: SummarySpace, sender: ClassInfo, receiver: ClassInfo): Flow[] {
  const retain = action('iot:RetainPublish');
  const read = action('iot:GetRetainedMessage');
  const sides = {
    sent: and(allowedSet(space, sender, action('iot:Publish'), space.A), allowedSet(space, sender, retain, space.A)),
    got: allowedSet(space, receiver, read, space.B),
  };
  if (space.isEmpty(and(sides.sent, sides.got))) return [];
  // Shown as the topics published: a retained message is a published one.
  return pairFlows(space, sender, receiver, action('iot:Publish'), read, sides, 'retained message');
}

/** One side of a flow: a grant, and the topics it lets the class send (or get), built once for every pair it is in. */
interface Side {
  candidate: GrantCandidate;
  expr: Expr;
  /** Its entries read strictly (`SummarySpace.strictSet`): words spelling topics inside its patterns. */
  strictEntries: Expr;
  /** Inside the class's topics for this side; `strict`: inside its strict sets too. */
  topics: () => FormulaAutomaton;
  strict: () => FormulaAutomaton;
}

/**
 * One flow per pair of a sender's grant and a receiver's grant that meet on the topics, shown as the
 * narrower. Each grant's side (its entries with its class's topics) is one automaton, shared by the pairs
 * it is in. A pair is first tried on its two grants' entries alone (small automata), the word found
 * checked against both sides; only when it falls outside (a Deny, a reading) is the whole product searched.
 */
function pairFlows(
  space: SummarySpace,
  sender: ClassInfo,
  receiver: ClassInfo,
  sent: DataPlaneAction,
  got: DataPlaneAction,
  topics: { sent: Expr; got: Expr },
  via: Flow['via'],
): Flow[] {
  const all = and(topics.sent, topics.got);
  const sidesOf = (info: ClassInfo, act: DataPlaneAction, self: number, own: Expr): Side[] => {
    const variables = modesOf(info, act, self)[0].variables;
    return candidates(space, info, act, all, self).map((candidate) => {
      const expr = space.pairsExpr(candidate.pairs, act.name, variables);
      const strictSet = space.strictSet([{ cls: info.cls, action: act.name, variables, pairs: candidate.pairs }]);
      const built = lazily(() => space.product(and(expr, own)));
      return {
        candidate,
        expr,
        strictEntries: space.pairsExpr(candidate.pairs, act.name, variables, true),
        topics: built,
        strict: lazily(() => space.product(and(leaf(built()), strictSet))),
      };
    });
  };
  const wordOf = (g: Side, h: Side): number[] | undefined => {
    const quick = space.search(and(g.strictEntries, h.strictEntries));
    if (quick && accepts(g.strict(), quick) && accepts(h.strict(), quick)) return quick;
    return space.firstWord([() => and(leaf(g.strict()), leaf(h.strict())), () => and(leaf(g.topics()), leaf(h.topics()))]);
  };
  const universe = space.universe('iot:Publish');
  const receiving = sidesOf(receiver, got, space.B, topics.got);
  const flows = new Map<string, Flow>();
  for (const g of sidesOf(sender, sent, space.A, topics.sent)) {
    for (const h of receiving) {
      const word = wordOf(g, h);
      if (!word) continue;
      const shownSide = narrower(space, universe, { loose: g.expr, strict: g.strictEntries }, { loose: h.expr, strict: h.strictEntries });
      const shown = (c: GrantCandidate, names: VariableNames) =>
        c.pattern.split(OWN_NAMES.self).join(names.self).split(OWN_NAMES.clientId).join(names.clientId);
      const pattern =
        shownSide === 'first'
          ? shown(g.candidate, SENDER_NAMES)
          : shownSide === 'second'
            ? shown(h.candidate, RECEIVER_NAMES)
            : `${shown(g.candidate, SENDER_NAMES)} ∩ ${shown(h.candidate, RECEIVER_NAMES)}`;
      if (flows.has(pattern)) continue;
      flows.set(pattern, confirmFlow(space, sender, receiver, word, pattern, via));
    }
  }
  return [...flows.values()];
}

/** A value built on first use, then kept. */
function lazily<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/**
 * The flow's example, every request of it decided by the evaluator: publish, then subscribe and receive
 * (or publish retained and read it over HTTPS), each side with a client ID its Connect allows (`bestSide`).
 * Any request denied: unconfirmed; allowed only under some readings: ambiguous.
 */
function confirmFlow(space: SummarySpace, sender: ClassInfo, receiver: ClassInfo, word: number[], pattern: string, via: Flow['via']): Flow {
  const region = space.app.scope.region;
  const [senderId, receiverId] = [exampleIdentityId(region, 1), exampleIdentityId(region, 2)];
  const topic = space.alphabet.spell(word, { A: senderId, B: receiverId, C: CHOSEN_CLIENT_ID });
  const arn = space.resourceOf(topic, 'iot:Publish');
  const decide = (info: ClassInfo, act: string, resource: string, id: string, clientId?: string) =>
    decideFor(space, info.cls, act, resource, id, clientId).decision;
  const filters = via === 'retained message' ? [] : [topic, ...filtersDelivering(topic)];
  const sent = bestSide(space, sender, senderId, clientIdsToTry(sender, senderId, [topic]), (clientId) => ({
    decisions: [
      decide(sender, 'iot:Publish', arn, senderId, clientId),
      ...(via === 'retained message' ? [decide(sender, 'iot:RetainPublish', arn, senderId, clientId)] : []),
    ],
    detail: undefined,
  }));
  const got =
    via === 'retained message'
      ? { clientId: undefined, decision: decide(receiver, 'iot:GetRetainedMessage', arn, receiverId), detail: undefined }
      : bestSide(space, receiver, receiverId, clientIdsToTry(receiver, receiverId, filters), (clientId) => {
          const subscribe = (f: string) => decide(receiver, 'iot:Subscribe', space.resourceOf(f, 'iot:Subscribe'), receiverId, clientId);
          const filter = filters.find((f) => subscribe(f) !== 'deny');
          return {
            decisions: [filter === undefined ? 'deny' : subscribe(filter), decide(receiver, 'iot:Receive', arn, receiverId, clientId)],
            detail: filter,
          };
        });
  const [senderClientId, receiverClientId] = [pickedClientId(sender, sent), pickedClientId(receiver, got)];
  const example = {
    topic,
    ...(got.detail !== undefined && { filter: got.detail }),
    sender: senderId,
    receiver: receiverId,
    ...(senderClientId !== undefined && { senderClientId }),
    ...(receiverClientId !== undefined && { receiverClientId }),
  };
  return { from: sender.cls.id, to: receiver.cls.id, via, pattern, example, status: flowStatus(worstOf([sent.decision, got.decision])) };
}
