/**
 * The AWS commands (bundled separately as dist/aws-commands.js and loaded on first use, so the SDK costs
 * nothing until someone attaches a policy). Every AWS call goes through aws/, shared with the CLI.
 */
import * as vscode from 'vscode';
import { attachPolicyToIdentity, type AttachOutcome, type AttachUi } from '../../aws/attach';
import { connectionProblem } from '../../aws/connection-settings';
import { AwsChangeError, AwsOperationError } from '../../aws/errors';
import { attachedPolicies, detachPolicyFromIdentity } from '../../aws/identity-policies';
import { fetchLiveConfiguration } from '../../aws/live-review';
import { formatDiff } from '../../aws/policy-diff';
import {
  cognitoIdentityClient,
  iamClient,
  identityIdProblem,
  identityPoolIdProblem,
  iotClients,
  policyNameFromFile,
  policyNameProblem,
  type AwsSettings,
} from '../../aws/settings';
import { writeLiveFiles } from '../../aws/write-live-files';
import type { Finding, ResolvedConfig } from '../../analyzer';
import { requireTrust } from './trust';

export interface AttachArgs {
  identityId?: string;
  policyName?: string;
  /** Answer yes to the version confirmations (scripts and tests); error-level findings still need allowErrors. */
  assumeYes?: boolean;
  allowErrors?: boolean;
}

export interface DetachArgs {
  identityId?: string;
  policyName?: string;
  assumeYes?: boolean;
}

export interface ReviewArgs {
  identityPoolId?: string;
  identityIds?: string[];
  /** Absolute folder the live files are written into (default: the first workspace folder). */
  folder?: string;
}

const RECENT_KEY = 'iotPolicyLens.recentIdentityIds';

/**
 * The AWS settings, for a trusted workspace only: in Restricted Mode no AWS call is made (package.json also
 * disables the commands there, and keeps the workspace's endpoint and profile out of reach).
 */
function settings(): AwsSettings {
  requireTrust('AWS commands are');
  const config = vscode.workspace.getConfiguration('iotPolicyLens.aws');
  const endpoint = config.get<string>('endpoint') || undefined;
  const timeoutSeconds = config.get<number>('timeoutSeconds') || undefined;
  const problem = connectionProblem(
    { endpoint, timeout: timeoutSeconds },
    { endpoint: 'iotPolicyLens.aws.endpoint', timeout: 'iotPolicyLens.aws.timeoutSeconds' },
  );
  if (problem) throw new Error(problem);
  return { region: config.get<string>('region') || undefined, profile: config.get<string>('profile') || undefined, endpoint, timeoutSeconds };
}

async function askIdentityId(context: vscode.ExtensionContext): Promise<string | undefined> {
  const recent = context.globalState.get<string[]>(RECENT_KEY, []);
  const pick = recent.length
    ? await vscode.window.showQuickPick([...recent.map((id) => ({ label: id })), { label: '$(add) Another identity ID…' }], { title: 'Cognito identity ID' })
    : { label: '$(add) Another identity ID…' };
  if (!pick) return undefined;
  if (!pick.label.startsWith('$(add)')) return pick.label;
  return vscode.window.showInputBox({
    title: 'Cognito identity ID',
    prompt: 'region:uuid, e.g. us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab',
    validateInput: (v) => identityIdProblem(v.trim()) ?? null,
    ignoreFocusOut: true,
  });
}

async function remember(context: vscode.ExtensionContext, identityId: string): Promise<void> {
  const recent = context.globalState.get<string[]>(RECENT_KEY, []).filter((id) => id !== identityId);
  await context.globalState.update(RECENT_KEY, [identityId, ...recent].slice(0, 10));
}

