/**
 * The editors: their panes (title, file name, finding counts), the Monaco models and editors, the
 * markers from the engine's findings, and the highlighting of deciding statements. The three policy
 * editors and the scenario; or, when the template editor holds a template, the template and the scenario.
 * Narrow (the simulator beside an editor): one editor at a time, picked by tabs (hidden when wide, style.css).
 */
import type { Finding, StepResult } from '../../analyzer';
import { escapeMarkdown } from '../../analyzer/editor/markdown';
import { h } from './dom';
import {
  currentTemplateFindings,
  EDITOR_IDS,
  EDITOR_TITLES,
  editorForFile,
  editorsInUse,
  hasTemplate,
  isPolicyEditor,
  memoryHost,
  stepDeciding,
  type Analysis,
  type DecidingStatement,
  type EditorId,
  type Files,
  type PlaygroundState,
} from './engine';
import { configureJsonSchemas, MARKER_OWNER, modelUri, monaco, rangeAt, registerPolicyProviders, toMarkers } from './monaco-setup';

interface Pane {
  pane: HTMLElement;
  path: HTMLInputElement;
  counts: HTMLElement;
  host: HTMLElement;
}

export interface EditorEvents {
  /** The user typed in an editor (not a text set by `setTexts`). */
  edited(id: EditorId, text: string): void;
  /** The user renamed an editor's file. */
  renamed(id: EditorId, path: string): void;
}

function countsText(findings: readonly Finding[]): { text: string; className: string } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const infos = findings.length - errors - warnings;
  const text =
    findings.length === 0
      ? '✓ no findings'
      : [errors && `${errors} error${errors > 1 ? 's' : ''}`, warnings && `${warnings} warning${warnings > 1 ? 's' : ''}`, infos && `${infos} info`]
          .filter(Boolean)
          .join(' · ');
  return { text, className: `lens-counts ${errors ? 'has-errors' : warnings ? 'has-warnings' : 'clean'}` };
}

export class Editors {
  /** The editor tabs (narrow layout) and the panes. */
  readonly element: HTMLElement;
  private readonly panes = {} as Record<EditorId, Pane>;
  private readonly editorTabs = {} as Record<EditorId, HTMLButtonElement>;
  private readonly models = {} as Record<EditorId, monaco.editor.ITextModel>;
  private readonly editors = {} as Record<EditorId, monaco.editor.IStandaloneCodeEditor>;
  private readonly highlights = {} as Record<EditorId, monaco.editor.IEditorDecorationsCollection>;
  /** Set while `setTexts` writes the models, so that writing is not taken for typing. */
  private applying = false;
  private readonly editorsElement: HTMLElement;
  private shown: EditorId = 'iotPolicy';

  private readonly files = (): Files => this.session.state.files;

  constructor(
    /** The session's state and its last analysis (the session replaces both as it goes). */
    private readonly session: { readonly state: PlaygroundState; readonly analysis: Analysis },
    private readonly events: EditorEvents,
  ) {
    for (const id of EDITOR_IDS) {
      const path = h('input', {
        className: 'lens-path',
        value: this.files()[id].path,
        spellcheck: 'false',
        'aria-label': `${EDITOR_TITLES[id]} file name`,
        title: 'The file name the scenario refers to',
      });
      const counts = h('span', { className: 'lens-counts' });
      const editorHost = h('div', { className: 'lens-editor' });
      const pane = h(
        'section',
        { className: 'lens-pane', 'data-editor': id },
        h('div', { className: 'lens-pane-head' }, h('span', { className: 'lens-pane-title' }, EDITOR_TITLES[id]), path, counts),
        editorHost,
      );
      path.addEventListener('change', () => {
        const renamed = path.value.trim() || this.files()[id].path;
        path.value = renamed;
        events.renamed(id, renamed);
      });
      this.panes[id] = { pane, path, counts, host: editorHost };
      this.editorTabs[id] = h('button', { type: 'button', role: 'tab', 'data-editor-tab': id, onclick: () => this.show(id) }, EDITOR_TITLES[id]);
    }
    this.editorsElement = h('div', { className: 'lens-editors' }, ...EDITOR_IDS.map((id) => this.panes[id].pane));
    this.element = h(
      'div',
      { className: 'lens-editor-area' },
      h('nav', { className: 'lens-editor-tabs', role: 'tablist', 'aria-label': 'Editors' }, ...EDITOR_IDS.map((id) => this.editorTabs[id])),
      this.editorsElement,
    );
    this.showInUse();
  }

  /** Shows the editors in use (style.css lays them out by `data-mode`), keeping the shown one when it still is. */
  private showInUse(): void {
    const inUse = editorsInUse(this.files());
    this.editorsElement.dataset.mode = hasTemplate(this.files()) ? 'template' : 'policies';
    for (const id of EDITOR_IDS) {
      this.panes[id].pane.hidden = !inUse.includes(id);
      this.editorTabs[id].hidden = !inUse.includes(id);
    }
    this.show(inUse.includes(this.shown) ? this.shown : inUse.includes('iotPolicy') ? 'iotPolicy' : 'template');
  }

