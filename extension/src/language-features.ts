import * as vscode from 'vscode';
import { isTemplateFormat } from '../../analyzer';
import { toRange, versioned } from './convert';
import type { DiagnosticsController } from './diagnostics';
import type { LensLanguageService } from './lens';

const COMPLETION_KIND = {
  action: vscode.CompletionItemKind.Function,
  arn: vscode.CompletionItemKind.Reference,
  variable: vscode.CompletionItemKind.Variable,
  operator: vscode.CompletionItemKind.Operator,
  key: vscode.CompletionItemKind.Property,
} as const;

/**
 * Hovers and completion on policy files and on the policies inside templates (completion there where it is
 * exact: actions): from the document object the language service keeps per version (a template's,
 * source-mapped, reuses the reading its check made).
 */
export class PolicyLanguageFeatures implements vscode.HoverProvider, vscode.CompletionItemProvider {
  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly language: LensLanguageService,
  ) {}

  private isPolicy(document: vscode.TextDocument): boolean {
    const state = this.diagnostics.state(document.uri);
    return state ? state.role === 'policy' : /"Statement"\s*:/.test(document.getText());
  }

  /** A file checked as a template (its role comes from the check, which also made the reading hovers use). */
  private isTemplate(document: vscode.TextDocument): boolean {
    const state = this.diagnostics.state(document.uri);
    return state !== undefined && isTemplateFormat(state.role);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.isPolicy(document) && !this.isTemplate(document)) return undefined;
    const hover = this.language.document(versioned(document)).hover(document.offsetAt(position));
    return hover && new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(document, hover));
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!this.isPolicy(document) && !this.isTemplate(document)) return undefined;
    const completions = this.language.document(versioned(document)).completions(document.offsetAt(position));
    if (!completions) return undefined;
    const range = toRange(document, completions.replace);
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
