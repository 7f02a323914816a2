/**
 * Path globs, as the config (`kinds`, `ignore`, `exclude`, `scenarios`) and the CLI's file arguments write
 * them: `*` and `?` within a path segment, `**` as a whole segment for any number of folders, `[abc]` and
 * `[!a-z]` classes, `{a,b}` alternatives, `\` escapes. A pattern compiles to a small automaton that is
 * run on all its states at once, so a match costs at most (path length × compiled length) steps, whatever
 * the pattern: `*a*a*a*a*a*a*a*ab` against a long name is as cheap as `*.json`. Backtracking matchers took
 * minutes on it, and a repository's config is untrusted input to CI and the editor.
 */

export const MAX_GLOB_LENGTH = 1000;
/** Bounds `{a,b}` expansion: the alternatives' total length, and so the cost of every match. */
export const MAX_EXPANDED_LENGTH = 4000;

export interface GlobOptions {
  /** Whether wildcards match a leading `.` of a segment (dot files and folders). */
  dot: boolean;
}

export type PathMatcher = (path: string) => boolean;

/** One automaton state: the characters it consumes to stay, to move on, and whether it may be skipped. */
interface State {
  stay?: (ch: string) => boolean;
  advance?: (ch: string) => boolean;
  skippable: boolean;
  /** Wildcards never consume a segment's leading `.` unless `dot` is set. */
  wildcard: boolean;
}

const notSlash = (ch: string) => ch !== '/';
const anyChar = () => true;
const isSlash = (ch: string) => ch === '/';

/** A matcher for the pattern, or why the pattern cannot be used. */
export function compilePathGlob(pattern: string, options: GlobOptions): { match: PathMatcher } | { error: string } {
  if (pattern.length > MAX_GLOB_LENGTH) return { error: `glob too long (${pattern.length} characters; limit ${MAX_GLOB_LENGTH})` };
  if (pattern.startsWith('!')) return { error: 'negated globs ("!…") are not supported; list what to leave out under "exclude"' };
  if (/[@!+*?]\(/.test(pattern)) return { error: 'extended globs such as "@(a|b)" are not supported; use {a,b}' };
  const expanded = expandBraces(pattern);
  if ('error' in expanded) return expanded;
  const automata: State[][] = [];
  for (const alternative of expanded.alternatives) {
    const states = compileAlternative(alternative);
    if ('error' in states) return states;
    automata.push(states);
    // `dir/**` also names the folder itself.
    if (alternative.endsWith('/**') && alternative.length > 3) {
      const folder = compileAlternative(alternative.slice(0, -3));
      if (!('error' in folder)) automata.push(folder);
    }
  }
  return { match: (path) => automata.some((states) => run(states, path, options.dot)) };
}

function compileAlternative(pattern: string): State[] | { error: string } {
  const states: State[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      if (i + 1 === pattern.length) return { error: 'the glob ends with a lone "\\"' };
      const literal = pattern[++i];
      states.push({ advance: (c) => c === literal, skippable: false, wildcard: false });
    } else if (ch === '*') {
      let end = i;
      while (pattern[end + 1] === '*') end++;
      const wholeSegment = end > i && (i === 0 || pattern[i - 1] === '/') && (end + 1 === pattern.length || pattern[end + 1] === '/');
      if (wholeSegment && end + 1 < pattern.length) {
        // `**/`: nothing, or anything that ends with a `/`.
        states.push({ stay: anyChar, advance: isSlash, skippable: true, wildcard: true });
        end++;
      } else if (wholeSegment) {
        states.push({ stay: anyChar, skippable: true, wildcard: true });
      } else {
        states.push({ stay: notSlash, skippable: true, wildcard: true });
      }
      i = end;
    } else if (ch === '?') {
      states.push({ advance: notSlash, skippable: false, wildcard: true });
    } else if (ch === '[') {
      const parsed = characterClass(pattern, i);
      if (parsed) {
        states.push({ advance: parsed.test, skippable: false, wildcard: true });
        i = parsed.end;
      } else {
        states.push({ advance: (c) => c === '[', skippable: false, wildcard: false });
      }
    } else {
      states.push({ advance: (c) => c === ch, skippable: false, wildcard: false });
    }
  }
  return states;
}

