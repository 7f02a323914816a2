import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { compileGlob, filterMatchesTopic, globFromPattern, matchGlob, RequestContext, topicFilterProblem, topicNameProblem } from '../../analyzer';
import { Alphabet, isIdCharacter } from '../../analyzer/prove/alphabet';
import {
  accepts,
  and,
  FormulaAutomaton,
  leaf,
  MqttMatchNfa,
  not,
  or,
  shortestWord,
  SubsetAutomaton,
  validTopicFilters,
  validTopicNames,
  type Automaton,
} from '../../analyzer/prove/automata';
import { identityBinding, SymbolicModel } from '../../analyzer/prove/symbolic';
import { parseTemplate } from '../../analyzer/variables/template';

const SUB = '${cognito-identity.amazonaws.com:sub}';

/** Every string of length ≤ max over the given tokens (a token may be several characters). */
function strings(tokens: readonly string[], max: number): string[] {
  const result = [''];
  let layer = [''];
  for (let n = 1; n <= max; n++) {
    layer = layer.flatMap((s) => tokens.map((t) => s + t));
    result.push(...layer);
  }
  return [...new Set(result)];
}

const pattern = (pieces: readonly string[], max = 5) => fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: max }).map((p) => p.join(''));

function setup(texts: readonly string[]) {
  const alphabet = new Alphabet(texts, ['A', 'B']);
  const A = alphabet.symbol('A');
  const model = new SymbolicModel(alphabet, { reach: true, idSymbols: [A, alphabet.symbol('B')] });
  const compile = (source: string, polarity: 'positive' | 'negative') =>
    model.automaton([model.pattern(parseTemplate(source, true, true).parts, identityBinding(A, 'absent'), polarity, source)]);
  return { alphabet, model, A, compile };
}

