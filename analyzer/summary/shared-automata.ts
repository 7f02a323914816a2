import type { App } from '../project/app';
import type { ArnScope } from '../scenario/arn';
import { Alphabet } from '../prove/alphabet';
import {
  FormulaAutomaton,
  readable,
  shortestWord,
  mqttLanguages,
  StateLimitError,
  type Automaton,
  type Expr,
  type MqttLetters,
  type SearchResult,
} from '../prove/automata';
import { AUD, identityBinding, type Binding } from '../prove/symbolic';
import { MemoModel } from './memo-model';

/** The variables of a request by `self`: its client ID its own ID (`pinned`), picked (`free`: anything, or one value C when not `sound`), or none (HTTPS). */
export interface Variables {
  self: number;
  clientId: 'pinned' | 'free' | 'absent';
  sound: boolean;
}

export function variablesKey(v: Variables): string {
  return `${v.self}|${v.clientId}|${v.sound}`;
}

/**
 * The alphabet, model and automata of every app of one summary that reads the same characters in the same
 * account: apps often describe the same policies (a scenario and the template it names; one app in
 * CloudFormation, Serverless and Terraform), and sets are keyed by what they are built from
 * (content-keys.ts), so each is built, and each search run, once. Letters A (the acting identity's ID),
 * B (another identity's ID) and C (a client ID the client picks).
 */
export class SharedAutomata {
  readonly alphabet: Alphabet;
  readonly A: number;
  readonly B: number;
  readonly C: number;
  readonly model: MemoModel;
  /** Without the ID-reading edges of positive patterns: a word of its sets spells a resource its patterns match (examples). */
  readonly strictModel: MemoModel;
  readonly letters: MqttLetters;
  readonly validTopic: Automaton;
  readonly validFilter: Automaton;
  readonly nonEmpty: Automaton;
  private readonly bindings = new Map<string, Binding>();
  // Automata are determinized lazily and keep their states: built once per key, shared by every search.
  private readonly sets = new Map<string, Expr>();
  private readonly words = new Map<string, number[] | undefined>();
  /** Sets whose search went past the state limit: asked again (a flow after the action), they fail at once instead of searching again. */
  private readonly tooLarge = new Map<string, StateLimitError>();
  private readonly leafIds = new Map<Automaton, number>();
  // Expressions are never changed once built: each one's key is computed once.
  private readonly exprKeys = new WeakMap<Expr, string>();

  constructor(
    literalTexts: readonly string[],
    readonly stateLimit: number | undefined,
  ) {
    this.alphabet = new Alphabet(literalTexts, ['A', 'B', 'C']);
    this.A = this.alphabet.symbol('A');
    this.B = this.alphabet.symbol('B');
    this.C = this.alphabet.symbol('C');
    this.model = new MemoModel(this.alphabet, { reach: true, idSymbols: [this.A, this.B], undelimitedAsAnything: true });
    this.strictModel = new MemoModel(this.alphabet, { reach: false, idSymbols: [] });
    ({ letters: this.letters, validTopic: this.validTopic, validFilter: this.validFilter, nonEmpty: this.nonEmpty } = mqttLanguages(this.alphabet));
  }

  /**
   * One binding object per set of variables and identity pool ID (`''`: unknown).
   */
  binding(variables: Variables, poolId: string): Binding {
    const key = `${variablesKey(variables)}|${poolId}`;
    let binding = this.bindings.get(key);
    if (!binding) {
      const { self, clientId, sound } = variables;
      const literals = poolId ? new Map([[AUD, poolId]]) : new Map<string, string>();
      binding = identityBinding(self, clientId, new Map(), clientId === 'free' && !sound ? this.C : undefined, literals);
      this.bindings.set(key, binding);
    }
    return binding;
  }

  /** The set under `key`, built the first time. */
  cached(key: string, build: () => Expr): Expr {
    let found = this.sets.get(key);
    if (!found) this.sets.set(key, (found = build()));
    return found;
  }

  /** The expression's structure with each automaton named by its id: equal keys, equal sets. */
  exprKey(expr: Expr): string {
    let key = this.exprKeys.get(expr);
    if (key === undefined) this.exprKeys.set(expr, (key = this.structureKey(expr)));
    return key;
  }

  private structureKey(expr: Expr): string {
    switch (expr.op) {
      case 'leaf': {
        let id = this.leafIds.get(expr.leaf);
        if (id === undefined) this.leafIds.set(expr.leaf, (id = this.leafIds.size));
        return `${id}`;
      }
      case 'not':
        return `!${this.exprKey(expr.arg)}`;
      case 'const':
        return expr.value ? 'T' : 'F';
      default:
        return `${expr.op}(${expr.args.map((a) => this.exprKey(a)).join(',')})`;
    }
  }

  product(expr: Expr): FormulaAutomaton {
    return new FormulaAutomaton(expr, this.alphabet.size, this.stateLimit);
  }

  /**
   * A short, readable word of the set, or undefined when it is empty: the first of the shortest words in
   * search order, which the set alone decides, so a search is run once per set.
   */
  search(expr: Expr): number[] | undefined {
    const key = this.exprKey(expr);
    if (this.words.has(key)) return this.words.get(key);
    const failed = this.tooLarge.get(key);
    if (failed) throw failed;
    const automaton = this.product(expr);
    const result = this.searchWithin(automaton, key);
    const word = result.found ? readable(automaton, result.word, this.alphabet) : undefined;
    this.words.set(key, word);
    return word;
  }

  private searchWithin(automaton: FormulaAutomaton, key: string): SearchResult {
    try {
      return shortestWord(automaton, this.alphabet.searchOrder, this.stateLimit);
    } catch (error) {
      if (error instanceof StateLimitError) this.tooLarge.set(key, error);
      throw error;
    }
  }
}

/** The shared automata of each alphabet and account of one summary run. */
export class SharedAutomataByApp {
  private readonly shared = new Map<string, SharedAutomata>();

  constructor(private readonly stateLimit?: number) {}

  for(app: App, literalTexts: readonly string[]): SharedAutomata {
    const characters = [...new Set(literalTexts.join(''))].sort().join('');
    const key = JSON.stringify([scopeKey(app.scope), characters]);
    let found = this.shared.get(key);
    if (!found) this.shared.set(key, (found = new SharedAutomata(literalTexts, this.stateLimit)));
    return found;
  }
}

function scopeKey({ partition, region, account }: ArnScope): string {
  return `${partition}:${region}:${account}`;
}
