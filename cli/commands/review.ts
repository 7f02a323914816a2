import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkProject, ResolvedConfig, type FileHost, type ProjectFile } from '../../analyzer';
import { FAIL_ON, failsCheck } from './check';
import type { LiveConfiguration } from '../../aws/live-review';
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
  --out DIR   also write the live policies (and the scenario) there, for a diff or a commit; never overwrites
${AWS_OPTIONS_HELP}
exit codes: as for check (0, 1 findings or failed expectations, 2 usage or unreadable input)`;

const ROOT = 'live';

function virtualHost(files: Map<string, string>): FileHost {
  return { readFile: (file) => files.get(file), resolve: (from, reference) => path.posix.normalize(path.posix.join(path.posix.dirname(from), reference)) };
}

/** The user's scenario, pointed at the live policies. */
function liveScenario(text: string, file: string, live: LiveConfiguration): string {
  let scenario: Record<string, any>;
  try {
    scenario = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message}); run iot-policy-lens simulate on it for the position`);
  }
  scenario.roles = { authenticated: live.rolePolicies.authenticated, unauthenticated: live.rolePolicies.unauthenticated };
  for (const identity of Object.values<Record<string, any>>(scenario.identities ?? {})) {
    if (live.iotPolicies[identity.identityId]) identity.iotPolicies = live.iotPolicies[identity.identityId];
  }
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

export async function reviewCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'identity-pool': { type: 'string' }, 'identity-id': { type: 'string', multiple: true, default: [] }, scenario: { type: 'string' }, out: { type: 'string' }, format: { type: 'string', default: 'text' }, 'fail-on': { type: 'string', default: 'error' }, ...AWS_OPTIONS },
  });
  const poolId = values['identity-pool'];
  if (!poolId) throw new UsageError('review needs --identity-pool');
  reportFormat(values.format);
  const failOn = values['fail-on']!;
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  const scenarioText = values.scenario !== undefined ? readBounded(values.scenario, 'scenario') : undefined;
  const { identityIdProblem, identityPoolIdProblem, cognitoIdentityClient, iamClient, iotClient } = await import('../../aws/settings');
  const problem = identityPoolIdProblem(poolId) ?? values['identity-id']!.map(identityIdProblem).find(Boolean);
  if (problem) throw new UsageError(problem);
  const { fetchLiveConfiguration } = await import('../../aws/live-review');
  const { AwsOperationError } = await import('../../aws/errors');
  const settings = awsSettings(values);
  let live: LiveConfiguration;
  try {
    live = await fetchLiveConfiguration({ cognito: cognitoIdentityClient(settings), iam: iamClient(settings), iot: iotClient(settings) }, poolId, values['identity-id']!);
  } catch (error) {
    if (error instanceof AwsOperationError) {
      io.error(error.message);
      return EXIT_FINDINGS;
    }
    throw error;
  }
  for (const file of live.files) io.error(`read ${file.origin} → ${file.path}`);

  const files = new Map(live.files.map((f) => [`${ROOT}/${f.path}`, f.content]));
  if (scenarioText !== undefined) files.set(`${ROOT}/scenario.json`, liveScenario(scenarioText, values.scenario!, { ...live, rolePolicies: live.rolePolicies, iotPolicies: live.iotPolicies }));
  if (values.out) writeOut(values.out, files);
  const project: ProjectFile[] = [...files].map(([file, text]) => ({ path: file, configPath: file, text, role: file.endsWith('scenario.json') ? 'scenario' : 'policy' }));
  const config = new ResolvedConfig({ kinds: { [`${ROOT}/roles/auth-role/*.json`]: 'auth-role', [`${ROOT}/roles/guest-role/*.json`]: 'unauth-role', [`${ROOT}/iot-policies/*.json`]: 'iot' } });
  const report = checkProject(project, { config, host: virtualHost(files) });
  io.out(values.format === 'json' ? formatCheckJson(report) : values.format === 'sarif' ? formatSarif(report) : formatCheckText(report));
  return failsCheck(report.findings, failOn as (typeof FAIL_ON)[number]) ? EXIT_FINDINGS : EXIT_OK;
}

/** Writes the fetched files under DIR, refusing to replace anything that exists. */
function writeOut(dir: string, files: Map<string, string>): void {
  const targets = [...files].map(([file, text]) => [path.join(dir, file.slice(ROOT.length + 1)), text] as const);
  const existing = targets.filter(([target]) => fs.existsSync(target)).map(([target]) => target);
  if (existing.length > 0) throw new UsageError(`not writing to ${dir}: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}`);
  for (const [target, text] of targets) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}
