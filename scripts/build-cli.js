#!/usr/bin/env node
// Replaces dist/cli/bin.js (tsc's output of cli/bin.ts, which bin/iot-policy-lens.js loads) by one bundle of
// the CLI: Node resolves, reads and compiles each of the ~170 modules a `check` loads one by one, which costs
// more than the check itself; one file costs a fraction of that. Left out, and loaded on first use as before:
// the AWS SDK, the YAML parser and the precompiled schema validators (large, and unused by most runs). The
// YAML parser (about 75 modules) is bundled on its own beside it, as yaml.js: a run that reads a YAML
// template loads one file instead of resolving and reading each. A plain `tsc -p tsconfig.json` writes
// dist/cli/bin.js back unbundled, so the bin never runs a stale bundle.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// `--outfile FILE` (a test builds one beside it, in dist/cli/, where the left-out modules' paths hold).
const outfileArg = process.argv.indexOf('--outfile');
const outfile = outfileArg === -1 ? path.join(root, 'dist', 'cli', 'bin.js') : path.resolve(process.argv[outfileArg + 1]);
/** The first line of the bundle: how the bench tells the bundle from tsc's output. */
const BANNER = '// iot-policy-lens CLI bundle (scripts/build-cli.js)';
/** The YAML parser's bundle, beside the CLI's. */
const YAML_BUNDLE = 'yaml.js';

/** Modules left to Node's loader: the bundle asks for them, lazily, where the compiled library has them. */
const leftOut = {
  name: 'left-out',
  setup(build) {
    build.onResolve({ filter: /^\.\/generated\/validators$/ }, () => ({ path: '../analyzer/generated/validators.js', external: true }));
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: `./${YAML_BUNDLE}`, external: true }));
  },
};

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'analyzer', 'generated', 'validators.js'))) throw new Error('build-cli: run tsc -p tsconfig.json first');
  await esbuild.build({
    entryPoints: [path.join(root, 'cli', 'bin.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    banner: { js: BANNER },
    logLevel: 'warning',
    // jsonc-parser's UMD build loads its parts with a dynamic require that a bundle cannot follow; its ESM build bundles cleanly.
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', '@smithy/*'],
    plugins: [leftOut],
  });
  const yamlOutfile = path.join(path.dirname(outfile), YAML_BUNDLE);
  await esbuild.build({
    entryPoints: [require.resolve('yaml')],
    outfile: yamlOutfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const size = (file) => `${(fs.statSync(file).size / 1024).toFixed(0)} KiB`;
  console.log(`cli bundled: ${path.relative(root, outfile)} ${size(outfile)}, ${path.relative(root, yamlOutfile)} ${size(yamlOutfile)}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
