import * as vscode from 'vscode';
import { SOURCE, toRange, toWorkspaceEdit } from './convert';
import type { DiagnosticsController } from './diagnostics';

/** Quick fixes from the rules' own fixes, plus "ignore this rule for this file" and "show documentation". */
export class LensCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const state = this.diagnostics.state(document.uri);
    if (!state) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics.filter((d) => d.source === SOURCE)) {
      const ruleId = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
      const finding = state.findings.find(
        (f) => f.ruleId === ruleId && toRange(document, f.range).isEqual(diagnostic.range) && f.message === diagnostic.message,
      );
      if (finding?.fix) {
        const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document, finding.fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
      const ignore = new vscode.CodeAction(`Ignore ${ruleId} for this file`, vscode.CodeActionKind.QuickFix);
      ignore.command = { command: 'iotPolicyLens.ignoreRule', title: ignore.title, arguments: [document.uri, ruleId] };
      ignore.diagnostics = [diagnostic];
      const docs = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.command = { command: 'iotPolicyLens.showRuleDocumentation', title: docs.title, arguments: [ruleId] };
      actions.push(ignore, docs);
    }
    return actions;
  }
}
