import { parseArgs } from 'node:util';
import { exitOnAwsFailure } from '../aws-failure';
import { AWS_OPTIONS, AWS_OPTIONS_HELP, awsSettings } from '../aws-options';
import type { Io } from '../io';
import { confirm } from '../prompt';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../usage-error';

export const ATTACHED_HELP = `usage: iot-policy-lens attached --identity-id ID [--format text|json] [--region R] [--profile P] [--endpoint URL] [--timeout S]

Lists the IoT policies attached to a Cognito identity ID.
${AWS_OPTIONS_HELP}
exit codes: 0 listed, 1 the AWS call failed, 2 usage or a reply from AWS that cannot be trusted`;

export const DETACH_HELP = `usage: iot-policy-lens detach --policy-name NAME --identity-id ID [--yes] [--region R] [--profile P] [--endpoint URL] [--timeout S]

Detaches an IoT policy from a Cognito identity ID, after confirmation. Detaching what is not attached changes nothing.
DetachPolicy is sent once, never retried; when it or the confirming list fails, the state AWS is in is printed.
${AWS_OPTIONS_HELP}
exit codes: 0 detached or not attached, 1 cancelled or the AWS call failed (the AWS state is printed),
            2 usage or a reply from AWS that cannot be trusted`;

export async function attachedCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { 'identity-id': { type: 'string' }, format: { type: 'string', default: 'text' }, ...AWS_OPTIONS } });
  const identityId = values['identity-id'];
  if (!identityId) throw new UsageError('attached needs --identity-id');
  const settings = awsSettings(values);
  const { attachedPolicies } = await import('../../aws/identity-policies');
  const { iotClients, identityIdProblem } = await import('../../aws/settings');
  const problem = identityIdProblem(identityId);
  if (problem) throw new UsageError(problem);
  return exitOnAwsFailure(io, async () => {
    const names = await attachedPolicies(iotClients(settings).read, identityId);
    if (values.format === 'json') io.out(JSON.stringify({ identityId, policies: names }, null, 2));
    else io.out(names.length > 0 ? names.join('\n') : `no IoT policy is attached to ${identityId} (it is denied every data-plane action)`);
    return EXIT_OK;
  });
}

export async function detachCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'identity-id': { type: 'string' }, 'policy-name': { type: 'string' }, yes: { type: 'boolean', default: false }, ...AWS_OPTIONS },
  });
  const identityId = values['identity-id'];
  const policyName = values['policy-name'];
  if (!identityId || !policyName) throw new UsageError('detach needs --policy-name and --identity-id');
  const settings = awsSettings(values);
  const { detachPolicyFromIdentity } = await import('../../aws/identity-policies');
  const { iotClients, identityIdProblem, policyNameProblem } = await import('../../aws/settings');
  const problem = identityIdProblem(identityId) ?? policyNameProblem(policyName);
  if (problem) throw new UsageError(problem);
  if (!(await confirm(`Detach ${policyName} from ${identityId}?`, values.yes ?? false, (line) => io.error(line)))) return EXIT_FINDINGS;
  return exitOnAwsFailure(io, async () => {
    const result = await detachPolicyFromIdentity(iotClients(settings), policyName, identityId);
    io.out(result === 'detached' ? `detached ${policyName} from ${identityId}` : `${policyName} was not attached to ${identityId}: nothing changed`);
    return EXIT_OK;
  });
}
