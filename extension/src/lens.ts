/**
 * The extension's features, loaded on first use (see extension.ts). A thin adapter: every verdict,
 * finding, fix, hover and template comes from the engine in analyzer/; this file maps them to VS Code.
 */
import * as vscode from 'vscode';
import {
  editorDocuments,
  isTemplateFormat,
  LanguageService,
  POLICY_KINDS,
  PROJECT_RULES,
  RULES,
  type PolicyDocument,
  type PolicyKind,
  type TemplateDocument,
} from '../../analyzer';
import { LensCodeActions } from './code-actions';
import { commandRef, type CommandArgs, type CommandName } from './commands';
import { ConfigWriter } from './config-writer';
import { ruleDocumentationUri, versioned } from './convert';
import { DiagnosticsController, type DocumentState } from './diagnostics';
import { ExplainStatementAction, statementName } from './explain-action';
import { PolicyLanguageFeatures } from './language-features';
import { ScenarioView, stepSummary } from './scenario-view';
import type { SimulatorFiles, SimulatorPanel } from './simulator-panel';
import { showAccessSummary } from './summary-panel';
import { KindStatus } from './status';
import { newFromTemplate } from './templates-command';
import { WorkspaceModel } from './workspace-model';

export interface Lens {
  model: WorkspaceModel;
  diagnostics: DiagnosticsController;
  scenarios: ScenarioView;
  status: KindStatus;
  /** One parsed document object per open document and version: hovers, completion, statements, a template's reading. */
  language: LensLanguageService;
}

export type LensLanguageService = LanguageService<PolicyDocument | TemplateDocument>;

/** What the command handlers work with. */
interface Running extends Lens {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  writer: ConfigWriter;
}

/** The commands that need the engine (showOutput runs without it, in extension.ts). */
type EngineCommand = Exclude<CommandName, 'showOutput'>;

/** Each handler takes the arguments the command table declares for it. */
const HANDLERS: { [K in EngineCommand]: (lens: Running, ...args: CommandArgs[K]) => Promise<unknown> } = {
  setKind,
  newFromTemplate: (lens, request) => newFromTemplate(request, lens.log),
  runScenario,
  explainStatement,
  showRuleDocumentation,
  attachPolicy,
  listAttachedPolicies: (lens, identityId) => aws().listAttachedCommand(lens.context, lens.log, identityId),
  detachPolicy: (lens, args) => aws().detachCommand(lens.context, lens.log, args ?? {}),
  reviewIdentityPool: (lens, args) => aws().reviewIdentityPoolCommand(lens.log, args ?? {}),
  proveScenario: (lens, uri) => proof().proveCommand(lens.model, lens.log, documentUri(uri)),
  whatDoesThisChangeGrant: (lens, uri) => proof().whatDoesThisChangeGrantCommand(lens.model, lens.log, documentUri(uri), lens.context.extensionUri),
  openSimulator: openSimulatorFor,
  // Returns the webview's HTML so the extension-host test can read what it shows.
  showAccessSummary: async (lens) => showAccessSummary(lens.model, lens.log).webview.html,
  ignoreRule,
};