/** `[abc]`, `[a-z]`, `[!x]` or `[^x]` starting at `start`; undefined when not closed (then `[` is literal). */
function characterClass(pattern: string, start: number): { test: (ch: string) => boolean; end: number } | undefined {
  let i = start + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const ranges: Array<[string, string]> = [];
  for (let first = true; i < pattern.length && (first || pattern[i] !== ']'); first = false, i++) {
    let low = pattern[i];
    if (low === '\\' && i + 1 < pattern.length) low = pattern[++i];
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      ranges.push([low, pattern[i + 2]]);
      i += 2;
    } else {
      ranges.push([low, low]);
    }
  }
  if (i >= pattern.length) return undefined;
  const inClass = (ch: string) => ranges.some(([low, high]) => ch >= low && ch <= high);
  return { test: (ch) => ch !== '/' && inClass(ch) !== negated, end: i };
}

/** `{a,b}` alternatives expanded (nested too), within MAX_EXPANDED_LENGTH characters in all. */
function expandBraces(pattern: string): { alternatives: string[] } | { error: string } {
  const pending = [pattern];
  const alternatives: string[] = [];
  let total = pattern.length;
  while (pending.length > 0) {
    const current = pending.pop()!;
    const brace = firstBraceSet(current);
    if (!brace) {
      alternatives.push(current);
      continue;
    }
    const before = current.slice(0, brace.start);
    const after = current.slice(brace.end + 1);
    total -= current.length;
    for (const part of brace.parts) {
      pending.push(before + part + after);
      total += before.length + part.length + after.length;
    }
    if (total > MAX_EXPANDED_LENGTH) return { error: `the glob's {…} alternatives expand to more than ${MAX_EXPANDED_LENGTH} characters` };
  }
  return { alternatives };
}

/** The first `{…}` with a top-level comma: its bounds and its comma-separated parts. */
function firstBraceSet(pattern: string): { start: number; end: number; parts: string[] } | undefined {
  for (let start = 0; start < pattern.length; start++) {
    if (pattern[start] === '\\') {
      start++;
      continue;
    }
    if (pattern[start] !== '{') continue;
    let depth = 0;
    const cuts = [start];
    for (let i = start; i < pattern.length; i++) {
      const ch = pattern[i];
      if (ch === '\\') i++;
      else if (ch === '{') depth++;
      else if (ch === ',' && depth === 1) cuts.push(i);
      else if (ch === '}' && --depth === 0) {
        if (cuts.length === 1) break; // `{x}` without a comma is literal text
        cuts.push(i);
        return { start, end: i, parts: cuts.slice(0, -1).map((cut, k) => pattern.slice(cut + 1, cuts[k + 1])) };
      }
    }
  }
  return undefined;
}

/** Runs the automaton on every state at once: one pass over the path, no backtracking. */
function run(states: readonly State[], path: string, dot: boolean): boolean {
  let active = new Uint8Array(states.length + 1);
  let next = new Uint8Array(states.length + 1);
  active[0] = 1;
  close(states, active);
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    const hiddenDot = !dot && ch === '.' && (i === 0 || path[i - 1] === '/');
    next.fill(0);
    let any = false;
    for (let s = 0; s < states.length; s++) {
      if (!active[s]) continue;
      const state = states[s];
      if (hiddenDot && state.wildcard) continue;
      if (state.stay?.(ch)) next[s] = 1;
      if (state.advance?.(ch)) next[s + 1] = 1;
      any ||= next[s] === 1 || next[s + 1] === 1;
    }
    if (!any) return false;
    close(states, next);
    [active, next] = [next, active];
  }
  return active[states.length] === 1;
}

/** Adds the states reachable by skipping skippable ones (in order, so one pass suffices). */
function close(states: readonly State[], set: Uint8Array): void {
  for (let s = 0; s < states.length; s++) if (set[s] && states[s].skippable) set[s + 1] = 1;
}
