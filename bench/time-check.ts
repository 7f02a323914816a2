import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Runs `iot-policy-lens check . --format json` in `dir` as a user would; its wall and CPU time and summary. */
export function timeCheck(dir: string): { seconds: number; cpuSeconds: number; summary: { files: number; errors: number; warnings: number } } {
  const bin = path.resolve(__dirname, '..', '..', 'bin', 'iot-policy-lens.js');
  const cpuFile = path.join(os.tmpdir(), `lens-bench-cpu-${process.pid}`);
  const start = performance.now();
  const child = spawnSync(process.execPath, ['-r', path.join(__dirname, 'cpu-at-exit.js'), bin, 'check', '.', '--format', 'json'], {
    cwd: dir,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
    env: { ...process.env, BENCH_CPU_FILE: cpuFile },
  });
  const seconds = (performance.now() - start) / 1000;
  // Exit 1 (findings) is expected: the generated policies have some.
  if (child.status !== 0 && child.status !== 1) throw new Error(`check in ${dir} failed (${child.status}): ${child.stderr}`);
  const cpuSeconds = Number(fs.readFileSync(cpuFile, 'utf8')) / 1000;
  fs.rmSync(cpuFile);
  return { seconds, cpuSeconds, summary: JSON.parse(child.stdout).summary };
}
