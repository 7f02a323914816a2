import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../analyzer';

// Compiled tests run from dist/test/rules; their sources live in test/rules.
const SOURCES = path.join(__dirname, '../../../test/rules');
const source = (id: string) => fs.readFileSync(path.join(SOURCES, `${id}.test.ts`), 'utf8');

describe('rule catalog', () => {
  const ids = RULES.map((rule) => rule.meta.id);

  it('has unique kebab-case ids', () => {
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
      'duplicate ids',
    );
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, id);
  });

  it('has a compiled test file for every rule, which tests that rule', () => {
    const missing = ids.filter((id) => !fs.existsSync(path.join(__dirname, `${id}.test.js`)));
    assert.deepEqual(missing, [], `rules without test/rules/<id>.test.ts: ${missing.join(', ')}`);
    for (const id of ids) assert.ok(source(id).includes(`ruleTester('${id}'`), `${id}.test.ts does not call ruleTester('${id}', …)`);
  });

  it('has no rule test file for a rule that does not exist', () => {
    const stray = fs
      .readdirSync(SOURCES)
      .filter((file) => file.endsWith('.test.ts') && file !== 'catalog.test.ts')
      .map((file) => file.slice(0, -'.test.ts'.length))
      .filter((id) => !ids.includes(id));
    assert.deepEqual(stray, []);
  });

  it('tests a fix for every fixable rule', () => {
    const untested = RULES.filter((rule) => rule.meta.fixable && !/^\s*fixed:/m.test(source(rule.meta.id))).map((rule) => rule.meta.id);
    assert.deepEqual(untested, [], `fixable rules without a \`fixed\` case: ${untested.join(', ')}`);
  });
});
