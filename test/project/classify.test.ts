import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { visit } from 'jsonc-parser';
import { classifyJson } from '../../analyzer/project/classify';

/** The keys the classification reads, as jsonc-parser's visit reports them: properties of objects at depth 1. */
function visitedKeys(text: string): string[] {
  const keys = new Set<string>();
  let depth = 0;
  visit(
    text,
    { onObjectBegin: () => void depth++, onObjectEnd: () => void depth--, onObjectProperty: (key) => void (depth === 1 && keys.add(key)) },
    { disallowComments: true },
  );
  return [...keys];
}

const KEYS = ['Statement', 'steps', 'identities', 'Resources', 'format_version', 'values', 'other'];

describe('classifying JSON files', () => {
  it('reads well-formed JSON with the built-in parser and finds the keys jsonc-parser visits (objects reached through arrays)', () => {
    const keyed = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(1, 'x', null, true),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...KEYS, '\u0053tatement', '__proto__'), tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(keyed, (value) => {
        const text = JSON.stringify(value);
        const keys = visitedKeys(text);
        const expected =
          keys.includes('steps') && keys.includes('identities')
            ? 'scenario'
            : keys.includes('Statement')
              ? 'policy'
              : keys.includes('Resources')
                ? 'cloudformation'
                : keys.includes('format_version') && keys.includes('values')
                  ? 'terraform-plan'
                  : 'other';
        assert.equal(classifyJson(text, 'file.json'), expected, text);
      }),
      { numRuns: 2000, seed: 17 },
    );
  });

  it('reads keys with escapes as decoded, and broken JSON as before (a policy when it mentions Statement)', () => {
    assert.equal(classifyJson('{"\\u0053tatement": []}', 'p.json'), 'policy');
    assert.equal(classifyJson('[{"Statement": []}]', 'p.json'), 'policy');
    assert.equal(classifyJson('{"a": [{"Statement": []}]}', 'p.json'), 'other');
    assert.equal(classifyJson('{"Statement": [,]}', 'p.json'), 'policy');
    assert.equal(classifyJson('{"steps": [], "identities": {}, }', 's.json'), 'scenario');
  });
});
