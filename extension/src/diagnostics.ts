import * as vscode from 'vscode';
import { checkPolicyFileAlone, checkTemplateFile, type FileFormat, type Finding, type PolicyKind } from '../../analyzer';
import { SOURCE, toDiagnostic, versioned } from './convert';
import type { LensLanguageService } from './lens';
import type { WorkspaceModel } from './workspace-model';

export interface DocumentState {
  /** The document version checked: the findings' offsets (and their fixes') are valid in this version only. */
  version: number;
  role: FileFormat;
  kind?: PolicyKind;
  kindSource?: 'config' | 'scenario';
  findings: Finding[];
  /** How long the last check took, in milliseconds. */
  elapsedMs: number;
}

function checksOnType(): boolean {
  return vscode.workspace.getConfiguration('iotPolicyLens').get('run') === 'onType';
}

/**
 * Diagnostics with exactly the CLI's findings for the file and config (same rules, severities and
 * ranges), on type (debounced) or on save, per the `iotPolicyLens.run` setting.
 */
export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly states = new Map<string, DocumentState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidCheck = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.collection, this.changed];

  constructor(
    private readonly model: WorkspaceModel,
    private readonly language: LensLanguageService,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!checksOnType() || e.contentChanges.length === 0) return;
        this.schedule(e.document, vscode.workspace.getConfiguration('iotPolicyLens').get<number>('debounceMs', 250));
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.check(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.states.delete(d.uri.toString());
        this.language.forget(d.uri.toString());
      }),
      model.onDidChange(() => this.checkAll()),
    );
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.disposables.forEach((d) => d.dispose());
  }

  /** The last check of the document, whichever version it was (roles and kinds for lenses and the status). */
  state(uri: vscode.Uri): DocumentState | undefined {
    return this.states.get(uri.toString());
  }

  /**
   * The check of the document as it is now: the last one if it was of this version, else a check run now
   * (with run = onType; with onSave nothing is checked before the save, so there is none). Quick fixes and
   * step hovers come from here, so their offsets are never those of an earlier version.
   */
  current(document: vscode.TextDocument): DocumentState | undefined {
    const state = this.state(document.uri);
    if (state?.version === document.version) return state;
    return checksOnType() ? this.check(document) : undefined;
  }

  checkAll(): void {
    vscode.workspace.textDocuments.forEach((d) => this.check(d));
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => this.check(document), delay),
    );
  }

  check(document: vscode.TextDocument): DocumentState | undefined {
    const readable = document.languageId === 'json' || document.languageId === 'yaml' || document.uri.fsPath.endsWith('.tf');
    if (!readable || document.uri.scheme !== 'file' || document.isClosed) return undefined;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const started = performance.now();
    const file = document.uri.fsPath;
    const text = document.getText();
    // Classified (and a YAML file parsed) once per version, by the document object hovers use too.
    const opened = this.language.document(versioned(document));
    const role = opened.format;
    const state: DocumentState = { version: document.version, role, findings: [], elapsedMs: 0 };
    const info = this.model.configFor(file);
    const configPath = this.model.configPath(file, info);
    const display = { path: this.model.displayPath(file), configPath, text };
    if (role === 'policy' && !info.config.isScenario(configPath)) {
      const { kind, source } = this.model.kindOf(file);
      Object.assign(state, { kind, kindSource: source, findings: checkPolicyFileAlone(display, kind, info.config) });
    } else if (role === 'scenario' || info.config.isScenario(configPath)) {
      state.role = 'scenario';
      const before = this.model.scenario(file);
      const checked = this.model.updateScenario(file, text);
      state.findings = checked.findings;
      // The scenario may give kinds to policies that are open: check them again.
      if (!before || JSON.stringify([...before.policyKinds]) !== JSON.stringify([...checked.policyKinds])) {
        vscode.workspace.textDocuments.filter((d) => checked.policyKinds.has(d.uri.fsPath)).forEach((d) => this.check(d));
      }
    } else if (opened.kind === 'template') {
      // Policies inside a template: the CLI's findings, at their places in the template; hovers of this version reuse the reading.
      const reading = opened.read({ host: this.model.host, parameters: info.config.config.parameters });
      state.findings = checkTemplateFile(
        { ...display, role: 'template', format: opened.format, reading },
        { config: info.config, host: this.model.host },
      ).findings;
    } else if (role === 'config') {
      state.findings = info.problems.map((p) => ({
        ruleId: 'invalid-config',
        messageId: 'problem',
        severity: 'error' as const,
        message: p.message,
        range: p.range,
      }));
    } else {
      this.collection.delete(document.uri);
      this.states.delete(key);
      return undefined;
    }
    state.elapsedMs = performance.now() - started;
    this.states.set(key, state);
    this.collection.set(
      document.uri,
      state.findings.map((f) => toDiagnostic(document, f, this.extensionUri)),
    );
    this.log.debug(
      `checked ${display.path} (${state.role}${state.kind ? `, ${state.kind}` : ''}) in ${state.elapsedMs.toFixed(2)} ms: ${state.findings.length} finding(s)`,
    );
    this.changed.fire(document.uri);
    return state;
  }
}