describe('prove: automata against brute force', () => {
  it('a pattern automaton accepts exactly the strings matchGlob matches', () => {
    fc.assert(
      fc.property(pattern(['a', 'b', '/', '*', '?', '+']), (source) => {
        const { alphabet, compile } = setup([source]);
        const automaton = compile(source, 'negative');
        const glob = globFromPattern(source);
        for (const s of strings(['a', 'b', '/', 'x', '+'], 5)) assert.equal(accepts(automaton, alphabet.word(s)), matchGlob(glob, s), `${source} on "${s}"`);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('boolean combinations and the shortest word agree with enumeration', () => {
    fc.assert(
      fc.property(pattern(['a', 'b', '/', '*', '?'], 4), pattern(['a', 'b', '/', '*', '?'], 4), pattern(['a', '*', '?'], 3), (p, q, r) => {
        const { alphabet, compile } = setup([p, q, r]);
        const [P, Q, R] = [p, q, r].map((s) => compile(s, 'negative'));
        const product = new FormulaAutomaton(and(or(leaf(P), leaf(R)), not(leaf(Q))), alphabet.size);
        const holds = (s: string) => (matchGlob(globFromPattern(p), s) || matchGlob(globFromPattern(r), s)) && !matchGlob(globFromPattern(q), s);
        const all = strings(['a', 'b', '/', 'x'], 5);
        for (const s of all) assert.equal(accepts(product, alphabet.word(s)), holds(s), `(${p} ∪ ${r}) ∖ ${q} on "${s}"`);
        const shortest = shortestWord(product, alphabet.searchOrder);
        const firstLength = all.filter(holds).reduce((m, s) => Math.min(m, s.length), Infinity);
        if (firstLength <= 5) {
          assert.ok(shortest.found);
          assert.equal(shortest.word.length, firstLength);
          assert.ok(holds(alphabet.spell(shortest.word, {})));
        } else if (shortest.found) {
          assert.ok(shortest.word.length > 5);
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('identity IDs as letters: L⁻ ⊆ concrete ⊆ L⁺ (for delimited variables), the lemma the proofs rest on', () => {
    // IDs of the prover's shape ([A-Za-z0-9_-]+:[0-9a-f-]+).
    const ID = 'u:1';
    const OTHER = 'ab:0';
    let covered = 0;
    fc.assert(
      fc.property(pattern(['a', '/', ':', '1', 'u', '*', '?', SUB], 5), (source) => {
        const { alphabet, model, compile, A } = setup([source, ID, OTHER]);
        const issues = model.opacityIssues.length;
        const under = compile(source, 'negative');
        const over = compile(source, 'positive');
        const delimited = model.opacityIssues.length === issues;
        const parts = parseTemplate(source, true, true).parts;
        const glob = compileGlob(parts, source);
        const context = new RequestContext([['cognito-identity.amazonaws.com:sub', ID]]);
        const B = alphabet.symbol('B');
        for (const t of strings(['a', '/', ':', 'u', '1', ID, OTHER], 4)) {
          const symbolic = abstractWord(alphabet, t, { [ID]: A, [OTHER]: B });
          const concrete = matchGlob(glob, t, context);
          if (accepts(under, symbolic)) assert.ok(concrete, `L⁻ of ${source} accepts the abstraction of "${t}" but the pattern does not match it`);
          if (delimited && concrete) {
            covered++;
            assert.ok(accepts(over, symbolic), `${source} matches "${t}" but L⁺ misses its abstraction ${alphabet.show(symbolic)}`);
          }
        }
      }),
      { numRuns: 300, seed: 13 },
    );
    assert.ok(covered > 100);
  });

  it('the MQTT automaton accepts exactly the topics some filter of the set matches', () => {
    const topicTokens = ['a', '/', '$'];
    fc.assert(
      fc.property(fc.array(pattern(['a', '/', '+', '#', '$'], 4), { minLength: 1, maxLength: 3 }), (filters) => {
        const valid = filters.filter((f) => !topicFilterProblem(f));
        const { alphabet, compile } = setup(filters);
        const letters = { size: alphabet.size, slash: alphabet.slash, plus: alphabet.plus, hash: alphabet.hash, dollar: alphabet.dollar };
        const union = new FormulaAutomaton(and(or(...valid.map((f) => leaf(compile(f, 'negative')))), leaf(validTopicFilters(letters))), alphabet.size);
        const matched = new SubsetAutomaton(new MqttMatchNfa(union, letters));
        for (const topic of strings(topicTokens, 4)) {
          if (topicNameProblem(topic)) continue;
          assert.equal(
            accepts(matched, alphabet.word(topic)),
            valid.some((f) => filterMatchesTopic(f, topic)),
            `filters ${JSON.stringify(valid)} on topic "${topic}"`,
          );
        }
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('the MQTT automaton over a wildcard filter language agrees with enumerating the filters', () => {
    // A filter matching a topic of ≤ 3 characters (≤ 4 levels) has at most 7: every level "+", or a "/#" suffix.
    const filters = strings(['a', '/', '+', '#', '$'], 7).filter((f) => !topicFilterProblem(f));
    fc.assert(
      fc.property(pattern(['a', '/', '+', '#', '*', '?'], 4), (source) => {
        const { alphabet, compile } = setup([source]);
        const letters = { size: alphabet.size, slash: alphabet.slash, plus: alphabet.plus, hash: alphabet.hash, dollar: alphabet.dollar };
        const subscribable = new FormulaAutomaton(and(leaf(compile(source, 'negative')), leaf(validTopicFilters(letters))), alphabet.size);
        const matched = new SubsetAutomaton(new MqttMatchNfa(subscribable, letters));
        const glob = globFromPattern(source);
        const allowed = filters.filter((f) => matchGlob(glob, f));
        for (const topic of strings(['a', '/', '$'], 3)) {
          if (topicNameProblem(topic)) continue;
          assert.equal(
            accepts(matched, alphabet.word(topic)),
            allowed.some((f) => filterMatchesTopic(f, topic)),
            `filters matching ${source} on topic "${topic}"`,
          );
        }
      }),
      { numRuns: 60, seed: 19 },
    );
  });

  it('validity automata agree with topicNameProblem and topicFilterProblem', () => {
    const alphabet = new Alphabet([], []);
    const letters = { size: alphabet.size, slash: alphabet.slash, plus: alphabet.plus, hash: alphabet.hash, dollar: alphabet.dollar };
    const names: Automaton = validTopicNames(letters);
    const filters: Automaton = validTopicFilters(letters);
    for (const s of strings(['a', '/', '+', '#', '$'], 5)) {
      assert.equal(accepts(names, alphabet.word(s)), topicNameProblem(s) === undefined, `topic "${s}"`);
      assert.equal(accepts(filters, alphabet.word(s)), topicFilterProblem(s) === undefined, `filter "${s}"`);
    }
  });
});

/** The prover's abstraction of a concrete string: maximal runs of ID characters equal to a known ID become its letter. */
function abstractWord(alphabet: Alphabet, text: string, ids: Record<string, number>): number[] {
  const word: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isIdCharacter(text.charCodeAt(i))) {
      word.push(alphabet.charLetter(text.charCodeAt(i++)));
      continue;
    }
    let j = i;
    while (j < text.length && isIdCharacter(text.charCodeAt(j))) j++;
    const run = text.slice(i, j);
    if (ids[run] !== undefined) word.push(ids[run]);
    else word.push(...alphabet.word(run));
    i = j;
  }
  return word;
}
