/**
 * The simulator webview's HTML and Content-Security-Policy. Pure (no vscode import), so the extension
 * (extension/src/simulator-panel.ts) and the browser tests build exactly the same page.
 *
 * Strict: scripts only by nonce (no inline handlers, no eval — the bundle precompiles the JSON-schema
 * validators), nothing remote; `worker-src blob:` for Monaco's workers, `connect-src` to fetch them from
 * the extension's own resources. Monaco injects <style> elements, hence 'unsafe-inline' for styles only.
 */
import type { EditorId, Files, Verb, VerdictRow } from './engine';

/** Extension → webview: the workspace files to show (`initial`: the first message after "ready"). */
export interface SimulatorMessage {
  type: 'files';
  files: Partial<Files>;
  extra?: Record<string, string>;
  /** The "parameters" of the config nearest the scenario: the templates it names are read with them, as the CLI reads them. */
  parameters?: Record<string, string>;
  initial?: boolean;
}

/**
 * What the panel shows, reported to the extension whenever the panel keeps its state (after each check or
 * change of the question): the extension's tests and log read the panel through it.
 */
export interface SimulatorView {
  /** `template`: the template editor holds the app (the policy editors are not used). */
  mode: 'template' | 'policies';
  /** The file name each editor in use shows (those left empty are not listed). */
  files: Partial<Record<EditorId, string>>;
  /** With a template: the identity classes of its app offered, and the one asked about. */
  classes: Array<{ key: string; label: string; unknown: boolean }>;
  selectedClass?: string;
  /** "Who may do what" for the current question. */
  verdicts: Array<{ verb: Verb; decision: VerdictRow['decision']; reason?: string }>;
}

/** Webview → extension. */
export type SimulatorRequest = { type: 'ready' } | { type: 'shown'; view: SimulatorView };

export interface SimulatorHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce per page. */
  nonce: string;
  /** `webview.asWebviewUri(extension/dist/simulator)` as a string ending in `/`. */
  assetsBase: string;
  title?: string;
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function simulatorCsp({ cspSource, nonce }: Pick<SimulatorHtmlOptions, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function simulatorHtml(options: SimulatorHtmlOptions): string {
  const base = options.assetsBase.endsWith('/') ? options.assetsBase : `${options.assetsBase}/`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(simulatorCsp(options))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(base)}app.css">
<title>${attr(options.title ?? 'IoT Policy Lens: Simulator')}</title>
</head>
<body data-assets="${attr(base)}">
<div id="app"></div>
<script nonce="${attr(options.nonce)}" src="${attr(base)}app.js"></script>
</body>
</html>
`;
}
