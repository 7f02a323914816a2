/**
 * AWS policy wildcards: `*` matches any run of characters (including `/` and `:`), `?` exactly one.
 * Everything else is literal, including MQTT's `+` and `#`. A pattern may also hold `${…}` policy variables,
 * resolved during matching from the request context; their values are literal text (a `*` in a client ID
 * is not a wildcard, A8), and an unresolved variable makes the pattern match nothing (A5).
 *
 * A pattern is compiled into star-separated segments. Matching anchors the first segment at the start and
 * the last at the end, and finds each middle segment at its leftmost position: greedy-leftmost is exact for
 * star-separated segments, and no position is revisited, so a match costs O(input × segment length) with
 * no backtracking and no allocation — never a regular expression built from user text.
 */
import type { ContextValue } from '../evaluate/context';

export type GlobToken = { kind: 'literal'; text: string } | { kind: 'star' } | { kind: 'any-char' };

/** A `${key}` or `${key, 'default'}` variable; `key` is lowercased (variable names are case-insensitive). */
export interface VariableToken {
  kind: 'variable';
  name: string;
  key: string;
  defaultValue?: string;
  /** Where the variable is written in its policy string. */
  offset: number;
  length: number;
  /** Set when this kind of policy cannot use the variable (it then never resolves): the reason, for explanations. */
  unavailable?: string;
}

export type PatternToken = GlobToken | VariableToken;

/** Where variable values come from (a RequestContext). */
export interface VariableValues {
  getNormalized(key: string): ContextValue | undefined;
}

/**
 * A compiled piece of a segment. Every part has the same shape (one hidden class), so the matcher's
 * property reads stay monomorphic: `text` is the literal, `variable` the token to resolve, neither for `?`.
 */
interface SegmentPart {
  readonly kind: 'literal' | 'any-char' | 'variable';
  readonly text: string;
  readonly variable: VariableToken | undefined;
}

function segmentPart(token: Exclude<PatternToken, { kind: 'star' }>): SegmentPart {
  if (token.kind === 'literal') return { kind: 'literal', text: token.text, variable: undefined };
  if (token.kind === 'any-char') return { kind: 'any-char', text: '', variable: undefined };
  return { kind: 'variable', text: '', variable: token };
}

interface Segment {
  parts: SegmentPart[];
  /** Characters contributed by literals and `?` (variables add their value's length). */
  fixedLength: number;
  hasVariables: boolean;
}

export interface Glob {
  readonly source: string;
  readonly segments: readonly Segment[];
  /** True when the pattern contains at least one `*`: segments[0] is then the prefix, the last the suffix. */
  readonly hasStar: boolean;
  /** Shortest input the pattern can match, not counting variable values. */
  readonly minLength: number;
  readonly hasVariables: boolean;
}

export function tokenizeWildcards(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  // Literal text is cut from the pattern in one slice, never built a character at a time.
  let literalStart = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch !== '*' && ch !== '?') continue;
    if (i > literalStart) tokens.push({ kind: 'literal', text: pattern.slice(literalStart, i) });
    tokens.push(ch === '*' ? { kind: 'star' } : { kind: 'any-char' });
    literalStart = i + 1;
  }
  if (pattern.length > literalStart) tokens.push({ kind: 'literal', text: pattern.slice(literalStart) });
  return tokens;
}