  /** Creates the Monaco editors; the element must be in the page by then (Monaco measures its host). */
  mount(dark: boolean): void {
    configureJsonSchemas();
    for (const id of EDITOR_IDS) {
      const language = id === 'template' ? 'yaml' : 'json';
      const model = monaco.editor.createModel(this.files()[id].text, language, modelUri(id));
      this.models[id] = model;
      this.editors[id] = monaco.editor.create(this.panes[id].host, {
        model,
        theme: dark ? 'vs-dark' : 'vs',
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        tabSize: 2,
        scrollBeyondLastLine: false,
        glyphMargin: true,
        fixedOverflowWidgets: true,
        lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
        renderLineHighlightOnlyWhenFocus: true,
        wordWrap: 'on',
        // ARNs have no spaces: let them wrap after each ':' as well as '/', not inside an account ID or a name.
        wordWrapBreakAfterCharacters: `${monaco.editor.EditorOptions.wordWrapBreakAfterCharacters.defaultValue}:`,
        // Sticky scroll stacked lines over the highlighted statement after each reveal; policies are short.
        stickyScroll: { enabled: false },
        wrappingIndent: 'indent',
        ariaLabel: `${EDITOR_TITLES[id]} (${language.toUpperCase()})`,
      });
      this.highlights[id] = this.editors[id].createDecorationsCollection();
      model.onDidChangeContent(() => {
        if (this.applying) return;
        this.events.edited(id, model.getValue());
        // Typing a template in (or clearing it) switches between the template and the policy editors.
        if (id === 'template') this.showInUse();
      });
    }
    const editorOf = (model: monaco.editor.ITextModel) => EDITOR_IDS.find((e) => this.models[e] === model);
    registerPolicyProviders(
      (model) => {
        const id = editorOf(model);
        return id && isPolicyEditor(id) ? { id, file: this.files()[id] } : undefined;
      },
      {
        fileOf: (model) => (editorOf(model) === 'template' ? this.files().template : undefined),
        host: () => memoryHost(this.files(), this.session.state.extra),
        currentFindings: (text) => currentTemplateFindings(this.session, text),
      },
    );
  }

  editor(id: EditorId): monaco.editor.IStandaloneCodeEditor {
    return this.editors[id];
  }

  markers(id: EditorId): monaco.editor.IMarker[] {
    return monaco.editor.getModelMarkers({ owner: MARKER_OWNER, resource: this.models[id].uri });
  }

  /** Shows the files' texts and names, without taking the change for typing. */
  setTexts(files: Files): void {
    this.applying = true;
    try {
      for (const id of EDITOR_IDS) {
        if (this.models[id].getValue() !== files[id].text) this.models[id].setValue(files[id].text);
        this.panes[id].path.value = files[id].path;
      }
    } finally {
      this.applying = false;
    }
    this.showInUse();
  }

  show(shown: EditorId): void {
    this.shown = shown;
    for (const id of EDITOR_IDS) {
      this.panes[id].pane.classList.toggle('lens-pane-shown', id === shown);
      this.editorTabs[id].setAttribute('aria-selected', String(id === shown));
    }
  }

  renderMarkers(findings: Readonly<Record<EditorId, readonly Finding[]>>): void {
    for (const id of EDITOR_IDS) {
      monaco.editor.setModelMarkers(this.models[id], MARKER_OWNER, toMarkers(this.models[id], findings[id]));
      const { text, className } = countsText(findings[id]);
      this.panes[id].counts.textContent = text;
      this.panes[id].counts.className = className;
    }
  }

  reveal(id: EditorId, offset: number, length: number, focus = false): void {
    const range = rangeAt(this.models[id], offset, length);
    this.editors[id].revealRangeInCenterIfOutsideViewport(range, monaco.editor.ScrollType.Smooth);
    if (focus) {
      this.editors[id].setSelection(range);
      this.editors[id].focus();
    }
  }

  /** Marks the deciding statements (allow, deny, near miss) in their editors, plus any extra decorations. */
  highlight(deciding: readonly DecidingStatement[], extra: Partial<Record<EditorId, monaco.editor.IModelDeltaDecoration[]>> = {}): void {
    const perEditor = Object.fromEntries(EDITOR_IDS.map((id) => [id, []])) as unknown as Record<EditorId, monaco.editor.IModelDeltaDecoration[]>;
    for (const d of deciding) {
      const id = editorForFile(this.files(), d.ref.file);
      if (!id) continue;
      const what = d.role === 'near-miss' ? 'covers the action but does not apply' : `decides: ${d.role === 'deny' ? 'explicit DENY' : 'ALLOW'}`;
      perEditor[id].push({
        range: rangeAt(this.models[id], d.ref.range.offset, d.ref.range.length),
        options: {
          className: `lens-deciding lens-deciding-${d.role}`,
          linesDecorationsClassName: `lens-deciding-bar lens-deciding-bar-${d.role}`,
          hoverMessage: { value: `**${escapeMarkdown(d.ref.sid ?? `statement #${d.ref.index + 1}`)}** ${what}` },
          overviewRuler: { color: d.role === 'deny' ? '#cf222e' : d.role === 'allow' ? '#1a7f37' : '#9a6700', position: monaco.editor.OverviewRulerLane.Full },
        },
      });
    }
    for (const id of EDITOR_IDS) {
      const decorations = [...perEditor[id], ...(extra[id] ?? [])];
      this.highlights[id].set(decorations);
      const first = decorations.find((d) => !d.options.isWholeLine) ?? decorations[0];
      if (first) this.editors[id].revealRangeInCenterIfOutsideViewport(first.range, monaco.editor.ScrollType.Smooth);
    }
  }

  /** A scenario step in the scenario editor, and the statements that decided it. */
  highlightStep(step: StepResult | undefined): void {
    if (!step) return this.highlight([]);
    const stepRange = rangeAt(this.models.scenario, step.range.offset, step.range.length);
    this.highlight(stepDeciding(step), {
      scenario: [
        {
          range: stepRange,
          options: {
            className: `lens-step-highlight ${step.pass === false ? 'fail' : ''}`,
            linesDecorationsClassName: 'lens-deciding-bar lens-deciding-bar-step',
          },
        },
      ],
    });
  }
}
