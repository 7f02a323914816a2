import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const SOURCE = 'iot-policy-lens';

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return folder.uri.fsPath;
}

export function fixtureUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relative));
  return vscode.window.showTextDocument(document);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** What the extension host holds of the document, for a failure message. */
function documentState(uri: vscode.Uri): string {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document) return 'the document is not open';
  return `document version ${document.version}, ${document.isDirty ? 'unsaved' : 'saved'}, ${differsFromDisk(document) ? 'text differs from the file' : 'text is the file'}, language ${document.languageId}`;
}

/** Waits until our diagnostics for `uri` satisfy `accept` (they arrive asynchronously, debounced). */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 45_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = ours(uri);
    if (accept(now)) return resolve(now);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(
          `diagnostics for ${uri.fsPath} never matched; last: ${JSON.stringify(ours(uri).map((d) => `${d.range.start.line}:${d.range.start.character} ${codeOf(d)}`))}; ${documentState(uri)}`,
        ),
      );
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = ours(uri);
      if (accept(diagnostics)) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(diagnostics);
      }
    });
  });
}

export async function replaceInDocument(editor: vscode.TextEditor, search: string, replacement: string): Promise<void> {
  const text = editor.document.getText();
  const at = text.indexOf(search);
  if (at === -1) throw new Error(`"${search}" not in ${editor.document.fileName}`);
  const ok = await editor.edit((edit) =>
    edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + search.length)), replacement),
  );
  if (!ok) throw new Error('edit refused');
}

function onDisk(document: vscode.TextDocument): string | undefined {
  try {
    return fs.readFileSync(document.uri.fsPath, 'utf8');
  } catch {
    return undefined;
  }
}

/** Unsaved, or its text is not the file's: `isDirty` reaches the extension host after the edit itself, so it alone can lag. */
function differsFromDisk(document: vscode.TextDocument): boolean {
  const saved = onDisk(document);
  return document.isDirty || (saved !== undefined && document.getText() !== saved);
}

/**
 * Reverts every workspace file whose text is not what is on disk and closes all editors, so no test sees
 * another's edits. Each file is reverted in its own editor (the revert command acts on the active one, which
 * a command's view may have taken), and the revert is awaited until the document's text is the file's.
 */
export async function revertAllAndClose(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && !d.isClosed && differsFromDisk(d))) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    for (const started = Date.now(); differsFromDisk(document); await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() - started > 45_000) throw new Error(`could not revert ${document.fileName}`);
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function readFile(relative: string): string {
  return fs.readFileSync(path.join(workspaceRoot(), relative), 'utf8');
}

export interface LensApi {
  ready: () => Promise<{
    lensForTests: () =>
      | {
          diagnostics: {
            state: (uri: vscode.Uri) => { elapsedMs: number; version: number } | undefined;
            check: (document: vscode.TextDocument) => unknown;
          };
          scenarios: { verdictMarks: (document: vscode.TextDocument) => Array<{ position: vscode.Position; text: string }> };
        }
      | undefined;
  }>;
  activationMs: () => number;
}

export async function activateExtension(): Promise<LensApi> {
  const extension = vscode.extensions.getExtension('iot-policy-lens.iot-policy-lens');
  if (!extension) throw new Error('extension iot-policy-lens.iot-policy-lens is not installed in this host');
  const api = (await extension.activate()) as LensApi;
  await api.ready();
  return api;
}

/**
 * Saves a screenshot of the workbench as test-artifacts/<name>.png: the runner (scripts/run-vscode-tests.js),
 * which drives the browser, answers a request file. Resolves with the file once it is written.
 */
export async function screenshot(name: string, timeoutMs = 60_000): Promise<string> {
  const dir = process.env.LENS_TEST_SCREENSHOT_DIR;
  if (!dir) throw new Error('LENS_TEST_SCREENSHOT_DIR is not set: run the suite through scripts/run-vscode-tests.js');
  const target = path.join(dir, `${name}.png`);
  fs.rmSync(target, { force: true });
  fs.writeFileSync(path.join(dir, `${name}.request`), '');
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 100))) {
    if (fs.existsSync(target)) return target;
  }
  throw new Error(`no screenshot ${target} within ${timeoutMs} ms`);
}
