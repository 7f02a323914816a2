import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkProject, ResolvedConfig, type FileHost, type ProjectFile } from '../../analyzer';
import type { Identity, Scenario } from '../../analyzer/generated/scenario';
import { FAIL_ON, failsCheck } from './check';
import type { LiveConfiguration } from '../../aws/live-review';
import { writeLiveFiles, WriteRefusedError } from '../../aws/write-live-files';
import { exitOnAwsFailure } from '../aws-failure';
import { AWS_OPTIONS, AWS_OPTIONS_HELP, awsSettings } from '../aws-options';
import { formatCheckJson } from '../format/check-json';
import { formatCheckText } from '../format/check-text';
import { formatSarif } from '../format/sarif';
import type { Io } from '../io';
import { reportFormat } from '../options';
import { readBounded } from '../read-bounded';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../usage-error';

export const REVIEW_HELP = `usage: iot-policy-lens review --identity-pool ID [--identity-id ID]... [--scenario FILE] [--out DIR]
                             [--format text|json|sarif] [--fail-on error|warning|info|none] [--region R] [--profile P] [--endpoint URL]

Reads what is deployed — the identity pool's roles and their inline and managed policies, and the IoT
policies attached to the given identity IDs — and checks it exactly like local files. With --scenario, the
scenario runs against the live policies: its roles are replaced by the pool's, and each identity whose
identityId was given gets the IoT policies attached to it in AWS.
  --out DIR   also write the live policies (and the scenario) there, for a diff or a commit: one file per
              policy (managed policies named after their ARN), never overwriting, never through a symbolic link
${AWS_OPTIONS_HELP}
exit codes: as for check (0, 1 findings or failed expectations, 2 usage or unreadable input); an AWS call that
            fails is 1, a reply from AWS that cannot be trusted (a page marker that repeats) 2`;

const ROOT = 'live';

function virtualHost(files: Map<string, string>): FileHost {
  return { readFile: (file) => files.get(file), resolve: (from, reference) => path.posix.normalize(path.posix.join(path.posix.dirname(from), reference)) };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The user's scenario, pointed at the live policies. It is not validated yet (the check does that and reports
 * any problem in it), so only what has the expected shape is pointed; a scenario that is not an object is left
 * as written.
 */
function liveScenario(text: string, file: string, live: LiveConfiguration): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message}); run iot-policy-lens simulate on it for the position`);
  }
  if (!isObject(parsed)) return text;
  const roles: Scenario['roles'] = { authenticated: live.rolePolicies.authenticated, unauthenticated: live.rolePolicies.unauthenticated };
  const pointedAt = (identity: unknown) => {
    const attached = isObject(identity) && typeof identity.identityId === 'string' ? live.iotPolicies[identity.identityId] : undefined;
    return attached ? { ...(identity as Identity), iotPolicies: attached } : identity;
  };
  const identities = isObject(parsed.identities)
    ? Object.fromEntries(Object.entries(parsed.identities).map(([name, identity]) => [name, pointedAt(identity)]))
    : parsed.identities;
  return `${JSON.stringify({ ...parsed, roles, ...(identities !== undefined && { identities }) }, null, 2)}\n`;
}

export async function reviewCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'identity-pool': { type: 'string' },
      'identity-id': { type: 'string', multiple: true, default: [] },
      scenario: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      ...AWS_OPTIONS,
    },
  });
  const poolId = values['identity-pool'];
  if (!poolId) throw new UsageError('review needs --identity-pool');
  reportFormat(values.format);
  const failOn = values['fail-on']!;
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  const scenarioText = values.scenario !== undefined ? readBounded(values.scenario, 'scenario') : undefined;
  const settings = awsSettings(values);
  const { identityIdProblem, identityPoolIdProblem, cognitoIdentityClient, iamClient, iotClients } = await import('../../aws/settings');
  const problem = identityPoolIdProblem(poolId) ?? values['identity-id']!.map(identityIdProblem).find(Boolean);
  if (problem) throw new UsageError(problem);
  const { fetchLiveConfiguration } = await import('../../aws/live-review');
  return exitOnAwsFailure(io, async () => {
    const live = await fetchLiveConfiguration(
      { cognito: cognitoIdentityClient(settings), iam: iamClient(settings), iot: iotClients(settings).read },
      poolId,
      values['identity-id']!,
    );
    return reportLive(live, values, scenarioText, io);
  });
}

/** Checks (and with --out writes) what was read, exactly like local files. */
async function reportLive(
  live: LiveConfiguration,
  values: { scenario?: string; out?: string; format?: string; 'fail-on'?: string },
  scenarioText: string | undefined,
  io: Io,
): Promise<number> {
  for (const file of live.files) io.error(`read ${file.origin} → ${file.path}`);

  const files = new Map(live.files.map((f) => [`${ROOT}/${f.path}`, f.content]));
  if (scenarioText !== undefined) files.set(`${ROOT}/scenario.json`, liveScenario(scenarioText, values.scenario!, live));
  if (values.out) writeOut(values.out, files, io);
  const project: ProjectFile[] = [...files].map(([file, text]) => ({
    path: file,
    configPath: file,
    text,
    role: file.endsWith('scenario.json') ? 'scenario' : 'policy',
  }));
  const config = new ResolvedConfig({
    kinds: { [`${ROOT}/roles/auth-role/*.json`]: 'auth-role', [`${ROOT}/roles/guest-role/*.json`]: 'unauth-role', [`${ROOT}/iot-policies/*.json`]: 'iot' },
  });
  const report = checkProject(project, { config, host: virtualHost(files) });
  io.out(values.format === 'json' ? formatCheckJson(report) : values.format === 'sarif' ? formatSarif(report.findings) : formatCheckText(report));
  return failsCheck(report.findings, values['fail-on'] as (typeof FAIL_ON)[number]) ? EXIT_FINDINGS : EXIT_OK;
}

/** Writes the fetched files under DIR: exclusive creates, never through a link, never replacing anything. */
function writeOut(dir: string, files: Map<string, string>, io: Io): void {
  try {
    for (const written of writeLiveFiles(
      dir,
      [...files].map(([file, content]) => ({ path: file.slice(ROOT.length + 1), content })),
    ))
      io.error(`wrote ${written}`);
  } catch (error) {
    if (error instanceof WriteRefusedError) throw new UsageError(error.message);
    throw error;
  }
}
