#!/usr/bin/env node
// Replaces dist/analyzer/lens.js (tsc's output of analyzer/lens.ts, the package's main) by two bundles of the
// library, so that a program that parses and decides loads one file instead of ~40 modules:
//   dist/analyzer/lens.js       the core: what analyzer/index.ts loads at once (parse, compile, decide)
//   dist/analyzer/lens-rest.js  what analyzer/on-demand.ts loads when first used (rules, scenarios, project…)
// Each module is in exactly one of them: the other reaches it through the `__lensModules` table its bundle
// exports, so state and classes are never duplicated. The precompiled validators and the YAML parser stay
// separate files, loaded on use as before. A plain `tsc -p tsconfig.json` writes lens.js back as a plain
// re-export of index.js, so the package never runs a stale bundle.
// `--outdir DIR` writes the two bundles elsewhere under dist/analyzer (a test builds them afresh).
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const analyzer = path.join(root, 'analyzer');
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg === -1 ? path.join(root, 'dist', 'analyzer') : path.resolve(process.argv[outdirArg + 1]);
const CORE = 'lens.js';
const REST = 'lens-rest.js';
/** The first line of each bundle: how the bench tells them from tsc's output. */
const BANNER = '// iot-policy-lens library bundle (scripts/build-library.js)';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  write: false,
  // jsonc-parser's UMD build loads its parts with a dynamic require that a bundle cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  external: ['yaml', 'ajv'],
};

const ON_DEMAND = path.join(analyzer, 'on-demand.ts');
/** `require('./x')` calls of on-demand.ts that load a module of ours (not a package). */
const isLazy = (args) => args.importer === ON_DEMAND && args.path.startsWith('./');
const moduleId = (file) => path.relative(analyzer, file).replace(/\\/g, '/').replace(/\.ts$/, '');
/** Where the validators are, relative to the bundles (tsc's output beside them). */
const validators = path.relative(outdir, path.join(root, 'dist', 'analyzer', 'generated', 'validators.js')).replace(/\\/g, '/');
const resolveTs = (dir, request) => {
  const base = path.resolve(dir, request);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
};

/** A virtual module that is another bundle's module: `module.exports = require(bundle).__lensModules[id]`. */
function fromOtherBundle(bundle, id) {
  return { contents: `module.exports = require(${JSON.stringify(`./${bundle}`)}).__lensModules[${JSON.stringify(id)}];`, loader: 'js', resolveDir: outdir };
}

/** The other bundle is required at run time, from beside this one. */
const bundlesExternal = {
  name: 'bundles-external',
  setup: (build) => build.onResolve({ filter: /^\.\/lens(-rest)?\.js$/ }, (args) => ({ path: args.path, external: true })),
};

/** The modules index.ts loads at once: everything reachable without going through an on-demand require. */
async function coreModules() {
  const result = await esbuild.build({
    ...common,
    entryPoints: [path.join(analyzer, 'index.ts')],
    outfile: path.join(outdir, CORE),
    metafile: true,
    plugins: [
      { name: 'stop-at-lazy', setup: (build) => build.onResolve({ filter: /.*/ }, (args) => (isLazy(args) ? { path: args.path, external: true } : undefined)) },
    ],
  });
  return Object.keys(result.metafile.inputs)
    .map((input) => path.resolve(root, input))
    .filter((file) => file.startsWith(analyzer + path.sep) && file.endsWith('.ts'));
}

/** Lazy requires of on-demand.ts: their module ids (`rules/lint`…), except those left as separate files. */
function lazyModules() {
  const text = fs.readFileSync(ON_DEMAND, 'utf8');
  return [...text.matchAll(/require\('(\.\/[^']+)'\)/g)].map((m) => m[1].slice(2)).filter((id) => id !== 'generated/validators');
}

/** The core's entry: the library's exports, and its modules for the rest bundle (all loaded with the core). */
function coreEntry(modules) {
  const imports = modules.map((id, i) => `import * as m${i} from ${JSON.stringify(`./${id}`)};`).join('\n');
  const table = modules.map((id, i) => `  ${JSON.stringify(id)}: m${i},`).join('\n');
  return { contents: `export * from './index';\n${imports}\nexport const __lensModules = {\n${table}\n};\n`, resolveDir: analyzer, loader: 'ts' };
}

/** The rest's entry: each module initialized when first asked for (a getter around a require), as on-demand.ts expects. */
function restEntry(modules) {
  const table = modules.map((id) => `  get ${JSON.stringify(id)}() { return require(${JSON.stringify(`./${id}`)}); },`).join('\n');
  return { contents: `export const __lensModules = {\n${table}\n};\n`, resolveDir: analyzer, loader: 'js' };
}

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'analyzer', 'generated', 'validators.js'))) throw new Error('build-library: run tsc -p tsconfig.json first');
  const core = await coreModules();
  const coreIds = new Set(core.map(moduleId));
  // A module both loaded at once and on demand stays in the core.
  const lazy = lazyModules().filter((id) => !coreIds.has(id));
  const inRest = (args) => isLazy(args) && lazy.includes(args.path.slice(2));
  const [coreBundle, restBundle] = await Promise.all([
    esbuild.build({
      ...common,
      stdin: coreEntry([...coreIds]),
      outfile: path.join(outdir, CORE),
      // Only a file that is not well-formed JSON needs it: loaded then, from the package.
      external: [...common.external, 'jsonc-parser'],
      banner: { js: BANNER },
      plugins: [
        bundlesExternal,
        {
          name: 'lazy-in-rest',
          setup(build) {
            build.onResolve({ filter: /^\.\/generated\/validators$/ }, (args) => (isLazy(args) ? { path: `./${validators}`, external: true } : undefined));
            build.onResolve({ filter: /.*/ }, (args) => (inRest(args) ? { path: args.path.slice(2), namespace: 'rest' } : undefined));
            build.onLoad({ filter: /.*/, namespace: 'rest' }, (args) => fromOtherBundle(REST, args.path));
          },
        },
      ],
    }),
    esbuild.build({
      ...common,
      stdin: restEntry(lazy),
      outfile: path.join(outdir, REST),
      banner: { js: BANNER },
      plugins: [
        bundlesExternal,
        {
          name: 'core-from-core',
          setup(build) {
            build.onResolve({ filter: /^\./ }, (args) => {
              const file = resolveTs(args.resolveDir, args.path);
              if (file && coreIds.has(moduleId(file))) return { path: moduleId(file), namespace: 'core' };
              return undefined;
            });
            build.onLoad({ filter: /.*/, namespace: 'core' }, (args) => fromOtherBundle(CORE, args.path));
          },
        },
      ],
    }),
  ]);
  fs.mkdirSync(outdir, { recursive: true });
  for (const output of [...coreBundle.outputFiles, ...restBundle.outputFiles]) fs.writeFileSync(output.path, output.contents);
  const size = (name) => `${(fs.statSync(path.join(outdir, name)).size / 1024).toFixed(0)} KiB`;
  console.log(`library bundled: ${path.relative(root, outdir)}/${CORE} ${size(CORE)} (${coreIds.size} modules), ${REST} ${size(REST)}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
