import { decideFor, type ClassInfo } from './grants';
import { betterThan, worstOf, type Decision } from './decisions';
import { CHOSEN_CLIENT_ID, type SummarySpace } from './space';

/**
 * The client IDs to try for a class's side of an example: its identity ID when Connect pins it; else the one
 * it picks by default, then each run of the topic's (and filter's) levels, where a pattern built from
 * `${iot:ClientId}` spells it (`rooms/${iot:ClientId}` and the topic `rooms/x`: the client ID `x`).
 */
export function clientIdsToTry(info: ClassInfo, identityId: string, texts: readonly string[]): string[] {
  if (info.clientId !== 'free') return [identityId];
  const runs = texts.flatMap((text) => {
    const levels = text.split('/');
    return levels.flatMap((_, from) => levels.slice(from).map((__, length) => levels.slice(from, from + length + 1).join('/')));
  });
  return [...new Set([CHOSEN_CLIENT_ID, ...runs.filter((run) => run.length > 0)])];
}

/**
 * One side of the example (the sender's requests, or the receiver's) as the evaluator decides it: with
 * the first client ID to try that Connect allows and under which every request is allowed, else the one
 * with the best answer. Its Connect is one of the requests.
 */
export function bestSide<T>(
  space: SummarySpace,
  info: ClassInfo,
  identityId: string,
  clientIds: readonly string[],
  requests: (clientId: string) => { decisions: Decision[]; detail: T },
): { clientId: string; decision: Decision; detail: T } {
  let best: { clientId: string; decision: Decision; detail: T } | undefined;
  for (const clientId of clientIds) {
    const connect = decideFor(space, info.cls, 'iot:Connect', space.resourceOf(clientId, 'iot:Connect'), identityId, clientId).decision;
    const { decisions, detail } = requests(clientId);
    // The class's own default keeps the answer it had when Connect is not asked (its Connect grant is listed on its own).
    const decision = worstOf(clientId === clientIds[0] ? decisions : [connect, ...decisions]);
    if (!best || betterThan(decision, best.decision)) best = { clientId, decision, detail };
    if (decision === 'allow') break;
  }
  return best!;
}

/** The client ID an example names for a side: the one a class that picks its client ID connects with, when not the default. */
export function pickedClientId(info: ClassInfo, side: { clientId?: string }): string | undefined {
  return info.clientId === 'free' && side.clientId !== undefined && side.clientId !== CHOSEN_CLIENT_ID ? side.clientId : undefined;
}
