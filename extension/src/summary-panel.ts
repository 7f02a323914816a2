/**
 * The "Access Summary" webview: what each identity class of the workspace's apps can do, from the engine's
 * summary (analyzer/summary) over the files `iot-policy-lens check` would read in the workspace folder,
 * recomputed when a file is saved. Static HTML, no scripts: everything it shows is escaped
 * (playground/src/summary-html.ts), and the page's CSP allows only its own style.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkProject, projectFilesOf } from '../../analyzer';
import { summarizeApps } from '../../analyzer/summary';
import { discoverFiles } from '../../cli/project-files';
import { summaryHtml } from '../../playground/src/summary-html';
import type { WorkspaceModel } from './workspace-model';

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 24px; }
table { border-collapse: collapse; margin: 4px 0 8px; }
th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; vertical-align: top; }
code { font-family: var(--vscode-editor-font-family); }
h3 { margin-top: 20px; }
`;

/** The page: the CSP allows nothing but its inline style (by nonce). */
export function summaryPage(body: string, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'">
<title>IoT Policy Lens: Access Summary</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h2>Access summary</h2>
${body}
</body>
</html>
`;
}

/** The summary of the apps in the folder, as HTML (an error in words when the files cannot be read). */
export function folderSummaryHtml(model: WorkspaceModel, folder: string): string {
  const { config, dir } = model.configFor(path.join(folder, 'iot-policy-lens.config.json'));
  const discovery = discoverFiles([folder], config, dir);
  const report = checkProject(projectFilesOf(discovery.files), { config, host: model.host });
  return summaryHtml(summarizeApps(report.apps));
}

let panel: vscode.WebviewPanel | undefined;

export function showAccessSummary(model: WorkspaceModel, log: vscode.LogOutputChannel): vscode.WebviewPanel {
  const folder = model.workspaceRoot(vscode.window.activeTextEditor?.document.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '.');
  if (panel) {
    panel.reveal();
    return panel;
  }
  const opened = vscode.window.createWebviewPanel('iotPolicyLens.accessSummary', 'IoT Policy Lens: Access Summary', vscode.ViewColumn.Beside, {
    enableScripts: false,
  });
  const render = () => {
    const started = performance.now();
    let body: string;
    try {
      body = folderSummaryHtml(model, folder);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`access summary: ${message}`);
      body = `<p>The summary could not be computed: ${message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`;
    }
    opened.webview.html = summaryPage(body, nonce());
    log.info(`access summary of ${model.displayPath(folder) || folder} in ${(performance.now() - started).toFixed(0)} ms`);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saved = vscode.workspace.onDidSaveTextDocument(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(render, 300);
  });
  opened.onDidDispose(() => {
    if (timer) clearTimeout(timer);
    saved.dispose();
    panel = undefined;
  });
  render();
  panel = opened;
  return opened;
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars.charAt(Math.floor(Math.random() * chars.length));
  return out;
}
