import type { CompiledPolicy } from '../evaluate/compile';

/**
 * Identities grouped by the IoT policies attached to them (the same policies in the same order), in order
 * of first appearance: the policies treat the identities of one group alike.
 */
export function groupByIotPolicies<T extends { iotPolicies: readonly CompiledPolicy[] }>(identities: readonly T[]): T[][] {
  const groups: T[][] = [];
  for (const identity of identities) {
    const group = groups.find((g) => samePolicies(g[0].iotPolicies, identity.iotPolicies));
    if (group) group.push(identity);
    else groups.push([identity]);
  }
  return groups;
}

/** Whether two identities carry the same IoT policies, in the same order. */
export function samePolicies(a: readonly CompiledPolicy[], b: readonly CompiledPolicy[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}
