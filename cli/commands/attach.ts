import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatLocation } from '../../analyzer';
import type { AttachUi } from '../../aws/attach';
import { exitOnAwsFailure } from '../aws-failure';
import { AWS_OPTIONS, AWS_OPTIONS_HELP, awsSettings } from '../aws-options';
import type { Io } from '../io';
import { displayPath } from '../node-host';
import { findConfigFile, loadConfig } from '../project-files';
import { confirm } from '../prompt';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../usage-error';
import { readBounded } from '../read-bounded';

export const ATTACH_HELP = `usage: iot-policy-lens attach <policy.json> --identity-id ID [--policy-name NAME] [--dry-run] [--yes]
                             [--allow-errors] [--region R] [--profile P] [--endpoint URL] [--timeout S]

Creates or updates the IoT policy from the file and attaches it to a Cognito identity ID, safely:
refuses error-level findings, shows the diff before a new version, at the 5-version limit deletes only
the oldest non-default version (after saying which), and confirms the attachment.
  --identity-id ID    the Cognito identity ID (region:uuid)
  --policy-name NAME  the IoT policy name (default: from the file name)
  --dry-run           read only: say what would change
  --yes               answer yes to the version confirmations (needed without a terminal)
  --allow-errors      attach even when the policy has error-level findings
${AWS_OPTIONS_HELP}
Changes are sent once, never retried; after a failure or a lost reply the state is read back from AWS and printed.
exit codes: 0 attached or already attached (or dry run), 1 refused, cancelled or failed (the AWS state is printed),
            2 usage, or a reply from AWS that cannot be trusted`;

export async function attachCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'identity-id': { type: 'string' },
      'policy-name': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      'allow-errors': { type: 'boolean', default: false },
      ...AWS_OPTIONS,
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('attach needs exactly one policy file');
  const identityId = values['identity-id'];
  if (!identityId) throw new UsageError('attach needs --identity-id');
  const file = displayPath(positionals[0]);
  const policyText = readBounded(file, 'policy');
  const settings = awsSettings(values);
  const { attachPolicyToIdentity } = await import('../../aws/attach');
  const { iotClients, identityIdProblem, policyNameFromFile, policyNameProblem } = await import('../../aws/settings');
  const { formatDiff } = await import('../../aws/policy-diff');
  const policyName = values['policy-name'] ?? policyNameFromFile(file);
  const problem = identityIdProblem(identityId) ?? policyNameProblem(policyName);
  if (problem) throw new UsageError(problem);
  const configFile = findConfigFile(undefined);
  const config = loadConfig(configFile).config;
  const configPath = configFile ? path.relative(path.dirname(configFile), path.resolve(file)).split(path.sep).join('/') : file;

  const yes = values.yes ?? false;
  const log = (line: string) => io.error(line);
  const ui: AttachUi = {
    progress: log,
    confirmDespiteErrors: (findings) => {
      for (const f of findings) log(`${formatLocation(f.range)} ${f.severity} ${f.ruleId} ${f.message}`);
      return confirm(`${file} has ${findings.length} error-level finding(s). Attach anyway?`, values['allow-errors'] ?? false, log, '--allow-errors');
    },
    confirmNewVersion: (diff) => {
      log(`the deployed default version ${diff.deployedVersionId} differs from ${file}:\n${formatDiff(diff)}`);
      return confirm(
        `Create a new default version of ${policyName} from ${file}? It changes access at once for every identity ${policyName} is attached to.`,
        yes,
        log,
      );
    },
    confirmDeleteVersion: (version) => {
      log(
        `version ${version.versionId} of ${policyName} (the oldest non-default, created ${version.createDate?.toISOString() ?? 'at an unknown date'}):\n${version.document ?? '(document not available)'}`,
      );
      return confirm(`${policyName} has 5 versions: delete version ${version.versionId} (shown above) to make room?`, yes, log);
    },
  };
  return exitOnAwsFailure(io, async () => {
    const outcome = await attachPolicyToIdentity(
      iotClients(settings),
      { policyText, policyFile: configPath, policyName, identityId, dryRun: values['dry-run'], config },
      ui,
    );
    io.out(`${outcome.status}: ${outcome.state}`);
    return outcome.status === 'refused' || outcome.status === 'cancelled' ? EXIT_FINDINGS : EXIT_OK;
  });
}