function interactiveUi(
  log: vscode.LogOutputChannel,
  progress: vscode.Progress<{ message?: string }>,
  args: AttachArgs,
  file: string,
  policyName: string,
): AttachUi {
  const modal = async (message: string, action: string) => (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
  return {
    progress: (message) => {
      log.info(message);
      progress.report({ message });
    },
    confirmDespiteErrors: async (findings) => {
      findings.forEach((f) => log.warn(`${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`));
      if (args.allowErrors !== undefined) return args.allowErrors;
      return overrideDeliberately(file, policyName, findings);
    },
    confirmNewVersion: async (diff) => {
      log.info(`deployed version ${diff.deployedVersionId} differs from ${file}:\n${formatDiff(diff)}`);
      if (args.assumeYes) return true;
      const deployed = await vscode.workspace.openTextDocument({
        language: 'json',
        content: diff.lines
          .filter((l) => l.kind !== 'added')
          .map((l) => l.text)
          .join('\n'),
      });
      await vscode.commands.executeCommand(
        'vscode.diff',
        deployed.uri,
        vscode.Uri.file(file),
        `${policyName}: deployed v${diff.deployedVersionId} ↔ ${vscode.workspace.asRelativePath(file)}`,
      );
      return modal(
        `The deployed default version ${diff.deployedVersionId} of ${policyName} differs (diff opened). Create a new default version from this file? It changes access at once for every identity the policy is attached to.`,
        'Create version',
      );
    },
    confirmDeleteVersion: async (version) => {
      log.info(`${policyName} has 5 versions; the oldest non-default is ${version.versionId}:\n${version.document ?? '(document not available)'}`);
      if (args.assumeYes) return true;
      if (version.document)
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content: version.document }), { preview: true });
      return modal(
        `${policyName} already has 5 versions. Delete version ${version.versionId} (the oldest non-default, created ${version.createDate?.toLocaleString() ?? '?'}) to make room?`,
        `Delete version ${version.versionId}`,
      );
    },
  };
}

/**
 * Like the CLI, error-level findings refuse the attach. The refusal names the findings itself (the Problems
 * view may not show them, e.g. for a file that is not linted as JSON), its first button is the safe one,
 * and overriding takes a second, typed step: retyping the policy name.
 */
async function overrideDeliberately(file: string, policyName: string, findings: readonly Finding[]): Promise<boolean> {
  const shown = findings
    .slice(0, 3)
    .map((f) => `line ${f.range.start.line}: ${f.message}`)
    .join('; ');
  const more = findings.length > 3 ? `; and ${findings.length - 3} more` : '';
  const refusal = `Refused: ${vscode.workspace.asRelativePath(file)} has ${findings.length} error-level finding(s): ${shown}${more}. Nothing was sent to AWS.`;
  const choice = await vscode.window.showErrorMessage(refusal, 'Show Problems', 'Override…');
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  if (choice !== 'Override…') return false;
  const typed = await vscode.window.showInputBox({
    title: `Attach ${policyName} despite ${findings.length} error-level finding(s)`,
    prompt: `Type the policy name (${policyName}) to attach it anyway`,
    validateInput: (value) => (value === policyName ? null : `type ${policyName} exactly, or press Escape to keep the refusal`),
    ignoreFocusOut: true,
  });
  return typed === policyName;
}

