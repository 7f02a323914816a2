/**
 * Finite automata over an `Alphabet`, built lazily: a deterministic, complete automaton is explored only
 * as far as a search needs it, and every state and transition is computed once. Patterns are linear NFAs
 * (one state per item, `*` a self-loop); unions share one NFA; intersections, complements and boolean
 * combinations are products; MQTT filter matching is a transducer from filter languages to topic
 * languages. Pure TypeScript, no Node APIs.
 */

/** A deterministic, complete automaton whose states are small integers, built on demand. */
export interface Automaton {
  readonly start: number;
  next(state: number, letter: number): number;
  accepting(state: number): boolean;
  /** True only when no word leads from this state to acceptance (false when unsure). */
  dead(state: number): boolean;
  /** True only when every word leads from this state to acceptance (false when unsure). */
  universal(state: number): boolean;
}

/** A nondeterministic automaton over integer states, determinized by `SubsetAutomaton`. */
export interface Nfa {
  readonly alphabetSize: number;
  /** Start states, already closed under ε. */
  starts(): number[];
  /** Successors on a letter, closed under ε (any order, duplicates allowed). */
  step(state: number, letter: number, into: number[]): void;
  accepting(state: number): boolean;
  /** True when every word from this state is accepted (optional knowledge). */
  acceptsEverything?(state: number): boolean;
  /**
   * Optional knowledge of letters it tells apart only by kind: for each letter, one of its kind (or itself)
   * that steps as it does from every state naming neither.
   */
  readonly stand?: readonly number[];
  /** With `stand`: the letter the state's step names (the only one it reads that way), or -1. */
  named?(state: number): number;
}

/** Guards against runaway constructions; a search that hits it answers "too large" (unknown, never a crash). */
export class StateLimitError extends Error {
  constructor(
    readonly limit: number,
    what = 'automaton states',
  ) {
    super(`more than ${limit} ${what}`);
  }
}

export const DEFAULT_STATE_LIMIT = 200_000;
/**
 * The memory budget of one automaton, in cells: each state costs its size (the NFA states or component
 * states it stands for), one transition slot per letter, and STATE_OVERHEAD for its bookkeeping. A state
 * count alone does not bound memory: 200,000 states of 800 NFA states each took 3.2 GB.
 */
export const DEFAULT_CELL_LIMIT = 6_000_000;
const STATE_OVERHEAD = 16;

class Interner {
  private readonly ids = new Map<string, number>();
  count = 0;
  private cells = 0;
  constructor(
    private readonly limit: number,
    private readonly cellLimit = DEFAULT_CELL_LIMIT,
  ) {}
  id(key: string, cells: number, onNew: (id: number) => void): number {
    let found = this.ids.get(key);
    if (found === undefined) {
      found = this.fresh(cells, onNew);
      this.ids.set(key, found);
    }
    return found;
  }

  /** A new state, for a caller that keeps its own index of states. */
  fresh(cells: number, onNew: (id: number) => void): number {
    if (this.count >= this.limit) throw new StateLimitError(this.limit);
    this.cells += cells + STATE_OVERHEAD;
    if (this.cells > this.cellLimit) throw new StateLimitError(this.cellLimit, 'cells of automaton memory (states times their size)');
    const id = this.count++;
    onNew(id);
    return id;
  }
}

/**
 * The transitions of a lazily built automaton, -1 where not computed yet: one table for all states (a state's
 * row at state × letters), grown by doubling, so that a new state allocates nothing. Entries hold target + 1,
 * so that a new row is all "not computed" as allocated.
 */
class TransitionTable {
  private table = new Int32Array(0);

  constructor(private readonly letters: number) {}

  /** Makes the row of a new state: every transition to be computed, or every one to `target`. */
  add(state: number, target = -1): void {
    const end = (state + 1) * this.letters;
    if (end > this.table.length) {
      const grown = new Int32Array(Math.max(end, this.table.length * 2, 4 * this.letters));
      grown.set(this.table);
      this.table = grown;
    }
    if (target !== -1) this.table.fill(target + 1, state * this.letters, end);
  }

