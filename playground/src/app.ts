/**
 * The playground UI, shared by the web page (main-web.ts) and the VS Code simulator webview
 * (main-vscode.ts): the header, four editors and the side panels ("who may do what", the scenario's
 * verdict table, the problems list, the access summary). This module only wires them: the state lives in session.ts, the
 * editors in editors.ts, each panel in panels/. Everything the engine says comes through engine.ts;
 * everything Monaco needs through monaco-setup.ts.
 */
import { h, replaceChildren } from './dom';
import { EDITOR_IDS, PANEL_IDS, VERBS, type Analysis, type EditorId, type Files, type PanelId, type PlaygroundState } from './engine';
import { Editors } from './editors';
import { Header } from './header';
import { monaco } from './monaco-setup';
import { PanelTabs, type Panel } from './panels/panel';
import { ProblemsPanel } from './panels/problems';
import { ScenarioPanel } from './panels/scenario';
import { SummaryPanel } from './panels/summary';
import { WhoPanel } from './panels/who';
import { withSample, type SampleSet } from './samples';
import { Session, type Timings } from './session';
import './style.css';

export interface AppHost {
  kind: 'web' | 'vscode';
  /** Sample sets for the "Load" picker (none: no picker). */
  samples: readonly SampleSet[];
  initialState: PlaygroundState;
  /** Called after every change (debounced): the web page writes the URL hash, the webview its saved state. */
  persist(state: PlaygroundState): void;
  /** Web only: the shareable URL for a state (and whatever "copy" means there). */
  share?(state: PlaygroundState): Promise<string>;
  dark: boolean;
}

/** What the page exposes on `window.iotPolicyLens`, for people debugging and for the browser tests. */
export interface PlaygroundApi {
  monaco: typeof monaco;
  editor(id: EditorId): monaco.editor.IStandaloneCodeEditor;
  markers(id: EditorId): monaco.editor.IMarker[];
  state(): PlaygroundState;
  /** Replaces the state as a shared link would (also used when the hash changes or VS Code sends files). */
  load(state: PlaygroundState): void;
  /** Merges new texts into the editors (VS Code: a workspace file changed), with the workspace config's template parameters. */
  updateFiles(files: Partial<Files>, extra?: Record<string, string>, parameters?: Record<string, string>): void;
  analysis(): Analysis;
  timings: Timings;
}

export function startApp(root: HTMLElement, host: AppHost): PlaygroundApi {
  const session = new Session(
    host.initialState,
    (state) => host.persist(state),
    () => {
      renderAll();
      header.engine(`checked in ${session.timings.lastAnalysisMs} ms`);
    },
  );
  const editors = new Editors(session, {
    edited(id, text) {
      session.state.files[id].text = text;
      session.analyzeSoon();
    },
    renamed(id, path) {
      session.state.files[id].path = path;
      session.reanalyze();
    },
  });
  const who = new WhoPanel(session, editors);
  // One panel per id of PANEL_IDS (a missing one does not compile), shown in that order.
  const panels: Record<PanelId, Panel> = {
    who,
    scenario: new ScenarioPanel(session, editors),
    problems: new ProblemsPanel(session, editors),
    summary: new SummaryPanel(session),
  };
  const tabs = new PanelTabs(
    PANEL_IDS.map((id) => panels[id]),
    (tab) => {
      session.state.tab = tab;
      renderAll();
      session.persistSoon();
    },
  );
  const share = host.share;
  const header = new Header({
    kind: host.kind,
    samples: host.samples,
    loadSample: (set) => load(withSample(session.state, set)),
    ...(share && { share: () => share(session.snapshot()) }),
  });

  replaceChildren(
    root,
    header.element,
    h('main', { className: 'lens-main' }, editors.element, h('aside', { className: 'lens-side' }, tabs.nav, ...tabs.elements)),
  );
  root.classList.add('lens-app');
  editors.mount(host.dark);

  function renderAll(): void {
    editors.renderMarkers(session.analysis.findings);
    tabs.render(session.state.tab);
  }

  function load(next: PlaygroundState): void {
    session.state = structuredClone(next);
    editors.setTexts(session.state.files);
    who.writeForm();
    session.reanalyze();
  }

  function updateFiles(files: Partial<Files>, extra?: Record<string, string>, parameters?: Record<string, string>): void {
    const next = session.snapshot();
    for (const id of EDITOR_IDS) {
      const file = files[id];
      if (file) next.files[id] = { ...file };
    }
    if (extra) next.extra = { ...extra };
    if (parameters) next.parameters = { ...parameters };
    else delete next.parameters;
    load(next);
  }

  who.writeForm();
  renderAll();
  header.engine('ready');
  session.timings.interactive = Math.round(performance.now());
  performance.mark('lens:interactive');

  return {
    monaco,
    editor: (id) => editors.editor(id),
    markers: (id) => editors.markers(id),
    state: () => session.snapshot(),
    load,
    updateFiles,
    analysis: () => session.analysis,
    timings: session.timings,
  };
}

export { VERBS };