export function startLens(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): { lensForTests: () => Lens; run: (name: EngineCommand, args: unknown[]) => Promise<unknown> } {
  const model = new WorkspaceModel(log);
  // A template is read with the workspace's files and its config's parameters, as the CLI reads it.
  const language: LensLanguageService = new LanguageService(
    editorDocuments((file) => ({ host: model.host, parameters: model.configFor(file).config.config.parameters })),
  );
  const diagnostics = new DiagnosticsController(model, language, context.extensionUri, log);
  const scenarios = new ScenarioView(model, diagnostics, language);
  const status = new KindStatus(diagnostics);
  const features = new PolicyLanguageFeatures(diagnostics, language);
  const json = { language: 'json', scheme: 'file' };
  // Templates: CloudFormation/SAM and Serverless YAML, and Terraform files whatever language an extension gives them.
  const withPolicies = [json, { language: 'yaml', scheme: 'file' }, { scheme: 'file', pattern: '**/*.tf' }];
  context.subscriptions.push(
    model,
    diagnostics,
    scenarios,
    status,
    // Inside templates too: the engine gives a finding a fix only where its edit maps exactly into the file.
    vscode.languages.registerCodeActionsProvider(withPolicies, new LensCodeActions(diagnostics), { providedCodeActionKinds: LensCodeActions.kinds }),
    vscode.languages.registerCodeActionsProvider(json, new ExplainStatementAction(model, diagnostics, language), {
      providedCodeActionKinds: ExplainStatementAction.kinds,
    }),
    vscode.languages.registerHoverProvider(withPolicies, features),
    vscode.languages.registerHoverProvider(json, scenarios),
    vscode.languages.registerCompletionItemProvider(withPolicies, features, '"', ':', '{', '/'),
    vscode.languages.registerCodeLensProvider(json, scenarios),
    // On templates too (YAML, Terraform): "What does this change grant?" compares them by identity class.
    vscode.languages.registerCodeLensProvider(
      [json, { language: 'yaml', scheme: 'file' }, { pattern: '**/*.tf', scheme: 'file' }],
      new ActionLens(diagnostics),
    ),
  );
  const running: Running = { model, diagnostics, scenarios, status, language, context, log, writer: new ConfigWriter(model) };
  diagnostics.checkAll();
  void model.scanScenarios();
  return {
    lensForTests: () => running,
    run: (name, args) => {
      // VS Code passes whatever the caller gave; callers in this extension build them with commandRef.
      const handler = HANDLERS[name] as (lens: Running, ...args: unknown[]) => Promise<unknown>;
      return report(running.log, () => handler(running, ...args));
    },
  };
}

/** Errors from commands go to the log and a single message, never a stack trace. */
async function report<T>(log: vscode.LogOutputChannel, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(message);
    void vscode.window.showErrorMessage(`IoT Policy Lens: ${message}`);
    return undefined;
  }
}

function documentUri(uri: vscode.Uri | undefined): vscode.Uri {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) throw new Error('open a policy or scenario file first');
  return target;
}

async function setKind(lens: Running, uri: vscode.Uri | undefined, kind: PolicyKind | undefined): Promise<PolicyKind | undefined> {
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
        { title: `Kind of ${lens.model.displayPath(target.fsPath)}` },
      )
    )?.label;
  if (!picked) return undefined;
  const written = await lens.writer.setKind(target.fsPath, picked as PolicyKind);
  lens.log.info(`${lens.model.displayPath(target.fsPath)} is now "${picked}" in ${lens.model.displayPath(written)}`);
  return picked as PolicyKind;
}

async function ignoreRule(lens: Running, uri: vscode.Uri, ruleId: string): Promise<void> {
  const written = await lens.writer.ignoreRule(uri.fsPath, ruleId);
  lens.log.info(`ignoring ${ruleId} for ${lens.model.displayPath(uri.fsPath)} in ${lens.model.displayPath(written)}`);
}

async function runScenario(lens: Running, uri: vscode.Uri | undefined) {
  const document = await vscode.workspace.openTextDocument(documentUri(uri));
  const result = lens.scenarios.run(document);
  if (!result) throw new Error(`${lens.model.displayPath(document.uri.fsPath)} is not a runnable scenario; see the Problems view`);
  lens.log.info(
    `scenario ${result.name}: ${result.summary.passed}/${result.summary.steps} expectations hold${result.summary.failed ? `, ${result.summary.failed} failed` : ''}`,
  );
  for (const step of result.steps) lens.log.info(`  ${stepSummary(step)} ${step.label}`);
  vscode.window.setStatusBarMessage(`Scenario: ${result.summary.passed}/${result.summary.steps} hold`, 5000);
  return result;
}

