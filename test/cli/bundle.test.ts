import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './run-cli';

const CLI = path.join(ROOT, 'dist', 'cli');
const BUNDLE = path.join(CLI, 'bin.bundle-under-test.js');
const UNBUNDLED = `require(${JSON.stringify(path.join(CLI, 'main.js'))}).main(process.argv.slice(1)).then((code) => { process.exitCode = code; });`;
// `node -e` has no script in argv: the bundle, like the bin, reads its arguments from argv[2] on.
const BUNDLED = `process.argv.splice(1, 0, 'bin'); require(${JSON.stringify(BUNDLE)});`;
const LOADED = `process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache))));`;

function run(script: string, args: string[]) {
  const child = spawnSync(process.execPath, ['-e', `${LOADED}\n${script}`, ...args], { cwd: ROOT, encoding: 'utf8' });
  const [stderr, loaded] = child.stderr.split('\nLOADED ');
  return { status: child.status, stdout: child.stdout, stderr, loaded: JSON.parse(loaded ?? '[]') as string[] };
}

/** The CLI as `npm run build` ships it (scripts/build-cli.js), built afresh from the compiled sources. */
describe('the bundled CLI (npm run build)', function () {
  this.timeout(120_000);
  before(() => {
    const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.js'), '--outfile', BUNDLE], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  });
  after(() => {
    fs.rmSync(BUNDLE, { force: true });
    fs.rmSync(`${BUNDLE}.map`, { force: true });
  });

  for (const args of [
    ['check', 'samples', '--format', 'json'],
    ['check', 'samples/broken-app', '--format', 'sarif'],
    ['simulate', 'samples/per-user-app/scenario.json', '--explain'],
    ['prove', 'samples/per-user-app/scenario.json', '--format', 'json'],
    ['check', 'samples/per-user-app/policies/user.iot.json', '--kind', 'nope'],
  ]) {
    it(`${args.join(' ')}: the same output and exit code as the compiled modules`, () => {
      const bundled = run(BUNDLED, args);
      const unbundled = run(UNBUNDLED, args);
      const elapsed = (text: string) => text.replace(/\d+(\.\d+)? ?ms|"elapsedMs": [\d.]+/g, '<elapsed>');
      assert.equal(bundled.status, unbundled.status, bundled.stderr);
      assert.equal(elapsed(bundled.stdout), elapsed(unbundled.stdout));
      assert.equal(bundled.stderr, unbundled.stderr);
    });
  }

  it('check of a policy file loads the bundle and the validators of the config it reads: no AWS SDK, YAML or JSON parser package', () => {
    const { status, loaded } = run(BUNDLED, ['check', path.join('samples', 'per-user-app', 'policies', 'user.iot.json'), '--kind', 'iot']);
    assert.equal(status, 0);
    assert.equal(loaded[0], BUNDLE);
    // The repository's iot-policy-lens.config.json is validated: its precompiled validators (and Ajv's runtime helper) load.
    assert.deepEqual(
      loaded.slice(1).map((file) => file.replace(/^.*?\/(dist|node_modules)\//, '$1/')),
      ['dist/analyzer/generated/validators.js', 'node_modules/ajv/dist/runtime/ucs2length.js'],
    );
  });
});
