/**
 * Prover benchmarks (issue #7): time per property and per diff, on the samples and on generated policies
 * of realistic size (an IoT policy of up to 2,048 characters plus the role policies). Target: < 50 ms per
 * property. Call `proveBenchmark()` from bench/run.ts, or run `node dist/bench/prove.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FileHost } from '../analyzer';
import { compilePolicyFor, diffAccess, loadProvableScenario, proveProperty, type PropertySpec, type ProvableScenario } from '../analyzer/prove';
import { random } from './workload';

const ROOT = path.resolve(__dirname, '..', '..');
const ARN = 'arn:aws:iot:us-east-1:123456789012';
const SUB = '${cognito-identity.amazonaws.com:sub}';

/** Median of `rounds` timed runs after one warm-up run, in milliseconds. */
function median(run: () => void, rounds = 9): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(rounds / 2)];
}

const diskHost: FileHost = {
  readFile: (file) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  resolve: (from, reference) => path.join(path.dirname(from), reference),
};

function memoryHost(files: Record<string, string>): FileHost {
  return { readFile: (file) => files[file], resolve: (from, reference) => path.posix.join(path.posix.dirname(from), reference) };
}

/** A per-user IoT policy of at most 2,048 characters (whitespace excluded), in the shapes real apps use. */
export function generatedIotPolicy(seed: number): string {
  const next = random(seed);
  const statements: Array<Record<string, unknown>> = [
    { Sid: 'Connect', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
    {
      Sid: 'DenyLastWill',
      Effect: 'Deny',
      Action: 'iot:Connect',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'iot:ConnectAttributes': ['LastWill'] } },
    },
  ];
  const apps = ['home', 'car', 'chat', 'games', 'fleet', 'lab'];
  const size = () => JSON.stringify({ Version: '2012-10-17', Statement: statements }).replace(/\s/g, '').length;
  for (let i = 0; ; i++) {
    const app = apps[i % apps.length];
    const candidate =
      i % 4 === 0
        ? { Sid: `Own${i}`, Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: [`${ARN}:topic/${app}/users/${SUB}/*`] }
        : i % 4 === 1
          ? {
              Sid: `Filters${i}`,
              Effect: 'Allow',
              Action: 'iot:Subscribe',
              Resource: [`${ARN}:topicfilter/${app}/users/${SUB}/*`, `${ARN}:topicfilter/${app}/news/*`],
            }
          : i % 4 === 2
            ? { Sid: `News${i}`, Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/${app}/news/*` }
            : {
                Sid: `Hide${i}`,
                Effect: 'Deny',
                Action: ['iot:Receive', 'iot:Subscribe'],
                Resource: [`${ARN}:topic/${app}/news/internal/*`, `${ARN}:topicfilter/${app}/news/${next() < 0.5 ? 'internal' : 'admin'}/*`],
              };
    statements.push(candidate);
    if (size() > 2048) {
      statements.pop();
      break;
    }
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

const AUTH_ROLE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DataPlane',
      Effect: 'Allow',
      Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:RetainPublish'],
      Resource: [`${ARN}:client/${SUB}`, `${ARN}:topic/*`, `${ARN}:topicfilter/*`],
    },
    { Sid: 'Shadows', Effect: 'Allow', Action: ['iot:GetThingShadow', 'iot:UpdateThingShadow'], Resource: `${ARN}:thing/home-*` },
    {
      Sid: 'Office',
      Effect: 'Allow',
      Action: 'iot:Publish',
      Resource: `${ARN}:topic/office/*`,
      Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
    },
  ],
});

const GUEST_ROLE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Connect', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
    { Sid: 'News', Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/home/news/*`, `${ARN}:topic/home/news/*`] },
  ],
});

function generatedScenario(seed: number): ProvableScenario {
  const files: Record<string, string> = {
    'app/user.iot.json': generatedIotPolicy(seed),
    'app/auth-role.json': AUTH_ROLE,
    'app/guest-role.json': GUEST_ROLE,
  };
  const scenario = {
    name: `generated ${seed}`,
    roles: { authenticated: ['auth-role.json'], unauthenticated: ['guest-role.json'] },
    identities: {
      alice: { type: 'authenticated', identityId: 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab', iotPolicies: ['user.iot.json'] },
      guest: { type: 'unauthenticated', identityId: 'us-east-1:0a1b2c3d-9999-4a5b-8c9d-0123456789ab' },
    },
    steps: [],
    properties: [
      {
        kind: 'isolation',
        name: 'isolation',
        identities: 'authenticated',
        prefix: 'home/users/${cognito-identity.amazonaws.com:sub}/',
        shared: ['*/users/${cognito-identity.amazonaws.com:sub}/*', '*/news/*', 'office/*'],
      },
      {
        kind: 'no-access',
        name: 'guests off $aws',
        identities: 'unauthenticated',
        actions: ['iot:Publish', 'iot:Subscribe', 'iot:Receive'],
        resources: ['topic/$aws/*', 'topicfilter/$aws/*'],
      },
      {
        kind: 'no-access',
        name: "no one else's client ID",
        identities: 'authenticated',
        actions: ['iot:Connect'],
        resources: ['client/${other:cognito-identity.amazonaws.com:sub}'],
      },
      { kind: 'no-flow', name: 'users to guests', from: 'authenticated', to: 'unauthenticated', topics: ['*/users/*'] },
      { kind: 'no-flow', name: 'user to user', from: 'authenticated', to: 'authenticated' },
    ],
  };
  files['app/scenario.json'] = JSON.stringify(scenario, null, 2);
  return loadProvableScenario(files['app/scenario.json'], 'app/scenario.json', memoryHost(files));
}

function timeProperties(label: string, loaded: ProvableScenario): number[] {
  if (!loaded.scenario) throw new Error(`${label}: ${loaded.problems.map((p) => p.message).join('; ')}`);
  const times: number[] = [];
  for (const property of loaded.properties as PropertySpec[]) {
    let verdict = '';
    const ms = median(() => {
      verdict = proveProperty(loaded.scenario!, property).verdict;
    });
    times.push(ms);
    console.log(`  ${label} #${property.index} ${property.kind} ${JSON.stringify(property.name ?? '')}: ${verdict}, ${ms.toFixed(1)} ms`);
  }
  return times;
}

function timeDiff(label: string, oldText: string, newText: string, kind: 'iot' | 'auth-role' | 'unauth-role'): number {
  let granted = 0;
  const ms = median(() => {
    const diff = diffAccess([compilePolicyFor(oldText, 'old.json', kind)], [compilePolicyFor(newText, 'new.json', kind)], kind);
    granted = diff.changes.filter((c) => c.granted).length;
  }, 5);
  console.log(`  diff ${label}: ${ms.toFixed(1)} ms (${granted} action group${granted === 1 ? '' : 's'} with new access)`);
  return ms;
}

export function proveBenchmark(): void {
  console.log('prove (median of 9 runs per property):');
  const times: number[] = [];
  for (const sample of ['per-user-app', 'broken-app']) {
    const file = path.join(ROOT, 'samples', sample, 'scenario.json');
    times.push(...timeProperties(sample, loadProvableScenario(fs.readFileSync(file, 'utf8'), file, diskHost)));
  }
  for (const seed of [1, 2, 3]) {
    const policy = generatedIotPolicy(seed);
    times.push(...timeProperties(`generated ${seed} (${policy.replace(/\s/g, '').length}-char IoT policy)`, generatedScenario(seed)));
  }
  times.sort((a, b) => a - b);
  console.log(
    `prove: ${times.length} properties, median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, slowest ${times[times.length - 1].toFixed(1)} ms (target < 50 ms)`,
  );

  console.log('diff (median of 5 runs):');
  const read = (file: string) => fs.readFileSync(path.join(ROOT, 'samples', file), 'utf8');
  timeDiff('samples user.iot.json (per-user → broken)', read('per-user-app/policies/user.iot.json'), read('broken-app/policies/user.iot.json'), 'iot');
  timeDiff('samples auth-role.json (per-user → broken)', read('per-user-app/policies/auth-role.json'), read('broken-app/policies/auth-role.json'), 'auth-role');
  timeDiff(
    'samples guest-role.json (per-user → broken)',
    read('per-user-app/policies/guest-role.json'),
    read('broken-app/policies/guest-role.json'),
    'unauth-role',
  );
  const old = generatedIotPolicy(1);
  const widened = old.replace('/news/internal/*', '/news/internal/secret*').replace(`topic/home/users/${SUB}/*`, 'topic/home/users/*');
  timeDiff('generated 2 KB IoT policy (one Deny narrowed, one Allow widened)', old, widened, 'iot');
  timeDiff('generated 2 KB IoT policy (unchanged)', old, old, 'iot');
}

if (require.main === module) proveBenchmark();
