import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DiscoveryError, PROJECT_RULES, ResolvedConfig, RULES } from '../../analyzer';
import { DiscoveryError as RealDiscoveryError } from '../../analyzer/project/discover';
import { ResolvedConfig as RealResolvedConfig } from '../../analyzer/project/config';
import { RULES as REAL_RULES } from '../../analyzer/rules/registry';
import { PROJECT_RULES as REAL_PROJECT_RULES } from '../../analyzer/rules/project-rules';

const DIST = path.resolve(__dirname, '..', '..');
const LIBRARY = path.join(DIST, 'analyzer', 'index.js');
// The compiled CLI module by module (npm run build also bundles it into dist/cli/bin.js: test/cli/bundle.test.ts).
const CLI_MAIN = path.join(DIST, 'cli', 'main.js');

/** Runs `script` in a fresh Node process and returns the modules it loaded (paths from dist/ or node_modules/). */
function modulesLoadedBy(script: string, args: string[] = []): string[] {
  const report = `process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache))));`;
  const child = spawnSync(process.execPath, ['-e', `${report}\n${script}`, ...args], { cwd: DIST, encoding: 'utf8' });
  const line = child.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  assert.ok(line, `the child reported no modules: ${child.stderr}`);
  return (JSON.parse(line.slice('LOADED '.length)) as string[]).map((file) => file.replace(/^.*?\/(dist|node_modules)\//, '$1/'));
}

const DECIDE = `
const lens = require(${JSON.stringify(LIBRARY)});
const policy = lens.compilePolicy(lens.parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"*"}]}', 'p.json'));
const identity = { type: 'authenticated', identityId: 'us-east-1:1' };
const d = lens.authorize({ authenticated: [policy], unauthenticated: [] }, { identity, iotPolicies: [policy] }, { action: 'iot:Publish', resource: 'arn:aws:iot:us-east-1:1:topic/t' });
if (d.decision !== 'allow') throw new Error(d.decision);
`;

describe('loading on demand', () => {
  it('parsing and deciding load neither rules, scenarios, explanations, the project model, schema validation nor YAML', () => {
    const loaded = modulesLoadedBy(DECIDE);
    assert.ok(loaded.includes('dist/analyzer/evaluate/evaluate.js'));
    const early = loaded.filter((file) =>
      /analyzer\/(rules\/(?!rule\.js|message\.js)|scenario\/(load|run)|explain\/|project\/(config|check|discover|classify)|schema\/(?!unchecked\.js)|editor\/(hover|completion)|sources\/)|node_modules\/(ajv|yaml)\//.test(
        file,
      ),
    );
    assert.deepEqual(early, []);
  });

  it('the stand-ins load their module on first use and answer as the module does', () => {
    const loaded = modulesLoadedBy(
      `${DECIDE}\nif (lens.lintPolicyText('{"Version":"2012-10-17","Statement":[]}', 'p.json', { kind: 'iot' }).findings.length === 0) throw new Error('no findings');`,
    );
    assert.ok(loaded.includes('dist/analyzer/rules/lint.js'));
    assert.ok(loaded.includes('dist/analyzer/rules/registry.js'));
  });

  // The prover loads: with a kind, the policy is an app of its own and the rules over identity classes ask it.
  it('`check` of a policy file loads no other command, no AWS SDK, no YAML parser and no schema compiler (validators are precompiled)', () => {
    const loaded = modulesLoadedBy(`require(${JSON.stringify(CLI_MAIN)}).main(process.argv.slice(1));`, [
      'check',
      path.join(DIST, '..', 'samples', 'per-user-app', 'policies', 'user.iot.json'),
      '--kind',
      'iot',
    ]);
    assert.ok(loaded.includes('dist/cli/commands/check.js'));
    const unneeded = loaded.filter((file) =>
      /cli\/commands\/(?!check|index)|node_modules\/(@aws-sdk|yaml)\/|node_modules\/ajv\/(?!dist\/runtime\/)/.test(file),
    );
    assert.deepEqual(unneeded, []);
  });

  it('classes and lists given on demand behave as the real ones: new, instanceof, indexing, iteration, JSON', () => {
    const config = new ResolvedConfig();
    assert.ok(config instanceof RealResolvedConfig);
    assert.ok(config instanceof ResolvedConfig);
    const error = new RealDiscoveryError('gone');
    assert.ok(error instanceof DiscoveryError);
    assert.ok(!(new Error('other') instanceof DiscoveryError));
    assert.ok(Array.isArray(RULES));
    assert.equal(RULES.length, REAL_RULES.length);
    assert.deepEqual([...RULES], [...REAL_RULES]);
    assert.deepEqual(
      RULES.map((r) => r.meta.id),
      REAL_RULES.map((r) => r.meta.id),
    );
    assert.equal(RULES[0], REAL_RULES[0]);
    assert.equal(JSON.stringify(PROJECT_RULES), JSON.stringify(REAL_PROJECT_RULES));
    assert.deepEqual(Object.keys(PROJECT_RULES), Object.keys(REAL_PROJECT_RULES));
  });
});
