#!/usr/bin/env node
// The same extension-host suite under desktop VS Code, through @vscode/test-electron, for machines that can
// download VS Code (or have one: set VSCODE_EXECUTABLE). This offline CI uses scripts/run-vscode-tests.js
// (code-server) instead; see docs/testing.md for why test-electron cannot run here.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..');

async function main() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-electron-'));
  fs.cpSync(path.join(root, 'extension', 'test-fixtures'), workspace, { recursive: true });
  const resultFile = path.join(workspace, '..', `${path.basename(workspace)}-result.json`);
  try {
    await runTests({
      extensionDevelopmentPath: path.join(root, 'extension'),
      extensionTestsPath: path.join(root, 'extension', 'dist', 'test', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { VSCODE_TEST_RESULT_FILE: resultFile },
      ...(process.env.VSCODE_EXECUTABLE && { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE }),
    });
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    if (!(result.tests > 0 && result.failures === 0)) throw new Error(`suite result: ${JSON.stringify(result)}`);
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(resultFile, { force: true });
  }
}

main().catch((error) => {
  console.error(`extension tests under test-electron failed: ${error.message}`);
  process.exit(1);
});
