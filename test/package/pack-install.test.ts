import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installIntoFreshProject, packTarball, ROOT, run } from './packed-install';

describe('the npm package: packed, installed into a fresh project, used as CLI and library', function () {
  // Packing and installing ~30 dependencies on a shared machine: generous, and never a timing assertion.
  this.timeout(12 * 60_000);
  let work = '';
  let project = '';
  let packedFiles: string[] = [];
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const lens = (args: string[]) => run('npx', ['--no-install', 'iot-policy-lens', ...args], project);

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-pack-'));
    const tarball = packTarball(work);
    packedFiles = run('tar', ['-tzf', tarball], work).stdout.split('\n').filter(Boolean);
    project = path.join(work, 'consumer');
    fs.mkdirSync(project);
    installIntoFreshProject(tarball, project);
    fs.cpSync(path.join(ROOT, 'samples'), path.join(project, 'samples'), { recursive: true });
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('ships the bin, the compiled CLI and library with their types, the schemas — no tests, TypeScript sources or maps', () => {
    for (const needed of [
      'package/bin/iot-policy-lens.js',
      'package/dist/cli/main.js',
      'package/dist/analyzer/index.js',
      'package/dist/analyzer/index.d.ts',
      'package/schemas/iot-policy.schema.json',
    ]) {
      assert.ok(packedFiles.includes(needed), `${needed} missing from the tarball`);
    }
    const unwanted = packedFiles.filter((f) => /\/(test|bench|extension|playground|samples)\/|\.map$|(?<!\.d)\.ts$/.test(f));
    assert.deepEqual(unwanted, []);
  });

  it('npx iot-policy-lens --version prints the package version', () => {
    const { status, stdout } = lens(['--version']);
    assert.equal(status, 0);
    assert.equal(stdout.trim(), version);
  });

  it('npx iot-policy-lens check: the good sample passes (exit 0), the broken one fails with its findings (exit 1)', () => {
    const good = lens(['check', 'samples/per-user-app']);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /19\/19 expectations hold/);
    assert.match(good.stdout, /0 errors, 0 warnings/);

    const broken = lens(['check', 'samples/broken-app', '--format', 'json']);
    assert.equal(broken.status, 1, broken.stderr);
    const ruleIds = new Set((JSON.parse(broken.stdout) as { findings: { ruleId: string; file: string }[] }).findings.map((f) => f.ruleId));
    for (const id of ['app-admin-action', 'app-client-id-takeover', 'subscribe-without-receive', 'malformed-arn'])
      assert.ok(ruleIds.has(id), `${id} not reported`);
  });

  it("require('iot-policy-lens') lints a policy, and its types resolve from the package", () => {
    const script = `const lens = require('iot-policy-lens');
const fs = require('fs');
const file = 'samples/broken-app/policies/typos.iot.json';
console.log(JSON.stringify(lens.lintPolicyText(fs.readFileSync(file, 'utf8'), file).findings.map((f) => f.ruleId)));
console.log(require('iot-policy-lens/package.json').types);`;
    const { status, stdout, stderr } = run(process.execPath, ['-e', script], project);
    assert.equal(status, 0, stderr);
    const [ruleIds, types] = stdout.trim().split('\n');
    assert.ok((JSON.parse(ruleIds) as string[]).includes('duplicate-sid'), ruleIds);
    assert.ok(fs.existsSync(path.join(project, 'node_modules', 'iot-policy-lens', types)), `types "${types}" not in the installed package`);
  });

  it("TypeScript (strict, no @types/node) type-checks a consumer against the installed package's declarations", () => {
    fs.writeFileSync(
      path.join(project, 'use.ts'),
      "import { lintPolicyText, type Finding } from 'iot-policy-lens';\nconst findings: Finding[] = lintPolicyText('{}', 'x.json').findings;\nexport const count: number = findings.length;\n",
    );
    const compilerOptions = { strict: true, module: 'commonjs', moduleResolution: 'node', target: 'ES2022', noEmit: true, types: [] };
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['use.ts'] }));
    const { status, stdout } = run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], project);
    assert.equal(status, 0, stdout);
  });
});
