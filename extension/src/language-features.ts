import * as vscode from 'vscode';
import { completionsAt, hoverAt } from '../../analyzer';
import type { DiagnosticsController } from './diagnostics';

const COMPLETION_KIND = {
  action: vscode.CompletionItemKind.Function,
  arn: vscode.CompletionItemKind.Reference,
  variable: vscode.CompletionItemKind.Variable,
  operator: vscode.CompletionItemKind.Operator,
  key: vscode.CompletionItemKind.Property,
} as const;

/** Hovers and completion on policy files, straight from the engine's catalog. */
export class PolicyLanguageFeatures implements vscode.HoverProvider, vscode.CompletionItemProvider {
  constructor(private readonly diagnostics: DiagnosticsController) {}

  private isPolicy(document: vscode.TextDocument): boolean {
    const state = this.diagnostics.state(document.uri);
    return state ? state.role === 'policy' : /"Statement"\s*:/.test(document.getText());
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.isPolicy(document)) return undefined;
    const hover = hoverAt(document.getText(), document.offsetAt(position));
    if (!hover) return undefined;
    return new vscode.Hover(
      new vscode.MarkdownString(hover.markdown),
      new vscode.Range(document.positionAt(hover.offset), document.positionAt(hover.offset + hover.length)),
    );
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!this.isPolicy(document)) return undefined;
    const completions = completionsAt(document.getText(), document.offsetAt(position));
    if (!completions) return undefined;
    const range = new vscode.Range(
      document.positionAt(completions.replace.offset),
      document.positionAt(completions.replace.offset + completions.replace.length),
    );
    return completions.items.map((entry) => {
      const item = new vscode.CompletionItem(entry.label, COMPLETION_KIND[entry.kind]);
      item.insertText = entry.insertText;
      item.detail = entry.detail;
      item.sortText = entry.sortText;
      item.range = range;
      item.filterText = entry.insertText;
      if (entry.documentation) item.documentation = new vscode.MarkdownString(entry.documentation);
      return item;
    });
  }
}
