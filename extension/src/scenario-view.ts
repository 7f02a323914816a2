import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeBlock, type LanguageService, type ScenarioResult, type StepResult } from '../../analyzer';
import { commandRef } from './commands';
import { toRange, versioned } from './convert';
import { explainLensesEnabled } from './explain-action';
import type { DiagnosticsController } from './diagnostics';
import type { WorkspaceModel } from './workspace-model';

// Before the step, not after its line: the samples' one-line steps run past the right edge without word wrap.
const verdictStyle = (color: string) => vscode.window.createTextEditorDecorationType({ before: { margin: '0 1em 0 0', color: new vscode.ThemeColor(color) } });
const passed = verdictStyle('testing.iconPassed');
const failed = verdictStyle('testing.iconFailed');
const neutral = verdictStyle('editorCodeLens.foreground');

/** Where a step's verdict is shown: just before the step's first character. */
export interface VerdictMark {
  position: vscode.Position;
  text: string;
  pass: boolean | undefined;
}

export function stepSummary(step: StepResult): string {
  const mark = step.pass === undefined ? '·' : step.pass ? '✓' : '✗';
  return `${mark} ${step.decision.toUpperCase()}${step.expected && !step.pass ? ` (expected ${step.expected})` : ''}`;
}

/**
 * Scenarios in the editor: a "Run scenario" lens, each step's verdict shown just before the step with
 * the explanation on hover; on policies, with the explainLenses setting, an "Explain" lens per statement
 * listing the steps it decides (otherwise offered as a code action on the statement under the cursor).
 */
export class ScenarioView implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.lensesChanged];

  constructor(
    private readonly model: WorkspaceModel,
    private readonly diagnostics: DiagnosticsController,
    private readonly language: LanguageService,
  ) {
    this.disposables.push(
      diagnostics.onDidCheck(() => {
        this.lensesChanged.fire();
        vscode.window.visibleTextEditors.forEach((e) => this.decorate(e));
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.decorate(e))),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('iotPolicyLens.explainLenses')) this.lensesChanged.fire();
      }),
    );
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  result(document: vscode.TextDocument): ScenarioResult | undefined {
    return this.model.scenario(document.uri.fsPath)?.result;
  }

  /** Runs the scenario in the document now (also on demand from the lens) and returns its result. */
  run(document: vscode.TextDocument): ScenarioResult | undefined {
    this.diagnostics.check(document);
    return this.result(document);
  }

  verdictMarks(document: vscode.TextDocument): VerdictMark[] {
    return (this.result(document)?.steps ?? []).map((step) => ({ position: toRange(document, step.range).start, text: stepSummary(step), pass: step.pass }));
  }

  decorate(editor: vscode.TextEditor): void {
    const marks: Record<'passed' | 'failed' | 'neutral', vscode.DecorationOptions[]> = { passed: [], failed: [], neutral: [] };
    for (const mark of this.verdictMarks(editor.document)) {
      marks[mark.pass === undefined ? 'neutral' : mark.pass ? 'passed' : 'failed'].push({
        range: new vscode.Range(mark.position, mark.position),
        renderOptions: { before: { contentText: mark.text } },
      });
    }
    editor.setDecorations(passed, marks.passed);
    editor.setDecorations(failed, marks.failed);
    editor.setDecorations(neutral, marks.neutral);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const state = this.diagnostics.state(document.uri);
    if (state?.role === 'scenario') {
      const result = this.result(document);
      const summary = result
        ? ` — ${result.summary.passed}/${result.summary.steps} expectations hold${result.summary.failed ? `, ${result.summary.failed} failed` : ''}`
        : '';
      return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), commandRef('runScenario', `▶ Run scenario${summary}`, document.uri))];
    }
    if (state?.role !== 'policy' || !explainLensesEnabled() || this.model.scenariosUsing(document.uri.fsPath).length === 0) return [];
    return this.language.document(versioned(document)).statements.map((statement) => {
      const start = document.positionAt(statement.range.offset);
      return new vscode.CodeLens(new vscode.Range(start, start), commandRef('explainStatement', 'Explain', document.uri, statement.index));
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    // The steps' ranges are offsets into the version last checked: a hover between a keystroke and the
    // debounced check checks this version first, so that no range is converted from an older one.
    if (this.diagnostics.current(document)?.role !== 'scenario') return undefined;
    const step = this.result(document)?.steps.find((s) => toRange(document, s.range).contains(position));
    if (!step) return undefined;
    // The engine names files as the model loaded them (absolute); show them as the CLI does, workspace-relative.
    const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const lines = root ? step.explanation.map((line) => line.split(`${root}${path.sep}`).join('')) : step.explanation;
    return new vscode.Hover(new vscode.MarkdownString(codeBlock(lines)), toRange(document, step.range));
  }

  /** The scenario steps, across the workspace, in which this statement decided a check. */
  stepsDecidedBy(file: string, statementIndex: number): Array<{ scenario: string; step: StepResult; verdict: string }> {
    const found: Array<{ scenario: string; step: StepResult; verdict: string }> = [];
    for (const [scenarioFile, check] of this.model.scenariosUsing(file)) {
      for (const step of check.result?.steps ?? []) {
        for (const c of step.checks) {
          const decided = [c.role, c.iotPolicies].find((s) => s?.deciding?.file === file && s.deciding.index === statementIndex);
          if (decided) found.push({ scenario: this.model.displayPath(scenarioFile), step, verdict: `${decided.outcome} of ${c.action} for ${c.identity}` });
        }
      }
    }
    return found;
  }
}
