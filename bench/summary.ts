/**
 * Access-summary benchmarks (issue #15): `iot-policy-lens summary samples/<sample>` as a user runs it (a
 * fresh process, over a bare `node` start) for every sample folder (target < 300 ms), the same work in
 * process, and an app with 20 IoT policies of about 2 KB and 4 roles (target < 2 s). Call
 * `summaryBenchmark()` from bench/run.ts, or run `node dist/bench/summary.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { appPolicy, checkProject, DEFAULT_SCOPE, projectFilesOf, parsePolicy, type App, type AppClass, type AppPolicy } from '../analyzer';
import { summarizeApps } from '../analyzer/summary';
import { nodeFileHost } from '../cli/node-host';
import { discoverFiles, findConfigFile, loadConfig } from '../cli/project-files';
import { BIN, overBareNode } from './cold';
import { generatedIotPolicy } from './prove';
import { againstTarget, wallAndCpu } from './target';

const ROOT = path.resolve(__dirname, '..', '..');
const ARN = 'arn:aws:iot:us-east-1:123456789012';
const SUB = '${cognito-identity.amazonaws.com:sub}';

/**
 * Wall and CPU time of one run, in milliseconds: the first (cold, as a CLI run pays it) and the median of
 * the next 5. CPU time is the process's own: on a shared machine it is the steadier figure.
 */
function timed(run: () => void): { cold: string; warm: string; warmWall: number; warmCpu: number } {
  const runs: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < 6; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    run();
    const used = process.cpuUsage(cpu);
    runs.push({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[2];
  const show = (wall: number, cpu: number) => `${wall.toFixed(0)} ms (${cpu.toFixed(0)} ms CPU)`;
  const warm = runs.slice(1);
  const [warmWall, warmCpu] = [median(warm.map((r) => r.wall)), median(warm.map((r) => r.cpu))];
  return { cold: show(runs[0].wall, runs[0].cpu), warm: show(warmWall, warmCpu), warmWall, warmCpu };
}

/** The sample folders (samples/*), each an app a user may summarise. */
function sampleFolders(): string[] {
  return fs
    .readdirSync(path.join(ROOT, 'samples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Discovery, check and summary of a sample folder, as `iot-policy-lens summary samples/<sample>` does them. */
function summarizeSample(sample: string): number {
  const configFile = findConfigFile(path.join(ROOT, 'iot-policy-lens.config.json'));
  const { config } = loadConfig(configFile);
  const discovery = discoverFiles([path.join(ROOT, 'samples', sample)], config, ROOT);
  const report = checkProject(projectFilesOf(discovery.files), { config, host: nodeFileHost, rules: false });
  return summarizeApps(report.apps).apps.length;
}

const role = (name: string, statements: unknown[]): AppPolicy =>
  appPolicy(name, 'auth-role', () => parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), name));

/** Guests, signed-in users and two roles a role mapping gives, each signed-in class with the same 20 IoT policies. */
export function largeApp(): App {
  const iot = Array.from({ length: 20 }, (_, i) =>
    appPolicy(`policy-${i}.iot.json`, 'iot', () => parsePolicy(generatedIotPolicy(i + 1), `policy-${i}.iot.json`)),
  );
  const dataPlane = (topics: string) => ({
    Effect: 'Allow',
    Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:RetainPublish'],
    Resource: [`${ARN}:client/${SUB}`, `${ARN}:topic/${topics}`, `${ARN}:topicfilter/${topics}`],
  });
  const signedIn = (id: string, policy: AppPolicy): AppClass => ({
    id,
    label: id,
    type: 'authenticated',
    rolePolicies: [policy],
    iotPolicies: iot,
    certain: true,
    unknowns: [],
  });
  return {
    name: 'generated app',
    file: 'generated',
    origin: 'template',
    scope: DEFAULT_SCOPE,
    notes: [],
    classes: [
      {
        id: 'guests',
        label: 'guests',
        type: 'unauthenticated',
        rolePolicies: [role('guest.json', [dataPlane('home/news/*')])],
        iotPolicies: [],
        certain: true,
        unknowns: [],
      },
      signedIn('signed-in', role('auth.json', [dataPlane('*'), { Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `${ARN}:thing/home-*` }])),
      signedIn('role:Admin', role('admin.json', [dataPlane('*'), { Effect: 'Allow', Action: 'iot:*', Resource: '*' }])),
      signedIn('role:Fleet', role('fleet.json', [dataPlane('fleet/*'), { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/fleet/admin/*` }])),
    ],
  };
}

/**
 * One IoT policy of 1,610 characters (under AWS's 2,048) whose grants each carry three wildcards: 8 topic
 * patterns (star, `s<i>`, star, the own identity ID, star) meeting each other in flows, and a Deny carving
 * Receive (issue 15's slow reproducer).
 */
export function starryApp(): App {
  const levels = Array.from({ length: 8 }, (_, i) => `s${i}`);
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      {
        Effect: 'Allow',
        Action: ['iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:RetainPublish'],
        Resource: levels.flatMap((level) => [`${ARN}:topic/*/${level}/*/${SUB}/*`, `${ARN}:topicfilter/*/${level}/*`]),
      },
      { Effect: 'Deny', Action: ['iot:Receive'], Resource: [`${ARN}:topic/*/admin/*`, `${ARN}:topic/*?x*/s1/*`] },
    ],
  };
  const iot = appPolicy('user.iot.json', 'iot', () => parsePolicy(JSON.stringify(policy), 'user.iot.json'));
  return {
    name: 'starry app',
    file: 'generated',
    origin: 'kinds',
    scope: DEFAULT_SCOPE,
    notes: [],
    classes: [
      {
        id: 'signed-in',
        label: 'signed-in',
        type: 'authenticated',
        rolePolicies: [role('auth.json', [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }])],
        iotPolicies: [iot],
        certain: true,
        unknowns: [],
      },
    ],
  };
}

export function summaryBenchmark(): void {
  for (const sample of sampleFolders()) {
    // What the user waits for: process start to exit, less a bare node start (medians of interleaved runs).
    const cli = overBareNode([BIN, 'summary', `samples/${sample}`], ROOT, [0], 7);
    console.log(
      `iot-policy-lens summary samples/${sample} (a fresh process): ${wallAndCpu(cli.extraMs, cli.extraCpuMs)} over a bare node start of ${wallAndCpu(cli.bareMs, cli.bareCpuMs)} ${againstTarget(300, 'ms', cli.extraMs, cli.extraCpuMs)}`,
    );
    const time = timed(() => summarizeSample(sample));
    console.log(
      `summary of samples/${sample} in process (discovery, check, ${summarizeSample(sample)} apps): ${time.cold} first, ${time.warm} warm ${againstTarget(300, 'ms', time.warmWall, time.warmCpu)}`,
    );
  }
  const app = timed(() => summarizeApps([largeApp()]));
  console.log(
    `summary of an app with 20 IoT policies of ~2 KB and 4 roles: ${app.cold} first, ${app.warm} warm ${againstTarget(2000, 'ms', app.warmWall, app.warmCpu)}`,
  );
  const starry = timed(() => summarizeApps([starryApp()]));
  console.log(
    `summary of one 1,610-character IoT policy with 8 many-star topic patterns: ${starry.cold} first, ${starry.warm} warm ${againstTarget(2000, 'ms', starry.warmWall, starry.warmCpu)}`,
  );
}

if (require.main === module) summaryBenchmark();
