/**
 * The simulator webview's HTML and Content-Security-Policy. Pure (no vscode import), so the extension
 * (extension/src/simulator-panel.ts) and the browser tests build exactly the same page.
 *
 * Strict: scripts only by nonce (no inline handlers, no eval — the bundle precompiles the JSON-schema
 * validators), nothing remote; `worker-src blob:` for Monaco's workers, `connect-src` to fetch them from
 * the extension's own resources. Monaco injects <style> elements, hence 'unsafe-inline' for styles only.
 */
import type { Files } from './engine';

/** Extension → webview: the workspace files to show (`initial`: the first message after "ready"). */
export interface SimulatorMessage {
  type: 'files';
  files: Partial<Files>;
  extra?: Record<string, string>;
  /** The "parameters" of the config nearest the scenario: the templates it names are read with them, as the CLI reads them. */
  parameters?: Record<string, string>;
  initial?: boolean;
}

/** Webview → extension. */
export type SimulatorRequest = { type: 'ready' };

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
