#!/usr/bin/env node
// Runs the extension's mocha suite inside code-server's (the real VS Code 1.100.3 server) Node extension host,
// driven by headless Debian Chromium through playwright-core. Downloads nothing.
// Install code-server first: scripts/install-code-server.sh (scripts/test-extension.js does both).
//
// env: LENS_EXTENSION_PATH        extension under test (default: <repo>/extension)
//      LENS_EXTENSION_TESTS_PATH  mocha entry exporting run() (default: <extension>/dist/test/suite/index.js)
//      TEST_WORKSPACE             folder to open as the workspace, used in place (default: a fresh temp copy
//                                 of <extension>/test-fixtures, made for every run)
//      LENS_TEST_*                passed through unchanged to the extension host (e.g. a local AWS endpoint)
//      CODE_SERVER_DIR            folder whose node_modules holds code-server (default: <repo>/.vscode-test/code-server)
//      CHROMIUM                   browser binary (default /usr/bin/chromium)
//      TEST_TIMEOUT_S             whole-run timeout (default 600: a backstop against hangs, far above a run on a busy machine)
//      LENS_TEST_STATS            file to copy the suite's result to (scripts/test-all.js reads it)
//      KEEP_TMP=1                 keep the per-run temp dir (code-server log, VS Code logs) for debugging
//      DEBUG_BROWSER=1            echo the page's console too
//      CODE_SERVER_ARGS           extra code-server arguments, space-separated
//      LENS_SCREENSHOTS           where the suite's screenshots go (default <repo>/test-artifacts)
// Screenshots: the extension host cannot see the browser, so a test writes <name>.request into the folder it
// finds in LENS_TEST_SCREENSHOT_DIR; the runner answers with <name>.png of the whole workbench (helpers.ts).
// The extension host sees VSCODE_TEST_RESULT_FILE; the suite's run() must write
// {"passes":n,"failures":n,"tests":n} there. Success needs codeAutomationExit(0) AND that file with tests>0, failures==0.
//
// Exit codes: 0 tests passed; 1 a test failed, or the runner did not load/threw/wrote no result;
//             2 timeout; 3 code-server died; 4 launcher error (no code-server, no Chromium, no fixtures...).
'use strict';
/* global Element -- used only inside page.addInitScript, which runs in the browser */
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

const root = path.resolve(__dirname, '..');
const extensionDevelopmentPath = path.resolve(process.env.LENS_EXTENSION_PATH || path.join(root, 'extension'));
const extensionTestsPath = path.resolve(process.env.LENS_EXTENSION_TESTS_PATH || path.join(extensionDevelopmentPath, 'dist', 'test', 'suite', 'index.js'));
const fixtures = path.join(extensionDevelopmentPath, 'test-fixtures');
const testWorkspace = process.env.TEST_WORKSPACE ? path.resolve(process.env.TEST_WORKSPACE) : null;
const csDir = path.resolve(process.env.CODE_SERVER_DIR || path.join(root, '.vscode-test', 'code-server'));
const csEntry = path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const timeoutS = Number(process.env.TEST_TIMEOUT_S || 600);
const t0 = Date.now();
const el = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';

// Checks that need no temp dir and no child process.
function preflightError() {
  if (!fs.existsSync(path.join(extensionDevelopmentPath, 'package.json'))) return `no extension at ${extensionDevelopmentPath} (package.json missing)`;
  if (testWorkspace) {
    if (!fs.existsSync(testWorkspace) || !fs.statSync(testWorkspace).isDirectory()) return `TEST_WORKSPACE=${testWorkspace} is not a folder`;
  } else if (!fs.existsSync(fixtures) || !fs.statSync(fixtures).isDirectory()) {
    return `test fixtures folder ${fixtures} not found (or set TEST_WORKSPACE)`;
  }
  if (!fs.existsSync(csEntry)) return `code-server not found at ${csEntry}; run: bash scripts/install-code-server.sh`;
  if (!fs.existsSync(chromiumPath)) return `Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM)`;
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) return `bad TEST_TIMEOUT_S=${process.env.TEST_TIMEOUT_S}`;
  return null;
}
{
  const err = preflightError();
  if (err) {
    console.error(`[runner] ${err}; exit 4`);
    process.exit(4);
  }
  if (!fs.existsSync(extensionTestsPath)) {
    // Same outcome as the extension host failing to load the runner ("Cannot find module"), just sooner.
    console.error(`[runner] test runner ${extensionTestsPath} not found (build the extension first); exit 1`);
    process.exit(1);
  }
}
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.error(`[runner] playwright-core not installed (run npm ci in ${root}): ${e.message}; exit 4`);
  process.exit(4);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vsc-test-'));
