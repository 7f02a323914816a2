#!/usr/bin/env node
// Generates analyzer/generated/*.ts from schemas/*.schema.json: the schemas are the single source of truth.
// The types (json-schema-to-typescript), and validators.ts: every schema and each of its definitions compiled
// to a validating function by Ajv's standalone code, so that no program compiles schemas when it starts (the
// CLI, the library, the extension and the playground, which cannot eval under its CSP, all use these).
// `--check` exits 1 when the committed files are stale (used by the test suite).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { compileFromFile } = require('json-schema-to-typescript');
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;

/** The validators, with the options analyzer/schema/validate.ts reports errors under, by $id (and `$id#/definitions/…`). */
function validators(files) {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
  const schemas = files.map((file) => JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8')));
  for (const schema of schemas) ajv.addSchema(schema);
  const refs = schemas.flatMap((s) => [s.$id, ...Object.keys(s.definitions ?? {}).map((d) => `${s.$id}#/definitions/${d}`)]);
  const code = standaloneCode(ajv, Object.fromEntries(refs.map((ref, i) => [`v${i}`, ref])));
  const table = refs.map((ref, i) => `  ${JSON.stringify(ref)}: v${i},`).join('\n');
  return `/* Generated from schemas/*.schema.json by scripts/generate-schema-types.js (Ajv standalone code). Do not edit. */
// @ts-nocheck
${code}

/** Schema $id (or \`$id#/definitions/Name\`) → its validator. */
export const VALIDATORS: Readonly<Record<string, import('ajv').ValidateFunction>> = {
${table}
};
`;
}

const root = path.resolve(__dirname, '..');
const schemaDir = path.join(root, 'schemas');
const outDir = path.join(root, 'analyzer', 'generated');

async function generate() {
  const files = fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
  const outputs = new Map();
  for (const file of files) {
    const ts = await compileFromFile(path.join(schemaDir, file), {
      cwd: schemaDir,
      bannerComment: `/* Generated from schemas/${file} by scripts/generate-schema-types.js. Do not edit. */`,
      additionalProperties: false,
      // Definitions no property refers to (StepKind) are types the code needs too.
      unreachableDefinitions: true,
      style: { singleQuote: true },
    });
    outputs.set(file.replace('.schema.json', '.ts'), ts);
  }
  outputs.set('validators.ts', validators(files));
  return outputs;
}

async function main() {
  const check = process.argv.includes('--check');
  const outputs = await generate();
  const stale = [];
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, ts] of outputs) {
    const target = path.join(outDir, name);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === ts) continue;
    if (check) stale.push(name);
    else fs.writeFileSync(target, ts);
  }
  if (stale.length > 0) {
    console.error(`stale generated files: ${stale.join(', ')} (run npm run schemas:types)`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(2);
});
