import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { appFindings, checkPolicyFile, checkPolicyFileAlone, checkProject, classifyFile, ResolvedConfig, type ProjectFile } from '../analyzer';
import { cloudFormationApp } from './iac';

const ROOT = path.resolve(__dirname, '..', '..');
const host = {
  readFile: (file: string) => (fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), 'utf8') : undefined),
  resolve: (from: string, reference: string) => path.posix.join(path.posix.dirname(from), reference),
};

/** The samples' files as `check samples` reads them (policies, scenarios, templates). */
function sampleFiles(): ProjectFile[] {
  const files: ProjectFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const file = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else {
        const text = host.readFile(file)!;
        const format = classifyFile(file, text)?.format;
        if (format === 'policy' || format === 'scenario') files.push({ path: file, configPath: file, text, role: format });
        else if (format === 'cloudformation' || format === 'serverless' || format === 'terraform')
          files.push({ path: file, configPath: file, text, role: 'template', format });
      }
    }
  };
  walk('samples');
  return files;
}

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/**
 * Milliseconds per call, the median of `runs` calls after one warm-up: CPU time of this process, because on
 * a machine shared with other jobs the wall clock measures the others too (both are printed).
 */
function time(run: () => void, runs = 5): { cpu: number; wall: number } {
  run();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [startCpu, start] = [process.cpuUsage(), performance.now()];
    run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

const ms = ({ cpu, wall }: { cpu: number; wall: number }, digits = 1) => `${cpu.toFixed(digits)} ms CPU (${wall.toFixed(digits)} ms wall)`;

/** The rules over identity classes (issue 13): whole-app analysis of the samples, and the editor's view of one file. */
export function appRulesBenchmark(): void {
  const config = new ResolvedConfig();
  const { apps } = checkProject(sampleFiles(), { config, host });
  const classes = apps.reduce((n, app) => n + app.classes.length, 0);
  const everyRule = { enabled: () => true };
  const whole = time(() => {
    const cache = new Map();
    apps.forEach((app) => appFindings(app, { ...everyRule, cache }));
  });
  console.log(`rules over identity classes on the samples (${apps.length} apps, ${classes} classes, every rule): ${ms(whole)} (target < 200 ms)`);

  const file = 'samples/broken-app/policies/user.iot.json';
  const text = host.readFile(file)!;
  const own = time(() => checkPolicyFile({ path: file, configPath: file, text }, 'iot', config), 20);
  const alone = time(() => checkPolicyFileAlone({ path: file, configPath: file, text }, 'iot', config));
  console.log(`editor re-check of ${file}: its own rules ${ms(own, 2)} (target < 5 ms); with the rules over its identity class ${ms(alone)} (target < 200 ms)`);

  const template = { path: 'app-0.yaml', configPath: 'app-0.yaml', text: cloudFormationApp(0), role: 'template' as const, format: 'cloudformation' as const };
  const [app] = checkProject([template], { config, host }).apps;
  const perApp = time(() => appFindings(app, everyRule));
  console.log(`rules over identity classes on one generated CloudFormation app (the IaC bench's): ${ms(perApp, 2)}`);
}
