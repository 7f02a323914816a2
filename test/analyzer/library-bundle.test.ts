import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist', 'analyzer');
const OUT = path.join(DIST, 'bundle-under-test');
const LOADED = `process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache).map((f) => path.relative(${JSON.stringify(ROOT)}, f)))));`;

/** Runs `script` with `lens` as the library at `main`; its output and the files it loaded (relative to the repository). */
function withLibrary(main: string, script: string) {
  const child = spawnSync(process.execPath, ['-e', `const path = require('path');\n${LOADED}\nconst lens = require(${JSON.stringify(main)});\n${script}`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const [stderr, loaded] = child.stderr.split('\nLOADED ');
  assert.equal(child.status, 0, stderr);
  return { stdout: child.stdout, loaded: JSON.parse(loaded) as string[] };
}

const SAMPLES = `
const fs = require('fs');
const files = [];
const walk = (dir) => { for (const e of fs.readdirSync(dir, { withFileTypes: true })) { const f = path.posix.join(dir, e.name); if (e.isDirectory()) walk(f); else {
  const text = fs.readFileSync(f, 'utf8'); const format = lens.classifyFile(f, text)?.format;
  if (format === 'policy' || format === 'scenario') files.push({ path: f, configPath: f, text, role: format });
  else if (format === 'cloudformation' || format === 'serverless' || format === 'terraform') files.push({ path: f, configPath: f, text, role: 'template', format });
} } };
walk('samples');
const host = { readFile: (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined), resolve: (from, ref) => path.posix.join(path.posix.dirname(from), ref) };
const report = lens.checkProject(files, { config: new lens.ResolvedConfig({}), host });
console.log(JSON.stringify({ findings: report.findings, files: report.files, notes: report.notes }));
const pool = new lens.IdentityPool({ authenticatedRole: [{ text: fs.readFileSync('samples/per-user-app/policies/auth-role.json', 'utf8'), file: 'auth-role.json' }] });
const alice = pool.identity({ type: 'authenticated', identityId: 'us-east-1:1' }, [{ text: fs.readFileSync('samples/per-user-app/policies/user.iot.json', 'utf8'), file: 'user.iot.json' }]);
console.log(JSON.stringify(alice.explain('iot:Publish', pool.arn('topic', 'users/us-east-1:1/telemetry'))));
console.log(new lens.ResolvedConfig() instanceof lens.ResolvedConfig, lens.RULES.length, lens.findRule('malformed-arn').meta.id);
`;

/** The library as the package's main after `npm run build` (scripts/build-library.js), built afresh. */
describe('the bundled library (npm run build)', function () {
  this.timeout(120_000);
  before(() => {
    const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-library.js'), '--outdir', OUT], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  });
  after(() => fs.rmSync(OUT, { recursive: true, force: true }));

  it('checks the samples, explains a decision and gives its classes and lists as the compiled modules do', () => {
    const bundled = withLibrary(path.join(OUT, 'lens.js'), SAMPLES);
    assert.equal(bundled.stdout, withLibrary(path.join(DIST, 'index.js'), SAMPLES).stdout);
    assert.match(bundled.stdout, /"ruleId":"app-client-id-takeover"/);
    // Each module in one bundle: the core and the rest, and what stays separate (YAML parser, validators).
    assert.deepEqual(
      bundled.loaded.filter((f) => f.startsWith('dist/')),
      ['dist/analyzer/bundle-under-test/lens.js', 'dist/analyzer/bundle-under-test/lens-rest.js', 'dist/analyzer/generated/validators.js'],
    );
  });

  it('parsing and deciding load the core bundle alone', () => {
    const { stdout, loaded } = withLibrary(
      path.join(OUT, 'lens.js'),
      `const policy = lens.compilePolicy(lens.parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"*"}]}', 'p.json'));
console.log(lens.authorize({ authenticated: [policy], unauthenticated: [] }, { identity: { type: 'authenticated', identityId: 'us-east-1:1' }, iotPolicies: [policy] }, { action: 'iot:Publish', resource: 'arn:aws:iot:us-east-1:1:topic/t' }).decision);`,
    );
    assert.equal(stdout.trim(), 'allow');
    assert.deepEqual(loaded, ['dist/analyzer/bundle-under-test/lens.js']);
  });
});
