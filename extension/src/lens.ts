/**
 * The extension's features, loaded on first use (see extension.ts). A thin adapter: every verdict,
 * finding, fix, hover and template comes from the engine in analyzer/; this file maps them to VS Code.
 */
import * as vscode from 'vscode';
import { parsePolicy, POLICY_KINDS, PROJECT_RULES, RULES, type PolicyKind } from '../../analyzer';
import { LensCodeActions } from './code-actions';
import { ConfigWriter } from './config-writer';
import { ruleDocumentationUri } from './convert';
import { DiagnosticsController } from './diagnostics';
import { ExplainStatementAction, statementName } from './explain-action';
import { PolicyLanguageFeatures } from './language-features';
import { ScenarioView, stepSummary } from './scenario-view';
import { showAccessSummary } from './summary-panel';
import { KindStatus } from './status';
import { newFromTemplate, type TemplateRequest } from './templates-command';
import { WorkspaceModel } from './workspace-model';

export interface Lens {
  model: WorkspaceModel;
  diagnostics: DiagnosticsController;
  scenarios: ScenarioView;
  status: KindStatus;
}

let current: (Lens & { context: vscode.ExtensionContext; log: vscode.LogOutputChannel; writer: ConfigWriter }) | undefined;

export function startLens(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Lens {
  const model = new WorkspaceModel(log);
  const diagnostics = new DiagnosticsController(model, context.extensionUri, log);
  const scenarios = new ScenarioView(model, diagnostics);
  const status = new KindStatus(diagnostics);
  const features = new PolicyLanguageFeatures(diagnostics);
  const json = { language: 'json', scheme: 'file' };
  context.subscriptions.push(
    model,
    diagnostics,
    scenarios,
    status,
    vscode.languages.registerCodeActionsProvider(json, new LensCodeActions(diagnostics), { providedCodeActionKinds: LensCodeActions.kinds }),
    vscode.languages.registerCodeActionsProvider(json, new ExplainStatementAction(model, diagnostics), {
      providedCodeActionKinds: ExplainStatementAction.kinds,
    }),
    vscode.languages.registerHoverProvider(json, features),
    vscode.languages.registerHoverProvider(json, scenarios),
    vscode.languages.registerCompletionItemProvider(json, features, '"', ':', '{', '/'),
    vscode.languages.registerCodeLensProvider(json, scenarios),
    vscode.commands.registerCommand('iotPolicyLens.ignoreRule', (uri: vscode.Uri, ruleId: string) => report(ignoreRule(uri, ruleId))),
    vscode.languages.registerCodeLensProvider(json, new ActionLens(diagnostics)),
  );
  current = { model, diagnostics, scenarios, status, context, log, writer: new ConfigWriter(model) };
  diagnostics.checkAll();
  void model.scanScenarios();
  return current;
}

/** The running features, for the extension-host tests. */
export function lensForTests(): Lens | undefined {
  return current;
}

/** Errors from commands go to the log and a single message, never a stack trace. */
async function report<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    current?.log.error(message);
    void vscode.window.showErrorMessage(`IoT Policy Lens: ${message}`);
    return undefined;
  }
}

export function runCommand(command: string, args: unknown[]): Promise<unknown> {
  switch (command) {
    case 'setKind':
      return report(setKind(args[0] as vscode.Uri | undefined, args[1] as PolicyKind | undefined));
    case 'newFromTemplate':
      return report(newFromTemplate(args[0] as TemplateRequest | undefined, current!.log));
    case 'runScenario':
      return report(runScenario(args[0] as vscode.Uri | undefined));
    case 'explainStatement':
      return report(explainStatement(args[0] as vscode.Uri, args[1] as number));
    case 'showRuleDocumentation':
      return report(showRuleDocumentation(args[0] as string | undefined));
    case 'attachPolicy':
      return report(attachPolicy(args[0] as vscode.Uri | undefined, (args[1] ?? {}) as import('./aws-commands').AttachArgs));
    case 'listAttachedPolicies':
      return report(aws().listAttachedCommand(current!.context, current!.log, args[0] as string | undefined));
    case 'detachPolicy':
      return report(aws().detachCommand(current!.context, current!.log, (args[0] ?? {}) as { identityId?: string; policyName?: string; assumeYes?: boolean }));
    case 'proveScenario':
      return report(proof().proveCommand(current!.model, current!.log, documentUri(args[0] as vscode.Uri | undefined)));
    case 'whatDoesThisChangeGrant':
      return report(proof().whatDoesThisChangeGrantCommand(current!.model, current!.log, documentUri(args[0] as vscode.Uri | undefined)));
    case 'showAccessSummary':
      return report(Promise.resolve(showAccessSummary(current!.model, current!.log).webview.html));
    case 'openSimulator':
      return report(openSimulatorFor(args[0] as vscode.Uri | undefined));
    case 'reviewIdentityPool':
      return report(aws().reviewIdentityPoolCommand(current!.log, (args[0] ?? {}) as { identityPoolId?: string; identityIds?: string[]; folder?: string }));
    default:
      return Promise.reject(new Error(`unknown command ${command}`));
  }
}

function documentUri(uri: vscode.Uri | undefined): vscode.Uri {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) throw new Error('open a policy or scenario file first');
  return target;
}

async function setKind(uri: vscode.Uri | undefined, kind: PolicyKind | undefined): Promise<PolicyKind | undefined> {
  const target = documentUri(uri);
  const picked =
    kind ??
    (
      await vscode.window.showQuickPick(
        POLICY_KINDS.map((k) => ({
          label: k,
          description: {
            iot: 'IoT policy attached to Cognito identities',
            'auth-role': "the identity pool's authenticated role",
            'unauth-role': "the identity pool's unauthenticated (guest) role",
          }[k],
        })),
        { title: `Kind of ${current!.model.displayPath(target.fsPath)}` },
      )
    )?.label;
  if (!picked) return undefined;
  const written = await current!.writer.setKind(target.fsPath, picked as PolicyKind);
  current!.log.info(`${current!.model.displayPath(target.fsPath)} is now "${picked}" in ${current!.model.displayPath(written)}`);
  return picked as PolicyKind;
}

