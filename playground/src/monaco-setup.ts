/**
 * Monaco wiring, in one place: workers, the JSON schemas from schemas/ (by model URI), the rule catalog's
 * findings as markers, their fixes as code actions, and the engine's hovers and completions (hovers in the
 * template editor too).
 * Engine ranges are offsets into the text; Monaco's are 1-based lines/columns: converted only here.
 */
import 'monaco-editor/esm/vs/editor/edcore.main';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/language/json/monaco.contribution';
// YAML colouring for the template editor (a tokenizer only: no worker).
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution';
import { editorDocuments, fixesAt, LanguageService, type CompletionEntry, type Completions, type FileHost, type Finding, type Severity } from '../../analyzer';
import configSchema from '../../schemas/config.schema.json';
import iamPolicySchema from '../../schemas/iam-policy.schema.json';
import iotPolicySchema from '../../schemas/iot-policy.schema.json';
import grammarSchema from '../../schemas/policy-grammar.schema.json';
import scenarioSchema from '../../schemas/scenario.schema.json';
import { currentFindings, type EditorId, type FileState, type PolicyEditorId } from './engine';

export { monaco };

/** Our markers' owner: the JSON worker's markers (owner "json") are kept beside them. */
export const MARKER_OWNER = 'iot-policy-lens';
export const MARKER_SOURCE = 'iot-policy-lens';

/**
 * Model URIs sit two folders deep so that a scenario's `"$schema": "../../schemas/scenario.schema.json"`
 * (as in samples/) resolves to a schema registered below instead of a request the page must not make.
 */
export function modelUri(id: EditorId): monaco.Uri {
  return monaco.Uri.parse(`inmemory://lens/samples/app/${id}.${id === 'template' ? 'yaml' : 'json'}`);
}
const LOCAL_SCHEMA_BASE = 'inmemory://lens/schemas/';

/** `getWorker` for Monaco: the editor worker and the JSON language worker, both bundled by the build. */
export function setWorkers(getWorker: (label: 'json' | 'editor') => Worker | Promise<Worker>): void {
  self.MonacoEnvironment = { getWorker: (_workerId: string, label: string) => getWorker(label === 'json' ? 'json' : 'editor') };
}

export function configureJsonSchemas(): void {
  const schemaFor: Array<{ schema: { $id: string }; name: string; editors: EditorId[] }> = [
    { schema: grammarSchema, name: 'policy-grammar.schema.json', editors: [] },
    { schema: iamPolicySchema, name: 'iam-policy.schema.json', editors: ['authRole', 'unauthRole'] },
    { schema: iotPolicySchema, name: 'iot-policy.schema.json', editors: ['iotPolicy'] },
    { schema: scenarioSchema, name: 'scenario.schema.json', editors: ['scenario'] },
    { schema: configSchema, name: 'config.schema.json', editors: [] },
  ];
  monaco.languages.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    // AWS accepts strict JSON only; the rule catalog says so too (invalid-json).
    allowComments: false,
    trailingCommas: 'error',
    enableSchemaRequest: false,
    schemaRequest: 'ignore',
    schemas: schemaFor.flatMap(({ schema, name, editors }) => [
      { uri: schema.$id, fileMatch: editors.map((e) => modelUri(e).toString()), schema },
      { uri: `${LOCAL_SCHEMA_BASE}${name}`, schema },
    ]),
  });
}

const SEVERITY: Record<Severity, monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

export function rangeAt(model: monaco.editor.ITextModel, offset: number, length: number): monaco.Range {
  const start = model.getPositionAt(offset);
  const end = model.getPositionAt(offset + length);
  return new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
}

export function toMarkers(model: monaco.editor.ITextModel, findings: readonly Finding[]): monaco.editor.IMarkerData[] {
  return findings.map((finding) => {
    const range = rangeAt(model, finding.range.offset, finding.range.length);
    return {
      severity: SEVERITY[finding.severity],
      message: finding.message,
      code: finding.ruleId,
      source: MARKER_SOURCE,
      startLineNumber: range.startLineNumber,
      startColumn: range.startColumn,
      endLineNumber: range.endLineNumber,
      endColumn: range.endColumn,
      relatedInformation: (finding.related ?? [])
        .filter((r) => r.range.file === finding.range.file)
        .map((r) => ({ resource: model.uri, message: r.message, ...rangeAt(model, r.range.offset, r.range.length) })),
    };
  });
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], monaco.languages.CompletionItemKind> = {
  action: monaco.languages.CompletionItemKind.Function,
  arn: monaco.languages.CompletionItemKind.Reference,
  variable: monaco.languages.CompletionItemKind.Variable,
  operator: monaco.languages.CompletionItemKind.Operator,
  key: monaco.languages.CompletionItemKind.Property,
};

/** Which policy editor (and file) a model belongs to; undefined for the scenario and foreign models. */
export type PolicyModelLookup = (model: monaco.editor.ITextModel) => { id: PolicyEditorId; file: FileState } | undefined;
/**
 * The template editor: its file when a model is its model, the files a template may name (Terraform
 * `file()`), and the findings of a text in its place (as its markers are computed).
 */
