import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Runs `iot-policy-lens check . --format json` in `dir` as a user would; its wall time and summary. */
export function timeCheck(dir: string): { seconds: number; summary: { files: number; errors: number; warnings: number } } {
  const bin = path.resolve(__dirname, '..', '..', 'bin', 'iot-policy-lens.js');
  const start = performance.now();
  let output = '';
  try {
    output = execFileSync(process.execPath, [bin, 'check', '.', '--format', 'json'], { cwd: dir, maxBuffer: 1 << 30 }).toString();
  } catch (error) {
    // Exit 1 (findings) is expected: the generated policies have some.
    output = String((error as { stdout?: Buffer }).stdout ?? '');
  }
  return { seconds: (performance.now() - start) / 1000, summary: JSON.parse(output).summary };
}
