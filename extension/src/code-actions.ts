import * as vscode from 'vscode';
import { fixesAt } from '../../analyzer';
import { commandRef } from './commands';
import { SOURCE, toRange, toWorkspaceEdit } from './convert';
import type { DiagnosticsController } from './diagnostics';

const ruleOf = (diagnostic: vscode.Diagnostic) => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code));

/**
 * Quick fixes from the rules' own fixes, plus "ignore this rule for this file" and "show documentation".
 * The fixes come from a check of the document's current version (run now when the last check is older,
 * e.g. between a keystroke and the debounced check; none with run = onSave until the save): an edit
 * computed for one version is never moved onto another by converting its offsets, which could rewrite the
 * wrong characters.
 */
export class LensCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === SOURCE);
    if (ours.length === 0) return [];
    const findings = this.diagnostics.current(document)?.findings ?? [];
    const actions: vscode.CodeAction[] = [];
    const start = document.offsetAt(range.start);
    for (const finding of fixesAt(findings, { offset: start, length: document.offsetAt(range.end) - start })) {
      const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = toWorkspaceEdit(document, finding.fix.edits);
      const findingRange = toRange(document, finding.range);
      action.diagnostics = ours.filter((d) => ruleOf(d) === finding.ruleId && d.range.intersection(findingRange) !== undefined);
      action.isPreferred = true;
      actions.push(action);
    }
    for (const ruleId of new Set(ours.map(ruleOf))) {
      const diagnostics = ours.filter((d) => ruleOf(d) === ruleId);
      const ignore = new vscode.CodeAction(`Ignore ${ruleId} for this file`, vscode.CodeActionKind.QuickFix);
      ignore.command = commandRef('ignoreRule', ignore.title, document.uri, ruleId);
      ignore.diagnostics = diagnostics;
      const docs = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.command = commandRef('showRuleDocumentation', docs.title, ruleId);
      docs.diagnostics = diagnostics;
      actions.push(ignore, docs);
    }
    return actions;
  }
}
