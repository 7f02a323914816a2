/** IPv4/IPv6 addresses and CIDR blocks for IpAddress/NotIpAddress, parsed without regular expressions on user text. */

export interface Cidr {
  bytes: Uint8Array;
  prefixLength: number;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(parts[i])) return undefined;
    const n = Number(parts[i]);
    if (n > 255) return undefined;
    bytes[i] = n;
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  let head = text;
  let tail = '';
  const doubleColon = text.indexOf('::');
  if (doubleColon !== -1) {
    if (text.indexOf('::', doubleColon + 1) !== -1) return undefined;
    head = text.slice(0, doubleColon);
    tail = text.slice(doubleColon + 2);
  }
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const result: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (!v4) return undefined;
        result.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
        result.push(parseInt(piece, 16));
      }
    }
    return result;
  };
  const headGroups = groups(head);
  const tailGroups = groups(tail);
  if (!headGroups || !tailGroups) return undefined;
  const missing = 8 - headGroups.length - tailGroups.length;
  if ((doubleColon === -1 && missing !== 0) || missing < 0 || (doubleColon !== -1 && missing < 1)) return undefined;
  const all = [...headGroups, ...new Array<number>(missing).fill(0), ...tailGroups];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

export function parseIp(text: string): Uint8Array | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

/** A CIDR block or a single address (then a full-length prefix). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const bytes = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  if (slash === -1) return { bytes, prefixLength: max };
  const lengthText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return undefined;
  const prefixLength = Number(lengthText);
  return prefixLength <= max ? { bytes, prefixLength } : undefined;
}

export function cidrContains(cidr: Cidr, address: Uint8Array): boolean {
  if (cidr.bytes.length !== address.length) return false;
  let remaining = cidr.prefixLength;
  for (let i = 0; i < address.length && remaining > 0; i++, remaining -= 8) {
    const mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
    if ((cidr.bytes[i] & mask) !== (address[i] & mask)) return false;
  }
  return true;
}
