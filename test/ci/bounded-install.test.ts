import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

// scripts/lib/bounded.sh: every download in .ci/run and the installers is bounded and retried, and a stall
// names what it was waiting for. Tested against a local "registry" that accepts connections and never answers.
const ROOT = path.resolve(__dirname, '..', '..', '..');
const BOUNDED = path.join(ROOT, 'scripts', 'lib', 'bounded.sh');

interface Run {
  status: number | null;
  stderr: string;
  stdout: string;
}

function bash(script: string, env: Record<string, string>, cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('bounded network steps (scripts/lib/bounded.sh)', () => {
  let silent: net.Server;
  let registry = '';
  const sockets = new Set<net.Socket>();
  let dir = '';

  before(async () => {
    silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    registry = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/`;
  });

  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-bounded-'));
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'stall', version: '1.0.0', private: true, dependencies: { 'is-number': '7.0.0' } }),
    );
    fs.writeFileSync(
      path.join(dir, 'package-lock.json'),
      JSON.stringify({
        name: 'stall',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: { '': { name: 'stall', version: '1.0.0', dependencies: { 'is-number': '7.0.0' } }, 'node_modules/is-number': { version: '7.0.0' } },
      }),
    );
  });

  // npm's children, stopped with their process group, may still be flushing its cache or log when the
  // step returns; removal retries instead of failing on ENOTEMPTY (seen once on a loaded machine).
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));

  const npmEnv = () => ({
    npm_config_registry: registry,
    npm_config_cache: path.join(dir, 'cache'),
    npm_config_logs_dir: path.join(dir, 'logs'),
    npm_config_update_notifier: 'false',
  });

  it('retries a failing step and succeeds on a later attempt', async () => {
    const counter = path.join(dir, 'attempts');
    const result = await bash(`source '${BOUNDED}'; bounded 3 30 'flaky step' -- bash -c 'echo x >> "${counter}"; [ $(wc -l < "${counter}") -ge 2 ]'`, {});
    assert.equal(result.status, 0, result.stderr);
    assert.equal(fs.readFileSync(counter, 'utf8').split('\n').filter(Boolean).length, 2);
    assert.match(result.stderr, /^bounded: flaky step: attempt 1 of 3 failed \(exit 1\)$/m);
  });

  it('stops a stalled npm ci after its time limit, retries it, names the package it was waiting for, and fails', async () => {
    // npm's own per-request limit set far above the attempt's, so the attempt's limit is what stops it.
    const result = await bash(`source '${BOUNDED}'; bounded_npm_ci 2 3 '${dir}' '${dir}/npm.log'`, { ...npmEnv(), npm_config_fetch_timeout: '600000' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /attempt 1 of 2 stalled and was stopped after 3s/);
    assert.match(result.stderr, /attempt 2 of 2 stalled and was stopped after 3s/);
    assert.match(result.stderr, /npm-pending: 1 of 1 packages not downloaded when it stopped \(a stalled download is among them\): is-number@7\.0\.0/);
    assert.match(result.stderr, /bounded: npm ci in .*: gave up after 2 attempts/);
    assert.ok(!fs.existsSync(path.join(dir, 'node_modules', 'is-number', 'package.json')), 'nothing was installed');
  });

  it("a single stalled request fails on npm's per-request limit, with npm's message naming its URL", async () => {
    const result = await bash(
      `source '${BOUNDED}'; export npm_config_fetch_timeout=1000 npm_config_fetch_retries=0; bounded_npm_ci 1 120 '${dir}' '${dir}/npm.log'`,
      npmEnv(),
    );
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`network timeout at: ${registry.replace(/[.]/g, '\\.')}is-number`));
    assert.match(result.stderr, /attempt 1 of 1 failed \(exit 1\)/);
    assert.match(result.stderr, /is-number@7\.0\.0/);
  });

  it('the code-server install (extension-host tests) is bounded the same way', async function () {
    const missing = ['rg', 'g++', 'make', 'python3'].filter((cmd) => !process.env.PATH?.split(path.delimiter).some((d) => fs.existsSync(path.join(d, cmd))));
    if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
    if (missing.length > 0) {
      if (process.env.CI === 'true') assert.fail(`the code-server installer's prerequisites are missing: ${missing.join(', ')}`);
      console.log(`      SKIPPED: the code-server installer's prerequisites are missing: ${missing.join(', ')}`);
      this.skip();
    }
    const result = await bash(`bash '${path.join(ROOT, 'scripts', 'install-code-server.sh')}'`, {
      ...npmEnv(),
      npm_config_fetch_timeout: '600000',
      CODE_SERVER_DIR: path.join(dir, 'code-server'),
      CODE_SERVER_INSTALL_ATTEMPTS: '2',
      CODE_SERVER_INSTALL_SECONDS: '3',
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /attempt 2 of 2 stalled and was stopped after 3s/);
    assert.match(result.stderr, /npm-pending: \d+ of \d+ packages not downloaded when it stopped/);
    assert.match(result.stderr, /install-code-server: code-server install failed; full log: /);
  });
});