/** "Attach to Cognito identity…": the same safe flow as `iot-policy-lens attach`, with progress and prompts. */
export async function attachCommand(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  uri: vscode.Uri,
  args: AttachArgs,
  config: ResolvedConfig,
  configPath: string,
): Promise<AttachOutcome | undefined> {
  const document = await vscode.workspace.openTextDocument(uri);
  const identityId = args.identityId ?? (await askIdentityId(context));
  if (!identityId) return undefined;
  const idProblem = identityIdProblem(identityId);
  if (idProblem) throw new Error(idProblem);
  const policyName =
    args.policyName ??
    (await vscode.window.showInputBox({
      title: 'IoT policy name',
      value: policyNameFromFile(uri.fsPath),
      validateInput: (v) => policyNameProblem(v) ?? null,
      ignoreFocusOut: true,
    }));
  if (!policyName) return undefined;
  await remember(context, identityId);
  log.info(`attach ${vscode.workspace.asRelativePath(uri)} as ${policyName} to ${identityId}`);
  try {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Attaching ${policyName}`, cancellable: false },
      (progress) =>
        attachPolicyToIdentity(
          iotClients(settings()),
          { policyText: document.getText(), policyFile: configPath, policyName, identityId, config },
          interactiveUi(log, progress, args, uri.fsPath, policyName),
        ),
    );
    log.info(`${outcome.status}: ${outcome.state}`);
    vscode.window.setStatusBarMessage(`IoT Policy Lens: ${outcome.status} — ${outcome.state}`, 8000);
    return outcome;
  } catch (error) {
    if (error instanceof AwsChangeError) throw new Error(error.message.replace('\n', ' — '));
    throw error;
  }
}

function explained<T>(work: () => Promise<T>): Promise<T> {
  return Promise.resolve()
    .then(work)
    .catch((error) => {
      if (error instanceof AwsChangeError) throw new Error(error.message.replace('\n', ' — '));
      throw error instanceof AwsOperationError ? new Error(error.message) : error;
    });
}

export async function listAttachedCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, identityId?: string): Promise<string[] | undefined> {
  const id = identityId ?? (await askIdentityId(context));
  if (!id) return undefined;
  const problem = identityIdProblem(id);
  if (problem) throw new Error(problem);
  const names = await explained(() => attachedPolicies(iotClients(settings()).read, id));
  log.info(`${id}: ${names.length ? names.join(', ') : 'no IoT policy attached'}`);
  if (!identityId)
    void vscode.window.showQuickPick(
      names.length ? names.map((label) => ({ label })) : [{ label: 'No IoT policy attached: this identity is denied every data-plane action' }],
      { title: `IoT policies attached to ${id}` },
    );
  return names;
}

export async function detachCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, args: DetachArgs): Promise<string | undefined> {
  const identityId = args.identityId ?? (await askIdentityId(context));
  if (!identityId) return undefined;
  const names = await listAttachedCommand(context, log, identityId);
  const policyName = args.policyName ?? (await vscode.window.showQuickPick(names ?? [], { title: `Detach which policy from ${identityId}?` }));
  if (!policyName) return undefined;
  if (!args.assumeYes && (await vscode.window.showWarningMessage(`Detach ${policyName} from ${identityId}?`, { modal: true }, 'Detach')) !== 'Detach')
    return undefined;
  const result = await explained(() => detachPolicyFromIdentity(iotClients(settings()), policyName, identityId));
  log.info(`${policyName} ${result === 'detached' ? 'detached from' : 'was not attached to'} ${identityId}`);
  return result;
}

/** Fetches the live roles and IoT policies into a folder of the workspace, where the usual checks run on them. */
export async function reviewIdentityPoolCommand(log: vscode.LogOutputChannel, args: ReviewArgs): Promise<string[] | undefined> {
  const poolId =
    args.identityPoolId ??
    (await vscode.window.showInputBox({ title: 'Identity pool ID', validateInput: (v) => identityPoolIdProblem(v.trim()) ?? null, ignoreFocusOut: true }));
  if (!poolId) return undefined;
  const ids =
    args.identityIds ??
    (await vscode.window.showInputBox({ title: 'Identity IDs whose attached IoT policies to read (comma-separated, optional)', ignoreFocusOut: true }))
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (ids === undefined) return undefined;
  const root = args.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) throw new Error('open a folder first: the live policies are written into it');
  const s = settings();
  const live = await explained(() => fetchLiveConfiguration({ cognito: cognitoIdentityClient(s), iam: iamClient(s), iot: iotClients(s).read }, poolId, ids));
  const folder = vscode.Uri.joinPath(vscode.Uri.file(root), `live-${poolId.replace(':', '-')}`);
  // A config beside the files gives them their kinds, so they are checked exactly like local policies.
  const kinds = { kinds: { 'roles/auth-role/*.json': 'auth-role', 'roles/guest-role/*.json': 'unauth-role', 'iot-policies/*.json': 'iot' } };
  const files = [...live.files, { path: 'iot-policy-lens.config.json', content: `${JSON.stringify(kinds, null, 2)}\n`, origin: 'the kinds of the files read' }];
  // The same exclusive, link-refusing writes as `review --out`: nothing in the workspace is replaced.
  writeLiveFiles(folder.fsPath, files);
  const targets = files.map((f) => ({ ...f, uri: vscode.Uri.joinPath(folder, f.path) }));
  for (const target of targets) log.info(`${target.origin} → ${vscode.workspace.asRelativePath(target.uri)}`);
  for (const target of targets.filter((t) => !t.path.endsWith('config.json')))
    await vscode.window.showTextDocument(target.uri, { preview: false, preserveFocus: true });
  return targets.map((t) => t.uri.fsPath);
}
