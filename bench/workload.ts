/** Deterministic generated workloads for the benchmarks (a seeded PRNG, so runs are comparable). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ARN = 'arn:aws:iot:us-east-1:123456789012';
const SUB = '${cognito-identity.amazonaws.com:sub}';

export function identityId(n: number): string {
  return `us-east-1:${n.toString(16).padStart(8, '0')}-1111-4a5b-8c9d-0123456789ab`;
}

/** An authenticated-role policy in the shapes seen in real apps: per-identity topics, shared topics, conditions. */
export function rolePolicy(next: () => number, index: number): string {
  const app = `app${index}`;
  const statements: unknown[] = [
    { Sid: 'Connect', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
    {
      Sid: 'OwnTopics',
      Effect: 'Allow',
      Action: ['iot:Publish', 'iot:Receive'],
      Resource: [`${ARN}:topic/${app}/users/${SUB}/*`, `${ARN}:topic/${app}/broadcast/*`],
    },
    {
      Sid: 'OwnFilters',
      Effect: 'Allow',
      Action: 'iot:Subscribe',
      Resource: [`${ARN}:topicfilter/${app}/users/${SUB}/*`, `${ARN}:topicfilter/${app}/broadcast/*`],
    },
    { Sid: 'NoAdmin', Effect: 'Deny', Action: 'iot:Receive', Resource: `${ARN}:topic/${app}/broadcast/admin/*` },
  ];
  if (next() < 0.5)
    statements.push({
      Sid: 'Office',
      Effect: 'Allow',
      Action: 'iot:Publish',
      Resource: `${ARN}:topic/${app}/office/*`,
      Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } },
    });
  if (next() < 0.3)
    statements.push({
      Sid: 'Persistent',
      Effect: 'Deny',
      Action: 'iot:Connect',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'iot:ConnectAttributes': ['LastWill'] } },
    });
  if (next() < 0.3)
    statements.push({ Sid: 'Shadows', Effect: 'Allow', Action: ['iot:GetThingShadow', 'iot:UpdateThingShadow'], Resource: `${ARN}:thing/${app}-*` });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

export interface BenchRequest {
  pool: number;
  identity: number;
  action: string;
  resource: string;
}

export function requests(next: () => number, pools: number, count: number): BenchRequest[] {
  const result: BenchRequest[] = [];
  for (let i = 0; i < count; i++) {
    const pool = Math.floor(next() * pools);
    const identity = Math.floor(next() * 50);
    const own = next() < 0.7 ? identity : Math.floor(next() * 50);
    const app = `app${pool}`;
    const kind = Math.floor(next() * 5);
    const [action, resource] = [
      ['iot:Connect', `${ARN}:client/${identityId(own)}`],
      ['iot:Publish', `${ARN}:topic/${app}/users/${identityId(own)}/telemetry`],
      ['iot:Subscribe', `${ARN}:topicfilter/${app}/users/${identityId(own)}/#`],
      ['iot:Receive', `${ARN}:topic/${app}/broadcast/${next() < 0.2 ? 'admin/keys' : 'news'}`],
      ['iot:GetThingShadow', `${ARN}:thing/${app}-lamp`],
    ][kind];
    result.push({ pool, identity, action, resource });
  }
  return result;
}
