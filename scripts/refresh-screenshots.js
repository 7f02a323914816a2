#!/usr/bin/env node
// Copies the screenshots that the test suites save into test-artifacts/ to extension/media/screenshots/,
// where extension/README.md shows them. Run after `npm test` (or the browser and extension-host suites).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const artifacts = path.join(root, 'test-artifacts');
const target = path.join(root, 'extension', 'media', 'screenshots');
/** Screenshot → the suite that takes it. */
const SHOTS = {
  'vscode-scenario-verdicts.png': 'extension host (npm run test:extension)',
  'simulator.png': 'browser (npm run test:browser)',
  'playground-deny-row.png': 'browser (npm run test:browser)',
};

const missing = Object.keys(SHOTS).filter((name) => !fs.existsSync(path.join(artifacts, name)));
if (missing.length > 0) {
  for (const name of missing) console.error(`test-artifacts/${name} is missing: run the ${SHOTS[name]} suite first`);
  process.exit(1);
}
fs.mkdirSync(target, { recursive: true });
for (const name of Object.keys(SHOTS)) {
  fs.copyFileSync(path.join(artifacts, name), path.join(target, name));
  console.log(`extension/media/screenshots/${name}: ${(fs.statSync(path.join(target, name)).size / 1024).toFixed(0)} KiB`);
}
