/**
 * The prover's bundle (dist/proof-commands.js, loaded on first use): "Prove" on scenarios with properties,
 * shown in the log and a quick pick, the verdicts kept in the Problems view (on each property) until the
 * scenario is edited or proved again; and "What does this change grant?" (change-grant.ts), which shares
 * the prover's engine code.
 */
import * as vscode from 'vscode';
import { loadProvableScenario, proveScenario, type PropertyResult } from '../../analyzer/prove';
import { toRange } from './convert';
import { keptDiagnostics } from './kept-diagnostics';
import type { WorkspaceModel } from './workspace-model';

export { whatDoesThisChangeGrantCommand } from './change-grant';

const MARK = { proved: '✓ PROVED', refuted: '✗ REFUTED', unknown: '? UNKNOWN' } as const;
/** A refuted property is an error and an unknown one a warning: unknown is never shown as passed. */
const SEVERITY = {
  proved: vscode.DiagnosticSeverity.Information,
  refuted: vscode.DiagnosticSeverity.Error,
  unknown: vscode.DiagnosticSeverity.Warning,
} as const;
export const PROOF_SOURCE = 'iot-policy-lens prove';

function keep(document: vscode.TextDocument, results: readonly PropertyResult[]): void {
  keptDiagnostics(PROOF_SOURCE).set(
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
  const { scenario, properties, problems } = loadProvableScenario(document.getText(), uri.fsPath, model.host, model.configFor(uri.fsPath).config);
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
