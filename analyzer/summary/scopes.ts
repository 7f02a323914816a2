import type { ActionAccess, AppSummary, ClassSummary } from './model';

/** From the narrowest to the widest: the merged class connects as freely as it does in any scope. */
const CLIENT_IDS: readonly ClassSummary['clientId'][] = ['cannot connect', 'own identity ID', 'chosen by the client'];

/**
 * The summaries of one app asked in each of its scopes as one: what any scope grants (each grant,
 * other action and flow once), the scopes said first in the notes, and scopes not asked in as unknowns.
 */
export function withScopes(summaries: readonly AppSummary[], note: string, notAsked: number): AppSummary {
  const [first] = summaries;
  const classes = first.classes.map((cls, index): ClassSummary => {
    const all = summaries.map((s) => s.classes[index]);
    const clientId = CLIENT_IDS[Math.max(...all.map((c) => CLIENT_IDS.indexOf(c.clientId)))];
    return {
      ...cls,
      unknowns: notAsked > 0 ? [...cls.unknowns, `${notAsked} scope(s) the policies name were not asked in: what it may do there is not known`] : cls.unknowns,
      clientId,
      actions: cls.actions.map((_, at) => mergedAction(all.map((c) => c.actions[at]))),
      otherActions: once(
        all.flatMap((c) => c.otherActions),
        (o) => [o.actions, o.resources, o.source.statement],
      ),
      // Its notes follow its client IDs; the others are the same in every scope.
      notes: all.find((c) => c.clientId === clientId)!.notes,
    };
  });
  return {
    ...first,
    scopes: summaries.flatMap((s) => s.scopes),
    notes: [note, ...new Set(summaries.flatMap((s) => s.notes))],
    classes,
    flows: once(
      summaries.flatMap((s) => s.flows),
      (f) => [f.from, f.to, f.via, f.pattern, f.status],
    ),
    undecidedFlows: once(
      summaries.flatMap((s) => s.undecidedFlows),
      (u) => [u.from, u.to, u.via],
    ),
  };
}

function mergedAction(inScopes: readonly ActionAccess[]): ActionAccess {
  const undecided = inScopes.find((a) => a.undecided)?.undecided;
  return {
    ...inScopes[0],
    grants: once(
      inScopes.flatMap((a) => a.grants),
      (g) => [g.pattern, g.except, g.conditions, g.status],
    ),
    ...(undecided && { undecided }),
  };
}

/** The items whose keys differ, the first of each (a grant's example names its scope's identity IDs, so it is not in the key). */
function once<T>(items: readonly T[], key: (item: T) => unknown): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const text = JSON.stringify(key(item));
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}
