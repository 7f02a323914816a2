/**
 * "What does this change grant?": the file in the editor, unsaved edits included, against its version at git
 * HEAD — a policy for the identities its kind applies to, a template (CloudFormation, SAM, Serverless,
 * Terraform) per identity class of the apps it describes. The engine compares (diffFileVersions) and says it
 * as findings (accessFindings), exactly as `iot-policy-lens diff --base HEAD <file>` does; here they go to the
 * Problems view (kept until the file is edited or compared again), the log and a quick pick.
 */
import * as vscode from 'vscode';
import { classifyFile, diffFileVersions, formatLocation, isTemplateFormat, type Finding, type ProjectFile } from '../../analyzer';
import { accessFindings } from '../../analyzer/prove';
import { toDiagnostic, toRange } from './convert';
import { readAtHead, type HeadVersion } from './git-head';
import { keptDiagnostics } from './kept-diagnostics';
import { requireTrust } from './trust';
import type { WorkspaceModel } from './workspace-model';

export const DIFF_SOURCE = 'iot-policy-lens diff';

const MARK = { error: '$(error)', warning: '$(warning)', info: '$(info)' } as const;

/** The file now, as the engine reads it: a policy with its kind, or a template. */
function currentVersion(model: WorkspaceModel, file: string, text: string): ProjectFile {
  const shown = model.displayPath(file);
  const format = classifyFile(file, text)?.format;
  const info = model.configFor(file);
  const configPath = model.configPath(file, info);
  if (format === 'policy') {
    const { kind } = model.kindOf(file);
    if (!kind) throw new Error(`set the kind of ${shown} first: what a change grants depends on who the policy is for`);
    return { path: shown, configPath, text, role: 'policy', kind };
  }
  if (format && isTemplateFormat(format)) return { path: shown, configPath, text, role: 'template', format };
  throw new Error(
    `${shown} is ${format && format !== 'other' ? `a ${format} file` : 'neither a policy nor a template'}: what a change grants is asked of policies and templates`,
  );
}

/** The HEAD version, read as `diff --base` reads it: a policy as a policy of the same kind; a template only if it was one then. */
function headVersion(now: ProjectFile, label: string, text: string): ProjectFile | undefined {
  if (now.role === 'policy') return { ...now, path: label, text };
  const found = classifyFile(now.path, text);
  return found && isTemplateFormat(found.format) ? { ...now, path: label, text, format: found.format } : undefined;
}

/** What the file was compared with, in words: a file not in HEAD is all new, and the words say so. */
function baseOf(head: HeadVersion, paired: boolean): string {
  if ('absent' in head) return 'git HEAD, which does not have it (a new file: everything it allows is new access)';
  return paired ? 'git HEAD' : `git HEAD, where ${head.label} is not a template (everything it allows is new access)`;
}

/**
 * The findings in the log (one line each: where, how severe, which rule, what) and in a quick pick, where
 * picking one shows its place while the text is still the one compared.
 */
function present(log: vscode.LogOutputChannel, document: vscode.TextDocument, findings: readonly Finding[], words: { title: string; empty: string }): void {
  const { version } = document;
  log.info(`${words.title}: ${findings.length > 0 ? `${findings.length} finding(s)` : words.empty}`);
  findings.forEach((f) => log.info(`  ${formatLocation(f.range)} ${f.severity} ${f.ruleId} ${f.message}`));
  const items: Array<vscode.QuickPickItem & { finding?: Finding }> =
    findings.length > 0
      ? findings.map((finding) => ({
          label: `${MARK[finding.severity]} ${finding.message}`,
          description: finding.ruleId,
          detail: formatLocation(finding.range),
          finding,
        }))
      : [{ label: words.empty }];
  void vscode.window
    .showQuickPick(items, {
      title: `${words.title}: the access the change grants and removes (kept in the Problems view)`,
      matchOnDescription: true,
      matchOnDetail: true,
    })
    .then((picked) => {
      if (picked?.finding && document.version === version)
        void vscode.window.showTextDocument(document, { selection: toRange(document, picked.finding.range) });
    });
}

export async function whatDoesThisChangeGrantCommand(
  model: WorkspaceModel,
  log: vscode.LogOutputChannel,
  uri: vscode.Uri,
  extensionUri: vscode.Uri,
): Promise<Finding[]> {
  requireTrust('comparing with git HEAD is');
  const kept = keptDiagnostics(DIFF_SOURCE);
  // A comparison that fails leaves no earlier answer standing.
  kept.delete(uri);
  if (uri.scheme !== 'file') throw new Error(`${uri.toString(true)} is not a file on disk: only a file in a git repository has a HEAD version`);
  const document = await vscode.workspace.openTextDocument(uri);
  const { version } = document;
  const shown = model.displayPath(uri.fsPath);
  const now = currentVersion(model, uri.fsPath, document.getText());
  const head = await readAtHead(uri.fsPath, now.role === 'policy' ? 'policy' : 'scenario');
  if (document.version !== version) throw new Error(`${shown} changed while it was compared with git HEAD: run the command again`);
  const old = 'text' in head ? headVersion(now, head.label, head.text) : undefined;
  const compared = diffFileVersions({ ...(old && { old }), new: now }, { config: model.configFor(uri.fsPath).config, host: model.host });
  if (compared.invalid.length > 0) throw new Error(`${compared.invalid.map((p) => `${formatLocation(p.range)}: ${p.message}`).join('; ')}: nothing compared`);
  const findings = accessFindings(compared.diffs, [], undefined, compared.unknowns);
  kept.set(
    uri,
    findings.map((f) => toDiagnostic(document, f, extensionUri, DIFF_SOURCE)),
  );

  // Nothing found is "no change" only when something was compared; a template that describes no access in either version says so.
  const empty =
    compared.diffs.length > 0 ? 'This change grants and removes no access' : `Nothing compared: ${shown} describes no identity's access in either version`;
  present(log, document, findings, { title: `${shown} against ${baseOf(head, old !== undefined)}`, empty });
  return findings;
}
