import * as vscode from 'vscode';
import type { LanguageService, ParsedStatement } from '../../analyzer';
import { commandRef } from './commands';
import { versioned } from './convert';
import type { DiagnosticsController } from './diagnostics';
import type { WorkspaceModel } from './workspace-model';

/** How a statement is named to people: by its Sid, else by its position. */
export function statementName(statement: Pick<ParsedStatement, 'index' | 'sid'>): string {
  return statement.sid?.value ? `"${statement.sid.value}"` : `#${statement.index + 1} (no Sid)`;
}

/** The Explain lenses above every statement are opt-in: the same command is offered on the statement under the cursor. */
export function explainLensesEnabled(): boolean {
  return vscode.workspace.getConfiguration('iotPolicyLens').get<boolean>('explainLenses', false);
}

/** "Explain statement …" on the statement under the cursor, in policies that a scenario uses. */
export class ExplainStatementAction implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.Empty.append('iotPolicyLens.explain')];

  constructor(
    private readonly model: WorkspaceModel,
    private readonly diagnostics: DiagnosticsController,
    private readonly language: LanguageService,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    if (this.diagnostics.state(document.uri)?.role !== 'policy' || this.model.scenariosUsing(document.uri.fsPath).length === 0) return [];
    const statement = this.language.document(versioned(document)).statementAt(document.offsetAt(range.start));
    if (!statement) return [];
    const title = `Explain statement ${statementName(statement)}: the scenario steps it decides`;
    const action = new vscode.CodeAction(title, ExplainStatementAction.kinds[0]);
    action.command = commandRef('explainStatement', title, document.uri, statement.index);
    return [action];
  }
}