  get(state: number, letter: number): number {
    return this.table[state * this.letters + letter] - 1;
  }

  set(state: number, letter: number, target: number): void {
    this.table[state * this.letters + letter] = target + 1;
  }
}

/**
 * A map from tuples of small integers, found by a hash of the tuple: no key is built and a new tuple costs
 * one entry (nested maps cost one map per element, and most of a short run's garbage).
 */
class TupleMap {
  /** Hash to the first tuple with it, and to the further ones (rare). */
  private readonly first = new Map<number, number>();
  private readonly rest = new Map<number, number[]>();
  private readonly tuples: Array<readonly number[]> = [];
  private readonly values: number[] = [];

  get(tuple: readonly number[]): number | undefined {
    const hash = hashOf(tuple);
    const index = this.first.get(hash);
    if (index === undefined) return undefined;
    if (sameTuple(this.tuples[index], tuple)) return this.values[index];
    for (const other of this.rest.get(hash) ?? []) if (sameTuple(this.tuples[other], tuple)) return this.values[other];
    return undefined;
  }

  /** Adds a tuple `get` did not find. */
  add(tuple: readonly number[], value: number): void {
    const hash = hashOf(tuple);
    const index = this.tuples.push(tuple) - 1;
    this.values.push(value);
    if (!this.first.has(hash)) this.first.set(hash, index);
    else {
      const more = this.rest.get(hash);
      if (more) more.push(index);
      else this.rest.set(hash, [index]);
    }
  }
}

function hashOf(tuple: readonly number[]): number {
  let hash = tuple.length;
  for (let i = 0; i < tuple.length; i++) hash = (Math.imul(hash, 0x9e3779b1) + tuple[i]) | 0;
  return hash;
}

