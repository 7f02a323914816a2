import { strict as assert } from 'node:assert';
import { patternCovers } from '../../analyzer/match/containment';

describe('pattern containment (patternCovers)', () => {
  it('decides containment of * and ? patterns', () => {
    assert.equal(patternCovers('topic/*', 'topic/a/b'), true);
    assert.equal(patternCovers('topic/*', 'topic/a*'), true);
    assert.equal(patternCovers('topic/a*', 'topic/*'), false);
    assert.equal(patternCovers('topic/?', 'topic/x'), true);
    assert.equal(patternCovers('topic/?', 'topic/?'), true);
    assert.equal(patternCovers('topic/x', 'topic/?'), false);
    assert.equal(patternCovers('*a*b*', 'xaybz'), true);
    assert.equal(patternCovers('*a*b*', 'xbyaz'), false);
    assert.equal(patternCovers('a*', ''), false);
    assert.equal(patternCovers('', ''), true);
  });

  it('compares 3,800-character patterns without recursion (deep recursion overflowed the stack)', () => {
    assert.equal(patternCovers('*a'.repeat(1900), `${'a*'.repeat(1900)}a`), true);
    assert.equal(patternCovers('*a'.repeat(1900), `${'a*'.repeat(1900)}b`), false);
  });

  it('answers the conservative "false" when the table would be too large (8,000 characters each)', () => {
    assert.equal(patternCovers('*a'.repeat(4000), `${'a*'.repeat(4000)}a`), false, 'true, but beyond the work bound');
    const long = 'a'.repeat(5000);
    assert.equal(patternCovers(`${long}*`, `${long}x`), false, 'true, but beyond the work bound');
    assert.equal(patternCovers('*', `${long}x`), true, 'a lone * needs no table');
  });
});
