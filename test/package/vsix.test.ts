import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// What the Marketplace and Open VSX would receive: `vsce ls` and a packaged .vsix of the built extension
// (the development build, which is larger than `npm run package`'s minified one). Offline.
const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXTENSION = path.join(ROOT, 'extension');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const MAX_VSIX_BYTES = 3 * 1024 * 1024;

function vsce(args: string[]): string {
  const result = spawnSync(process.execPath, [VSCE, ...args], { cwd: EXTENSION, encoding: 'utf8', timeout: 5 * 60_000 });
  assert.equal(result.status, 0, `vsce ${args.join(' ')}: ${result.stderr}${result.error?.message ?? ''}`);
  return result.stdout;
}

describe('the VS Code extension package (.vsix)', function () {
  this.timeout(5 * 60_000);

  it('vsce ls lists only what ships: no tests, TypeScript sources, source maps or build statistics', () => {
    const files = vsce(['ls']).split('\n').filter(Boolean);
    const unwanted = files.filter((f) => /^(src|test|test-fixtures)\/|\/test\/|\.map$|(?<!\.d)\.ts$|tsconfig|bundle-stats/.test(f));
    assert.deepEqual(unwanted, []);
    for (const needed of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'media/icon.png',
      'dist/extension.js',
      'dist/lens.js',
      'dist/simulator/app.js',
    ]) {
      assert.ok(files.includes(needed), `${needed} does not ship`);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8')) as { icon: string };
    assert.ok(files.includes(manifest.icon), 'the icon package.json names ships');
    const images = [...fs.readFileSync(path.join(EXTENSION, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 0, 'the README shows screenshots');
    for (const image of images) assert.ok(files.includes(image), `README image ${image} does not ship`);
  });

  it('packages into a .vsix under 3 MB', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-vsix-'));
    try {
      const vsix = path.join(dir, 'iot-policy-lens.vsix');
      vsce(['package', '--no-dependencies', '-o', vsix]);
      const size = fs.statSync(vsix).size;
      assert.ok(size < MAX_VSIX_BYTES, `the .vsix is ${(size / 1024 / 1024).toFixed(2)} MB`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
