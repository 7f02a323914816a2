#!/usr/bin/env node
// Generates analyzer/generated/*.ts from schemas/*.schema.json: the schemas are the single source of truth.
// `--check` exits 1 when the committed types are stale (used by the test suite).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { compileFromFile } = require('json-schema-to-typescript');

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
    console.error(`stale generated types: ${stale.join(', ')} (run npm run schemas:types)`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(2);
});
