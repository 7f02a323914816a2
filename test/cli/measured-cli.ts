import * as fs from 'node:fs';
import { main } from '../../cli/main';

/**
 * The CLI, run as a child process that records its own peak memory and CPU time on exit (in the file named
 * by LENS_USAGE_FILE), so tests bound resources without timing anything on the wall clock.
 */
process.on('exit', () => {
  const usage = process.resourceUsage();
  fs.writeFileSync(process.env.LENS_USAGE_FILE!, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
