import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedPoliciesCommand,
  ListPolicyVersionsCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { lintPolicyText, type Finding, type ResolvedConfig } from '../analyzer';
import { AwsOperationError, explainAwsError } from './errors';
import { diffPolicies, formatDiff, samePolicy, type PolicyDiff } from './policy-diff';
import { identityIdProblem, policyNameProblem } from './settings';

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

/** Thrown with the state AWS was left in, so nothing is ever "half-done" without saying so. */
export class AttachError extends Error {
  constructor(message: string, readonly state: string, readonly cause?: AwsOperationError) {
    super(`${message}\nAWS state: ${state}`);
  }
}

/**
 * One-click AttachPolicy, safely: lint first (refuse error-level findings unless confirmed), create the
 * policy or a new default version when the deployed one differs (after showing the diff; at the 5-version
 * limit deleting only the oldest non-default version, after showing it), attach, then confirm with
 * ListAttachedPolicies. Attaching what is already attached is a no-op that says so.
 */
export async function attachPolicyToIdentity(client: IoTClient, request: AttachRequest, ui: AttachUi): Promise<AttachOutcome> {
  const problem = identityIdProblem(request.identityId) ?? policyNameProblem(request.policyName);
  if (problem) throw new AttachError(problem, 'nothing was changed');
  const { policyName, identityId } = request;
  const findings = lintPolicyText(request.policyText, request.policyFile, request.config?.lintOptionsFor(request.policyFile, 'iot') ?? { kind: 'iot' }).findings;
  const errors = findings.filter((f) => f.severity === 'error');
  ui.progress(`checked ${request.policyFile}: ${errors.length} error(s), ${findings.length - errors.length} other finding(s)`);
  ui.progress('note: IoT policies take effect for authenticated identities only; unauthenticated (guest) identities get just the identity pool\'s guest role');
  if (errors.length > 0 && !(await ui.confirmDespiteErrors(errors))) {
    return { status: 'refused', policy: 'not-touched', state: 'nothing was changed', findings };
  }
  let state = 'nothing was changed';
  const call = async <T>(operation: string, resource: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      const explained = explainAwsError(operation, error, resource);
      throw new AttachError(explained.message, state, explained);
    }
  };

  ui.progress(`GetPolicy ${policyName}`);
  const deployed = await call('GetPolicy', `policy ${policyName}`, () => client.send(new GetPolicyCommand({ policyName }))).catch((error: AttachError) => {
    if (error.cause?.code === 'ResourceNotFoundException') return undefined;
    throw error;
  });

  let policy: AttachOutcome['policy'] = 'unchanged';
  let versionId = deployed?.defaultVersionId;
  let deletedVersionId: string | undefined;
  if (!deployed) {
    if (request.dryRun) return dryRun(`would create policy ${policyName} from ${request.policyFile} and attach it to ${identityId}`, findings);
    ui.progress(`CreatePolicy ${policyName}`);
    const created = await call('CreatePolicy', `policy ${policyName}`, () => client.send(new CreatePolicyCommand({ policyName, policyDocument: request.policyText })));
    policy = 'created';
    versionId = created.policyVersionId;
    state = `policy ${policyName} was created (version ${versionId}); it is not attached to ${identityId}`;
  } else if (!samePolicy(deployed.policyDocument ?? '', request.policyText)) {
    const diff = diffPolicies(deployed.policyDocument ?? '{}', request.policyText, deployed.defaultVersionId ?? '?');
    // A dry run shows the diff and asks nothing.
    if (request.dryRun) ui.progress(`the deployed default version ${diff.deployedVersionId} differs from ${request.policyFile}:\n${formatDiff(diff)}`);
    else if (!(await ui.confirmNewVersion(diff))) return { status: 'cancelled', policy: 'not-touched', state, findings };
    ui.progress(`ListPolicyVersions ${policyName}`);
    const listed = await call('ListPolicyVersions', `policy ${policyName}`, () => client.send(new ListPolicyVersionsCommand({ policyName })));
    const versions: DeployedVersion[] = (listed.policyVersions ?? []).map((v) => ({ versionId: v.versionId ?? '', isDefault: v.isDefaultVersion === true, createDate: v.createDate }));
    if (versions.length >= MAX_VERSIONS) {
      // The list order is not guaranteed: the oldest is found by creation date, and the default is never a candidate.
      const oldest = versions.filter((v) => !v.isDefault).sort((a, b) => (a.createDate?.getTime() ?? 0) - (b.createDate?.getTime() ?? 0))[0];
      if (!oldest) throw new AttachError(`policy ${policyName} has ${versions.length} versions and none can be deleted`, state);
      if (request.dryRun) return dryRun(`would delete version ${oldest.versionId} of ${policyName}, create a new default version and attach it to ${identityId}`, findings);
      ui.progress(`GetPolicyVersion ${policyName} version ${oldest.versionId}`);
      const shown = await call('GetPolicyVersion', `policy ${policyName} version ${oldest.versionId}`, () => client.send(new GetPolicyVersionCommand({ policyName, policyVersionId: oldest.versionId })));
      if (!(await ui.confirmDeleteVersion({ ...oldest, document: shown.policyDocument }))) return { status: 'cancelled', policy: 'not-touched', state, findings };
      ui.progress(`DeletePolicyVersion ${policyName} version ${oldest.versionId}`);
      await call('DeletePolicyVersion', `policy ${policyName} version ${oldest.versionId}`, () => client.send(new DeletePolicyVersionCommand({ policyName, policyVersionId: oldest.versionId })));
      deletedVersionId = oldest.versionId;
      state = `version ${oldest.versionId} of policy ${policyName} was deleted; the default is still version ${deployed.defaultVersionId}`;
    } else if (request.dryRun) {
      return dryRun(`would create a new default version of ${policyName} (replacing version ${deployed.defaultVersionId}) and attach it to ${identityId}`, findings);
    }
    ui.progress(`CreatePolicyVersion ${policyName} (set as default)`);
    const created = await call('CreatePolicyVersion', `policy ${policyName}`, () => client.send(new CreatePolicyVersionCommand({ policyName, policyDocument: request.policyText, setAsDefault: true })));
    policy = 'new-version';
    versionId = created.policyVersionId;
    state = `policy ${policyName} has a new default version ${versionId}${deletedVersionId ? ` (version ${deletedVersionId} was deleted)` : ''}; it is not attached to ${identityId}`;
  } else {
    ui.progress(`policy ${policyName} version ${deployed.defaultVersionId} already matches ${request.policyFile}`);
  }

  const attached = await listAttached(client, identityId, call);
  if (attached.includes(policyName)) {
    const summary = policy === 'unchanged' ? 'nothing to do' : policy === 'created' ? `policy created (version ${versionId})` : `new default version ${versionId}`;
    ui.progress(`${policyName} is already attached to ${identityId}: ${summary}`);
    return { status: request.dryRun ? 'dry-run' : 'already-attached', policy, versionId, deletedVersionId, state: `policy ${policyName} (default version ${versionId}) is attached to ${identityId}`, findings };
  }
  if (request.dryRun) return dryRun(`would attach ${policyName} (version ${versionId}) to ${identityId}`, findings);
  ui.progress(`AttachPolicy ${policyName} → ${identityId}`);
  await call('AttachPolicy', identityId, () => client.send(new AttachPolicyCommand({ policyName, target: identityId })));
  state = `policy ${policyName} (default version ${versionId}) was attached to ${identityId}`;
  const confirmed = await listAttached(client, identityId, call);
  if (!confirmed.includes(policyName)) throw new AttachError(`AttachPolicy succeeded but ListAttachedPolicies does not list ${policyName} for ${identityId}`, state);
  ui.progress(`confirmed: ${identityId} has ${confirmed.length} IoT polic${confirmed.length === 1 ? 'y' : 'ies'} attached (${confirmed.join(', ')})`);
  return { status: 'attached', policy, versionId, deletedVersionId, state, findings };
}

function dryRun(message: string, findings: Finding[]): AttachOutcome {
  return { status: 'dry-run', policy: 'not-touched', state: `dry run: ${message}; nothing was changed`, findings };
}

type Call = <T>(operation: string, resource: string, send: () => Promise<T>) => Promise<T>;

/** Every IoT policy attached to the target, across pages. */
export async function listAttached(client: IoTClient, target: string, call: Call): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await call('ListAttachedPolicies', target, () => client.send(new ListAttachedPoliciesCommand({ target, marker, pageSize: 100 })));
    names.push(...(page.policies ?? []).map((p) => p.policyName ?? ''));
    marker = page.nextMarker;
  } while (marker);
  return names;
}
