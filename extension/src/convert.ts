import * as vscode from 'vscode';
import type { Finding, Severity, SourceRange, TextEdit, VersionedText } from '../../analyzer';

export const SOURCE = 'iot-policy-lens';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The engine's view of an open document: its uri, version and text (read on first use). */
export function versioned(document: vscode.TextDocument): VersionedText {
  return { uri: document.uri.toString(), version: document.version, getText: () => document.getText(), file: document.uri.fsPath };
}

/** Engine ranges carry offsets; VS Code positions are 0-based, so convert through the document. */
export function toRange(document: vscode.TextDocument, range: Pick<SourceRange, 'offset' | 'length'>): vscode.Range {
  return new vscode.Range(document.positionAt(range.offset), document.positionAt(range.offset + range.length));
}

/** A range in a file that may not be open: 1-based engine positions to 0-based VS Code ones. */
export function toRangeFromPositions(range: SourceRange): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

export function ruleDocumentationUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

/** `source` tells a command's results (which no quick fix or "ignore" applies to) from the check's findings. */
export function toDiagnostic(document: vscode.TextDocument, finding: Finding, extensionUri: vscode.Uri, source = SOURCE): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(document, finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = source;
  diagnostic.code = { value: finding.ruleId, target: ruleDocumentationUri(extensionUri, finding.ruleId) };
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map((related) => {
      const inSameFile = related.range.file === finding.range.file;
      const uri = inSameFile ? document.uri : vscode.Uri.file(related.range.file);
      const range = inSameFile ? toRange(document, related.range) : toRangeFromPositions(related.range);
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, range), related.message);
    });
  }
  return diagnostic;
}

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, toRange(document, e.range), e.newText);
  return edit;
}
