/**
 * File bytes to text, refusing what would otherwise be silently mangled: invalid UTF-8 is reported at its
 * line and column (never replaced by U+FFFD), UTF-16 (recognised by its byte-order mark) is named.
 */
export type Decoded = { text: string } | { problem: string; at?: { line: number; column: number } };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'UTF-16 text (it starts with a UTF-16 byte-order mark); save the file as UTF-8' };
  }
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return {
      problem: `invalid UTF-8 (byte 0x${bytes[offset].toString(16).padStart(2, '0')} at byte offset ${offset}); save the file as UTF-8`,
      at: positionOf(bytes, offset),
    };
  }
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const continuation = (k: number, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (b >= 0xc2 && b <= 0xdf) return continuation(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    // No overlong forms (E0 A0..) and no UTF-16 surrogates (ED 80..9F).
    const second = b === 0xe0 ? continuation(1, 0xa0) : b === 0xed ? continuation(1, 0x80, 0x9f) : continuation(1);
    return second && continuation(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const second = b === 0xf0 ? continuation(1, 0x90) : b === 0xf4 ? continuation(1, 0x80, 0x8f) : continuation(1);
    return second && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/** 1-based line and column (in characters of the valid text before it) of a byte offset. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = strictUtf8.decode(bytes.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}
