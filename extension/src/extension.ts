/**
 * The activation entry. It stays small: the engine (dist/lens.js) is loaded only when a document that
 * looks like a policy, a scenario, a config or a template holding policies is opened, or a command runs,
 * so VS Code starts as fast with this extension as without it.
 */
import * as vscode from 'vscode';
import { COMMAND_NAMES, commandId } from './commands';

type StartedLens = ReturnType<typeof import('./lens').startLens>;

let lens: Promise<StartedLens> | undefined;
export let activationMs = 0;

const RELEVANT = /"(Statement|identities|kinds)"\s*:/;
/** CloudFormation/SAM and Serverless YAML; Terraform with AWS IAM, IoT or Cognito resources. */
const RELEVANT_YAML = /^(Resources|AWSTemplateFormatVersion|provider)\s*:/m;
const RELEVANT_TERRAFORM = /"aws_(iam|iot|cognito)_/;

function looksRelevant(document: vscode.TextDocument): boolean {
  const head = () => document.getText(new vscode.Range(0, 0, 200, 0));
  if (document.fileName.endsWith('.tf')) return RELEVANT_TERRAFORM.test(document.getText());
  if (document.languageId === 'yaml') return RELEVANT_YAML.test(head());
  return document.languageId === 'json' && (document.fileName.endsWith('iot-policy-lens.config.json') || RELEVANT.test(head()));
}

export function activate(context: vscode.ExtensionContext): { ready: () => Promise<StartedLens>; activationMs: () => number } {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('IoT Policy Lens', { log: true });
  context.subscriptions.push(output);
  const load = () => {
    lens ??= (async () => {
      const loadStart = performance.now();
      const module: typeof import('./lens') = require('./lens');
      const running = module.startLens(context, output);
      output.info(`engine loaded in ${(performance.now() - loadStart).toFixed(1)} ms`);
      return running;
    })();
    return lens;
  };
  const maybeLoad = (document: vscode.TextDocument) => {
    if (looksRelevant(document)) void load();
  };
  vscode.workspace.textDocuments.forEach(maybeLoad);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(maybeLoad));
  for (const name of COMMAND_NAMES) {
    // The log needs no engine; every other command loads it on first use.
    const handler = name === 'showOutput' ? () => output.show() : async (...args: unknown[]) => (await load()).run(name, args);
    context.subscriptions.push(vscode.commands.registerCommand(commandId(name), handler));
  }
  activationMs = performance.now() - started;
  output.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { ready: load, activationMs: () => activationMs };
}

export function deactivate(): void {}
