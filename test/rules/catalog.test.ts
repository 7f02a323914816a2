import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../analyzer';
import type { RuleCases } from './rule-tester';

// Compiled tests run from dist/test/rules; their sources live in test/rules.
const SOURCES = path.join(__dirname, '../../../test/rules');
const source = (id: string) => fs.readFileSync(path.join(SOURCES, `${id}.test.ts`), 'utf8');
// Cases are found by rule id, as docs:rules finds them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const casesOf = (id: string): RuleCases => (require(path.join(__dirname, 'cases', id)) as { default: RuleCases }).default;

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

  it('has cases and a compiled test file for every rule, which tests that rule', () => {
    const missing = ids.filter((id) => !fs.existsSync(path.join(__dirname, `${id}.test.js`)) || !fs.existsSync(path.join(__dirname, 'cases', `${id}.js`)));
    assert.deepEqual(missing, [], `rules without test/rules/<id>.test.ts and test/rules/cases/<id>.ts: ${missing.join(', ')}`);
    for (const id of ids) assert.ok(source(id).includes(`ruleTester('${id}', cases)`), `${id}.test.ts does not call ruleTester('${id}', cases)`);
  });

  it('has no rule test or cases file for a rule that does not exist', () => {
    const idsIn = (dir: string, suffix: string) =>
      fs
        .readdirSync(dir)
        .filter((file) => file.endsWith(suffix))
        .map((file) => file.slice(0, -suffix.length));
    const stray = [...idsIn(SOURCES, '.test.ts').filter((id) => id !== 'catalog'), ...idsIn(path.join(SOURCES, 'cases'), '.ts')].filter(
      (id) => !ids.includes(id),
    );
    assert.deepEqual(stray, []);
  });

  it('tests a fix for every fixable rule', () => {
    const untested = RULES.filter((rule) => rule.meta.fixable && !casesOf(rule.meta.id).invalid.some((c) => c.fixed !== undefined)).map((rule) => rule.meta.id);
    assert.deepEqual(untested, [], `fixable rules without a \`fixed\` case: ${untested.join(', ')}`);
  });
});