async function explainStatement(lens: Running, uri: vscode.Uri, index: number) {
  const steps = lens.scenarios.stepsDecidedBy(uri.fsPath, index);
  const document = await vscode.workspace.openTextDocument(uri);
  const name = statementName(lens.language.document(versioned(document)).statements[index] ?? { index });
  const items: vscode.QuickPickItem[] = steps.map((s) => ({ label: `${stepSummary(s.step)} ${s.step.label}`, description: s.verdict, detail: s.scenario }));
  lens.log.info(`statement ${name} of ${lens.model.displayPath(uri.fsPath)} decides ${steps.length} scenario check(s)`);
  items.forEach((i) => lens.log.info(`  ${i.label} — ${i.description} (${i.detail})`));
  const title = `Scenario steps decided by statement ${name}`;
  void vscode.window.showQuickPick(items.length ? items : [{ label: 'No scenario step is decided by this statement' }], { title });
  return { title, steps };
}

/**
 * The Simulator panel (the playground in a webview) on the workspace's files: from a scenario, its policies
 * come along; from a template, the app of its identity pools (each identity class simulated on its own);
 * from a policy, it goes in the editor for its kind.
 */
async function openSimulatorFor(lens: Running, uri: vscode.Uri | undefined): Promise<SimulatorPanel> {
  const target = documentUri(uri);
  const state = lens.diagnostics.state(target) ?? lens.diagnostics.check(await vscode.workspace.openTextDocument(target));
  const file = target.fsPath;
  const { openSimulator } = require('./simulator-panel') as typeof import('./simulator-panel');
  return openSimulator(lens.context, { [simulatorSlot(state)]: file }, (near) => lens.model.configFor(near).config.templateParameters);
}

/** The Simulator editor a file goes in: by its role, and a policy by its kind. */
function simulatorSlot(state: DocumentState | undefined): keyof SimulatorFiles {
  if (state?.role === 'scenario') return 'scenario';
  if (state && isTemplateFormat(state.role)) return 'template';
  return state?.kind === 'iot' ? 'iotPolicy' : state?.kind === 'unauth-role' ? 'unauthRole' : 'authRole';
}

function proof(): typeof import('./proof-commands') {
  return require('./proof-commands');
}

/** The AWS commands and the SDK load only when one of them runs (a separate bundle, dist/aws-commands.js). */
function aws(): typeof import('./aws-commands') {
  return require('./aws-commands');
}

async function attachPolicy(lens: Running, uri: vscode.Uri | undefined, args: CommandArgs['attachPolicy'][1]) {
  const target = documentUri(uri);
  const info = lens.model.configFor(target.fsPath);
  return aws().attachCommand(lens.context, lens.log, target, args ?? {}, info.config, lens.model.configPath(target.fsPath, info));
}

/** Lenses for actions on a file: Prove (scenarios with properties); set kind, what does this change grant, attach (policies); what does this change grant (templates). */
class ActionLens implements vscode.CodeLensProvider {
  constructor(private readonly diagnostics: DiagnosticsController) {}
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const state = this.diagnostics.state(document.uri);
    const top = new vscode.Range(0, 0, 0, 0);
    if (state?.role === 'scenario' && /"properties"\s*:/.test(document.getText())) {
      return [new vscode.CodeLens(top, commandRef('proveScenario', '$(verified) Prove properties', document.uri))];
    }
    const grantLens = () => new vscode.CodeLens(top, commandRef('whatDoesThisChangeGrant', '$(git-compare) What does this change grant?', document.uri));
    if (state && isTemplateFormat(state.role)) return [grantLens()];
    if (state?.role !== 'policy') return [];
    if (!state.kind)
      return [new vscode.CodeLens(top, commandRef('setKind', '$(question) Policy kind unknown: only kind-neutral rules run — set kind…', document.uri))];
    const grant = grantLens();
    if (state.kind !== 'iot') return [grant];
    return [new vscode.CodeLens(top, commandRef('attachPolicy', '$(cloud-upload) Attach to Cognito identity…', document.uri)), grant];
  }
}

async function showRuleDocumentation(lens: Running, ruleId: string | undefined): Promise<vscode.Uri | undefined> {
  const id =
    ruleId ?? (await vscode.window.showQuickPick([...RULES.map((r) => r.meta), ...PROJECT_RULES].map((m) => ({ label: m.id, description: m.title }))))?.label;
  if (!id) return undefined;
  const uri = ruleDocumentationUri(lens.context.extensionUri, id);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return uri;
}
