import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListPolicyVersionsCommand,
} from '@aws-sdk/client-iot';
import { lintPolicyText, type Finding, type ResolvedConfig } from '../analyzer';
import { callAws } from './call';
import { AwsChangeError, type AwsOperationError } from './errors';
import { listAttached, policyState } from './live-state';
import { diffPolicies, formatDiff, samePolicy, type PolicyDiff } from './policy-diff';
import { identityIdProblem, policyNameProblem, type IotClients } from './settings';

/** How the flow talks to the person running it: the CLI and VS Code each implement this. */
export interface AttachUi {
  progress(message: string): void;
  /** The policy has error-level findings: attach anyway? */
  confirmDespiteErrors(findings: readonly Finding[]): Promise<boolean>;
  /** The deployed default version differs from the file: create a new version from the file and make it the default? */
  confirmNewVersion(diff: PolicyDiff): Promise<boolean>;
  /** At the 5-version limit: delete this (oldest non-default) version, which the user is shown, to make room? */
  confirmDeleteVersion(version: DeployedVersion): Promise<boolean>;
}

export interface DeployedVersion {
  versionId: string;
  isDefault: boolean;
  createDate?: Date;
  /** The version's document, shown before it is deleted. */
  document?: string;
}

export interface AttachRequest {
  policyText: string;
  /** Shown in messages and used for findings. */
  policyFile: string;
  policyName: string;
  identityId: string;
  /** Report only what would happen; read-only calls. */
  dryRun?: boolean;
  config?: ResolvedConfig;
}

export type AttachStatus = 'attached' | 'already-attached' | 'refused' | 'cancelled' | 'dry-run';

export interface AttachOutcome {
  status: AttachStatus;
  policy: 'created' | 'new-version' | 'unchanged' | 'not-touched';
  versionId?: string;
  deletedVersionId?: string;
  /** What AWS looks like after the flow, in words (also after a failure). */
  state: string;
  findings: Finding[];
}

const MAX_VERSIONS = 5;

/**
 * One-click AttachPolicy, safely: lint first (refuse error-level findings unless confirmed), create the
 * policy or a new default version when the deployed one differs (after showing the diff; at the 5-version
 * limit deleting only the oldest non-default version, after showing it), attach, then confirm with
 * ListAttachedPolicies. Attaching what is already attached is a no-op that says so.
 *
 * Changes go through `clients.write`, which never retries: a retried CreatePolicyVersion whose first reply
 * was lost would create a second version. Once a change has been sent, any failure reads the state back
 * from AWS (policyState) instead of assuming what happened; running the command again then continues from
 * what is live.
 */
