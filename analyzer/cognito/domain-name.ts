import type { Candidate, ComparedValue } from './open-request-values';
import { tokenText } from '../conditions/operators';

/*
 * The candidates for `iot:DomainName` (open-request-values.ts names the key): loaded when a statement first
 * reads the domain, as most policies never do.
 */

/** Past this many combinations of the values' matches explored, the candidates found are all that are tried. */
const MAX_STATES = 2000;
/**
 * Past this many steps of one value's pattern by one character (about 0.1 µs each), likewise: the states
 * alone do not bound the work, which also grows with the characters and the values (hundreds of short
 * values fit in one policy, and a request variable in one of them makes each client ID a new search).
 */
const MAX_STEPS = 1_500_000;

/** One value compared with, as a pattern over characters: a literal, `?` (Like) or `*` (Like). */
type Item = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' };

interface Atom {
  items: readonly Item[];
  ignoreCase: boolean;
  /** How outcomes name a value it matches: `iot.example.com`, `like *.example.com`. */
  describe: string;
  /** A case-sensitive literal: the one value it matches names itself. */
  exact: boolean;
}

const cache = new Map<string, { candidates: Candidate[]; complete: boolean }>();
const OUTSIDE_PRINTABLE_ASCII = /[^ -~]/;

/**
 * One value for each combination of the compared values a request value can match (and not match), found
 * by walking all the values' patterns at once, character by character: every string reaches one of
 * finitely many combined states, and a character no value names moves every pattern alike, so one such
 * character stands for all. Each candidate is a value as the policy writes it where one reaches its
 * combination, else the shortest that does; the empty string is never one (a domain has a name). A value of another operator type (an ARN operator on a
 * domain) is tried as written, and the set is then not complete.
 */
