import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseStrictJson } from '../../analyzer/policy/strict-json';

/** jsonc-parser's tree, as the policy parser asks for it, or undefined when it reports an error. */
function jsoncTree(text: string) {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  return errors.length === 0 ? root : undefined;
}

/** Texts near JSON: generated values in several layouts, with escapes, and the same texts cut or altered. */
const layouts = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v, null, 2)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v, null, '\t').replace(/\n/g, '\r\n')),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v).replace(/a/g, '\\u0061')),
  fc.string({ unit: 'binary', maxLength: 12 }).map((s) => JSON.stringify({ [s]: [s, s.length, -s.length / 7, true, null] })),
);
const nearJson = fc.oneof(
  layouts,
  fc
    .tuple(layouts, fc.nat(), fc.constantFrom('', ' ', ',', '}', ']', '"', '\\', '\u00a0', '\ufeff', '/', '01', '-', '1.', 'e5', 'tru', '\t', '\u0001'))
    .map(([text, at, insert]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i);
    }),
  fc.tuple(layouts, fc.nat()).map(([text, at]) => text.slice(0, at % (text.length + 1))),
);

describe('the strict JSON fast path', () => {
  it('builds exactly the tree jsonc-parser builds, and nothing where jsonc-parser reports an error', () => {
    fc.assert(
      fc.property(nearJson, (text) => {
        assert.deepStrictEqual(parseStrictJson(text, 64), jsoncTree(text), JSON.stringify(text));
      }),
      { numRuns: 3000, seed: 17 },
    );
  });

  it('decodes every escape as jsonc-parser does, lone surrogates included', () => {
    const text = String.raw`{"a\"\\\/\b\f\n\r\t\u00e9\ud83d\uDE00\ud800":"x\u0000y"}`;
    assert.deepStrictEqual(parseStrictJson(text, 64), jsoncTree(text));
    assert.equal(parseStrictJson(text, 64)!.children![0].children![0].value, 'a"\\/\b\f\n\r\t\u00e9\ud83d\ude00\ud800');
  });

  it('leaves to jsonc-parser what is not well-formed or nested deeper than the limit', () => {
    for (const text of ['', ' ', '{"a":1,}', '[1 2]', '{"a" 1}', '"\t"', '01', '1.', '-', '{"a":tru}', '\ufeff{}', '{} x', '{"a":"\\x"}', '"\\u12G4"', '[1,]'])
      assert.equal(parseStrictJson(text, 64), undefined, JSON.stringify(text));
    assert.ok(parseStrictJson(`${'['.repeat(3)}${']'.repeat(3)}`, 3));
    assert.equal(parseStrictJson(`${'['.repeat(4)}${']'.repeat(4)}`, 3), undefined);
    assert.equal(parseStrictJson('{"a":{"b":{"c":{}}}}', 3), undefined);
  });

  it('numbers: the values and lengths of JSON number forms', () => {
    const text = '[0, -0, 12, -3.25, 1e3, 2E-2, 5.5e+10, 1e999]';
    assert.deepStrictEqual(parseStrictJson(text, 64), jsoncTree(text));
  });
});