export async function attachPolicyToIdentity(clients: IotClients, request: AttachRequest, ui: AttachUi): Promise<AttachOutcome> {
  const problem = identityIdProblem(request.identityId) ?? policyNameProblem(request.policyName);
  if (problem) throw new AwsChangeError(problem, 'nothing was changed');
  const { policyName, identityId } = request;
  const { read, write } = clients;
  const findings = lintPolicyText(
    request.policyText,
    request.policyFile,
    request.config?.lintOptionsFor(request.policyFile, 'iot') ?? { kind: 'iot' },
  ).findings;
  const errors = findings.filter((f) => f.severity === 'error');
  ui.progress(`checked ${request.policyFile}: ${errors.length} error(s), ${findings.length - errors.length} other finding(s)`);
  ui.progress("note: IoT policies take effect for authenticated identities only; unauthenticated (guest) identities get just the identity pool's guest role");
  if (errors.length > 0 && !(await ui.confirmDespiteErrors(errors))) {
    return { status: 'refused', policy: 'not-touched', state: 'nothing was changed', findings };
  }
  let changeSent = false;
  const stateNow = () => (changeSent ? policyState(read, request) : Promise.resolve('nothing was changed'));
  const fail = async (message: string, cause?: AwsOperationError): Promise<never> => {
    throw new AwsChangeError(message, await stateNow(), cause);
  };
  const call = async <T>(operation: string, resource: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await callAws(operation, resource, send);
    } catch (error) {
      return fail((error as AwsOperationError).message, error as AwsOperationError);
    }
  };
  const change = <T>(operation: string, resource: string, send: () => Promise<T>): Promise<T> => {
    changeSent = true;
    return call(operation, resource, send);
  };

  ui.progress(`GetPolicy ${policyName}`);
  const deployed = await call('GetPolicy', `policy ${policyName}`, () => read.send(new GetPolicyCommand({ policyName }))).catch((error: AwsChangeError) => {
    if (error.cause?.code === 'ResourceNotFoundException') return undefined;
    throw error;
  });

  let policy: AttachOutcome['policy'] = 'unchanged';
  let versionId = deployed?.defaultVersionId;
  let deletedVersionId: string | undefined;
  if (!deployed) {
    if (request.dryRun) return dryRun(`would create policy ${policyName} from ${request.policyFile} and attach it to ${identityId}`, findings);
    ui.progress(`CreatePolicy ${policyName}`);
    const created = await change('CreatePolicy', `policy ${policyName}`, () =>
      write.send(new CreatePolicyCommand({ policyName, policyDocument: request.policyText })),
    );
    policy = 'created';
    versionId = created.policyVersionId;
  } else if (!samePolicy(deployed.policyDocument ?? '', request.policyText)) {
    // The default is what GetPolicy says: a version list whose entries lack isDefaultVersion must never make the real default a deletion candidate.
    const defaultVersionId = deployed.defaultVersionId;
    if (!defaultVersionId) return fail(`GetPolicy did not say which version of ${policyName} is the default; nothing is changed`);
    const diff = diffPolicies(deployed.policyDocument ?? '{}', request.policyText, defaultVersionId);
    // A dry run shows the diff and asks nothing.
    if (request.dryRun) ui.progress(`the deployed default version ${diff.deployedVersionId} differs from ${request.policyFile}:\n${formatDiff(diff)}`);
    else if (!(await ui.confirmNewVersion(diff))) return { status: 'cancelled', policy: 'not-touched', state: 'nothing was changed', findings };
    ui.progress(`ListPolicyVersions ${policyName}`);
    const listed = await call('ListPolicyVersions', `policy ${policyName}`, () => read.send(new ListPolicyVersionsCommand({ policyName })));
    const versions: DeployedVersion[] = (listed.policyVersions ?? []).map((v) => ({
      versionId: v.versionId ?? '',
      isDefault: v.versionId === defaultVersionId,
      createDate: v.createDate,
    }));
    if (versions.length >= MAX_VERSIONS) {
      // The list order is not guaranteed: the oldest is found by creation date, and the default is never a candidate.
      const candidates = versions.filter((v) => !v.isDefault);
      if (candidates.length === 0 || candidates.some((v) => !v.createDate))
        return fail(
          `policy ${policyName} has ${versions.length} versions and AWS's list does not show which non-default one is the oldest; nothing is deleted`,
        );
      const oldest = candidates.sort((a, b) => a.createDate!.getTime() - b.createDate!.getTime())[0];
      if (request.dryRun)
        return dryRun(`would delete version ${oldest.versionId} of ${policyName}, create a new default version and attach it to ${identityId}`, findings);
      ui.progress(`GetPolicyVersion ${policyName} version ${oldest.versionId}`);
      const shown = await call('GetPolicyVersion', `policy ${policyName} version ${oldest.versionId}`, () =>
        read.send(new GetPolicyVersionCommand({ policyName, policyVersionId: oldest.versionId })),
      );
      if (!(await ui.confirmDeleteVersion({ ...oldest, document: shown.policyDocument })))
        return { status: 'cancelled', policy: 'not-touched', state: 'nothing was changed', findings };
      ui.progress(`DeletePolicyVersion ${policyName} version ${oldest.versionId}`);
      await change('DeletePolicyVersion', `policy ${policyName} version ${oldest.versionId}`, () =>
        write.send(new DeletePolicyVersionCommand({ policyName, policyVersionId: oldest.versionId })),
      );
      deletedVersionId = oldest.versionId;
    } else if (request.dryRun) {
      return dryRun(`would create a new default version of ${policyName} (replacing version ${defaultVersionId}) and attach it to ${identityId}`, findings);
    }
    ui.progress(`CreatePolicyVersion ${policyName} (set as default)`);
    const created = await change('CreatePolicyVersion', `policy ${policyName}`, () =>
      write.send(new CreatePolicyVersionCommand({ policyName, policyDocument: request.policyText, setAsDefault: true })),
    );
    policy = 'new-version';
    versionId = created.policyVersionId;
  } else {
    ui.progress(`policy ${policyName} version ${deployed.defaultVersionId} already matches ${request.policyFile}`);
  }

  const attached = await call('ListAttachedPolicies', identityId, () => listAttached(read, identityId));
  if (attached.includes(policyName)) {
    const summary =
      policy === 'unchanged' ? 'nothing to do' : policy === 'created' ? `policy created (version ${versionId})` : `new default version ${versionId}`;
    ui.progress(`${policyName} is already attached to ${identityId}: ${summary}`);
    return {
      status: request.dryRun ? 'dry-run' : 'already-attached',
      policy,
      versionId,
      deletedVersionId,
      state: `policy ${policyName} (default version ${versionId}) is attached to ${identityId}`,
      findings,
    };
  }
  if (request.dryRun) return dryRun(`would attach ${policyName} (version ${versionId}) to ${identityId}`, findings);
  ui.progress(`AttachPolicy ${policyName} → ${identityId}`);
  await change('AttachPolicy', identityId, () => write.send(new AttachPolicyCommand({ policyName, target: identityId })));
  const confirmed = await call('ListAttachedPolicies', identityId, () => listAttached(read, identityId));
  if (!confirmed.includes(policyName)) return fail(`AttachPolicy succeeded but ListAttachedPolicies does not list ${policyName} for ${identityId}`);
  ui.progress(`confirmed: ${identityId} has ${confirmed.length} IoT polic${confirmed.length === 1 ? 'y' : 'ies'} attached (${confirmed.join(', ')})`);
  const state = `policy ${policyName} (default version ${versionId}${deletedVersionId ? `; version ${deletedVersionId} was deleted` : ''}) was attached to ${identityId}`;
  return { status: 'attached', policy, versionId, deletedVersionId, state, findings };
}

function dryRun(message: string, findings: Finding[]): AttachOutcome {
  return { status: 'dry-run', policy: 'not-touched', state: `dry run: ${message}; nothing was changed`, findings };
}
