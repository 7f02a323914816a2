import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { compileGlob, globFromPattern, matchGlob, RequestContext, tokenizeWildcards, type ContextValue, type GlobToken } from '../../analyzer';
import type { PatternToken, VariableToken } from '../../analyzer/match/glob';
import { compileResourceMatcher, matchResource } from '../../analyzer/evaluate/resource-matcher';

/**
 * Reference semantics, written independently of the engine: a pattern is a list of atoms — one exact
 * character, `?` (any one character) or `*` (any run, possibly empty) — matched by memoised recursion.
 */
type Atom = { kind: 'char'; ch: string } | { kind: 'one' } | { kind: 'any' };

function atomsOfTokens(tokens: readonly GlobToken[]): Atom[] {
  const atoms: Atom[] = [];
  for (const token of tokens) {
    if (token.kind === 'star') atoms.push({ kind: 'any' });
    else if (token.kind === 'any-char') atoms.push({ kind: 'one' });
    else for (const ch of token.text) atoms.push({ kind: 'char', ch });
  }
  return atoms;
}

function atomsOfPattern(pattern: string): Atom[] {
  return [...pattern].map((ch): Atom => (ch === '*' ? { kind: 'any' } : ch === '?' ? { kind: 'one' } : { kind: 'char', ch }));
}

function referenceMatch(atoms: Atom[], input: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (input.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === atoms.length) result = j === input.length;
    else {
      const atom = atoms[i];
      if (atom.kind === 'any') result = go(i + 1, j) || (j < input.length && go(i, j + 1));
      else if (j === input.length) result = false;
      else if (atom.kind === 'one') result = go(i + 1, j + 1);
      else result = atom.ch === input[j] && go(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

// Upper and lower case of one letter (matching is case-sensitive), and the characters ARNs and topics are built of.
const ALPHABET = ['a', 'A', 'b', '/', '+', '#', '*', '?', ':', '$'];
const INPUT_ALPHABET = ['a', 'A', 'b', '/', '+', '#', '*', '?', ':', '$'];
const patternArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 10 }).map((cs) => cs.join(''));
const inputArb = fc.array(fc.constantFrom(...INPUT_ALPHABET), { maxLength: 12 }).map((cs) => cs.join(''));
const fillerArb = fc.array(fc.constantFrom(...INPUT_ALPHABET), { maxLength: 4 }).map((cs) => cs.join(''));

/** An input built to match: every `*` replaced by some run, every `?` by one character. */
const patternWithMatchArb = fc
  .tuple(patternArb, fc.array(fillerArb, { minLength: 12, maxLength: 12 }), fc.array(fc.constantFrom(...INPUT_ALPHABET), { minLength: 12, maxLength: 12 }))
  .map(([pattern, fillers, singles]) => {
    let input = '';
    let i = 0;
    for (const ch of pattern) {
      if (ch === '*') input += fillers[i++ % fillers.length];
      else if (ch === '?') input += singles[i++ % singles.length];
      else input += ch;
    }
    return { pattern, input };
  });

const tokenArb: fc.Arbitrary<GlobToken> = fc.oneof(
  fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 4 }).map((cs): GlobToken => ({ kind: 'literal', text: cs.join('') })),
  fc.constant<GlobToken>({ kind: 'star' }),
  fc.constant<GlobToken>({ kind: 'any-char' }),
);

const matches = (pattern: string, input: string) => matchGlob(globFromPattern(pattern), input);

