import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { sizeWithoutWhitespace } from '../../analyzer/rules/definitions/policy-size';
import cases from './cases/policy-size';
import { ruleTester } from './rule-tester';

ruleTester('policy-size', cases);

describe('policy-size counting', () => {
  it('counts the characters that are not whitespace exactly as /\\s/ reads whitespace', () => {
    const spaces = [...' \t\n\v\f\r\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u180e\u0085'];
    const text = fc.array(fc.oneof(fc.constantFrom(...spaces), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => assert.equal(sizeWithoutWhitespace(t), t.replace(/\s/g, '').length, JSON.stringify(t))),
      { numRuns: 2000, seed: 17 },
    );
  });
});
