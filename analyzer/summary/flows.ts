import { findDataPlaneAction, type DataPlaneAction } from '../catalog/data-plane';
import { filtersDelivering } from '../rules/topic-patterns';
import { StateLimitError, and, type Expr } from '../prove/automata';
import { OWN_NAMES, RECEIVER_NAMES, SENDER_NAMES, type VariableNames } from './display';
import { allowedSet, candidates, decideFor, exampleIdentityId, modesOf, type ClassInfo, type GrantCandidate } from './grants';
import type { Flow } from './model';
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
export function flowsOf(space: SummarySpace, infos: readonly ClassInfo[]): { flows: Flow[]; undecided: string[] } {
  const flows: Flow[] = [];
  const undecided: string[] = [];
  for (const sender of infos) {
    for (const receiver of infos) {
      try {
        flows.push(...subscriptionFlows(space, sender, receiver), ...retainedFlows(space, sender, receiver), ...shadowFlows(space, sender, receiver));
      } catch (error) {
        if (!(error instanceof StateLimitError)) throw error;
        undecided.push(`${sender.cls.id} → ${receiver.cls.id}: too many automaton states to decide`);
      }
    }
  }
  return { flows, undecided };
}

function subscriptionFlows(space: SummarySpace, sender: ClassInfo, receiver: ClassInfo): Flow[] {
  if (receiver.clientId === 'none') return [];
  const publish = action('iot:Publish');
  const receive = action('iot:Receive');
  const published = allowedSet(space, sender, publish, space.A);
  const received = allowedSet(space, receiver, receive, space.B);
  if (space.isEmpty(published) || space.isEmpty(received)) return [];
  const topics = and(published, received, space.delivered(allowedSet(space, receiver, action('iot:Subscribe'), space.B)));
  if (space.isEmpty(topics)) return [];
  return pairFlows(space, sender, receiver, publish, receive, topics, 'subscription');
}

function retainedFlows(space: SummarySpace, sender: ClassInfo, receiver: ClassInfo): Flow[] {
  const retain = action('iot:RetainPublish');
  const read = action('iot:GetRetainedMessage');
  const topics = and(
    allowedSet(space, sender, action('iot:Publish'), space.A),
    allowedSet(space, sender, retain, space.A),
    allowedSet(space, receiver, read, space.B),
  );
  if (space.isEmpty(topics)) return [];
  // Shown as the topics published: a retained message is a published one.
  return pairFlows(space, sender, receiver, action('iot:Publish'), read, topics, 'retained message');
}

/** One flow per pair of a sender's grant and a receiver's grant that meet on the topics, shown as the narrower. */
function pairFlows(
  space: SummarySpace,
  sender: ClassInfo,
  receiver: ClassInfo,
  sent: DataPlaneAction,
  got: DataPlaneAction,
  topics: Expr,
  via: Flow['via'],
): Flow[] {
  const exprOf = (info: ClassInfo, act: DataPlaneAction, self: number, candidate: GrantCandidate) => {
    return space.pairsExpr(candidate.pairs, act.name, modesOf(info, act, self)[0].variables);
  };
  const universe = space.universe('iot:Publish');
  const flows = new Map<string, Flow>();
  for (const g of candidates(space, sender, sent, topics, space.A)) {
    const gExpr = exprOf(sender, sent, space.A, g);
    for (const h of candidates(space, receiver, got, topics, space.B)) {
      const hExpr = exprOf(receiver, got, space.B, h);
      const strict = space.strictSet([
        { cls: sender.cls, action: sent.name, variables: modesOf(sender, sent, space.A)[0].variables, pairs: g.pairs },
        { cls: receiver.cls, action: got.name, variables: modesOf(receiver, got, space.B)[0].variables, pairs: h.pairs },
      ]);
      const word = space.firstWord([() => and(gExpr, hExpr, topics, strict), () => and(gExpr, hExpr, topics)]);
      if (!word) continue;
      const narrowerSent = space.isEmpty(and(gExpr, universe, { op: 'not', arg: hExpr }));
      const narrowerGot = space.isEmpty(and(hExpr, universe, { op: 'not', arg: gExpr }));
      const shown = (c: GrantCandidate, names: VariableNames) =>
        c.pattern.split(OWN_NAMES.self).join(names.self).split(OWN_NAMES.clientId).join(names.clientId);
      const pattern = narrowerSent
        ? shown(g, SENDER_NAMES)
        : narrowerGot
          ? shown(h, RECEIVER_NAMES)
          : `${shown(g, SENDER_NAMES)} ∩ ${shown(h, RECEIVER_NAMES)}`;
      if (flows.has(pattern)) continue;
      flows.set(pattern, confirmFlow(space, sender, receiver, word, pattern, via));
    }
  }
  return [...flows.values()];
}

/**
 * The flow's example, every request of it decided by the evaluator: publish, then subscribe and receive
 * (or publish retained and read it over HTTPS). Any request denied: unconfirmed; allowed only under some
 * readings: ambiguous.
 */
function confirmFlow(space: SummarySpace, sender: ClassInfo, receiver: ClassInfo, word: number[], pattern: string, via: Flow['via']): Flow {
  const region = space.app.scope.region;
  const [senderId, receiverId] = [exampleIdentityId(region, 1), exampleIdentityId(region, 2)];
  const clientIdOf = (info: ClassInfo, id: string) => (info.clientId === 'free' ? CHOSEN_CLIENT_ID : id);
  const topic = space.alphabet.spell(word, { A: senderId, B: receiverId, C: CHOSEN_CLIENT_ID });
  const arn = space.resourceOf(topic, 'iot:Publish');
  const decide = (info: ClassInfo, act: string, resource: string, id: string, clientId?: string) =>
    decideFor(space, info.cls, act, resource, id, clientId).decision;
  const decisions = [decide(sender, 'iot:Publish', arn, senderId, clientIdOf(sender, senderId))];
  const base = { from: sender.cls.id, to: receiver.cls.id, via, pattern };
  let filter: string | undefined;
  if (via === 'retained message') {
    decisions.push(
      decide(sender, 'iot:RetainPublish', arn, senderId, clientIdOf(sender, senderId)),
      decide(receiver, 'iot:GetRetainedMessage', arn, receiverId),
    );
  } else {
    const clientId = clientIdOf(receiver, receiverId);
    filter = [topic, ...filtersDelivering(topic)].find(
      (f) => decide(receiver, 'iot:Subscribe', space.resourceOf(f, 'iot:Subscribe'), receiverId, clientId) !== 'deny',
    );
    decisions.push(
      filter === undefined ? 'deny' : decide(receiver, 'iot:Subscribe', space.resourceOf(filter, 'iot:Subscribe'), receiverId, clientId),
      decide(receiver, 'iot:Receive', arn, receiverId, clientId),
    );
  }
  const status = decisions.includes('deny') ? 'unconfirmed' : decisions.includes('ambiguous') ? 'ambiguous' : 'confirmed';
  return { ...base, example: { topic, ...(filter !== undefined && { filter }), sender: senderId, receiver: receiverId }, status };
}
