import * as vscode from 'vscode';

const collections = new Map<string, vscode.DiagnosticCollection>();

/**
 * A collection for results a command computed on one version of a document (proof verdicts, the access a
 * change grants): they stay in the Problems view until the document is edited (then they are stale, so
 * cleared) or the command runs again.
 */
export function keptDiagnostics(name: string): vscode.DiagnosticCollection {
  let collection = collections.get(name);
  if (!collection) {
    const created = vscode.languages.createDiagnosticCollection(name);
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) created.delete(event.document.uri);
    });
    collections.set(name, (collection = created));
  }
  return collection;
}