export function compileGlob(tokens: readonly PatternToken[], source: string): Glob {
  const segments: Segment[] = [];
  let current: Segment = { parts: [], fixedLength: 0, hasVariables: false };
  let hasStar = false;
  for (const token of tokens) {
    if (token.kind === 'star') {
      hasStar = true;
      segments.push(current);
      current = { parts: [], fixedLength: 0, hasVariables: false };
      continue;
    }
    // Never reads parts[-1]: an out-of-range read leaves V8's fast path for arrays.
    const previous = current.parts.length > 0 ? current.parts[current.parts.length - 1] : undefined;
    if (token.kind === 'literal' && previous?.kind === 'literal') {
      current.parts[current.parts.length - 1] = segmentPart({ kind: 'literal', text: previous.text + token.text });
    } else if (token.kind !== 'literal' || token.text.length > 0) {
      current.parts.push(segmentPart(token));
    }
    if (token.kind === 'literal') current.fixedLength += token.text.length;
    else if (token.kind === 'any-char') current.fixedLength += 1;
    else current.hasVariables = true;
  }
  segments.push(current);
  return {
    source,
    segments,
    hasStar,
    minLength: segments.reduce((n, s) => n + s.fixedLength, 0),
    hasVariables: segments.some((s) => s.hasVariables),
  };
}

/** Compiles a pattern in which `*` and `?` are wildcards (actions, condition Like values). */
export function globFromPattern(pattern: string): Glob {
  return compileGlob(tokenizeWildcards(pattern), pattern);
}

/** A variable's single value, its default, or undefined (absent, or multi-valued: never a variable). */
export function variableValue(token: VariableToken, values: VariableValues | undefined): string | undefined {
  if (token.unavailable) return undefined;
  const value = values?.getNormalized(token.key);
  if (value === undefined) return token.defaultValue;
  return typeof value === 'string' ? value : undefined;
}

/** The segment's length in this context, or -1 when one of its variables is unresolved. */
function segmentLength(segment: Segment, values: VariableValues | undefined): number {
  if (!segment.hasVariables) return segment.fixedLength;
  let length = segment.fixedLength;
  for (const part of segment.parts) {
    if (part.kind !== 'variable') continue;
    const value = variableValue(part.variable!, values);
    if (value === undefined) return -1;
    length += value.length;
  }
  return length;
}

/** Matches the segment at `at`; returns the position after it, or -1. Variables are looked up once each. */
function matchSegmentAt(segment: Segment, input: string, at: number, values: VariableValues | undefined): number {
  let position = at;
  const { parts } = segment;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind === 'literal') {
      if (!input.startsWith(part.text, position)) return -1;
      position += part.text.length;
    } else if (part.kind === 'any-char') {
      if (position >= input.length) return -1;
      position += 1;
    } else {
      const value = variableValue(part.variable!, values);
      if (value === undefined || !input.startsWith(value, position)) return -1;
      position += value.length;
    }
  }
  return position;
}

/** Leftmost position ≥ from where the segment matches and ends by `limit`; returns the end, or -1. */
function findSegment(segment: Segment, input: string, from: number, limit: number, values: VariableValues | undefined): number {
  const first = segment.parts[0];
  if (segment.parts.length === 1 && first.kind === 'literal') {
    const at = input.indexOf(first.text, from);
    return at !== -1 && at + first.text.length <= limit ? at + first.text.length : -1;
  }
  for (let at = from; at <= limit; at++) {
    if (first.kind === 'literal') {
      at = input.indexOf(first.text, at);
      if (at === -1 || at > limit) return -1;
    }
    const end = matchSegmentAt(segment, input, at, values);
    if (end !== -1 && end <= limit) return end;
  }
  return -1;
}

export function matchGlob(glob: Glob, input: string, values?: VariableValues): boolean {
  const { segments } = glob;
  if (input.length < glob.minLength) return false;
  if (!glob.hasStar) return matchSegmentAt(segments[0], input, 0, values) === input.length;
  const prefixEnd = matchSegmentAt(segments[0], input, 0, values);
  if (prefixEnd === -1) return false;
  const suffix = segments[segments.length - 1];
  const suffixLength = segmentLength(suffix, values);
  const suffixStart = input.length - suffixLength;
  if (suffixLength < 0 || suffixStart < prefixEnd || matchSegmentAt(suffix, input, suffixStart, values) !== input.length) return false;
  let position = prefixEnd;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (segment.parts.length === 0) continue;
    position = findSegment(segment, input, position, suffixStart, values);
    if (position === -1) return false;
  }
  return true;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
