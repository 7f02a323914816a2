import { findDataPlaneAction, type DataPlaneAction } from '../catalog/data-plane';
import { filtersDelivering } from '../rules/topic-patterns';
import { and, leaf, or, type Expr } from '../prove/automata';
import { SHADOW_GET, SHADOW_GET_REPLY, SHADOW_UPDATE, SHADOW_UPDATE_REPLIES, ShadowKeys, shadowKeyLanguage, shadowTopic } from '../prove/shadow';
import { OWN_NAMES, SENDER_NAMES } from './display';
import { allowedSet, candidates, decideFor, exampleIdentityId, modesOf, receivedBySubscription, type ClassInfo } from './grants';
import { betterThan, flowStatus, worstOf, type Decision } from './decisions';
import { bestSide, clientIdsToTry, pickedClientId } from './example-client-ids';
import type { Flow } from './model';
import { CHOSEN_CLIENT_ID, type SummarySpace } from './space';

const action = (name: string): DataPlaneAction => findDataPlaneAction(name)!;

/** One way to write or read a shadow, for a concrete key: its requests, decided by the evaluator. */
interface Channel {
  requests: Array<{ action: string; resource: string }>;
  /** The topic (and filter) a reader gets the document on; for HTTPS, the thing resource. */
  topic: string;
  filter?: string;
  https: boolean;
}

/**
 * Who can reach whom through a device shadow (`analyzer/prove/shadow.ts`): a sender writes it (an update
 * published to its `…/update` topic, or UpdateThingShadow) and a different identity reads it (the
 * service's `…/update/accepted|documents|delta` or `…/get/accepted` replies, or GetThingShadow). One flow
 * per writing grant of the sender, shown as that grant.
 */
export function shadowFlows(space: SummarySpace, sender: ClassInfo, receiver: ClassInfo): Flow[] {
  const keys = (names: Expr, suffix: string) => leaf(new ShadowKeys(space.product(names), space.alphabet, suffix));
  const reads = readSet(space, receiver, keys);
  const reachable = and(reads, leaf(shadowKeyLanguage(space.alphabet)));
  const flows: Flow[] = [];
  const publish = action('iot:Publish');
  const update = action('iot:UpdateThingShadow');
  const writers = [
    { act: publish, names: allowedSet(space, sender, publish, space.A), asKeys: (e: Expr) => keys(e, SHADOW_UPDATE), shown: (p: string) => p },
    { act: update, names: allowedSet(space, sender, update, space.A), asKeys: (e: Expr) => e, shown: (p: string) => `thing/${p}` },
  ];
  for (const writer of writers) {
    if (space.isEmpty(and(writer.asKeys(writer.names), reachable))) continue;
    const variables = modesOf(sender, writer.act, space.A)[0].variables;
    for (const candidate of candidates(space, sender, writer.act, writer.names, space.A)) {
      const granted = and(space.pairsExpr(candidate.pairs, writer.act.name, variables), writer.names);
      const strict = space.strictSet([{ cls: sender.cls, action: writer.act.name, variables, pairs: candidate.pairs }]);
      const key = space.firstWord([() => and(writer.asKeys(and(granted, strict)), reachable), () => and(writer.asKeys(granted), reachable)]);
      if (!key) continue;
      const shown = candidate.pattern.split(OWN_NAMES.self).join(SENDER_NAMES.self).split(OWN_NAMES.clientId).join(SENDER_NAMES.clientId);
      flows.push(confirmShadowFlow(space, sender, receiver, key, writer.shown(shown)));
    }
  }
  return flows;
}

/** The shadow keys the receiver may read, over every channel it has. */
function readSet(space: SummarySpace, receiver: ClassInfo, keys: (names: Expr, suffix: string) => Expr): Expr {
  const byApi = allowedSet(space, receiver, action('iot:GetThingShadow'), space.B);
  if (receiver.clientId === 'none') return byApi;
  const delivered = receivedBySubscription(space, receiver, space.B);
  const asked = keys(allowedSet(space, receiver, action('iot:Publish'), space.B), SHADOW_GET);
  return or(byApi, ...SHADOW_UPDATE_REPLIES.map((suffix) => keys(delivered, suffix)), and(asked, keys(delivered, SHADOW_GET_REPLY)));
}

