import { parseCidr } from '../conditions/ip';
import { statementsForAction, type CompiledPolicy } from '../evaluate/compile';

/**
 * The client's address. AWS IoT documents `aws:SourceIp` for MQTT and HTTPS requests
 * (docs/iot-authorization.md §4), so every real request has one; a question that does not give it leaves it open:
 * a condition on it may hold for some clients and not for others, and deciding as if the key were absent
 * would apply every `NotIpAddress` Deny (a deny AWS does not give to clients inside the range).
 */
export const SOURCE_IP = 'aws:SourceIp';

/** As the request context keeps it (lower case). */
export const SOURCE_IP_KEY = SOURCE_IP.toLowerCase();

/** Past this many addresses the question is decided for the first ones and the rest reported as ambiguous. */
export const MAX_ADDRESSES = 256;

const readsSourceIpCache = new WeakMap<CompiledPolicy, boolean>();

function policyReadsSourceIp(policy: CompiledPolicy): boolean {
  let reads = readsSourceIpCache.get(policy);
  if (reads === undefined) {
    reads = policy.statements.some((s) => s.conditions.some((c) => c.key.toLowerCase() === SOURCE_IP_KEY));
    readsSourceIpCache.set(policy, reads);
  }
  return reads;
}

/** Whether a statement of these policies has a condition on `aws:SourceIp` (one cached look-up per policy). */
export function readsSourceIp(policies: readonly CompiledPolicy[]): boolean {
  for (const policy of policies) if (policyReadsSourceIp(policy)) return true;
  return false;
}

/** The values the conditions on `aws:SourceIp` of these policies' statements for the action compare it with; undefined when none. */
export function sourceIpValues(policies: readonly CompiledPolicy[], actionKey: string): string[] | undefined {
  const values = policies.flatMap((p) =>
    statementsForAction(p, actionKey).flatMap((s) =>
      s.conditions.filter((c) => c.key.toLowerCase() === SOURCE_IP_KEY).flatMap((c) => c.values.map((v) => v.entry.value)),
    ),
  );
  return values.length > 0 ? values : undefined;
}

/**
 * One address of each range the values' CIDR blocks cut the IPv4 and the IPv6 address space into (the
 * first address of each): every combination of the blocks containing the client or not that some client
 * has is among them. Values that are not addresses or blocks cut nothing.
 */
export function representativeAddresses(values: readonly string[]): string[] {
  const cuts = { 4: new Set<bigint>([0n]), 16: new Set<bigint>([0n]) };
  for (const value of values) {
    const cidr = parseCidr(value.trim());
    if (!cidr) continue;
    const bits = BigInt(cidr.bytes.length * 8);
    const hostBits = bits - BigInt(cidr.prefixLength);
    const start = (toBigInt(cidr.bytes) >> hostBits) << hostBits;
    const end = start + (1n << hostBits);
    const family = cuts[cidr.bytes.length as 4 | 16];
    family.add(start);
    if (end < 1n << bits) family.add(end);
  }
  return [...[...cuts[4]].sort(compare).map((n) => ipv4(n)), ...[...cuts[16]].sort(compare).map((n) => ipv6(n))];
}

const compare = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  return n;
}

function ipv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((n >> shift) & 0xffn)).join('.');
}

/** The shortest form: the longest run of two or more zero groups written `::`. */
function ipv6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(16 * (7 - i))) & 0xffffn));
  let [best, bestLength] = [-1, 1];
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
  }
  const hex = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  return best === -1 ? hex(0, 8) : `${hex(0, best)}::${hex(best + bestLength, 8)}`;
}
