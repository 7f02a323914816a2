import { parseCidr } from '../conditions/ip';

/** A range of client addresses one decision stands for: its first address, and how it is named in outcomes. */
export interface AddressRange {
  address: string;
  /** `10.0.0.0–10.255.255.255`, or the address alone. */
  label: string;
}

/**
 * The ranges the values cut the IPv4 and the IPv6 address space into, each decided by its first address:
 * every combination of the values' blocks containing the client or not that some client has is among
 * them. A value that is not a block (a string operator's `203.0.113.*`) cuts out the address its
 * wildcards read as zeros spell; `complete` is false when some value spells no address (then the ranges
 * may not separate everything the conditions do).
 */
export function addressRanges(values: readonly string[]): { ranges: AddressRange[]; complete: boolean } {
  const cuts = { 4: new Set<bigint>([0n]), 16: new Set<bigint>([0n]) };
  let complete = true;
  for (const value of values) {
    const cidr = parseCidr(value.trim()) ?? parseCidr(spelledAddress(value.trim()));
    if (!cidr) {
      complete = false;
      continue;
    }
    const bits = BigInt(cidr.bytes.length * 8);
    const hostBits = bits - BigInt(cidr.prefixLength);
    const start = (toBigInt(cidr.bytes) >> hostBits) << hostBits;
    const end = start + (1n << hostBits);
    const family = cuts[cidr.bytes.length as 4 | 16];
    family.add(start);
    if (end < 1n << bits) family.add(end);
  }
  const ranges = (family: Set<bigint>, bits: bigint, spell: (n: bigint) => string) => {
    const starts = [...family].sort(compare);
    return starts.map((start, i) => {
      const last = (i + 1 < starts.length ? starts[i + 1] : 1n << bits) - 1n;
      return { address: spell(start), label: last === start ? spell(start) : `${spell(start)}–${spell(last)}` };
    });
  };
  return { ranges: [...ranges(cuts[4], 32n, ipv4), ...ranges(cuts[16], 128n, ipv6)], complete };
}

/** `203.0.113.*` → `203.0.113.0`, `10.*` → `10.0.0.0`: wildcards as zeros, a short IPv4 prefix filled out. */
function spelledAddress(pattern: string): string {
  const zeroed = pattern.replace(/[*?]/g, '0');
  if (zeroed.includes(':')) return zeroed;
  const parts = zeroed.split('.').filter((p) => p !== '');
  return parts.length < 4 ? [...parts, ...Array<string>(4 - parts.length).fill('0')].join('.') : zeroed;
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