/** The flow's example: the first writing and the first reading channel the evaluator allows (else the best answer). */
function confirmShadowFlow(space: SummarySpace, sender: ClassInfo, receiver: ClassInfo, word: number[], pattern: string): Flow {
  const region = space.app.scope.region;
  const [senderId, receiverId] = [exampleIdentityId(region, 1), exampleIdentityId(region, 2)];
  const key = space.alphabet.spell(word, { A: senderId, B: receiverId, C: CHOSEN_CLIENT_ID });
  const thing = space.resourceOf(key, 'iot:GetThingShadow');
  const topicArn = (suffix: string) => space.resourceOf(shadowTopic(key, suffix), 'iot:Publish');
  const writers: Channel[] = [
    { requests: [{ action: 'iot:Publish', resource: topicArn(SHADOW_UPDATE) }], topic: shadowTopic(key, SHADOW_UPDATE), https: sender.clientId === 'none' },
    { requests: [{ action: 'iot:UpdateThingShadow', resource: thing }], topic: `thing/${key}`, https: true },
  ];
  const readers: Channel[] = [{ requests: [{ action: 'iot:GetThingShadow', resource: thing }], topic: `thing/${key}`, https: true }];
  if (receiver.clientId !== 'none') {
    for (const suffix of [...SHADOW_UPDATE_REPLIES, SHADOW_GET_REPLY]) {
      const topic = shadowTopic(key, suffix);
      const subscribe = (filter: string) => ({ action: 'iot:Subscribe', resource: space.resourceOf(filter, 'iot:Subscribe') });
      const filter = [topic, ...filtersDelivering(topic)].find((f) => decide(space, receiver, receiverId, false, subscribe(f)) !== 'deny') ?? topic;
      const asked = suffix === SHADOW_GET_REPLY ? [{ action: 'iot:Publish', resource: topicArn(SHADOW_GET) }] : [];
      readers.push({ requests: [...asked, subscribe(filter), { action: 'iot:Receive', resource: topicArn(suffix) }], topic, filter, https: false });
    }
  }
  const written = best(writers.map((c) => decideAll(space, sender, senderId, c)));
  const read = best(readers.map((c) => decideAll(space, receiver, receiverId, c)));
  const got = read.channel;
  const [senderClientId, receiverClientId] = [pickedClientId(sender, written), pickedClientId(receiver, read)];
  return {
    from: sender.cls.id,
    to: receiver.cls.id,
    via: 'shadow',
    pattern,
    example: {
      topic: got.topic,
      ...(got.filter !== undefined && { filter: got.filter }),
      sender: senderId,
      receiver: receiverId,
      ...(senderClientId !== undefined && { senderClientId }),
      ...(receiverClientId !== undefined && { receiverClientId }),
    },
    status: flowStatus(worstOf([written.decision, read.decision])),
  };
}

function decide(space: SummarySpace, info: ClassInfo, identityId: string, https: boolean, request: { action: string; resource: string }): Decision {
  const clientId = https ? undefined : info.clientId === 'free' ? CHOSEN_CLIENT_ID : identityId;
  return decideFor(space, info.cls, request.action, request.resource, identityId, clientId).decision;
}

interface Decided {
  channel: Channel;
  decision: Decision;
  /** Over MQTT: the client ID it connects with (`bestSide`). */
  clientId?: string;
}

/** A channel's requests as the evaluator decides them: over MQTT with the client ID that serves them best (`bestSide`). */
function decideAll(space: SummarySpace, info: ClassInfo, identityId: string, channel: Channel): Decided {
  if (channel.https) return { channel, decision: worstOf(channel.requests.map((r) => decide(space, info, identityId, true, r))) };
  const texts = [channel.topic, ...(channel.filter !== undefined ? [channel.filter] : [])];
  const side = bestSide(space, info, identityId, clientIdsToTry(info, identityId, texts), (clientId) => ({
    decisions: channel.requests.map((r) => decideFor(space, info.cls, r.action, r.resource, identityId, clientId).decision),
    detail: undefined,
  }));
  return { channel, decision: side.decision, clientId: side.clientId };
}

function best(decided: readonly Decided[]): Decided {
  return decided.reduce((a, b) => (betterThan(b.decision, a.decision) ? b : a));
}
