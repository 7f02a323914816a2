#!/usr/bin/env node
// Builds the policy playground with esbuild, offline, into two folders of plain files:
//   playground/dist/              index.html, app.js, app.css, the codicon font, workers/{editor,json}.worker.js
//   extension/dist/simulator/     the same app with the VS Code webview entry (no index.html: the panel writes it)
// Monaco's ESM build is bundled (no CDN); its editor and JSON workers are separate IIFE bundles.
// The samples/ files are bundled as text (virtual:lens-samples). The engine's JSON-schema validators are
// precompiled (analyzer/generated/validators.ts, npm run schemas:types), so the page needs no eval and runs
// under a strict CSP; they are the ones the CLI uses, so the results are the same.
// Type-checks playground/ first (tsc -p playground/tsconfig.json); --no-check skips that.
// Writes bundle-stats.json (bytes and gzip bytes per file) next to each build and prints the totals.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const playground = path.join(root, 'playground');
const monacoEsm = path.join(root, 'node_modules', 'monaco-editor', 'esm', 'vs');
const OUTPUTS = [
  { name: 'playground', dir: path.join(playground, 'dist'), entry: path.join(playground, 'src', 'main-web.ts'), html: true },
  { name: 'simulator', dir: path.join(root, 'extension', 'dist', 'simulator'), entry: path.join(playground, 'src', 'main-vscode.ts'), html: false },
];
const WORKERS = {
  editor: path.join(monacoEsm, 'editor', 'editor.worker.js'),
  json: path.join(monacoEsm, 'language', 'json', 'json.worker.js'),
};

function filesUnder(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), relative) : [relative];
  });
}

/** `import samples from 'virtual:lens-samples'`: every JSON and YAML file under samples/ as text, by relative path. */
const samplesPlugin = {
  name: 'lens-samples',
  setup(build) {
    build.onResolve({ filter: /^virtual:lens-samples$/ }, () => ({ path: 'samples', namespace: 'lens-samples' }));
    build.onLoad({ filter: /.*/, namespace: 'lens-samples' }, () => {
      const dir = path.join(root, 'samples');
      const files = filesUnder(dir)
        .filter((f) => /\.(json|ya?ml)$/.test(f))
        .sort();
      const samples = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
      return { contents: `export default ${JSON.stringify(samples)};`, loader: 'js', watchFiles: files.map((f) => path.join(dir, f)) };
    });
  },
};

function typecheck() {
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(playground, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('playground: type errors (tsc -p playground/tsconfig.json)');
}

function stats(dir) {
  const files = filesUnder(dir).filter((f) => !f.endsWith('.map') && f !== 'bundle-stats.json');
  const entries = files.map((f) => {
    const data = fs.readFileSync(path.join(dir, f));
    return { file: f, bytes: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
  });
  const total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const gzip = entries.reduce((sum, e) => sum + e.gzip, 0);
  return { files: entries, total, gzip };
}

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;

async function main() {
  const started = Date.now();
  if (!process.argv.includes('--no-check')) typecheck();
  const common = {
    bundle: true,
    minify: true,
    target: ['chrome110', 'firefox115', 'safari16'],
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
    // jsonc-parser's UMD build loads its parts with a dynamic require that a bundle cannot follow; its ESM build bundles cleanly.
    mainFields: ['browser', 'module', 'main'],
  };
  const workersDir = path.join(OUTPUTS[0].dir, 'workers');
  for (const output of OUTPUTS) fs.rmSync(output.dir, { recursive: true, force: true });
  await esbuild.build({ ...common, entryPoints: WORKERS, outdir: workersDir, entryNames: '[name].worker', format: 'iife' });
  for (const output of OUTPUTS) {
    await esbuild.build({
      ...common,
      entryPoints: { app: output.entry },
      outdir: output.dir,
      format: 'iife',
      loader: { '.ttf': 'file' },
      assetNames: '[name]-[hash]',
      plugins: [samplesPlugin],
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    if (output.dir !== OUTPUTS[0].dir) fs.cpSync(workersDir, path.join(output.dir, 'workers'), { recursive: true });
    if (output.html) fs.copyFileSync(path.join(playground, 'index.html'), path.join(output.dir, 'index.html'));
    const result = stats(output.dir);
    fs.writeFileSync(path.join(output.dir, 'bundle-stats.json'), `${JSON.stringify(result, null, 2)}\n`);
    const parts = result.files.map((f) => `${f.file} ${kib(f.bytes)}`).join(', ');
    console.log(`${output.name}: ${path.relative(root, output.dir)}/ ${kib(result.total)} (${kib(result.gzip)} gzipped): ${parts}`);
  }
  console.log(`playground built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
