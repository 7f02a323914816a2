/**
 * Preloaded (`node -r`) into the bench's child processes: at exit, writes the process's CPU time (user +
 * system, in milliseconds, from process start) to the file BENCH_CPU_FILE names. CPU time is what a loaded,
 * shared machine disturbs least; the parent reads it beside the wall time.
 */
import * as fs from 'node:fs';

process.on('exit', () => {
  const used = process.cpuUsage();
  if (process.env.BENCH_CPU_FILE) fs.writeFileSync(process.env.BENCH_CPU_FILE, String((used.user + used.system) / 1000));
});
