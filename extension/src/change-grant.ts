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
import { kindAtHead } from './head-kind';
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

/**
 * The HEAD version, read as `diff --base` reads it: a policy with the kind it had then (head-kind.ts), a
 * template only if it was one then; with what it was compared with, in words. A file not in HEAD, a policy
 * nothing gave a kind then, or a file that was no template is all new, and the words say so.
 */
async function headVersion(model: WorkspaceModel, file: string, now: ProjectFile, head: HeadVersion): Promise<{ old?: ProjectFile; base: string }> {
  if ('absent' in head) return { base: 'git HEAD, which does not have it (a new file: everything it allows is new access)' };
  const { label, text } = head;
  if (now.role === 'policy') {
    const kind = await kindAtHead(model, file);
    if (!kind) return { base: `git HEAD, where neither the config nor a scenario gave ${label} a kind (everything it allows is new access)` };
    return {
      old: { ...now, path: label, text, kind },
      base: kind === now.kind ? 'git HEAD' : `git HEAD, where ${label} was ${kind} (what it grants as ${now.kind} is new access)`,
    };
  }
  const found = classifyFile(now.path, text);
  if (!found || !isTemplateFormat(found.format)) return { base: `git HEAD, where ${label} is not a template (everything it allows is new access)` };
  return { old: { ...now, path: label, text, format: found.format }, base: 'git HEAD' };
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
  const { old, base } = await headVersion(model, uri.fsPath, now, head);
  if (document.version !== version) throw new Error(`${shown} changed while it was compared with git HEAD: run the command again`);
  // A policy given to other identities since HEAD: the old version left its class, the new one is new in its own.
  const pairs = old && old.kind !== now.kind ? [{ old }, { new: now }] : [{ ...(old && { old }), new: now }];
  const options = { config: model.configFor(uri.fsPath).config, host: model.host };
  const compared = pairs.map((pair) => diffFileVersions(pair, options));
  const invalid = compared.flatMap((c) => c.invalid);
  if (invalid.length > 0) throw new Error(`${invalid.map((p) => `${formatLocation(p.range)}: ${p.message}`).join('; ')}: nothing compared`);
  const diffs = compared.flatMap((c) => c.diffs);
  const findings = accessFindings(
    diffs,
    [],
    undefined,
    compared.flatMap((c) => c.unknowns),
  );
  kept.set(
    uri,
    findings.map((f) => toDiagnostic(document, f, extensionUri, DIFF_SOURCE)),
  );

  // Nothing found is "no change" only when something was compared; a template that describes no access in either version says so.
  const empty = diffs.length > 0 ? 'This change grants and removes no access' : `Nothing compared: ${shown} describes no identity's access in either version`;
  present(log, document, findings, { title: `${shown} against ${base}`, empty });
  return findings;
}
