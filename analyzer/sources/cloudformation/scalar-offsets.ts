import type { Span } from '../tree';

/** What a backslash escape of a JSON or YAML double-quoted string stands for (`\x`, `\u` and `\U` are read apart). */
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  '\t': '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '"': '"',
  '\\': '\\',
  '/': '/',
  '0': '\0',
  a: '\x07',
  v: '\v',
  e: '\x1b',
  ' ': ' ',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * For each character (UTF-16 unit) of a scalar's value, its offset in the file: the value is matched
 * against what is written at `span`, in order, skipping only what YAML and JSON write around and between
 * a scalar's characters — quotes, a block scalar's header line, indentation and line breaks — and
 * reading escapes in double-quoted strings. Undefined when the value is not what is written there (a
 * value a Serverless variable or a loop put in), so a place is never guessed.
 */
export function scalarOffsets(value: string, original: string, span: Span): number[] | undefined {
  const style = original[span[0]];
  let p = span[0];
  if (style === '|' || style === '>') {
    p = original.indexOf('\n', p) + 1;
    if (p === 0 || p > span[1]) return undefined;
  } else if (style === '"' || style === "'") p++;
  const offsets: number[] = [];
  for (let i = 0; i < value.length; ) {
    if (p >= span[1]) return undefined;
    const written = original[p];
    if (style === '"' && written === '\\') {
      const escape = readEscape(original, p);
      if (escape === undefined) return undefined;
      if (escape.value !== '' && !value.startsWith(escape.value, i)) return undefined;
      for (let unit = 0; unit < escape.value.length; unit++) offsets.push(p);
      i += escape.value.length;
      p = escape.end;
    } else if (written === value[i]) {
      offsets.push(p++);
      i++;
    } else if (written === ' ' || written === '\t' || written === '\n' || written === '\r' || (style === "'" && written === "'")) p++;
    else return undefined;
  }
  return offsets;
}

/**
 * Where the last character of a JSON value written at `p` ends: after the whole escape when it is written
 * as one (`\"`, `\U0001F600`). JSON values never end in a backslash, so one at `p` starts an escape.
 */
export function writtenEnd(original: string, p: number): number {
  return (original[p] === '\\' && readEscape(original, p)?.end) || p + 1;
}

/** The escape at `p` (a backslash): what it stands for (nothing for an escaped line break) and where it ends. */
function readEscape(original: string, p: number): { value: string; end: number } | undefined {
  const letter = original[p + 1];
  if (letter === '\n') return { value: '', end: p + 2 };
  if (letter === '\r') return { value: '', end: original[p + 2] === '\n' ? p + 3 : p + 2 };
  const simple = ESCAPES[letter];
  if (simple !== undefined) return { value: simple, end: p + 2 };
  const digits = HEX_DIGITS[letter];
  const hex = digits === undefined ? '' : original.slice(p + 2, p + 2 + digits);
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
  const code = parseInt(hex, 16);
  return code > 0x10ffff ? undefined : { value: String.fromCodePoint(code), end: p + 2 + digits };
}
