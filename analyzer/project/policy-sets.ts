/** One policy of an identity class in two versions: absent on the side where it does not exist. */
export interface PolicyInVersions<T> {
  old?: T;
  new?: T;
}

/**
 * Beside each policy compared alone, the pairs a diff must also compare so that new access any set of a
 * class's policies grants is seen (docs/prove.md, "which policy files are compared together", gives the
 * argument): a policy whose old version had a Deny and that changed or is gone, paired with each other
 * policy present in both versions. `lostDeny` tells the first kind. Pairs come in the members' order.
 */
export function denyLossPairs<M extends PolicyInVersions<unknown>>(members: readonly M[], lostDeny: (member: M) => boolean): Array<[M, M]> {
  const lost = members.map(lostDeny);
  const inBoth = members.map((m) => m.old !== undefined && m.new !== undefined);
  const pairs: Array<[M, M]> = [];
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++) if ((lost[i] && inBoth[j]) || (lost[j] && inBoth[i])) pairs.push([members[i], members[j]]);
  return pairs;
}