export function stringCandidates(values: readonly ComparedValue[]): { candidates: Candidate[]; complete: boolean } {
  const key = JSON.stringify(values.map((v) => [v.operator.name, v.tokens]));
  let found = cache.get(key);
  if (!found) {
    found = separatingValues(values);
    if (cache.size >= 1000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

function separatingValues(values: readonly ComparedValue[]): { candidates: Candidate[]; complete: boolean } {
  let complete = true;
  const others: Candidate[] = [];
  const atoms = new Map<string, Atom>();
  for (const { operator, tokens } of values) {
    const text = tokens.map(tokenText).join('');
    if (operator.type !== 'string') {
      complete = false;
      others.push({ value: text, label: text });
      continue;
    }
    const ignoreCase = operator.name.includes('IgnoreCase');
    // Lower-casing that changes a string's length does not go character by character.
    if (ignoreCase && text.toLowerCase().length !== text.length) complete = false;
    // Outside printable ASCII, lower-casing a whole value may differ from lower-casing its characters one by one (final sigma).
    if (ignoreCase && OUTSIDE_PRINTABLE_ASCII.test(text)) complete = false;
    const items = tokens.flatMap((t): Item[] =>
      t.kind === 'literal' ? [...t.text].map((char) => ({ kind: 'char', char })) : [{ kind: t.kind === 'star' ? 'star' : 'any' }],
    );
    const wildcards = tokens.some((t) => t.kind !== 'literal');
    const describe = wildcards ? `like ${text}` : ignoreCase ? `${text} in any case` : text;
    atoms.set(`${ignoreCase}:${describe}`, { items, ignoreCase, describe, exact: !wildcards && !ignoreCase });
  }
  const list = [...atoms.values()];
  const alphabet = alphabetOf(list);
  // Only values compared exactly (an allow-list of domains): each is its own case, and one character no value names is every other.
  const found = list.every((atom) => atom.exact) ? exactMatches(list, alphabet[0]) : searchMatches(list, alphabet);
  if (!found.complete) complete = false;
  // Values a condition names first, "any other value" last.
  const candidates = [...found.byMatches]
    .sort(([a], [b]) => Number(!a.includes('1')) - Number(!b.includes('1')))
    .map(([id, value]): Candidate => {
      const matched = list.filter((_, i) => id[i] === '1');
      if (matched.length === 0) return { value, label: list.length === 0 ? 'any value' : 'any other value' };
      if (matched.some((a) => a.exact)) return { value, label: value };
      return { value, label: `${value} (${matched.map((a) => a.describe).join(' and ')})` };
    });
  return { candidates: [...candidates, ...others.filter((o) => !candidates.some((c) => c.value === o.value))], complete };
}

/** Which values a value matches ('1' per value, in order) → the value standing for that combination. */
type Combinations = Map<string, string>;

/** Values compared exactly: each matches itself alone, and `other` (a character no value names) none. */
function exactMatches(list: readonly Atom[], other: string): { byMatches: Combinations; complete: boolean } {
  const byMatches: Combinations = new Map(list.map((atom, i) => [list.map((_, j) => (j === i ? '1' : '0')).join(''), atom.describe]));
  byMatches.set('0'.repeat(list.length), other);
  return { byMatches, complete: true };
}

/** Walks all the values' patterns at once, as stringCandidates says, within MAX_STATES and MAX_STEPS. */
function searchMatches(list: readonly Atom[], alphabet: readonly string[]): { byMatches: Combinations; complete: boolean } {
  let complete = true;
  const start = list.map((atom) => closure(atom, [0]));
  // States reached by a non-empty value: the start, reached by the empty one only, may be reached again.
  const seen = new Set<string>();
  const matchesOf = (state: readonly number[][]) => list.map((atom, i) => (state[i].includes(atom.items.length) ? '1' : '0')).join('');
  const byMatches: Combinations = new Map();
  // Each value as written first (a wildcard read as a character no value names), so outcomes name values as
  // the policy spells them; the walk finds the combinations none of them reaches.
  for (const atom of list) {
    const text = atom.items.map((item) => (item.kind === 'char' ? item.char : alphabet[0])).join('');
    const id = matchesOf(list.map((other) => [...text].reduce((positions, char) => step(other, positions, char), closure(other, [0]))));
    if (text !== '' && !byMatches.has(id)) byMatches.set(id, text);
  }
  const queue: Array<{ state: number[][]; text: string }> = [{ state: start, text: '' }];
  let steps = 0;
  for (let next = 0; next < queue.length; next++) {
    const { state, text } = queue[next];
    const id = matchesOf(state);
    if (text !== '' && !byMatches.has(id)) byMatches.set(id, text);
    // Over the budget, the states found are still tried; none is walked further.
    steps += alphabet.length * list.length;
    if (steps > MAX_STEPS) {
      complete = false;
      continue;
    }
    for (const char of alphabet) {
      const stepped = list.map((atom, i) => step(atom, state[i], char));
      const k = stateKey(stepped);
      if (seen.has(k)) continue;
      if (seen.size >= MAX_STATES) {
        complete = false;
        break;
      }
      seen.add(k);
      queue.push({ state: stepped, text: text + char });
    }
  }
  return { byMatches, complete };
}

/**
 * Characters outside ASCII whose lower case is an ASCII letter, by that letter: the engine lower-cases whole
 * values, so a domain with the Kelvin sign matches `k` ignoring case. Over all of Unicode it is the only one
 * (U+0130 lower-cases to two characters).
 */
const FOLDS_INTO: Readonly<Record<string, readonly string[]>> = { k: ['\u212a'] };

/**
 * The characters the values name, then their other cases where case is ignored (so the first value found
 * is spelled as written), after one they do not name: it stands for every other.
 */
function alphabetOf(atoms: readonly Atom[]): string[] {
  const named = new Set<string>();
  for (const atom of atoms) for (const item of atom.items) if (item.kind === 'char') named.add(item.char);
  for (const atom of atoms)
    if (atom.ignoreCase)
      for (const item of atom.items)
        if (item.kind === 'char')
          for (const variant of [item.char.toLowerCase(), item.char.toUpperCase(), ...(FOLDS_INTO[item.char.toLowerCase()] ?? [])])
            if (variant.length === 1) named.add(variant);
  const lowered = new Set([...named].map((c) => c.toLowerCase()));
  let code = 'x'.charCodeAt(0);
  while (lowered.has(String.fromCharCode(code).toLowerCase()) || named.has(String.fromCharCode(code))) code++;
  return [String.fromCharCode(code), ...named];
}

function step(atom: Atom, positions: readonly number[], char: string): number[] {
  const next: number[] = [];
  for (const p of positions) {
    const item = atom.items[p];
    if (!item) continue;
    if (item.kind === 'star') next.push(p);
    else if (item.kind === 'any' || item.char === char || (atom.ignoreCase && item.char.toLowerCase() === char.toLowerCase())) next.push(p + 1);
  }
  return closure(atom, next);
}

/** The positions reachable without reading a character: past each `*` (which may match nothing). */
function closure(atom: Atom, positions: readonly number[]): number[] {
  const reached = new Set(positions);
  for (const p of positions) for (let q = p; atom.items[q]?.kind === 'star'; q++) reached.add(q + 1);
  return [...reached].sort((a, b) => a - b);
}

function stateKey(state: readonly number[][]): string {
  return state.map((positions) => positions.join(',')).join('|');
}
