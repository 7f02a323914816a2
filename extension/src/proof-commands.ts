/**
 * "Prove" on scenarios with properties, and "What does this change grant?" on policies: the engine's
 * prover and access diff, shown in the log and a quick pick; proof verdicts also stay in the Problems view
 * (on each property) until the scenario is edited or proved again.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyKind } from '../../analyzer';
import { compilePolicyFor, diffAccess, loadProvableScenario, proveScenario, type AccessDiff, type PropertyResult } from '../../analyzer/prove';
import { toRange } from './convert';
import { requireTrust } from './trust';
import type { WorkspaceModel } from './workspace-model';

const MARK = { proved: '✓ PROVED', refuted: '✗ REFUTED', unknown: '? UNKNOWN' } as const;
/** A refuted property is an error and an unknown one a warning: unknown is never shown as passed. */
const SEVERITY = {
  proved: vscode.DiagnosticSeverity.Information,
  refuted: vscode.DiagnosticSeverity.Error,
  unknown: vscode.DiagnosticSeverity.Warning,
} as const;
export const PROOF_SOURCE = 'iot-policy-lens prove';

let proofs: vscode.DiagnosticCollection | undefined;

/** The collection holding the last proof of each scenario; an edit makes it stale, so it is cleared. */
function proofDiagnostics(): vscode.DiagnosticCollection {
  if (!proofs) {
    const collection = vscode.languages.createDiagnosticCollection(PROOF_SOURCE);
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) collection.delete(event.document.uri);
    });
    proofs = collection;
  }
  return proofs;
}

function keep(document: vscode.TextDocument, results: readonly PropertyResult[]): void {
  proofDiagnostics().set(
    document.uri,
    results.map((r) => {
      const why = r.counterexample ? ` — counterexample: ${r.counterexample.summary}` : r.reasons.length ? ` — unknown because ${r.reasons.join('; ')}` : '';
      const diagnostic = new vscode.Diagnostic(toRange(document, r.range), `${MARK[r.verdict]} ${r.name ?? r.title}${why}`, SEVERITY[r.verdict]);
      diagnostic.source = PROOF_SOURCE;
      return diagnostic;
    }),
  );
}

export async function proveCommand(model: WorkspaceModel, log: vscode.LogOutputChannel, uri: vscode.Uri): Promise<PropertyResult[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const { scenario, properties, problems } = loadProvableScenario(document.getText(), uri.fsPath, model.host);
  if (!scenario)
    throw new Error(`${model.displayPath(uri.fsPath)} cannot be proved: ${problems.find((p) => p.severity === 'error')?.message ?? 'it has no scenario'}`);
  if (properties.length === 0) throw new Error(`${model.displayPath(uri.fsPath)} has no "properties" to prove`);
  const results = proveScenario(scenario, properties);
  for (const result of results) {
    log.info(`${MARK[result.verdict]} ${result.title} (${result.elapsedMs.toFixed(1)} ms)`);
    if (result.counterexample) log.info(`  counterexample: ${result.counterexample.summary}`);
    result.reasons.forEach((reason) => log.info(`  unknown because ${reason}`));
  }
  keep(document, results);
  void vscode.window.showQuickPick(
    results.map((r) => ({ label: `${MARK[r.verdict]} ${r.name ?? r.title}`, detail: r.counterexample?.summary ?? r.reasons.join('; ') })),
    { title: `Properties of ${model.displayPath(uri.fsPath)} (kept in the Problems view)` },
  );
  return results;
}

function gitShowHead(file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['show', `HEAD:./${path.basename(file)}`], { cwd: path.dirname(file), maxBuffer: 1 << 24 }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
}

/** Compares the file (unsaved edits included) with its version at git HEAD. */
export async function whatDoesThisChangeGrantCommand(model: WorkspaceModel, log: vscode.LogOutputChannel, uri: vscode.Uri): Promise<AccessDiff> {
  requireTrust('comparing with git HEAD is');
  const document = await vscode.workspace.openTextDocument(uri);
  const { kind } = model.kindOf(uri.fsPath);
  if (!kind) throw new Error(`set the kind of ${model.displayPath(uri.fsPath)} first: what a change grants depends on who the policy is for`);
  const before = await gitShowHead(uri.fsPath);
  const oldPolicies = before === undefined ? [] : [compilePolicyFor(before, `HEAD:${model.displayPath(uri.fsPath)}`, kind as PolicyKind)];
  const diff = diffAccess(oldPolicies, [compilePolicyFor(document.getText(), model.displayPath(uri.fsPath), kind as PolicyKind)], kind as PolicyKind);
  const lines = diff.changes.flatMap((change) => [
    ...(change.granted
      ? [
          `+ ${change.identityType} ${change.actions.join('/')}: ${change.granted.examples
            .map((e) => e.resource)
            .slice(0, 3)
            .join(', ')}`,
        ]
      : []),
    ...(change.removed
      ? [
          `- ${change.identityType} ${change.actions.join('/')}: ${change.removed.examples
            .map((e) => e.resource)
            .slice(0, 3)
            .join(', ')}`,
        ]
      : []),
  ]);
  log.info(
    `${model.displayPath(uri.fsPath)} against ${before === undefined ? 'nothing (not in git HEAD)' : 'git HEAD'}: ${lines.length ? '' : 'no access granted or removed'}`,
  );
  lines.forEach((line) => log.info(`  ${line}`));
  void vscode.window.showQuickPick(lines.length ? lines.map((label) => ({ label })) : [{ label: 'This change grants and removes no access' }], {
    title: `What ${model.displayPath(uri.fsPath)} grants compared with git HEAD`,
  });
  return diff;
}