export interface TemplateEditorLookup {
  fileOf(model: monaco.editor.ITextModel): FileState | undefined;
  host(): FileHost;
  currentFindings(text: string): Finding[];
}

/** The engine's document object for a model's current version (parsed once per version). */
function documentOf(language: LanguageService, model: monaco.editor.ITextModel, file?: string) {
  return language.document({ uri: model.uri.toString(), version: model.getVersionId(), getText: () => model.getValue(), ...(file && { file }) });
}

function toHover(model: monaco.editor.ITextModel, hover: { markdown: string; offset: number; length: number } | undefined): monaco.languages.Hover | undefined {
  return hover && { range: rangeAt(model, hover.offset, hover.length), contents: [{ value: hover.markdown }] };
}

function toSuggestions(model: monaco.editor.ITextModel, completions: Completions | undefined): monaco.languages.CompletionList | undefined {
  if (!completions) return undefined;
  const range = rangeAt(model, completions.replace.offset, completions.replace.length);
  return {
    suggestions: completions.items.map((item) => ({
      label: item.label,
      kind: COMPLETION_KIND[item.kind],
      insertText: item.insertText,
      detail: item.detail,
      ...(item.documentation && { documentation: { value: item.documentation } }),
      sortText: item.sortText,
      range,
    })),
  };
}

/** The code actions for the findings' fixes that touch `range`; `findings` must be of the model's current text. */
function quickFixes(
  model: monaco.editor.ITextModel,
  range: monaco.Range,
  context: monaco.languages.CodeActionContext,
  findings: readonly Finding[],
): monaco.languages.CodeActionList {
  const start = model.getOffsetAt(range.getStartPosition());
  const actions = fixesAt(findings, { offset: start, length: model.getOffsetAt(range.getEndPosition()) - start }).map(
    (finding): monaco.languages.CodeAction => {
      const findingRange = rangeAt(model, finding.range.offset, finding.range.length);
      return {
        title: finding.fix.title,
        kind: 'quickfix',
        isPreferred: true,
        diagnostics: context.markers.filter(
          (m) => m.code === finding.ruleId && m.startLineNumber === findingRange.startLineNumber && m.startColumn === findingRange.startColumn,
        ),
        edit: {
          edits: finding.fix.edits.map((edit) => ({
            resource: model.uri,
            versionId: model.getVersionId(),
            textEdit: { range: rangeAt(model, edit.range.offset, edit.range.length), text: edit.newText },
          })),
        },
      };
    },
  );
  return { actions, dispose() {} };
}

/**
 * Quick fixes from the rules' `fix`, hovers and completions from the engine, for the policy editors; in
 * the template editor's template, quick fixes where the engine maps the edit exactly, hovers and action completion.
 */
export function registerPolicyProviders(lookup: PolicyModelLookup, template: TemplateEditorLookup): monaco.IDisposable[] {
  const language = new LanguageService();
  const templates = new LanguageService(editorDocuments(() => ({ host: template.host() })));
  return [
    monaco.languages.registerCodeActionProvider(
      'json',
      {
        provideCodeActions(model, range, context) {
          const found = lookup(model);
          // Recomputed on the text as it is now, and pinned to this version (versionId): never stale offsets.
          return found && quickFixes(model, range, context, currentFindings(found.id, { path: found.file.path, text: model.getValue() }));
        },
      },
      { providedCodeActionKinds: ['quickfix'] },
    ),
    monaco.languages.registerCodeActionProvider(
      'yaml',
      {
        provideCodeActions(model, range, context) {
          // Asked on every cursor move: only where one of our markers is (checking a template is not free).
          if (!template.fileOf(model) || !context.markers.some((m) => m.source === MARKER_SOURCE)) return undefined;
          // Only the fixes the engine maps exactly into the template carry edits; the others' messages say what to change.
          return quickFixes(model, range, context, template.currentFindings(model.getValue()));
        },
      },
      { providedCodeActionKinds: ['quickfix'] },
    ),
    monaco.languages.registerHoverProvider('json', {
      provideHover(model, position) {
        if (!lookup(model)) return undefined;
        return toHover(model, documentOf(language, model).hover(model.getOffsetAt(position)));
      },
    }),
    monaco.languages.registerHoverProvider('yaml', {
      provideHover(model, position) {
        const file = template.fileOf(model);
        return file && toHover(model, documentOf(templates, model, file.path).hover(model.getOffsetAt(position)));
      },
    }),
    monaco.languages.registerCompletionItemProvider('json', {
      triggerCharacters: ['"', ':', '{', '/'],
      provideCompletionItems(model, position) {
        return lookup(model) ? toSuggestions(model, documentOf(language, model).completions(model.getOffsetAt(position))) : undefined;
      },
    }),
    monaco.languages.registerCompletionItemProvider('yaml', {
      provideCompletionItems(model, position) {
        const file = template.fileOf(model);
        return file && toSuggestions(model, documentOf(templates, model, file.path).completions(model.getOffsetAt(position)));
      },
    }),
  ];
}
