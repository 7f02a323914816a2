import * as vscode from 'vscode';
import { commandRef } from './commands';
import type { DiagnosticsController } from './diagnostics';

const KIND_LABEL = { iot: 'IoT policy', 'auth-role': 'authenticated role', 'unauth-role': 'guest role' } as const;

/** A language status item: the file's kind (and where it comes from) and its finding counts. */
export class KindStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('iotPolicyLens.kind', { language: 'json' });
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly diagnostics: DiagnosticsController) {
    this.item.name = 'IoT Policy Lens';
    this.subscriptions = [diagnostics.onDidCheck(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update())];
    this.update();
  }

  dispose(): void {
    this.item.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }

  /** The text shown, for tests. */
  get text(): string {
    return `${this.item.text} ${this.item.detail ?? ''}`.trim();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const state = document && this.diagnostics.state(document.uri);
    if (!state || state.role === 'other') {
      this.item.text = '';
      this.item.detail = undefined;
      this.item.command = undefined;
      return;
    }
    const count = (severity: string) => state.findings.filter((f) => f.severity === severity).length;
    const counts = `${count('error')} errors, ${count('warning')} warnings, ${count('info')} info`;
    if (state.role === 'policy') {
      this.item.text = state.kind ? `$(shield) ${KIND_LABEL[state.kind]}` : '$(shield) policy kind unknown';
      this.item.detail = state.kind
        ? `${state.kindSource === 'scenario' ? 'from a scenario' : 'from the config'} · ${counts}`
        : `only kind-neutral rules ran · ${counts}`;
      this.item.severity = state.kind ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
      this.item.command = commandRef('setKind', state.kind ? 'Change kind' : 'Set kind', document.uri);
    } else {
      this.item.text = state.role === 'scenario' ? '$(beaker) scenario' : '$(gear) IoT Policy Lens config';
      this.item.detail = counts;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.command = undefined;
    }
  }
}
