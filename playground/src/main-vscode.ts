/**
 * The VS Code "Simulator" webview: the same app on the workspace's files, which the extension sends as
 * messages (extension/src/simulator-panel.ts). Workers are fetched and started from blob: URLs, because a
 * webview cannot start a worker from its resource origin; the CSP allows exactly that (worker-src blob:).
 */
import { startApp, type PlaygroundApi } from './app';
import { setWorkers } from './monaco-setup';
import { queryFromScenario } from './samples';
import { DEFAULT_QUERY } from './engine';
import { emptyFiles, sanitize } from './state';
import { simulatorView } from './simulator-view';
import type { SimulatorMessage, SimulatorRequest } from './webview-html';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

declare global {
  interface Window {
    iotPolicyLens?: PlaygroundApi;
  }
}

const vscode = acquireVsCodeApi();
const assets = document.body.dataset.assets ?? './';
const workerSources = new Map<string, Promise<string>>();
setWorkers(async (label) => {
  if (!workerSources.has(label))
    workerSources.set(
      label,
      fetch(`${assets}workers/${label}.worker.js`).then((r) => r.text()),
    );
  const source = await workerSources.get(label)!;
  return new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { name: label });
});

const saved = sanitize(vscode.getState());
const bodyClasses = document.body.classList;
const api = startApp(document.getElementById('app')!, {
  kind: 'vscode',
  samples: [],
  initialState: saved ?? { files: emptyFiles(), extra: {}, query: { ...DEFAULT_QUERY }, tab: 'scenario' },
  dark: bodyClasses.contains('vscode-dark') || bodyClasses.contains('vscode-high-contrast'),
  persist: (state) => {
    vscode.setState(state);
    vscode.postMessage({ type: 'shown', view: simulatorView(state, api.analysis()) } satisfies SimulatorRequest);
  },
});
window.iotPolicyLens = api;

window.addEventListener('message', (event: MessageEvent<SimulatorMessage>) => {
  const message = event.data;
  if (message?.type !== 'files') return;
  api.updateFiles(message.files, message.extra, message.parameters);
  if (message.initial && message.files.scenario) {
    const query = queryFromScenario(message.files.scenario.text);
    if (query) api.load({ ...api.state(), query: { ...api.state().query, ...query } });
  }
});
vscode.postMessage({ type: 'ready' });