const dirs = {};
for (const d of ['data', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'workspace']) {
  dirs[d] = path.join(tmp, d);
  fs.mkdirSync(dirs[d], { recursive: true });
}
if (testWorkspace) dirs.workspace = testWorkspace;
else fs.cpSync(fixtures, dirs.workspace, { recursive: true });
fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(dirs.data, 'User', 'settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'workbench.enableExperiments': false,
      'security.workspace.trust.enabled': false,
      // VS Code for the Web saves edits after a second by default: on a loaded machine that wrote a test's
      // edit into the shared fixture before the test reverted it, and every later test saw the edited file.
      'files.autoSave': 'off',
      // The suite makes a throw-away git repository; the built-in git extension must not watch it.
      'git.enabled': false,
      'git.autoRepositoryDetection': false,
    },
    null,
    2,
  ),
);
const resultFile = path.join(tmp, 'result.json');
const configFile = path.join(tmp, 'config.yaml');
fs.writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');

const xdgEnv = { XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'], XDG_CACHE_HOME: dirs['xdg-cache'] };
// The suite's own settings (e.g. a local AWS endpoint): forwarded unchanged, applied last so nothing overrides them.
const screenshots = path.resolve(process.env.LENS_SCREENSHOTS || path.join(root, 'test-artifacts'));
fs.mkdirSync(screenshots, { recursive: true });
const lensTestEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('LENS_TEST_'))), LENS_TEST_SCREENSHOT_DIR: screenshots };
process.env.TMPDIR = tmp; // playwright's own temp profile/artifacts go to the per-run dir too

let server,
  browser,
  finished = false;
