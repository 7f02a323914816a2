/**
 * The activation entry. It stays small: the engine (dist/lens.js) is loaded only when a JSON document
 * that looks like a policy, a scenario or a config is opened, so VS Code starts as fast with this
 * extension as without it.
 */
import * as vscode from 'vscode';

type LensModule = typeof import('./lens');

let lens: Promise<LensModule> | undefined;
export let activationMs = 0;

const RELEVANT = /"(Statement|identities|kinds)"\s*:/;

function looksRelevant(document: vscode.TextDocument): boolean {
  return (
    document.languageId === 'json' &&
    (document.fileName.endsWith('iot-policy-lens.config.json') || RELEVANT.test(document.getText(new vscode.Range(0, 0, 200, 0))))
  );
}

export function activate(context: vscode.ExtensionContext): { ready: () => Promise<LensModule>; activationMs: () => number } {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('IoT Policy Lens', { log: true });
  context.subscriptions.push(output);
  const load = () => {
    lens ??= (async () => {
      const loadStart = performance.now();
      const module: LensModule = require('./lens');
      module.startLens(context, output);
      output.info(`engine loaded in ${(performance.now() - loadStart).toFixed(1)} ms`);
      return module;
    })();
    return lens;
  };
  const maybeLoad = (document: vscode.TextDocument) => {
    if (looksRelevant(document)) void load();
  };
  vscode.workspace.textDocuments.forEach(maybeLoad);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(maybeLoad));
  // Commands load the engine on first use.
  for (const command of [
    'setKind',
    'newFromTemplate',
    'runScenario',
    'explainStatement',
    'showRuleDocumentation',
    'attachPolicy',
    'listAttachedPolicies',
    'detachPolicy',
    'reviewIdentityPool',
    'openSimulator',
    'proveScenario',
    'whatDoesThisChangeGrant',
    'showAccessSummary',
  ]) {
    context.subscriptions.push(
      vscode.commands.registerCommand(`iotPolicyLens.${command}`, async (...args: unknown[]) => (await load()).runCommand(command, args)),
    );
  }
  context.subscriptions.push(vscode.commands.registerCommand('iotPolicyLens.showOutput', () => output.show()));
  activationMs = performance.now() - started;
  output.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { ready: load, activationMs: () => activationMs };
}

export function deactivate(): void {}