describe('glob: AWS `*` / `?` wildcards', () => {
  describe('examples', () => {
    it('`*` matches any run of characters, including `/`, `:` and the empty run', () => {
      assert.equal(matches('topic/*', 'topic/a/b/c'), true);
      assert.equal(matches('topic/*', 'topic/'), true);
      assert.equal(matches('topic/*', 'topic'), false);
      assert.equal(matches('client/*', 'client/us-east-1:1111-2222'), true);
      assert.equal(matches('*', ''), true);
      assert.equal(matches('*', 'arn:aws:iot:us-east-1:123456789012:topic/x'), true);
      assert.equal(matches('arn:aws:iot:us-east-1:123456789012:*', 'arn:aws:iot:us-east-1:123456789012:topicfilter/a/#'), true);
    });

    it('`*` also covers reserved `$` topics', () => {
      assert.equal(matches('topic/$aws/things/*', 'topic/$aws/things/lamp/shadow/update'), true);
      assert.equal(matches('topic/*/shadow/update', 'topic/$aws/things/lamp/shadow/update'), true);
    });

    it('`?` matches exactly one character, so `?????` pins one level of five characters', () => {
      assert.equal(matches('topic/some/?????/topic', 'topic/some/abcde/topic'), true);
      assert.equal(matches('topic/some/?????/topic', 'topic/some/abcd/topic'), false);
      assert.equal(matches('topic/some/?????/topic', 'topic/some/abcdef/topic'), false);
      assert.equal(matches('a?c', 'ac'), false);
      assert.equal(matches('a?c', 'a/c'), true);
      assert.equal(matches('topicfilter/some/sensor???/topic', 'topicfilter/some/sensor123/topic'), true);
      assert.equal(matches('topicfilter/some/sensor???/topic', 'topicfilter/some/sensor12/topic'), false);
    });

    it('MQTT `+` and `#` are literal characters in policies', () => {
      assert.equal(matches('topicfilter/some/+/topic', 'topicfilter/some/abc/topic'), false);
      assert.equal(matches('topicfilter/some/+/topic', 'topicfilter/some/+/topic'), true);
      assert.equal(matches('topicfilter/building/#', 'topicfilter/building/control_room/data1'), false);
      assert.equal(matches('topicfilter/building/#', 'topicfilter/building/#'), true);
      // …while a policy `*` does match a literal `#` in a requested filter (pub-sub-policy.html).
      assert.equal(matches('topicfilter/a/*', 'topicfilter/a/#'), true);
    });

    it('matching is case-sensitive', () => {
      assert.equal(matches('topic/Room/*', 'topic/room/1'), false);
      assert.equal(matches('topic/room/*', 'topic/room/1'), true);
    });

    it('needs the whole input, anchored at both ends', () => {
      assert.equal(matches('a*b', 'xab'), false);
      assert.equal(matches('a*b', 'abx'), false);
      assert.equal(matches('a*b*a', 'aba'), true);
      assert.equal(matches('a*b*a', 'ab'), false);
      assert.equal(matches('*ab*ab*', 'abab'), true);
      assert.equal(matches('*ab*ab*', 'aba'), false);
      assert.equal(matches('a**b', 'ab'), true);
      assert.equal(matches('?*?', 'a'), false);
      assert.equal(matches('?*?', 'ab'), true);
    });

    it('a middle segment with `?` is found at a position that leaves room for the rest', () => {
      assert.equal(matches('*a?c*', 'xaxaycz'), true);
      assert.equal(matches('*a?c*d', 'aac-abcd'), true);
      assert.equal(matches('x*?b*?b', 'xabbab'), true);
      assert.equal(matches('x*?b*?b', 'xabab'), true);
      assert.equal(matches('x*?b*?b', 'xabb'), false);
      assert.equal(matches('x*?b*?b', 'xab'), false);
    });
  });

  describe('tokens from substituted variables stay literal', () => {
    it('a literal token containing `*` or `?` only matches those characters', () => {
      const glob = compileGlob(
        [
          { kind: 'literal', text: 'client/' },
          { kind: 'literal', text: 'a*' },
        ],
        'client/${iot:ClientId}',
      );
      assert.equal(matchGlob(glob, 'client/a*'), true);
      assert.equal(matchGlob(glob, 'client/abc'), false);
      const one = compileGlob([{ kind: 'literal', text: 'topic/?' }], 'topic/${iot:ClientId}');
      assert.equal(matchGlob(one, 'topic/?'), true);
      assert.equal(matchGlob(one, 'topic/x'), false);
    });

    it('literal wildcard characters mix correctly with real wildcards', () => {
      const tokens: GlobToken[] = [{ kind: 'literal', text: 'users/' }, { kind: 'literal', text: '*?' }, { kind: 'literal', text: '/' }, { kind: 'star' }];
      const glob = compileGlob(tokens, 'users/${sub}/*');
      assert.equal(matchGlob(glob, 'users/*?/anything/at/all'), true);
      assert.equal(matchGlob(glob, 'users/ab/anything'), false);
      const withAny = compileGlob([{ kind: 'star' }, { kind: 'literal', text: '?' }, { kind: 'any-char' }], 's');
      assert.equal(matchGlob(withAny, 'xx?y'), true);
      assert.equal(matchGlob(withAny, 'xxzy'), false);
    });

    it('records the source text it was compiled from', () => {
      assert.equal(compileGlob([{ kind: 'literal', text: 'x' }], 'the/source').source, 'the/source');
      assert.equal(globFromPattern('a*b').source, 'a*b');
    });
  });

  describe('tokenizeWildcards', () => {
    it('splits a pattern into literals, stars and single-character wildcards', () => {
      assert.deepEqual(tokenizeWildcards('a/*/b?c'), [
        { kind: 'literal', text: 'a/' },
        { kind: 'star' },
        { kind: 'literal', text: '/b' },
        { kind: 'any-char' },
        { kind: 'literal', text: 'c' },
      ]);
      assert.deepEqual(tokenizeWildcards(''), []);
      assert.deepEqual(tokenizeWildcards('+/#'), [{ kind: 'literal', text: '+/#' }]);
    });
  });

  describe('properties against a brute-force reference', () => {
    it('globFromPattern + matchGlob agree with the reference on random patterns and inputs', () => {
      fc.assert(
        fc.property(patternArb, inputArb, (pattern, input) => {
          assert.equal(
            matches(pattern, input),
            referenceMatch(atomsOfPattern(pattern), input),
            `pattern ${JSON.stringify(pattern)} input ${JSON.stringify(input)}`,
          );
        }),
        { numRuns: 3000 },
      );
    });

    it('every input built from a pattern by filling its wildcards matches it', () => {
      fc.assert(
        fc.property(patternWithMatchArb, ({ pattern, input }) => {
          assert.equal(referenceMatch(atomsOfPattern(pattern), input), true);
          assert.equal(matches(pattern, input), true, `pattern ${JSON.stringify(pattern)} input ${JSON.stringify(input)}`);
        }),
        { numRuns: 2000 },
      );
    });

    it('near misses of a matching input (one character changed, added or removed) agree with the reference', () => {
      fc.assert(
        fc.property(
          patternWithMatchArb,
          fc.nat(),
          fc.constantFrom(...INPUT_ALPHABET),
          fc.constantFrom('replace', 'insert', 'delete'),
          ({ pattern, input }, at, ch, edit) => {
            const i = input.length === 0 ? 0 : at % (input.length + (edit === 'insert' ? 1 : 0));
            const mutated =
              edit === 'insert'
                ? input.slice(0, i) + ch + input.slice(i)
                : edit === 'delete'
                  ? input.slice(0, i) + input.slice(i + 1)
                  : input.slice(0, i) + ch + input.slice(i + 1);
            assert.equal(
              matches(pattern, mutated),
              referenceMatch(atomsOfPattern(pattern), mutated),
              `pattern ${JSON.stringify(pattern)} input ${JSON.stringify(mutated)}`,
            );
          },
        ),
        { numRuns: 2000 },
      );
    });

    it('compileGlob over arbitrary tokens (literals may contain `*` and `?`) agrees with the reference', () => {
      fc.assert(
        fc.property(fc.array(tokenArb, { maxLength: 6 }), inputArb, (tokens, input) => {
          const glob = compileGlob(tokens, 'generated');
          assert.equal(matchGlob(glob, input), referenceMatch(atomsOfTokens(tokens), input), `tokens ${JSON.stringify(tokens)} input ${JSON.stringify(input)}`);
        }),
        { numRuns: 3000 },
      );
    });

    it('compileGlob over tokens matches the literal rendering of its tokens', () => {
      fc.assert(
        fc.property(fc.array(tokenArb, { maxLength: 6 }), fillerArb, (tokens, filler) => {
          // Render each token as input text: literals as written, `*` as any filler, `?` as one character.
          const input = tokens.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'star' ? filler : 'a')).join('');
          assert.equal(matchGlob(compileGlob(tokens, 'generated'), input), true, `tokens ${JSON.stringify(tokens)} input ${JSON.stringify(input)}`);
        }),
        { numRuns: 1000 },
      );
    });

    describe('with variables resolved while matching', () => {
      const valueArb = fc.array(fc.constantFrom('a', 'A', 'b', '/', '*', '?', ':', '$'), { maxLength: 3 }).map((cs) => cs.join(''));
      const variableArb = fc
        .record({ key: fc.constantFrom('k1', 'k2', 'k3'), fallback: fc.option(valueArb, { freq: 3 }) })
        .map(
          ({ key, fallback }): VariableToken => ({ kind: 'variable', name: key.toUpperCase(), key, defaultValue: fallback ?? undefined, offset: 0, length: 0 }),
        );
      const patternTokensArb = fc.array(fc.oneof(tokenArb, variableArb), { maxLength: 6 });
      const slotArb = fc.option(fc.oneof({ weight: 4, arbitrary: valueArb }, { weight: 1, arbitrary: fc.array(valueArb, { minLength: 1, maxLength: 2 }) }), {
        freq: 4,
      });
      const contextArb = fc.record({ k1: slotArb, k2: slotArb, k3: slotArb });

      const toContext = (slots: Record<string, ContextValue | null>) =>
        new RequestContext(Object.entries(slots).filter((e): e is [string, ContextValue] => e[1] !== null));

      /** Reference: each variable becomes its value as literal text; an unresolved one (absent, no default, or multi-valued) matches nothing. */
      function substitute(tokens: PatternToken[], slots: Record<string, ContextValue | null>): GlobToken[] | undefined {
        const out: GlobToken[] = [];
        for (const token of tokens) {
          if (token.kind !== 'variable') out.push(token);
          else {
            const value = slots[token.key];
            const resolved = value === null || value === undefined ? token.defaultValue : typeof value === 'string' ? value : undefined;
            if (resolved === undefined) return undefined;
            out.push({ kind: 'literal', text: resolved });
          }
        }
        return out;
      }

      it('agrees with the reference on random patterns, contexts and inputs', () => {
        fc.assert(
          fc.property(patternTokensArb, contextArb, inputArb, (tokens, slots, input) => {
            const substituted = substitute(tokens, slots);
            const expected = substituted !== undefined && referenceMatch(atomsOfTokens(substituted), input);
            assert.equal(
              matchGlob(compileGlob(tokens, 'generated'), input, toContext(slots)),
              expected,
              `tokens ${JSON.stringify(tokens)} slots ${JSON.stringify(slots)} input ${JSON.stringify(input)}`,
            );
          }),
          { numRuns: 3000 },
        );
      });

      it('matches the rendering of a resolved pattern, where wildcard characters in values are literal', () => {
        fc.assert(
          fc.property(patternTokensArb, contextArb, fillerArb, (tokens, slots, filler) => {
            const substituted = substitute(tokens, slots);
            const glob = compileGlob(tokens, 'generated');
            if (substituted === undefined) {
              assert.equal(matchGlob(glob, filler, toContext(slots)), false);
              return;
            }
            const input = substituted.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'star' ? filler : 'b')).join('');
            assert.equal(
              matchGlob(glob, input, toContext(slots)),
              true,
              `tokens ${JSON.stringify(tokens)} slots ${JSON.stringify(slots)} input ${JSON.stringify(input)}`,
            );
          }),
          { numRuns: 2000 },
        );
      });

      it('the Resource fast paths (exact, prefix*, prefix${var}suffix[*]) agree with the reference', () => {
        const literalArb = fc
          .array(fc.constantFrom('a', 'A', 'b', '/', ':', '+', '$'), { minLength: 1, maxLength: 3 })
          .map((cs): GlobToken => ({ kind: 'literal', text: cs.join('') }));
        // Biased toward the shapes the fast paths handle, with arbitrary token lists mixed in.
        const shapedArb = fc.oneof(
          fc
            .tuple(fc.option(literalArb), fc.option(variableArb), fc.option(literalArb), fc.boolean())
            .map(([head, variable, tail, star]) =>
              [head, variable, tail, star ? { kind: 'star' as const } : null].filter((t): t is PatternToken => t !== null),
            ),
          patternTokensArb,
        );
        fc.assert(
          fc.property(shapedArb, contextArb, inputArb, fillerArb, (tokens, slots, input, filler) => {
            const substituted = substitute(tokens, slots);
            const matcher = compileResourceMatcher(tokens, 'generated');
            const context = toContext(slots);
            const expected = substituted !== undefined && referenceMatch(atomsOfTokens(substituted), input);
            assert.equal(
              matchResource(matcher, input, context),
              expected,
              `${matcher.shape} ${JSON.stringify(tokens)} ${JSON.stringify(slots)} ${JSON.stringify(input)}`,
            );
            if (substituted) {
              const rendered = substituted.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'star' ? filler : 'b')).join('');
              assert.equal(matchResource(matcher, rendered, context), true, `${matcher.shape} rendered ${JSON.stringify(rendered)}`);
            }
          }),
          { numRuns: 4000 },
        );
      });

      it('examples: a `*` client ID stays literal; an absent key uses its default or matches nothing', () => {
        const clientId: VariableToken = { kind: 'variable', name: 'iot:ClientId', key: 'iot:clientid', offset: 0, length: 0 };
        const glob = compileGlob([{ kind: 'literal', text: 'topic/' }, clientId, { kind: 'literal', text: '/' }, { kind: 'star' }], 'topic/${iot:ClientId}/*');
        assert.equal(matchGlob(glob, 'topic/*/x', new RequestContext([['iot:ClientId', '*']])), true);
        assert.equal(matchGlob(glob, 'topic/other/x', new RequestContext([['iot:ClientId', '*']])), false);
        assert.equal(matchGlob(glob, 'topic/c1/x', new RequestContext([['IOT:CLIENTID', 'c1']])), true);
        assert.equal(matchGlob(glob, 'topic//x', new RequestContext()), false);
        assert.equal(matchGlob(glob, 'topic//x'), false);
        // Prefix and suffix values may not overlap in the input.
        const k: VariableToken = { kind: 'variable', name: 'k', key: 'k', offset: 0, length: 0 };
        const ends = compileGlob([k, { kind: 'star' }, k], '${k}*${k}');
        assert.equal(matchGlob(ends, 'aaa', new RequestContext([['k', 'aa']])), false);
        assert.equal(matchGlob(ends, 'aaaa', new RequestContext([['k', 'aa']])), true);
        assert.equal(matchGlob(ends, 'a', new RequestContext([['k', 'aaa']])), false);
        const withDefault = compileGlob(
          [
            { kind: 'literal', text: 'topic/' },
            { ...clientId, defaultValue: 'anon' },
          ],
          't',
        );
        assert.equal(matchGlob(withDefault, 'topic/anon', new RequestContext()), true);
        assert.equal(matchGlob(withDefault, 'topic/anon', new RequestContext([['iot:ClientId', ['a', 'b']]])), false);
      });
    });

    it('tokenizeWildcards keeps every character: rendering the tokens gives back the pattern', () => {
      fc.assert(
        fc.property(patternArb, (pattern) => {
          const tokens = tokenizeWildcards(pattern);
          assert.equal(tokens.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'star' ? '*' : '?')).join(''), pattern);
          assert.ok(tokens.every((t) => t.kind !== 'literal' || (!t.text.includes('*') && !t.text.includes('?'))));
        }),
      );
    });
  });
});
