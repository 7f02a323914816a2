import { strict as assert } from 'node:assert';
import { compilePathGlob, MAX_GLOB_LENGTH } from '../../analyzer/match/path-glob';

function matcher(pattern: string, dot = true): (path: string) => boolean {
  const compiled = compilePathGlob(pattern, { dot });
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled.match;
}

/** Asserts which of `paths` the pattern matches (and so which it does not). */
function assertMatches(pattern: string, paths: string[], expected: string[], dot = true): void {
  const match = matcher(pattern, dot);
  assert.deepEqual(paths.filter(match), expected, pattern);
}

describe('path globs (compilePathGlob)', () => {
  const paths = [
    'a.json',
    'p.iot.json',
    'dir/p.iot.json',
    'dir/sub/p.iot.json',
    'legacy',
    'legacy/x.json',
    'legacy/a/b.json',
    'legacyx/y.json',
    '.hidden/p.iot.json',
    'auth-role.json',
    'roles/auth-role-dev.json',
  ];

  it('* and ? stay within a segment; ** crosses folders, including none', () => {
    assertMatches('*.json', paths, ['a.json', 'p.iot.json', 'auth-role.json']);
    assertMatches('**/*.iot.json', paths, ['p.iot.json', 'dir/p.iot.json', 'dir/sub/p.iot.json', '.hidden/p.iot.json']);
    assertMatches('dir/**/p.iot.json', paths, ['dir/p.iot.json', 'dir/sub/p.iot.json']);
    assertMatches('?.json', paths, ['a.json']);
    assertMatches('**/auth-role*.json', paths, ['auth-role.json', 'roles/auth-role-dev.json']);
    assertMatches('**', paths, paths);
  });

  it('dir/** names the folder and everything in it, and nothing beside it', () => {
    assertMatches('legacy/**', paths, ['legacy', 'legacy/x.json', 'legacy/a/b.json']);
  });

  it('classes, alternatives and escapes', () => {
    assertMatches('[ab].json', paths, ['a.json']);
    assertMatches(
      '[!a]*.json',
      paths,
      ['p.iot.json', 'auth-role.json'].filter((p) => !p.startsWith('a')),
    );
    assertMatches('{a,p.iot}.json', paths, ['a.json', 'p.iot.json']);
    assertMatches('{dir/{sub/,},}p.iot.json', paths, ['p.iot.json', 'dir/p.iot.json', 'dir/sub/p.iot.json']);
    assertMatches('\\*.json', ['*.json', 'a.json'], ['*.json']);
    assertMatches('{x}.json', ['{x}.json', 'x.json'], ['{x}.json']);
  });

  it('without dot, wildcards skip dot files and folders; a literal dot still matches', () => {
    assertMatches('**/*.iot.json', paths, ['p.iot.json', 'dir/p.iot.json', 'dir/sub/p.iot.json'], false);
    assertMatches('.hidden/*.json', paths, ['.hidden/p.iot.json'], false);
  });

  it('matches pathological patterns in linear time (a backtracking matcher stalled for minutes)', () => {
    const match = matcher('*a*a*a*a*a*a*a*ab');
    assert.equal(match('a'.repeat(60)), false);
    assert.equal(match(`${'a'.repeat(10_000)}b`), true);
    assert.equal(matcher('**/**/**/**/**/**/**/x')(`${'a/'.repeat(5_000)}y`), false);
  });

  it('refuses what it cannot compile with bounded cost, saying why', () => {
    const problem = (pattern: string) => {
      const compiled = compilePathGlob(pattern, { dot: true });
      return 'error' in compiled ? compiled.error : undefined;
    };
    assert.equal(problem('a'.repeat(MAX_GLOB_LENGTH + 1)), `glob too long (${MAX_GLOB_LENGTH + 1} characters; limit ${MAX_GLOB_LENGTH})`);
    assert.match(problem('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}{s,t}')!, /expand to more than 4000 characters/);
    assert.match(problem('!legacy/**')!, /negated globs/);
    assert.match(problem('@(a|b).json')!, /extended globs/);
    assert.match(problem('a\\')!, /lone "\\"/);
  });
});
