#!/usr/bin/env node
// Entry for `npm run test:extension` (and `npm test`): runs the extension's mocha suite in a real
// VS Code extension host (code-server 4.100.3 + Debian Chromium). Never downloads a browser or VS Code;
// only the code-server install (scripts/install-code-server.sh) uses the npm registry.
//
// 1. prerequisites: Chromium (/usr/bin/chromium or $CHROMIUM), rg, /usr/include/gssapi/gssapi.h, g++, make, python3.
//    Missing: with CI=true exit 1 naming what is missing; otherwise print "SKIPPED extension-host tests: ..." and exit 0.
// 2. bash scripts/install-code-server.sh (idempotent; ~1 min the first time)
// 3. extension/dist/test/suite/index.js must exist (else: run npm run build first)
// 4. node scripts/run-vscode-tests.js; exits with its code (0 pass, 1 fail, 2 timeout, 3 code-server died, 4 launcher error)
// Honours the launcher's env overrides (LENS_EXTENSION_PATH, LENS_EXTENSION_TESTS_PATH, CODE_SERVER_DIR, CHROMIUM, ...).
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const isCI = process.env.CI === 'true';
const APT_BASE = ['chromium', 'libkrb5-dev', 'ripgrep'];

function onPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {}
  }
  return null;
}
function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

// --- 1. prerequisites -------------------------------------------------------------------------------
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const checks = [
  { what: `Chromium (${chromium})`, pkg: 'chromium', ok: () => isExecutable(chromium) },
  { what: 'rg (ripgrep)', pkg: 'ripgrep', ok: () => !!onPath('rg') },
  { what: '/usr/include/gssapi/gssapi.h (libkrb5-dev)', pkg: 'libkrb5-dev', ok: () => fs.existsSync('/usr/include/gssapi/gssapi.h') },
  { what: 'g++', pkg: 'g++', ok: () => !!onPath('g++') },
  { what: 'make', pkg: 'make', ok: () => !!onPath('make') },
  { what: 'python3', pkg: 'python3', ok: () => !!onPath('python3') },
];
const missing = process.platform === 'linux' ? checks.filter((c) => !c.ok()) : [];
if (process.platform !== 'linux' || missing.length) {
  const pkgs = [...APT_BASE, ...missing.map((c) => c.pkg).filter((p) => !APT_BASE.includes(p))];
  const apt = `apt-get install -y ${pkgs.join(' ')}`;
  const why =
    process.platform !== 'linux'
      ? `the extension-host tests run on Linux (Debian) only, this is ${process.platform}`
      : `missing ${missing.map((c) => c.what).join(', ')}`;
  if (isCI) {
    console.error(`extension-host tests cannot run: ${why}`);
    console.error(`install with: apt-get update && DEBIAN_FRONTEND=noninteractive ${apt}`);
    process.exit(1);
  }
  console.log(`SKIPPED extension-host tests: ${why}; install with: ${apt}`);
  process.exit(0);
}
let playwrightOk = true;
try {
  require.resolve('playwright-core', { paths: [root] });
} catch {
  playwrightOk = false;
}
if (!playwrightOk) {
  console.error(`extension-host tests cannot run: playwright-core is not installed; run npm ci in ${root} first`);
  process.exit(1);
}

// --- 2. code-server ---------------------------------------------------------------------------------
const install = cp.spawnSync('bash', [path.join(__dirname, 'install-code-server.sh')], { stdio: 'inherit' });
if (install.error || install.status !== 0) {
  console.error(
    `extension-host tests cannot run: installing code-server failed (${install.error ? install.error.message : 'exit ' + (install.status ?? install.signal)})`,
  );
  process.exit(1);
}

// --- 3. built test suite ----------------------------------------------------------------------------
const extensionPath = path.resolve(process.env.LENS_EXTENSION_PATH || path.join(root, 'extension'));
const testsPath = path.resolve(process.env.LENS_EXTENSION_TESTS_PATH || path.join(extensionPath, 'dist', 'test', 'suite', 'index.js'));
if (!fs.existsSync(testsPath)) {
  console.error(
    `extension-host tests cannot run: ${testsPath.startsWith(root + path.sep) ? path.relative(root, testsPath) : testsPath} not found; run npm run build first`,
  );
  process.exit(1);
}

// --- 4. launcher ------------------------------------------------------------------------------------
const child = cp.spawn(process.execPath, [path.join(__dirname, 'run-vscode-tests.js')], { stdio: 'inherit' });
// The launcher handles SIGINT/SIGTERM itself (kills code-server + Chromium, removes its temp dir); forward them.
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    try {
      child.kill(sig);
    } catch {}
  });
child.on('error', (e) => {
  console.error(`could not start the launcher: ${e.message}`);
  process.exit(4);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (require('os').constants.signals[signal] || 0) : 1)));
