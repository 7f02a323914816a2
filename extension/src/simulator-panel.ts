/**
 * The "Simulator" panel: the playground (playground/src, bundled by scripts/build-playground.js into
 * dist/simulator/) in a webview, on the workspace's files. Strict CSP: scripts by nonce only, nothing remote
 * (see playground/src/webview-html.ts). The panel sends the files' current text (unsaved edits included)
 * and sends them again when they change; edits made in the panel stay in the panel. A template goes in
 * the template editor: the panel simulates the identity classes of its app.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { scenarioPolicyFiles } from '../../analyzer';
import type { EditorId, FileState } from '../../playground/src/engine';
import { simulatorHtml, type SimulatorMessage, type SimulatorRequest, type SimulatorView } from '../../playground/src/webview-html';

/** Each entry is a file path (or a URI string); missing policies are taken from the scenario's references. */
export interface SimulatorFiles {
  authRole?: string;
  unauthRole?: string;
  iotPolicy?: string;
  scenario?: string;
  /** A CloudFormation/SAM, Serverless or Terraform file: the app of its identity pools. */
  template?: string;
}

/** The editors the panel fills from workspace files. */
const EDITORS = ['authRole', 'unauthRole', 'iotPolicy', 'scenario', 'template'] as const satisfies readonly (keyof SimulatorFiles & EditorId)[];

/** An open Simulator panel and what it last reported showing. */
export interface SimulatorPanel {
  panel: vscode.WebviewPanel;
  /** Undefined until the webview has shown the files it was sent. */
  view(): SimulatorView | undefined;
}

function toUri(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars.charAt(Math.floor(Math.random() * chars.length));
  return out;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return (await vscode.workspace.openTextDocument(uri)).getText();
  } catch {
    return undefined;
  }
}

const defined = (uris: Partial<Record<EditorId, vscode.Uri>>) => Object.values(uris).filter((u): u is vscode.Uri => u !== undefined);

/**
 * `parametersFor(file)`: the "parameters" of the config nearest the file, sent along so the templates a
 * scenario names are read with them, as the CLI and the editor read them.
 */
export function openSimulator(
  context: vscode.ExtensionContext,
  files: SimulatorFiles,
  parametersFor: (file: string) => Readonly<Record<string, string>> | undefined,
): SimulatorPanel {
  const assets = vscode.Uri.joinPath(context.extensionUri, 'dist', 'simulator');
  const panel = vscode.window.createWebviewPanel('iotPolicyLens.simulator', 'IoT Policy Lens: Simulator', vscode.ViewColumn.Beside, {
    enableScripts: true,
    localResourceRoots: [assets],
  });
  panel.webview.html = simulatorHtml({ cspSource: panel.webview.cspSource, nonce: nonce(), assetsBase: `${panel.webview.asWebviewUri(assets).toString()}/` });

  const scenarioUri = files.scenario ? toUri(files.scenario) : undefined;
  const explicit = Object.fromEntries(
    EDITORS.flatMap((id) => {
      const file = files[id];
      return file ? [[id, toUri(file)]] : [];
    }),
  ) as Partial<Record<EditorId, vscode.Uri>>;
  // Names as the scenario refers to them: relative to the scenario's folder (else to the first file's).
  const baseDir = path.dirname((scenarioUri ?? Object.values(explicit)[0])?.fsPath ?? '.');
  const nameOf = (uri: vscode.Uri) => path.relative(baseDir, uri.fsPath).split(path.sep).join('/') || path.basename(uri.fsPath);
  let watched = new Set<string>();

  const collect = async (initial: boolean): Promise<SimulatorMessage> => {
    const uris: Partial<Record<EditorId, vscode.Uri>> = { ...explicit };
    const extra: Record<string, string> = {};
    const scenarioText = scenarioUri ? await readText(scenarioUri) : undefined;
    if (scenarioUri && scenarioText !== undefined) {
      // Lenient: the scenario may be mid-edit; whatever references parse are followed (templates included, for "app").
      const refs = scenarioPolicyFiles(parse(scenarioText, [], { allowTrailingComma: true }));
      const resolve = (ref: string) => vscode.Uri.file(path.resolve(baseDir, ref));
      uris.authRole ??= refs.authRole === undefined ? undefined : resolve(refs.authRole);
      uris.unauthRole ??= refs.unauthRole === undefined ? undefined : resolve(refs.unauthRole);
      uris.iotPolicy ??= refs.iotPolicy === undefined ? undefined : resolve(refs.iotPolicy);
      const shown = new Set(defined(uris).map((u) => u.fsPath));
      for (const ref of new Set(refs.all)) {
        const uri = resolve(ref);
        if (shown.has(uri.fsPath)) continue;
        const text = await readText(uri);
        if (text !== undefined) extra[nameOf(uri)] = text;
      }
    }
    const out: Partial<Record<EditorId, FileState>> = {};
    for (const id of EDITORS) {
      const uri = uris[id];
      if (!uri) continue;
      const text = id === 'scenario' ? scenarioText : await readText(uri);
      if (text !== undefined) out[id] = { path: nameOf(uri), text };
    }
    watched = new Set([
      ...defined(uris).map((u) => u.toString()),
      ...Object.keys(extra).map((name) => vscode.Uri.file(path.resolve(baseDir, name)).toString()),
    ]);
    const parameters = parametersFor((scenarioUri ?? Object.values(explicit)[0])?.fsPath ?? baseDir);
    return { type: 'files', files: out, extra, ...(parameters && { parameters: { ...parameters } }), initial };
  };

  // "initial" lets the webview pick a first identity and topic from the scenario; a reloaded webview keeps its own.
  let sentInitial = false;
  const post = async () => {
    const initial = !sentInitial;
    sentInitial = true;
    await panel.webview.postMessage(await collect(initial));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown: SimulatorView | undefined;
  const disposables: vscode.Disposable[] = [
    panel.webview.onDidReceiveMessage((message: SimulatorRequest) => {
      if (message?.type === 'ready') void post();
      else if (message?.type === 'shown') shown = message.view;
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (!sentInitial || !watched.has(event.document.uri.toString())) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void post(), 300);
    }),
  ];
  panel.onDidDispose(() => {
    if (timer) clearTimeout(timer);
    disposables.forEach((d) => d.dispose());
  });
  context.subscriptions.push(panel);
  return { panel, view: () => shown };
}
