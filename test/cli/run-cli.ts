import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'iot-policy-lens.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `iot-policy-lens` binary, as a user or CI would. */
export function runCli(args: string[], cwd = ROOT): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A throw-away folder with the given files (paths → contents; objects are written as 2-space JSON). */
export function tempProject(files: Record<string, string | object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

export interface MeasuredResult extends CliResult {
  /** The child's peak resident memory and CPU time; undefined when it died before exiting normally. */
  usage?: { maxRssKb: number; cpuMs: number };
}

/** Runs the CLI in a child that reports its own peak memory and CPU time (see measured-cli.ts). */
export function runMeasuredCli(args: string[], cwd = ROOT): MeasuredResult {
  const usageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lens-usage-')), 'usage.json');
  const result = spawnSync(process.execPath, [path.join(__dirname, 'measured-cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LENS_USAGE_FILE: usageFile },
    maxBuffer: 256 * 1024 * 1024,
  });
  const usage = fs.existsSync(usageFile) ? JSON.parse(fs.readFileSync(usageFile, 'utf8')) : undefined;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, usage };
}

/** Like runCli, without blocking the event loop: needed when the test process also serves the fake AWS. */
export function runCliAsync(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Commits every file of `dir` (a git repository from the first call on): the base `diff --base HEAD` compares with. */
export function commitAll(dir: string, message = 'base'): void {
  for (const args of [
    ['init', '-q'],
    ['add', '.'],
    ['commit', '-q', '-m', message],
  ]) {
    const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  }
}