async function ignoreRule(uri: vscode.Uri, ruleId: string): Promise<void> {
  const written = await current!.writer.ignoreRule(uri.fsPath, ruleId);
  current!.log.info(`ignoring ${ruleId} for ${current!.model.displayPath(uri.fsPath)} in ${current!.model.displayPath(written)}`);
}

async function runScenario(uri: vscode.Uri | undefined) {
  const document = await vscode.workspace.openTextDocument(documentUri(uri));
  const result = current!.scenarios.run(document);
  if (!result) throw new Error(`${current!.model.displayPath(document.uri.fsPath)} is not a runnable scenario; see the Problems view`);
  current!.log.info(
    `scenario ${result.name}: ${result.summary.passed}/${result.summary.steps} expectations hold${result.summary.failed ? `, ${result.summary.failed} failed` : ''}`,
  );
  for (const step of result.steps) current!.log.info(`  ${stepSummary(step)} ${step.label}`);
  vscode.window.setStatusBarMessage(`Scenario: ${result.summary.passed}/${result.summary.steps} hold`, 5000);
  return result;
}

async function explainStatement(uri: vscode.Uri, index: number) {
  const steps = current!.scenarios.stepsDecidedBy(uri.fsPath, index);
  const document = await vscode.workspace.openTextDocument(uri);
  const name = statementName(parsePolicy(document.getText(), uri.fsPath).statements[index] ?? { index });
  const items: vscode.QuickPickItem[] = steps.map((s) => ({ label: `${stepSummary(s.step)} ${s.step.label}`, description: s.verdict, detail: s.scenario }));
  current!.log.info(`statement ${name} of ${current!.model.displayPath(uri.fsPath)} decides ${steps.length} scenario check(s)`);
  items.forEach((i) => current!.log.info(`  ${i.label} — ${i.description} (${i.detail})`));
  const title = `Scenario steps decided by statement ${name}`;
  void vscode.window.showQuickPick(items.length ? items : [{ label: 'No scenario step is decided by this statement' }], { title });
  return { title, steps };
}

/**
 * The Simulator panel (the playground in a webview) on the workspace's files: from a scenario, its policies
 * come along; from a policy, it goes in the editor for its kind.
 */
async function openSimulatorFor(uri: vscode.Uri | undefined): Promise<boolean> {
  const target = documentUri(uri);
  const state =
    current!.diagnostics.state(target) ?? (current!.diagnostics.check(await vscode.workspace.openTextDocument(target)), current!.diagnostics.state(target));
  const file = target.fsPath;
  const slot = state?.role === 'scenario' ? 'scenario' : state?.kind === 'iot' ? 'iotPolicy' : state?.kind === 'unauth-role' ? 'unauthRole' : 'authRole';
  const { openSimulator } = require('./simulator-panel') as typeof import('./simulator-panel');
  openSimulator(current!.context, { [slot]: file });
  return true;
}

function proof(): typeof import('./proof-commands') {
  return require('./proof-commands');
}

/** The AWS commands and the SDK load only when one of them runs (a separate bundle, dist/aws-commands.js). */
function aws(): typeof import('./aws-commands') {
  return require('./aws-commands');
}

async function attachPolicy(uri: vscode.Uri | undefined, args: import('./aws-commands').AttachArgs) {
  const target = documentUri(uri);
  const info = current!.model.configFor(target.fsPath);
  return aws().attachCommand(current!.context, current!.log, target, args, info.config, current!.model.configPath(target.fsPath, info));
}

/** Lenses for actions on a file: Prove (scenarios with properties); set kind, what does this change grant, attach (policies). */
class ActionLens implements vscode.CodeLensProvider {
  constructor(private readonly diagnostics: DiagnosticsController) {}
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const state = this.diagnostics.state(document.uri);
    const top = new vscode.Range(0, 0, 0, 0);
    if (state?.role === 'scenario' && /"properties"\s*:/.test(document.getText())) {
      return [new vscode.CodeLens(top, { title: '$(verified) Prove properties', command: 'iotPolicyLens.proveScenario', arguments: [document.uri] })];
    }
    if (state?.role !== 'policy') return [];
    if (!state.kind)
      return [
        new vscode.CodeLens(top, {
          title: '$(question) Policy kind unknown: only kind-neutral rules run — set kind…',
          command: 'iotPolicyLens.setKind',
          arguments: [document.uri],
        }),
      ];
    const grant = new vscode.CodeLens(top, {
      title: '$(git-compare) What does this change grant?',
      command: 'iotPolicyLens.whatDoesThisChangeGrant',
      arguments: [document.uri],
    });
    if (state.kind !== 'iot') return [grant];
    return [
      new vscode.CodeLens(top, { title: '$(cloud-upload) Attach to Cognito identity…', command: 'iotPolicyLens.attachPolicy', arguments: [document.uri] }),
      grant,
    ];
  }
}

async function showRuleDocumentation(ruleId: string | undefined): Promise<vscode.Uri | undefined> {
  const id =
    ruleId ?? (await vscode.window.showQuickPick([...RULES.map((r) => r.meta), ...PROJECT_RULES].map((m) => ({ label: m.id, description: m.title }))))?.label;
  if (!id) return undefined;
  const uri = ruleDocumentationUri(current!.context.extensionUri, id);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return uri;
}
