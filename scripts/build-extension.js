#!/usr/bin/env node
// Bundles the VS Code extension with esbuild: dist/extension.js (small activation entry), dist/lens.js
// (the engine and the features, loaded on first use) and dist/test/suite/*.js (the extension-host suite).
// Copies the JSON schemas and writes one documentation page per rule from the rules' metadata.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { RULES, PROJECT_RULES } = require('../dist/analyzer');

const root = path.resolve(__dirname, '..');
const ext = path.join(root, 'extension');
const production = process.argv.includes('--production');

function ruleDocs() {
  const dir = path.join(ext, 'docs', 'rules');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const meta of [...RULES.map((r) => r.meta), ...PROJECT_RULES]) {
    const kinds = meta.kinds === 'any' ? 'every policy' : meta.kinds.join(', ');
    fs.writeFileSync(
      path.join(dir, `${meta.id}.md`),
      `# ${meta.id}\n\n**${meta.title}** — default severity: ${meta.severity}; applies to: ${kinds}${meta.fixable ? '; has a quick fix' : ''}.\n\n${meta.rationale}\n\nAWS reference: ${meta.reference}\n`,
    );
  }
}

async function main() {
  fs.rmSync(path.join(ext, 'dist'), { recursive: true, force: true });
  fs.mkdirSync(path.join(ext, 'schemas'), { recursive: true });
  for (const file of fs.readdirSync(path.join(root, 'schemas'))) fs.copyFileSync(path.join(root, 'schemas', file), path.join(ext, 'schemas', file));
  ruleDocs();
  // mainFields: jsonc-parser's UMD build loads its parts with a dynamic require that a bundle cannot follow; its ESM build bundles cleanly.
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: !production, minify: production, logLevel: 'warning', external: ['vscode'], mainFields: ['module', 'main'] };
  await esbuild.build({ ...common, entryPoints: [path.join(ext, 'src', 'extension.ts')], outfile: path.join(ext, 'dist', 'extension.js'), external: ['vscode', './lens'] });
  await esbuild.build({ ...common, entryPoints: [path.join(ext, 'src', 'lens.ts')], outfile: path.join(ext, 'dist', 'lens.js'), external: ['vscode', './aws-commands', './simulator-panel', './proof-commands'] });
  await esbuild.build({ ...common, entryPoints: [path.join(ext, 'src', 'proof-commands.ts')], outfile: path.join(ext, 'dist', 'proof-commands.js') });
  await esbuild.build({ ...common, entryPoints: [path.join(ext, 'src', 'simulator-panel.ts')], outfile: path.join(ext, 'dist', 'simulator-panel.js') });
  await esbuild.build({ ...common, entryPoints: [path.join(ext, 'src', 'aws-commands.ts')], outfile: path.join(ext, 'dist', 'aws-commands.js') });
  const suite = path.join(ext, 'test', 'suite');
  if (fs.existsSync(suite)) {
    const entries = fs.readdirSync(suite).filter((f) => f.endsWith('.ts')).map((f) => path.join(suite, f));
    // mocha stays external: the extension host resolves it from the repository's node_modules.
    await esbuild.build({ ...common, entryPoints: entries, outdir: path.join(ext, 'dist', 'test', 'suite'), external: ['vscode', 'mocha'] });
  }
  const size = (f) => (fs.statSync(path.join(ext, 'dist', f)).size / 1024).toFixed(0);
  console.log(`extension bundled: extension.js ${size('extension.js')} KiB, lens.js ${size('lens.js')} KiB, aws-commands.js ${size('aws-commands.js')} KiB`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
