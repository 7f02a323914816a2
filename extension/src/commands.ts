/**
 * Every command of the extension, in one typed table: its id, its Command Palette title (package.json's
 * `contributes.commands` must list exactly these; a test checks both ways) and the arguments callers pass.
 * Registration (extension.ts), the handlers (lens.ts) and every lens, code action or status item that runs
 * a command go through it, so a renamed command or a changed argument list fails to compile, not at run time.
 * This module is loaded at activation: type imports only.
 */
import type * as vscode from 'vscode';
import type { PolicyKind } from '../../analyzer';
import type { AttachArgs, DetachArgs, ReviewArgs } from './aws-commands';
import type { TemplateRequest } from './templates-command';

export const COMMAND_PREFIX = 'iotPolicyLens.';

export interface CommandSpec {
  /** The Command Palette title; none for internal commands that only lenses and code actions run. */
  title?: string;
  /** Needs a trusted workspace (AWS calls, git, writing files): package.json's `enablement`. */
  trusted?: boolean;
}

/** The arguments each command takes (all optional for palette commands: the command asks for what is missing). */
export interface CommandArgs {
  setKind: [uri?: vscode.Uri, kind?: PolicyKind];
  newFromTemplate: [request?: TemplateRequest];
  runScenario: [uri?: vscode.Uri];
  explainStatement: [uri: vscode.Uri, statementIndex: number];
  showRuleDocumentation: [ruleId?: string];
  showOutput: [];
  attachPolicy: [uri?: vscode.Uri, args?: AttachArgs];
  listAttachedPolicies: [identityId?: string];
  detachPolicy: [args?: DetachArgs];
  reviewIdentityPool: [args?: ReviewArgs];
  openSimulator: [uri?: vscode.Uri];
  proveScenario: [uri?: vscode.Uri];
  whatDoesThisChangeGrant: [uri?: vscode.Uri];
  showAccessSummary: [];
  ignoreRule: [uri: vscode.Uri, ruleId: string];
}

export type CommandName = keyof CommandArgs;

export const COMMANDS = {
  setKind: { title: 'Set Policy Kind…', trusted: true },
  newFromTemplate: { title: 'New Per-Identity Policy Set from Template…', trusted: true },
  runScenario: { title: 'Run Scenario' },
  explainStatement: { title: 'Explain Statement' },
  showRuleDocumentation: { title: 'Show Rule Documentation' },
  showOutput: { title: 'Show Log' },
  attachPolicy: { title: 'Attach to Cognito Identity…', trusted: true },
  listAttachedPolicies: { title: 'List IoT Policies Attached to a Cognito Identity…', trusted: true },
  detachPolicy: { title: 'Detach an IoT Policy from a Cognito Identity…', trusted: true },
  reviewIdentityPool: { title: 'Review a Deployed Identity Pool…', trusted: true },
  openSimulator: { title: 'Open Simulator' },
  proveScenario: { title: 'Prove Scenario Properties' },
  whatDoesThisChangeGrant: { title: 'What Does This Change Grant? (vs git HEAD)', trusted: true },
  showAccessSummary: { title: 'Show Access Summary' },
  // Run by the "Ignore … for this file" quick fix; writing the config checks trust itself.
  ignoreRule: {},
} as const satisfies Record<CommandName, CommandSpec>;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function commandId(name: CommandName): string {
  return `${COMMAND_PREFIX}${name}`;
}

/** A command for a lens, code action or status item, with arguments checked against the table. */
export function commandRef<K extends CommandName>(name: K, title: string, ...args: CommandArgs[K]): vscode.Command {
  return { command: commandId(name), title, arguments: args };
}