function cleanup() {
  try {
    if (server && server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  } catch {}
  if (!process.env.KEEP_TMP) {
    try {
      fs.rmSync(tmp, { recursive: true, force: true });
    } catch {}
  } else console.log(`[runner] kept ${tmp}`);
}
async function finish(code, why) {
  if (finished) return;
  finished = true;
  console.log(`[runner] ${why}; exit ${code} after ${el()}`);
  try {
    if (browser) await browser.close();
  } catch {}
  cleanup();
  process.exit(code);
}
process.on('SIGINT', () => finish(130, 'interrupted'));
process.on('SIGTERM', () => finish(143, 'terminated'));
setTimeout(() => finish(2, `timeout after ${timeoutS}s`), timeoutS * 1000).unref();

function startServer() {
  return new Promise((resolve, reject) => {
    server = cp.spawn(
      process.execPath,
      [
        csEntry,
        '--config',
        configFile,
        '--user-data-dir',
        dirs.data,
        '--extensions-dir',
        dirs.extensions,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        ...(process.env.CODE_SERVER_ARGS ? process.env.CODE_SERVER_ARGS.split(' ').filter(Boolean) : []),
      ],
      {
        detached: true, // own process group, so we can kill the extension host too
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          ...xdgEnv, // keep ~/.config, ~/.local, ~/.cache clean
          TMPDIR: tmp, // server's ipc/git sockets land in the per-run dir
          EXTENSIONS_GALLERY: '{}', // no marketplace (open-vsx) lookups on this offline machine
          VSCODE_TEST_RESULT_FILE: resultFile,
          ...lensTestEnv,
        }, // the extension host inherits code-server's environment
      },
    );
    const log = fs.createWriteStream(path.join(tmp, 'code-server.log'));
    let buf = '';
    const onData = (chunk) => {
      log.write(chunk);
      buf += chunk.toString();
      const m = buf.match(/HTTP server listening on (http:\/\/[^\s]+)/);
      if (m) {
        resolve(new URL(m[1]));
        buf = '';
      } else if (buf.length > 65536) buf = buf.slice(-4096);
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('error', reject);
    server.on('exit', (c) => {
      if (finished) return;
      if (process.env.KEEP_TMP) finish(3, `code-server exited early (${c}); see ${tmp}/code-server.log`);
      else {
        // the temp dir is about to go: show the end of the log instead of pointing at it
        try {
          console.error(fs.readFileSync(path.join(tmp, 'code-server.log'), 'utf8').split('\n').slice(-30).join('\n'));
        } catch {}
        finish(3, `code-server exited early (${c}) (KEEP_TMP=1 keeps its log)`);
      }
    });
  });
}

/** Takes a screenshot for each <name>.request the suite writes (it waits for <name>.png). */
function answerScreenshotRequests(page) {
  const watcher = fs.watch(screenshots, async (_event, file) => {
    if (!file || !file.endsWith('.request')) return;
    const request = path.join(screenshots, file);
    if (!fs.existsSync(request)) return;
    fs.rmSync(request, { force: true });
    const target = path.join(screenshots, file.replace(/\.request$/, '.png'));
    // Written whole, then renamed: the suite may read it the moment it appears.
    try {
      fs.writeFileSync(`${target}.part`, await page.screenshot());
      fs.renameSync(`${target}.part`, target);
      console.log(`[runner] screenshot ${path.relative(root, target)}`);
    } catch (e) {
      console.error(`[runner] screenshot ${file} failed: ${e.message}`);
    }
  });
  watcher.unref();
}

(async () => {
  console.log(`[runner] extension ${extensionDevelopmentPath}`);
  console.log(`[runner] tests     ${extensionTestsPath}`);
  console.log(`[runner] workspace ${testWorkspace ? testWorkspace + ' (TEST_WORKSPACE, used in place)' : fixtures + ' (temp copy)'}`);
  if (Object.keys(lensTestEnv).length) console.log(`[runner] forwarding ${Object.keys(lensTestEnv).join(', ')}`);
  const url = await startServer();
  console.log(`[runner] code-server up at ${url.href} (${el()})`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    env: { ...process.env, ...xdgEnv },
    // Headless Debian Chromium on a closed network, as root (shared with the browser suite).
    args: require('./lib/chromium-args.json'),
  });
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e}`));
  if (process.env.DEBUG_BROWSER) page.on('console', (msg) => console.log(`[browser ${msg.type()}] ${msg.text()}`));
  // VS Code forwards its log (incl. the extension host's console, i.e. mocha's reporter) here, line by line as it comes.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    if (type === 'error' || type === 'warn') console.error(`[vscode ${type}] ${line}`);
    else console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', async (code, logs) => {
    if (Array.isArray(logs)) {
      const logDir = path.join(tmp, 'vscode-logs');
      for (const l of logs) {
        try {
          const p = path.join(logDir, l.relativePath);
          fs.mkdirSync(path.dirname(p), { recursive: true });
          fs.writeFileSync(p, l.contents);
        } catch {}
      }
    }
    let result = null;
    try {
      result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    } catch {}
    console.log(`[runner] extension host finished tests: code=${code} result=${JSON.stringify(result)}`);
    if (result && process.env.LENS_TEST_STATS) fs.writeFileSync(process.env.LENS_TEST_STATS, JSON.stringify(result));
    // Trust the exit code, but never report success without a result file showing tests ran and none failed.
    const ok = code === 0 && result && result.failures === 0 && result.tests > 0;
    if (code === 0 && !ok)
      console.error('[runner] exit code 0 but the result file is missing or shows no passing run (does run() write VSCODE_TEST_RESULT_FILE?)');
    setTimeout(() => finish(ok ? 0 : 1, ok ? 'tests passed' : 'tests failed'), 0);
  });
  // Newer VS Code builds (seen in 1.139; 1.100 doesn't need it) ignore the `payload` debug options unless the
  // workbench config has developmentOptions.enableSmokeTestDriver, which code-server's CLI can't set.
  // Patch the config as the workbench reads it (harmless on 1.100). Don't rewrite the HTML with page.route():
  // the workbench's WebSocket connections then fail.
  await page.addInitScript(() => {
    const orig = Element.prototype.getAttribute;
    Element.prototype.getAttribute = function (name) {
      const v = orig.call(this, name);
      if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && v) {
        const cfg = JSON.parse(v);
        cfg.developmentOptions = { ...(cfg.developmentOptions || {}), enableSmokeTestDriver: true };
        return JSON.stringify(cfg);
      }
      return v;
    };
  });
  answerScreenshotRequests(page);
  const authority = url.host;
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(extensionTestsPath)],
    ['skipWelcome', 'true'],
  ]);
  const target = `${url.origin}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(payload)}`;
  console.log(`[runner] opening workbench (${el()})`);
  await page.goto(target);
})().catch((e) => finish(4, `runner error: ${(e && e.stack) || e}`));
