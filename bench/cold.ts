/**
 * Cold-start and memory figures (issue #17), each measured in fresh child processes so that nothing the
 * benchmark itself loaded or cached counts: time from process start to the first decision and to the end of
 * `check` on one file (each over a bare `node` start, wall and CPU time), retained heap and prepare time for
 * 1,000 role policies.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const DIST = path.resolve(__dirname, '..');
// The package's main, as users load it (bundled by npm run build).
const LIBRARY = path.join(DIST, 'analyzer', 'lens.js');
const WORKLOAD = path.join(DIST, 'bench', 'workload.js');
const CPU_AT_EXIT = path.join(DIST, 'bench', 'cpu-at-exit.js');
export const BIN = path.resolve(DIST, '..', 'bin', 'iot-policy-lens.js');

/** Wall and CPU time of one child run, in milliseconds; throws when it fails unexpectedly. */
function runChild(args: string[], cwd: string, okCodes: readonly number[] = [0]): { ms: number; cpuMs: number; stdout: string } {
  const cpuFile = path.join(os.tmpdir(), `lens-bench-cpu-${process.pid}`);
  const start = performance.now();
  const child = spawnSync(process.execPath, ['-r', CPU_AT_EXIT, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, BENCH_CPU_FILE: cpuFile },
  });
  const ms = performance.now() - start;
  if (child.status === null || !okCodes.includes(child.status)) throw new Error(`bench child ${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  const cpuMs = Number(fs.readFileSync(cpuFile, 'utf8'));
  fs.rmSync(cpuFile);
  return { ms, cpuMs, stdout: child.stdout };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Extra wall and CPU time of `args` over a bare `node -e 0` (medians), runs interleaved so machine load hits both alike. */
export interface OverBareNode {
  extraMs: number;
  extraCpuMs: number;
  bareMs: number;
  bareCpuMs: number;
}

export function overBareNode(args: string[], cwd: string, okCodes?: readonly number[], rounds = 15): OverBareNode {
  const bare: Array<{ ms: number; cpuMs: number }> = [];
  const timed: Array<{ ms: number; cpuMs: number }> = [];
  runChild(args, cwd, okCodes); // warms the file-system cache
  for (let i = 0; i < rounds; i++) {
    bare.push(runChild(['-e', '0'], cwd));
    timed.push(runChild(args, cwd, okCodes));
  }
  const [bareMs, bareCpuMs] = [median(bare.map((r) => r.ms)), median(bare.map((r) => r.cpuMs))];
  return { extraMs: median(timed.map((r) => r.ms)) - bareMs, extraCpuMs: median(timed.map((r) => r.cpuMs)) - bareCpuMs, bareMs, bareCpuMs };
}

const FIRST_DECISION = `
const lens = require(${JSON.stringify(LIBRARY)});
const policy = lens.compilePolicy(lens.parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:us-east-1:123456789012:topic/\${cognito-identity.amazonaws.com:sub}/*"}]}', 'role.json'));
const identity = { type: 'authenticated', identityId: 'us-east-1:11111111-2222-3333-4444-555555555555' };
const decision = lens.authorize({ authenticated: [policy], unauthenticated: [] }, { identity, iotPolicies: [policy] }, { action: 'iot:Publish', resource: 'arn:aws:iot:us-east-1:123456789012:topic/' + identity.identityId + '/t' });
if (decision.decision !== 'allow') process.exit(3);
`;

/**
 * In a child started with --expose-gc: heap kept by 1,000 prepared role policies, the time to prepare them,
 * then the time of a first decision on each (what preparing leaves to the first decision — the per-action
 * statement index — is paid there, so a prepare made faster by deferring work shows in this sum).
 */
const PREPARE = `
const { random, rolePolicy } = require(${JSON.stringify(WORKLOAD)});
const lens = require(${JSON.stringify(LIBRARY)});
const next = random(42);
const texts = Array.from({ length: 1000 }, (_, i) => rolePolicy(next, i));
global.gc(); global.gc();
const before = process.memoryUsage().heapUsed;
const [start, startCpu] = [performance.now(), process.cpuUsage()];
const kept = texts.map((text, i) => lens.compilePolicy(lens.parsePolicy(text, 'role-' + i + '.json')));
const cpu = process.cpuUsage(startCpu);
const prepareMs = performance.now() - start;
global.gc(); global.gc();
const after = process.memoryUsage().heapUsed;
const identityId = 'us-east-1:11111111-2222-3333-4444-555555555555';
const { context } = lens.identityContext({ type: 'authenticated', identityId });
const [decideStart, decideStartCpu] = [performance.now(), process.cpuUsage()];
const allowed = kept.filter((policy, i) =>
  lens.evaluatePolicySet([policy], lens.makeRequest('iot:Publish', 'arn:aws:iot:us-east-1:123456789012:topic/app' + i + '/users/' + identityId + '/t', context)).outcome === 'allow');
const decideCpu = process.cpuUsage(decideStartCpu);
const decideMs = performance.now() - decideStart;
if (allowed.length !== kept.length) process.exit(3);
process.stdout.write(JSON.stringify({ prepareMs, prepareCpuMs: (cpu.user + cpu.system) / 1000, decideMs, decideCpuMs: (decideCpu.user + decideCpu.system) / 1000, retained: after - before, statements: kept.reduce((n, p) => n + p.statements.length, 0) }));
`;

export interface ColdFigures {
  /** Whether dist/cli/bin.js is the bundle `npm run build` ships (scripts/build-cli.js) or tsc's plain output. */
  cliBundled: boolean;
  /** Whether the package's main is the library bundle (scripts/build-library.js) or tsc's plain re-export. */
  libraryBundled: boolean;
  firstDecision: OverBareNode;
  checkOneFile: OverBareNode;
  retainedMiB: number;
  prepareMs: number;
  prepareCpuMs: number;
  /** Prepare, then one decision on each prepared policy (medians of the sums). */
  prepareAndDecideMs: number;
  prepareAndDecideCpuMs: number;
  statements: number;
}

export function coldFigures(onePolicy: string): ColdFigures {
  const firstDecision = overBareNode(['-e', FIRST_DECISION], DIST);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-bench-one-'));
  try {
    fs.writeFileSync(path.join(dir, 'role.json'), onePolicy);
    // Exit 1 is a finding: the bench policy may have some.
    const checkOneFile = overBareNode([BIN, 'check', 'role.json', '--kind', 'auth-role'], dir, [0, 1]);
    const prepared = [0, 1, 2, 3, 4].map(() => JSON.parse(runChild(['--expose-gc', '-e', PREPARE], DIST).stdout));
    return {
      cliBundled: fs.readFileSync(path.join(DIST, 'cli', 'bin.js'), 'utf8').startsWith('// iot-policy-lens CLI bundle'),
      libraryBundled: fs.readFileSync(LIBRARY, 'utf8').startsWith('// iot-policy-lens library bundle'),
      firstDecision,
      checkOneFile,
      retainedMiB: median(prepared.map((p) => p.retained)) / (1 << 20),
      prepareMs: median(prepared.map((p) => p.prepareMs)),
      prepareCpuMs: median(prepared.map((p) => p.prepareCpuMs)),
      prepareAndDecideMs: median(prepared.map((p) => p.prepareMs + p.decideMs)),
      prepareAndDecideCpuMs: median(prepared.map((p) => p.prepareCpuMs + p.decideCpuMs)),
      statements: prepared[0].statements,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
