/**
 * AWS policy wildcards: `*` matches any run of characters (including `/` and `:`), `?` exactly one.
 * Everything else is literal, including MQTT's `+` and `#`.
 *
 * A pattern is compiled into star-separated segments. Matching anchors the first segment at the start and
 * the last at the end, and finds each middle segment at its leftmost position: greedy-leftmost is exact
 * for star-separated segments, and no position is revisited, so a match costs O(input × segment length)
 * with no backtracking — never a regular expression built from user text.
 */

export type GlobToken = { kind: 'literal'; text: string } | { kind: 'star' } | { kind: 'any-char' };

interface Segment {
  text: string;
  /** Offsets within `text` that stand for `?` (any one character); empty when the segment is plain text. */
  anyChar: number[];
}

export interface Glob {
  readonly source: string;
  readonly segments: readonly Segment[];
  /** True when the pattern contains at least one `*`: segments[0] is then the prefix, the last the suffix. */
  readonly hasStar: boolean;
  /** Shortest input the pattern can match. */
  readonly minLength: number;
}

export function tokenizeWildcards(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  let literal = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') {
      if (literal) tokens.push({ kind: 'literal', text: literal });
      literal = '';
      tokens.push(ch === '*' ? { kind: 'star' } : { kind: 'any-char' });
    } else {
      literal += ch;
    }
  }
  if (literal) tokens.push({ kind: 'literal', text: literal });
  return tokens;
}

export function compileGlob(tokens: readonly GlobToken[], source: string): Glob {
  const segments: Segment[] = [];
  let current: Segment = { text: '', anyChar: [] };
  let hasStar = false;
  for (const token of tokens) {
    if (token.kind === 'star') {
      hasStar = true;
      segments.push(current);
      current = { text: '', anyChar: [] };
    } else if (token.kind === 'any-char') {
      current.anyChar.push(current.text.length);
      current.text += '?';
    } else {
      current.text += token.text;
    }
  }
  segments.push(current);
  return { source, segments, hasStar, minLength: segments.reduce((n, s) => n + s.text.length, 0) };
}

/** Compiles a pattern in which `*` and `?` are wildcards (actions, condition Like values). */
export function globFromPattern(pattern: string): Glob {
  return compileGlob(tokenizeWildcards(pattern), pattern);
}

function segmentMatchesAt(segment: Segment, input: string, at: number): boolean {
  const { text, anyChar } = segment;
  if (anyChar.length === 0) return input.startsWith(text, at);
  let nextAny = 0;
  for (let i = 0; i < text.length; i++) {
    if (nextAny < anyChar.length && anyChar[nextAny] === i) {
      nextAny++;
      continue;
    }
    if (input.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** Leftmost position ≥ from where the segment matches and ends by `limit`, or -1. */
function findSegment(segment: Segment, input: string, from: number, limit: number): number {
  const last = limit - segment.text.length;
  if (segment.anyChar.length === 0) {
    const at = input.indexOf(segment.text, from);
    return at !== -1 && at <= last ? at : -1;
  }
  for (let at = from; at <= last; at++) {
    if (segmentMatchesAt(segment, input, at)) return at;
  }
  return -1;
}

export function matchGlob(glob: Glob, input: string): boolean {
  const { segments } = glob;
  if (!glob.hasStar) {
    return input.length === segments[0].text.length && segmentMatchesAt(segments[0], input, 0);
  }
  if (input.length < glob.minLength) return false;
  const prefix = segments[0];
  const suffix = segments[segments.length - 1];
  if (!segmentMatchesAt(prefix, input, 0)) return false;
  const suffixStart = input.length - suffix.text.length;
  if (!segmentMatchesAt(suffix, input, suffixStart)) return false;
  let position = prefix.text.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (segment.text.length === 0) continue;
    const at = findSegment(segment, input, position, suffixStart);
    if (at === -1) return false;
    position = at + segment.text.length;
  }
  return true;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