function sameTuple(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sorts the states and drops repeats, in place. */
function sortedUnique(states: number[]): number[] {
  states.sort((a, b) => a - b);
  let kept = 0;
  for (let i = 0; i < states.length; i++) if (i === 0 || states[i] !== states[i - 1]) states[kept++] = states[i];
  return kept === states.length ? states : states.slice(0, kept);
}

/** Lazy subset construction. State sets are sorted arrays; the empty set is the dead state. */
export class SubsetAutomaton implements Automaton {
  readonly start: number;
  private readonly sets: number[][] = [];
  /** Each set of NFA states met, to its state. */
  private readonly bySet = new TupleMap();
  /** With the NFA's `stand`: per state, the letters its NFA states name (those it must step on as themselves). */
  private readonly named: number[][] = [];
  private readonly transitions: TransitionTable;
  private readonly accept: boolean[] = [];
  private readonly everything: boolean[] = [];
  private readonly interner: Interner;

  constructor(
    private readonly nfa: Nfa,
    limit = DEFAULT_STATE_LIMIT,
  ) {
    this.interner = new Interner(limit);
    this.transitions = new TransitionTable(nfa.alphabetSize);
    this.start = this.intern(nfa.starts());
  }

  /** The state after reading the word from the start, stepping the NFA alone (no state made on the way). */
  after(word: readonly number[]): number {
    let states = this.sets[this.start];
    for (const letter of word) {
      if (states.length === 0) break;
      const into: number[] = [];
      for (const s of states) this.nfa.step(s, letter, into);
      states = sortedUnique(into);
    }
    return this.intern([...states]);
  }

  /** Whether the two letters surely lead to the same state from this one: of one kind, and neither named by its NFA states. */
  private sameStep(state: number, letter: number, other: number): boolean {
    const stand = this.nfa.stand;
    return stand !== undefined && stand[letter] === stand[other] && !this.named[state].includes(letter) && !this.named[state].includes(other);
  }

  /** `states` is the caller's to give away: sorted in place. */
  private intern(states: number[]): number {
    const set = sortedUnique(states);
    const known = this.bySet.get(set);
    if (known !== undefined) return known;
    const id = this.interner.fresh(set.length + this.nfa.alphabetSize, (id) => {
      this.sets[id] = set;
      this.transitions.add(id);
      this.accept[id] = set.some((s) => this.nfa.accepting(s));
      this.everything[id] = this.nfa.acceptsEverything ? set.some((s) => this.nfa.acceptsEverything!(s)) : false;
      if (this.nfa.named) this.named[id] = namedLetters(this.nfa, set);
    });
    this.bySet.add(set, id);
    return id;
  }

  next(state: number, letter: number): number {
    let target = this.transitions.get(state, letter);
    if (target === -1) {
      // A letter steps as the one of its kind standing for it when the state's NFA states name neither: computed once per kind.
      const stand = this.nfa.stand?.[letter] ?? letter;
      if (stand !== letter && this.sameStep(state, letter, stand)) target = this.next(state, stand);
      else {
        const into: number[] = [];
        for (const s of this.sets[state]) this.nfa.step(s, letter, into);
        target = this.intern(into);
      }
      this.transitions.set(state, letter, target);
    }
    return target;
  }

  accepting(state: number): boolean {
    return this.accept[state];
  }

  dead(state: number): boolean {
    return this.sets[state].length === 0;
  }

  universal(state: number): boolean {
    return this.everything[state];
  }
}

/** For each letter, the first letter of its kind: (part) character or neither. PatternNfa steps on letters of one kind alike. */
export function kindStandIns(alphabetSize: number, isChar: (letter: number) => boolean, isPartChar: (letter: number) => boolean): number[] {
  const byKind = new Map<number, number>();
  return Array.from({ length: alphabetSize }, (_, letter) => {
    const kind = (isChar(letter) ? 1 : 0) + (isPartChar(letter) ? 2 : 0);
    const first = byKind.get(kind);
    if (first !== undefined) return first;
    byKind.set(kind, letter);
    return letter;
  });
}

/** The distinct letters the NFA states name. */
function namedLetters(nfa: Nfa, set: readonly number[]): number[] {
  const letters: number[] = [];
  for (const s of set) {
    const letter = nfa.named!(s);
    if (letter !== -1 && !letters.includes(letter)) letters.push(letter);
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------------
// Patterns as linear NFAs

/**
 * One item of a pattern: a letter, `?` (any character, never a symbol), `*` (anything), or nothing; `part-star`
 * and `part-any` are `*` and `?` confined to one ARN part (no `:`, no symbol: reading A6 `within-part`).
 */
export type Item =
  | { kind: 'letter'; letter: number }
  | { kind: 'any-char' }
  | { kind: 'star' }
  | { kind: 'part-star' }
  | { kind: 'part-any' }
  | { kind: 'none' };

/** A pattern: items in order, plus extra transitions (state → state on the given letters). */
export interface LinearPattern {
  items: Item[];
  extra?: Array<{ from: number; to: number; letters: readonly number[] }>;
}

const KIND_LETTER = 0;
const KIND_ANY = 1;
const KIND_STAR = 2;
const KIND_NONE = 3;
const KIND_FINAL = 4;
const KIND_PART_STAR = 5;
const KIND_PART_ANY = 6;
const KINDS: Record<Item['kind'], number> = {
  letter: KIND_LETTER,
  'any-char': KIND_ANY,
  star: KIND_STAR,
  none: KIND_NONE,
  'part-star': KIND_PART_STAR,
  'part-any': KIND_PART_ANY,
};

/** The union of linear patterns as one NFA (states of pattern k follow those of pattern k-1). */
export class PatternNfa implements Nfa {
  private readonly kinds: number[] = [];
  private readonly letters: number[] = [];
  private readonly extra = new Map<number, Array<{ to: number; letters: ReadonlySet<number> }>>();
  private readonly startStates: number[] = [];
  private readonly everything: boolean[] = [];
  readonly stand: readonly number[];

  constructor(
    readonly alphabetSize: number,
    patterns: readonly LinearPattern[],
    private readonly isChar: (letter: number) => boolean,
    /** A character that may stand inside one ARN part (not `:`). */
    private readonly isPartChar: (letter: number) => boolean = isChar,
    /** For each letter, the first of its kind (`kindStandIns(alphabetSize, isChar, isPartChar)`), when the caller keeps it. */
    kinds: readonly number[] = kindStandIns(alphabetSize, isChar, isPartChar),
  ) {
    for (const pattern of patterns) {
      const offset = this.kinds.length;
      this.startStates.push(offset);
      for (const item of pattern.items) {
        this.kinds.push(KINDS[item.kind]);
        this.letters.push(item.kind === 'letter' ? item.letter : -1);
      }
      this.kinds.push(KIND_FINAL);
      this.letters.push(-1);
      for (const edge of pattern.extra ?? []) {
        const list = this.extra.get(offset + edge.from) ?? [];
        list.push({ to: offset + edge.to, letters: new Set(edge.letters) });
        this.extra.set(offset + edge.from, list);
      }
    }
    // A state accepts everything when only stars remain before the end.
    for (let s = this.kinds.length - 1; s >= 0; s--) {
      this.everything[s] = this.kinds[s] === KIND_FINAL ? false : this.kinds[s] === KIND_STAR && (this.kinds[s + 1] === KIND_FINAL || this.everything[s + 1]);
    }
    this.stand = this.standIns(kinds);
  }

  /**
   * From a state that names neither, two letters step alike when both are of one kind (`kindStandIns`) and no
   * extra edge reads them: the first of each kind stands in for the others (a subset state then steps once
   * per kind and per letter it names). A letter an edge reads stands for itself.
   */
  private standIns(kinds: readonly number[]): readonly number[] {
    if (this.extra.size === 0) return kinds;
    const onEdges = new Set<number>();
    for (const edges of this.extra.values()) for (const edge of edges) for (const letter of edge.letters) onEdges.add(letter);
    return kinds.map((first, letter) => (onEdges.has(letter) || onEdges.has(first) ? letter : first));
  }

  named(state: number): number {
    return this.letters[state];
  }

  private close(state: number, into: number[]): void {
    let s = state;
    into.push(s);
    while (this.kinds[s] === KIND_STAR || this.kinds[s] === KIND_PART_STAR) into.push(++s);
  }

  starts(): number[] {
    const into: number[] = [];
    for (const s of this.startStates) this.close(s, into);
    return into;
  }

  step(state: number, letter: number, into: number[]): void {
    switch (this.kinds[state]) {
      case KIND_LETTER:
        if (this.letters[state] === letter) this.close(state + 1, into);
        break;
      case KIND_ANY:
        if (this.isChar(letter)) this.close(state + 1, into);
        break;
      case KIND_STAR:
        this.close(state, into);
        break;
      case KIND_PART_STAR:
        if (this.isPartChar(letter)) this.close(state, into);
        break;
      case KIND_PART_ANY:
        if (this.isPartChar(letter)) this.close(state + 1, into);
        break;
      default:
        break;
    }
    const extra = this.extra.get(state);
    if (extra) for (const edge of extra) if (edge.letters.has(letter)) this.close(edge.to, into);
  }

  accepting(state: number): boolean {
    return this.kinds[state] === KIND_FINAL;
  }

  acceptsEverything(state: number): boolean {
    return this.everything[state];
  }
}

// ---------------------------------------------------------------------------------------------------
// Boolean combinations

export type Expr = { op: 'leaf'; leaf: Automaton } | { op: 'and' | 'or'; args: Expr[] } | { op: 'not'; arg: Expr } | { op: 'const'; value: boolean };

export const leaf = (automaton: Automaton): Expr => ({ op: 'leaf', leaf: automaton });
export const and = (...args: Expr[]): Expr => (args.length === 1 ? args[0] : { op: 'and', args });
export const or = (...args: Expr[]): Expr => (args.length === 0 ? { op: 'const', value: false } : args.length === 1 ? args[0] : { op: 'or', args });
export const not = (arg: Expr): Expr => ({ op: 'not', arg });
export const TRUE: Expr = { op: 'const', value: true };
export const FALSE: Expr = { op: 'const', value: false };

type Compiled = { op: 'leaf'; index: number } | { op: 'and' | 'or'; args: Compiled[] } | { op: 'not'; arg: Compiled } | { op: 'const'; value: boolean };

/** The product of several automata, accepting where a boolean formula over their acceptance holds. */
export class FormulaAutomaton implements Automaton {
  readonly start: number;
  private readonly leaves: Automaton[] = [];
  private readonly formula: Compiled;
  private readonly tuples: number[][] = [];
  private readonly transitions: TransitionTable;
  private readonly verdicts: Array<0 | 1 | 2> = [];
  private readonly accept: boolean[] = [];
  private readonly interner: Interner;
  /** Each tuple met, to its state (many tuples share the dead state or the accept-everything one). */
  private readonly byTuple = new TupleMap();

  constructor(
    expr: Expr,
    private readonly alphabetSize: number,
    limit = DEFAULT_STATE_LIMIT,
  ) {
    this.interner = new Interner(limit);
    this.transitions = new TransitionTable(alphabetSize);
    this.formula = this.compile(expr);
    this.start = this.intern(this.leaves.map((l) => l.start));
  }

  private compile(expr: Expr): Compiled {
    switch (expr.op) {
      case 'leaf': {
        let index = this.leaves.indexOf(expr.leaf);
        if (index === -1) index = this.leaves.push(expr.leaf) - 1;
        return { op: 'leaf', index };
      }
      case 'and':
      case 'or':
        return { op: expr.op, args: expr.args.map((a) => this.compile(a)) };
      case 'not':
        return { op: 'not', arg: this.compile(expr.arg) };
      default:
        return expr;
    }
  }

  /** All tuples that can never accept are one state, and so are all that accept everything. */
  private intern(tuple: number[]): number {
    const known = this.byTuple.get(tuple);
    if (known !== undefined) return known;
    const verdict = this.settled(this.formula, tuple);
    const onNew = (id: number) => {
      this.tuples[id] = tuple;
      this.transitions.add(id, verdict === 2 ? -1 : id);
      this.accept[id] = verdict === 2 ? this.evaluate(this.formula, tuple) : verdict === 1;
      this.verdicts[id] = verdict;
    };
    // Live tuples are told apart by `byTuple` alone.
    const cells = tuple.length + this.alphabetSize;
    const id = verdict === 2 ? this.interner.fresh(cells, onNew) : this.interner.id(verdict === 0 ? 'dead' : 'all', cells, onNew);
    this.byTuple.add(tuple, id);
    return id;
  }

  private evaluate(f: Compiled, tuple: number[]): boolean {
    switch (f.op) {
      case 'leaf':
        return this.leaves[f.index].accepting(tuple[f.index]);
      case 'and':
        return f.args.every((a) => this.evaluate(a, tuple));
      case 'or':
        return f.args.some((a) => this.evaluate(a, tuple));
      case 'not':
        return !this.evaluate(f.arg, tuple);
      default:
        return f.value;
    }
  }

  /** 0: can never accept again, 1: accepts every continuation, 2: unsure. */
  private settled(f: Compiled, tuple: number[]): 0 | 1 | 2 {
    switch (f.op) {
      case 'leaf': {
        const automaton = this.leaves[f.index];
        const state = tuple[f.index];
        return automaton.dead(state) ? 0 : automaton.universal(state) ? 1 : 2;
      }
      case 'and': {
        let result: 0 | 1 | 2 = 1;
        for (const a of f.args) {
          const v = this.settled(a, tuple);
          if (v === 0) return 0;
          if (v === 2) result = 2;
        }
        return result;
      }
      case 'or': {
        let result: 0 | 1 | 2 = 0;
        for (const a of f.args) {
          const v = this.settled(a, tuple);
          if (v === 1) return 1;
          if (v === 2) result = 2;
        }
        return result;
      }
      case 'not': {
        const v = this.settled(f.arg, tuple);
        return v === 2 ? 2 : v === 0 ? 1 : 0;
      }
      default:
        return f.value ? 1 : 0;
    }
  }

  next(state: number, letter: number): number {
    let target = this.transitions.get(state, letter);
    if (target === -1) {
      const tuple = this.tuples[state];
      const into: number[] = [];
      for (let i = 0; i < tuple.length; i++) into.push(this.leaves[i].next(tuple[i], letter));
      target = this.intern(into);
      this.transitions.set(state, letter, target);
    }
    return target;
  }

  accepting(state: number): boolean {
    return this.accept[state];
  }

  dead(state: number): boolean {
    return this.verdicts[state] === 0;
  }

  universal(state: number): boolean {
    return this.verdicts[state] === 1;
  }
}

/** The complement of a complete deterministic automaton. */
export class Complement implements Automaton {
  constructor(private readonly inner: Automaton) {}
  get start(): number {
    return this.inner.start;
  }

  next(state: number, letter: number): number {
    return this.inner.next(state, letter);
  }
  accepting(state: number): boolean {
    return !this.inner.accepting(state);
  }
  dead(state: number): boolean {
    return this.inner.universal(state);
  }
  universal(state: number): boolean {
    return this.inner.dead(state);
  }
}

/** The left quotient by a fixed word: the words `w` such that `prefix·w` is accepted. */
export class AfterPrefix implements Automaton {
  readonly start: number;
  constructor(
    private readonly inner: Automaton,
    prefix: readonly number[],
  ) {
    if (inner instanceof SubsetAutomaton) this.start = inner.after(prefix);
    else {
      let state = inner.start;
      for (const letter of prefix) state = inner.next(state, letter);
      this.start = state;
    }
  }

  next(state: number, letter: number): number {
    return this.inner.next(state, letter);
  }
  accepting(state: number): boolean {
    return this.inner.accepting(state);
  }
  dead(state: number): boolean {
    return this.inner.dead(state);
  }
  universal(state: number): boolean {
    return this.inner.universal(state);
  }
}

/** `prefix·L`: reads the fixed word, then runs the inner automaton. */
export class PrefixThen implements Automaton {
  readonly start: number;
  private readonly deadState: number;
  constructor(
    private readonly prefix: readonly number[],
    private readonly inner: Automaton,
  ) {
    this.deadState = prefix.length;
    this.start = prefix.length === 0 ? this.offset(inner.start) : 0;
  }
  private offset(innerState: number): number {
    return this.prefix.length + 1 + innerState;
  }
  next(state: number, letter: number): number {
    if (state === this.deadState) return state;
    if (state < this.prefix.length)
      return this.prefix[state] !== letter ? this.deadState : state + 1 === this.prefix.length ? this.offset(this.inner.start) : state + 1;
    return this.offset(this.inner.next(state - this.prefix.length - 1, letter));
  }
  accepting(state: number): boolean {
    return state > this.deadState && this.inner.accepting(state - this.prefix.length - 1);
  }
  dead(state: number): boolean {
    return state === this.deadState || (state > this.deadState && this.inner.dead(state - this.prefix.length - 1));
  }
  universal(state: number): boolean {
    return state > this.deadState && this.inner.universal(state - this.prefix.length - 1);
  }
}

/** A small explicit DFA (transition table; -1 = the dead state). */
export class TableAutomaton implements Automaton {
  readonly start = 0;
  private readonly deadState: number;
  constructor(
    private readonly table: number[][],
    private readonly finals: readonly boolean[],
    private readonly everything: readonly boolean[] = [],
  ) {
    this.deadState = table.length;
  }
  next(state: number, letter: number): number {
    if (state === this.deadState) return state;
    const target = this.table[state][letter];
    return target === -1 ? this.deadState : target;
  }

  accepting(state: number): boolean {
    return state !== this.deadState && this.finals[state];
  }
  dead(state: number): boolean {
    return state === this.deadState;
  }
  universal(state: number): boolean {
    return state !== this.deadState && (this.everything[state] ?? false);
  }
}

// ---------------------------------------------------------------------------------------------------
// Search

export type SearchResult = { found: true; word: number[] } | { found: false };

/**
 * A shortest accepted word, by breadth-first search over the states reachable from the start, trying
 * letters in `order`. Dead states are not expanded. Throws StateLimitError past `limit` states.
 */
export function shortestWord(automaton: Automaton, order: readonly number[], limit = DEFAULT_STATE_LIMIT): SearchResult {
  const start = automaton.start;
  if (automaton.accepting(start)) return { found: true, word: [] };
  if (automaton.dead(start)) return { found: false };
  // Each state reached, to the state it was reached from and on which letter (from × letters + letter).
  const letters = Math.max(...order) + 1;
  const parent = new Map<number, number>();
  parent.set(start, -1);
  let frontier = [start];
  while (frontier.length > 0) {
    const nextFrontier: number[] = [];
    for (const state of frontier) {
      for (const letter of order) {
        const target = automaton.next(state, letter);
        if (parent.has(target)) continue;
        parent.set(target, state * letters + letter);
        if (automaton.accepting(target)) return { found: true, word: pathTo(parent, target, letters) };
        if (automaton.dead(target)) continue;
        if (parent.size > limit) throw new StateLimitError(limit);
        nextFrontier.push(target);
      }
    }
    frontier = nextFrontier;
  }
  return { found: false };
}

function pathTo(parent: Map<number, number>, state: number, letters: number): number[] {
  const word: number[] = [];
  for (let s = state; ; ) {
    const step = parent.get(s)!;
    if (step === -1) break;
    word.push(step % letters);
    s = Math.floor(step / letters);
  }
  return word.reverse();
}

/** A word ending in "/" usually reads better continued: "…/x" when the automaton accepts that too. */
export function readable(automaton: Automaton, word: number[], alphabet: { slash: number; charLetters: readonly number[] }): number[] {
  if (word.length === 0 || word[word.length - 1] !== alphabet.slash) return word;
  const longer = [...word, alphabet.charLetters[0]];
  return accepts(automaton, longer) ? longer : word;
}

/** Whether the automaton accepts the word. */
export function accepts(automaton: Automaton, word: readonly number[]): boolean {
  let state = automaton.start;
  for (const letter of word) state = automaton.next(state, letter);
  return automaton.accepting(state);
}

// ---------------------------------------------------------------------------------------------------
// MQTT

export interface MqttLetters {
  size: number;
  slash: number;
  plus: number;
  hash: number;
  dollar: number;
}

/** The MQTT languages a search over an alphabet needs: its MQTT letters, valid topic names and filters, non-empty words. */
export interface MqttLanguages {
  letters: MqttLetters;
  validTopic: Automaton;
  validFilter: Automaton;
  nonEmpty: Automaton;
}

/** The MQTT languages over an alphabet (its letters copied into a plain record). */
export function mqttLanguages({ size, slash, plus, hash, dollar }: MqttLetters): MqttLanguages {
  const letters = { size, slash, plus, hash, dollar };
  const row = Array.from({ length: size }, () => 1);
  return { letters, validTopic: validTopicNames(letters), validFilter: validTopicFilters(letters), nonEmpty: new TableAutomaton([row, row], [false, true]) };
}

/** Valid topic names (what may be published or delivered): non-empty, no `+` or `#`. */
export function validTopicNames(letters: MqttLetters): Automaton {
  const row = (target: number) => Array.from({ length: letters.size }, (_, l) => (l === letters.plus || l === letters.hash ? -1 : target));
  return new TableAutomaton([row(1), row(1)], [false, true]);
}

/** Valid topic filters: non-empty; `+` a whole level; `#` a whole level and the last one. */
export function validTopicFilters(letters: MqttLetters): Automaton {
  // 0 start, 1 level start (after '/'), 2 inside a level, 3 after a '+' level, 4 after '#'
  const table: number[][] = [];
  for (const state of [0, 1, 2, 3, 4]) {
    table.push(
      Array.from({ length: letters.size }, (_, l) => {
        if (state === 4) return -1;
        if (l === letters.slash) return 1;
        if (state === 3) return -1;
        if (l === letters.plus) return state === 2 ? -1 : 3;
        if (l === letters.hash) return state === 2 ? -1 : 4;
        return 2;
      }),
    );
  }
  return new TableAutomaton(table, [false, true, true, true, true]);
}

const MODE_NORMAL = 0;
const MODE_NORMAL_FIRST = 1;
const MODE_PLUS = 2;
const MODE_PLUS_FIRST = 3;
const MODE_HASH = 4;
const MODE_HASH_FIRST = 5;
const MODES = 6;

/**
 * The topics some filter of `filters` matches under MQTT rules (`+` one level, `#` the rest including the
 * parent level, and no wildcard-first filter matching a `$` topic), as an NFA over topic letters whose
 * states pair a state of the (deterministic) filter automaton with a mode. Pass valid filters only.
 */
export class MqttMatchNfa implements Nfa {
  readonly alphabetSize: number;
  constructor(
    private readonly filters: Automaton,
    private readonly letters: MqttLetters,
  ) {
    this.alphabetSize = letters.size;
  }

  private add(filterState: number, mode: number, into: number[]): void {
    if (this.filters.dead(filterState)) return;
    into.push(filterState * MODES + mode);
    if (mode === MODE_NORMAL || mode === MODE_NORMAL_FIRST) {
      const first = mode === MODE_NORMAL_FIRST;
      const plus = this.filters.next(filterState, this.letters.plus);
      if (!this.filters.dead(plus)) into.push(plus * MODES + (first ? MODE_PLUS_FIRST : MODE_PLUS));
      const hash = this.filters.next(filterState, this.letters.hash);
      if (!this.filters.dead(hash)) into.push(hash * MODES + (first ? MODE_HASH_FIRST : MODE_HASH));
    }
  }

  starts(): number[] {
    const into: number[] = [];
    this.add(this.filters.start, MODE_NORMAL_FIRST, into);
    return into;
  }

  step(state: number, letter: number, into: number[]): void {
    const filterState = Math.floor(state / MODES);
    const mode = state % MODES;
    const { plus, hash, slash, dollar } = this.letters;
    if (letter === plus || letter === hash) return; // not in topic names
    switch (mode) {
      case MODE_NORMAL:
      case MODE_NORMAL_FIRST:
        this.add(this.filters.next(filterState, letter), MODE_NORMAL, into);
        return;
      case MODE_PLUS:
      case MODE_PLUS_FIRST:
        if (mode === MODE_PLUS_FIRST && letter === dollar) return;
        if (letter === slash) this.add(this.filters.next(filterState, slash), MODE_NORMAL, into);
        else into.push(filterState * MODES + MODE_PLUS);
        return;
      default:
        if (mode === MODE_HASH_FIRST && letter === dollar) return;
        into.push(filterState * MODES + MODE_HASH);
    }
  }

  accepting(state: number): boolean {
    const filterState = Math.floor(state / MODES);
    const mode = state % MODES;
    if (this.filters.accepting(filterState)) return true;
    if (mode === MODE_HASH || mode === MODE_HASH_FIRST) return false;
    // "a/#" also matches "a" (the parent level).
    return this.filters.accepting(this.filters.next(this.filters.next(filterState, this.letters.slash), this.letters.hash));
  }
}
