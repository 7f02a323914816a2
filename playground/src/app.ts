/**
 * The playground UI, shared by the web page (main-web.ts) and the VS Code simulator webview
 * (main-vscode.ts): four editors, "who may do what", the scenario's verdict table and the problems list.
 * Everything the engine says comes through engine.ts; everything Monaco needs through monaco-setup.ts.
 */
import { accessSummaryPanel } from './summary-panel';
import type { Finding, StepResult } from '../../analyzer';
import { escapeMarkdown } from '../../analyzer/editor/markdown';
import { breakableAfter, debounce, h, replaceChildren } from './dom';
import {
  analyze,
  EDITOR_IDS,
  EDITOR_TITLES,
  editorForFile,
  isPolicyEditor,
  stepDeciding,
  VERBS,
  whoMayDo,
  type Analysis,
  type DecidingStatement,
  type EditorId,
  type Files,
  type PlaygroundState,
  type PolicySetPart,
  type Query,
  type Verb,
  type VerdictRow,
  type WhoResult,
} from './engine';
import { configureJsonSchemas, MARKER_OWNER, modelUri, monaco, rangeAt, registerPolicyProviders, toMarkers } from './monaco-setup';
import type { SampleSet } from './samples';
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
  /** Merges new texts into the editors (VS Code: a workspace file changed). */
  updateFiles(files: Partial<Files>, extra?: Record<string, string>): void;
  analysis(): Analysis;
  /** ms from navigation start until the editors accepted input with markers shown. */
  timings: { interactive?: number; lastAnalysisMs?: number };
}

const VERB_LABEL: Record<Verb, string> = { connect: 'Connect', publish: 'Publish', subscribe: 'Subscribe', receive: 'Receive' };
const SET_LABEL: Record<PolicySetPart['set'], string> = { role: 'role', iot: 'IoT policy' };
const SET_OUTCOME: Record<PolicySetPart['outcome'], string> = {
  allow: 'allows',
  'explicit-deny': 'explicit deny',
  'implicit-deny': 'implicit deny (no statement allows it)',
  'not-attached': 'none attached (implicit deny)',
  'not-used': 'not consulted for this request',
};

function location(file: string, line: number, column: number): string {
  return `${file}:${line}:${column}`;
}

/** `arn:aws:iot:us-east-1:123456789012:topic/a/b` → `topic/a/b` (the full ARN is in the explanation). */
function shortArn(arn: string): string {
  return arn.replace(/^arn:[^:]*:[^:]*:[^:]*:[^:]*:/, '');
}

function defaultVerb(query: Query): Verb {
  const target = query.target.trim();
  if (!target) return 'connect';
  return /[+#]/.test(target) ? 'subscribe' : 'publish';
}

export function startApp(root: HTMLElement, host: AppHost): PlaygroundApi {
  let state: PlaygroundState = structuredClone(host.initialState);
  let analysis: Analysis = analyze(state.files, state.extra);
  let who: WhoResult | undefined;
  const timings: PlaygroundApi['timings'] = {};

  // ---------- layout ----------
  const sampleSelect = h(
    'select',
    { id: 'lens-sample', 'aria-label': 'Load a sample' },
    h('option', { value: '' }, 'Load a sample…'),
    ...host.samples.map((s) => h('option', { value: s.id }, s.label)),
  );
  const shareStatus = h('span', { className: 'lens-share-status', id: 'lens-share-status', role: 'status' });
  const shareInput = h('input', { className: 'lens-share-url', id: 'lens-share-url', readonly: true, 'aria-label': 'Share link', hidden: true });
  const engineStatus = h('span', { className: 'lens-engine-status', id: 'lens-engine-status' });
  const header = h(
    'header',
    { className: 'lens-header' },
    h('h1', {}, 'IoT Policy Lens ', h('span', {}, host.kind === 'web' ? 'playground' : 'simulator')),
    host.samples.length > 0 && sampleSelect,
    host.share && h('button', { id: 'lens-share', type: 'button', onclick: () => void share() }, 'Copy share link'),
    host.share && shareInput,
    shareStatus,
    engineStatus,
  );

  const panes = {} as Record<EditorId, { pane: HTMLElement; path: HTMLInputElement; counts: HTMLElement; host: HTMLElement }>;
  for (const id of EDITOR_IDS) {
    const path = h('input', {
      className: 'lens-path',
      value: state.files[id].path,
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
      state.files[id].path = path.value.trim() || state.files[id].path;
      path.value = state.files[id].path;
      reanalyze();
    });
    panes[id] = { pane, path, counts, host: editorHost };
  }

  const tabs = {
    who: h('button', { type: 'button', role: 'tab', 'data-tab': 'who' }, 'Who may do what'),
    scenario: h('button', { type: 'button', role: 'tab', 'data-tab': 'scenario' }, 'Scenario'),
    problems: h('button', { type: 'button', role: 'tab', 'data-tab': 'problems' }, 'Problems'),
  };
  const whoPanel = h('div', { className: 'lens-panel', 'data-panel': 'who', role: 'tabpanel' });
  const scenarioPanel = h('div', { className: 'lens-panel', 'data-panel': 'scenario', role: 'tabpanel' });
  const problemsPanel = h('div', { className: 'lens-panel', 'data-panel': 'problems', role: 'tabpanel' });
  const panels = { who: whoPanel, scenario: scenarioPanel, problems: problemsPanel };
  for (const [name, tab] of Object.entries(tabs) as Array<[PlaygroundState['tab'], HTMLButtonElement]>) tab.addEventListener('click', () => selectTab(name));

  // ---------- "who may do what" form ----------
  const field = <T extends HTMLElement>(label: string, control: T, extraClass = '') =>
    h('label', { className: `lens-field ${extraClass}` }, h('span', {}, label), control);
  const form = {
    identityType: h(
      'select',
      { name: 'identityType' },
      h('option', { value: 'authenticated' }, 'authenticated'),
      h('option', { value: 'unauthenticated' }, 'unauthenticated (guest)'),
    ),
    preset: h('select', { name: 'preset' }),
    identityId: h('input', { name: 'identityId', spellcheck: 'false' }),
    clientId: h('input', { name: 'clientId', spellcheck: 'false', placeholder: 'same as the identity ID' }),
    protocol: h(
      'select',
      { name: 'protocol' },
      h('option', { value: 'mqtt-wss' }, 'MQTT over WebSocket'),
      h('option', { value: 'mqtt' }, 'MQTT'),
      h('option', { value: 'https' }, 'HTTPS'),
    ),
    identityPoolId: h('input', { name: 'identityPoolId', spellcheck: 'false', placeholder: 'optional (aud)' }),
    attachIotPolicy: h('input', { name: 'attachIotPolicy', type: 'checkbox' }),
    target: h('input', { name: 'target', spellcheck: 'false', placeholder: 'a topic (users/…/telemetry) or a filter (users/+/status)' }),
  };
  const attachNote = h('small', { className: 'lens-attach-note', id: 'lens-attach-note' });
  const verdictBody = h('tbody');
  const whoExplain = h('pre', { className: 'lens-explain', id: 'lens-who-explain' });
  const variablesBody = h('tbody');
  replaceChildren(
    whoPanel,
    h(
      'form',
      { className: 'lens-who', id: 'lens-who', onsubmit: (e) => e.preventDefault() },
      h('div', { className: 'lens-row' }, field('Identity type', form.identityType), field('From the scenario', form.preset)),
      field('Identity ID', form.identityId),
      h('div', { className: 'lens-row' }, field('Client ID', form.clientId), field('Protocol', form.protocol)),
      field('Identity pool ID', form.identityPoolId),
      h('label', { className: 'lens-check' }, form.attachIotPolicy, ' The IoT policy is attached to the identity ID (AttachPolicy)', attachNote),
      field('Topic or topic filter', form.target, 'lens-target'),
    ),
    h(
      'table',
      { className: 'lens-table lens-verdicts', id: 'lens-verdicts' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Action'), h('th', {}, 'Verdict'), h('th', {}, 'Decided by'))),
      verdictBody,
    ),
    whoExplain,
    h('h3', {}, 'Policy variables'),
    h(
      'table',
      { className: 'lens-table lens-variables', id: 'lens-variables' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Variable'), h('th', {}, 'Value'))),
      variablesBody,
    ),
  );
  const readForm = () => {
    state.query = {
      identityType: form.identityType.value === 'unauthenticated' ? 'unauthenticated' : 'authenticated',
      identityId: form.identityId.value,
      clientId: form.clientId.value,
      protocol: form.protocol.value === 'mqtt' || form.protocol.value === 'https' ? form.protocol.value : 'mqtt-wss',
      identityPoolId: form.identityPoolId.value,
      attachIotPolicy: form.attachIotPolicy.checked,
      target: form.target.value,
    };
  };
  const writeForm = () => {
    const q = state.query;
    form.identityType.value = q.identityType;
    form.identityId.value = q.identityId;
    form.clientId.value = q.clientId;
    form.protocol.value = q.protocol;
    form.identityPoolId.value = q.identityPoolId;
    form.attachIotPolicy.checked = q.attachIotPolicy;
    form.target.value = q.target;
  };
  for (const control of [form.identityType, form.identityId, form.clientId, form.protocol, form.identityPoolId, form.attachIotPolicy, form.target]) {
    control.addEventListener('input', () => {
      const previousDefault = defaultVerb(state.query);
      readForm();
      if (state.verb === undefined || state.verb === previousDefault) state.verb = defaultVerb(state.query);
      renderWho();
      persistSoon();
    });
  }
  form.preset.addEventListener('change', () => {
    const identity = analysis.identities.find((i) => i.name === form.preset.value);
    form.preset.value = '';
    if (!identity) return;
    state.query = {
      ...state.query,
      identityType: identity.type,
      identityId: identity.identityId,
      clientId: identity.clientId ?? '',
      protocol: identity.protocol ?? 'mqtt-wss',
      identityPoolId: identity.identityPoolId ?? '',
    };
    writeForm();
    renderWho();
    persistSoon();
  });

  // ---------- scenario and problems panels ----------
  const scenarioSummary = h('p', { className: 'lens-summary', id: 'lens-scenario-summary' });
  const stepsBody = h('tbody');
  const stepExplain = h('pre', { className: 'lens-explain', id: 'lens-step-explain' });
  replaceChildren(
    scenarioPanel,
    h(
      'div',
      { className: 'lens-row lens-run' },
      h('button', { type: 'button', id: 'lens-run', onclick: () => reanalyze() }, '▶ Run scenario'),
      scenarioSummary,
    ),
    h(
      'table',
      { className: 'lens-table lens-steps', id: 'lens-steps' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, '#'), h('th', {}, 'Step'), h('th', {}, 'Expected'), h('th', {}, 'Verdict'), h('th', { 'aria-label': 'pass' }, '')),
      ),
      stepsBody,
    ),
    stepExplain,
  );
  const problemsList = h('ul', { className: 'lens-problems', id: 'lens-problems' });
  replaceChildren(problemsPanel, problemsList);

  // Narrow (the simulator beside an editor): one editor at a time, picked by these tabs (hidden when wide, style.css).
  const editorTabs = Object.fromEntries(
    EDITOR_IDS.map((id) => [id, h('button', { type: 'button', role: 'tab', 'data-editor-tab': id, onclick: () => showEditor(id) }, EDITOR_TITLES[id])]),
  ) as Record<EditorId, HTMLButtonElement>;
  const showEditor = (shown: EditorId) => {
    for (const id of EDITOR_IDS) {
      panes[id].pane.classList.toggle('lens-pane-shown', id === shown);
      editorTabs[id].setAttribute('aria-selected', String(id === shown));
    }
  };
  showEditor('iotPolicy');
  const editorArea = h(
    'div',
    { className: 'lens-editor-area' },
    h('nav', { className: 'lens-editor-tabs', role: 'tablist', 'aria-label': 'Editors' }, ...EDITOR_IDS.map((id) => editorTabs[id])),
    h('div', { className: 'lens-editors' }, ...EDITOR_IDS.map((id) => panes[id].pane)),
  );
  const accessSummary = accessSummaryPanel(() => state);
  const layout = h(
    'main',
    { className: 'lens-main' },
    editorArea,
    h(
      'aside',
      { className: 'lens-side' },
      h('nav', { className: 'lens-tabs', role: 'tablist' }, tabs.who, tabs.scenario, tabs.problems),
      whoPanel,
      scenarioPanel,
      problemsPanel,
      accessSummary.element,
    ),
  );
  replaceChildren(root, header, layout);
  root.classList.add('lens-app');

  // ---------- editors ----------
  configureJsonSchemas();
  const models = {} as Record<EditorId, monaco.editor.ITextModel>;
  const editors = {} as Record<EditorId, monaco.editor.IStandaloneCodeEditor>;
  const highlights = {} as Record<EditorId, monaco.editor.IEditorDecorationsCollection>;
  let applying = false;
  for (const id of EDITOR_IDS) {
    models[id] = monaco.editor.createModel(state.files[id].text, 'json', modelUri(id));
    editors[id] = monaco.editor.create(panes[id].host, {
      model: models[id],
      theme: host.dark ? 'vs-dark' : 'vs',
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
      ariaLabel: `${EDITOR_TITLES[id]} (JSON)`,
    });
    highlights[id] = editors[id].createDecorationsCollection();
    models[id].onDidChangeContent(() => {
      state.files[id].text = models[id].getValue();
      if (!applying) analyzeSoon();
    });
  }
  registerPolicyProviders((model) => {
    const id = EDITOR_IDS.find((e) => models[e] === model);
    return id && isPolicyEditor(id) ? { id, file: state.files[id] } : undefined;
  });

  // ---------- rendering ----------
  function renderMarkers(): void {
    for (const id of EDITOR_IDS) {
      const findings = analysis.findings[id];
      monaco.editor.setModelMarkers(models[id], MARKER_OWNER, toMarkers(models[id], findings));
      const errors = findings.filter((f) => f.severity === 'error').length;
      const warnings = findings.filter((f) => f.severity === 'warning').length;
      const infos = findings.length - errors - warnings;
      panes[id].counts.textContent =
        findings.length === 0
          ? '✓ no findings'
          : [errors && `${errors} error${errors > 1 ? 's' : ''}`, warnings && `${warnings} warning${warnings > 1 ? 's' : ''}`, infos && `${infos} info`]
              .filter(Boolean)
              .join(' · ');
      panes[id].counts.className = `lens-counts ${errors ? 'has-errors' : warnings ? 'has-warnings' : 'clean'}`;
    }
  }

  /** Per policy set what it said; for a DENY, ✗ marks what decided it (an explicit Deny, else each set's implicit deny). */
  function decidedBy(row: VerdictRow): HTMLElement {
    if (row.sets.length === 0) return h('span', { className: 'lens-muted' }, '—');
    return h(
      'span',
      {},
      ...row.sets.map((part) => {
        const mark = part.decidedDeny ? '✗' : part.outcome === 'allow' ? '✓' : '·';
        const said = part.ref
          ? [
              `${part.ref.sid ?? `#${part.ref.index + 1}`}${part.outcome === 'explicit-deny' ? ' (Deny)' : ''} `,
              h('small', {}, location(part.ref.file, part.ref.range.start.line, part.ref.range.start.column)),
            ]
          : [SET_OUTCOME[part.outcome]];
        return h(
          'span',
          {
            className: `lens-set lens-set-${part.decidedDeny ? 'decided-deny' : part.outcome}`,
            'data-set': part.set,
            'data-outcome': part.outcome,
            'data-decided-deny': String(part.decidedDeny),
          },
          `${mark} ${SET_LABEL[part.set]}: `,
          ...said,
        );
      }),
    );
  }

  function renderWho(): void {
    who = whoMayDo(state.files, state.query, analysis.scope);
    // AWS IoT consults no IoT policy for guests (unauthenticated identities): the checkbox cannot matter.
    const guest = state.query.identityType === 'unauthenticated';
    form.attachIotPolicy.disabled = guest;
    attachNote.textContent = guest ? ' — not for guests: AWS IoT does not use IoT policies for unauthenticated identities; their role alone decides' : '';
    const selected = state.verb ?? defaultVerb(state.query);
    replaceChildren(
      verdictBody,
      ...who.rows.map((row) =>
        h(
          'tr',
          {
            'data-verb': row.verb,
            'data-decision': row.decision,
            className: `${row.verb === selected ? 'selected' : ''}`,
            tabindex: 0,
            onclick: () => selectVerb(row.verb),
            onkeydown: (e) => (e as KeyboardEvent).key === 'Enter' && selectVerb(row.verb),
          },
          h(
            'td',
            {},
            VERB_LABEL[row.verb],
            h(
              'div',
              { className: 'lens-resource', title: row.resource ?? '' },
              ...(row.resource ? breakableAfter(shortArn(row.resource), /(?<=[/:])/) : [row.reason ?? '']),
            ),
          ),
          h(
            'td',
            {},
            h('span', { className: `lens-verdict lens-verdict-${row.decision.replace('/', '')}` }, row.decision === 'n/a' ? 'n/a' : row.decision.toUpperCase()),
          ),
          h('td', {}, decidedBy(row)),
        ),
      ),
    );
    const row = who.rows.find((r) => r.verb === selected);
    whoExplain.textContent = row ? row.explanation.join('\n') : '';
    replaceChildren(
      variablesBody,
      ...(who.variables.length === 0
        ? [h('tr', {}, h('td', { colspan: 2, className: 'lens-muted' }, 'no policy variables in the statements considered'))]
        : who.variables.map((v) =>
            h(
              'tr',
              {},
              h('td', {}, h('code', {}, v.variable)),
              h(
                'td',
                { className: v.value === undefined ? 'lens-unresolved' : '' },
                v.value ?? `unresolved — entries using it match nothing${v.note ? ` (${v.note})` : ''}`,
              ),
            ),
          )),
    );
    if (state.tab === 'who') highlight(row?.deciding ?? []);
  }

  function renderPresets(): void {
    replaceChildren(
      form.preset,
      h('option', { value: '' }, analysis.identities.length ? 'pick an identity…' : 'no scenario identities'),
      ...analysis.identities.map((i) => h('option', { value: i.name }, `${i.name} (${i.type})`)),
    );
  }

  function stepRow(step: StepResult): HTMLElement {
    const status = step.pass === undefined ? 'unchecked' : step.pass ? 'pass' : 'fail';
    return h(
      'tr',
      {
        'data-index': step.index,
        'data-decision': step.decision,
        'data-expected': step.expected ?? '',
        'data-pass': step.pass === undefined ? '' : String(step.pass),
        className: `lens-step-${status}${state.step === step.index ? ' selected' : ''}`,
        tabindex: 0,
        onclick: () => selectStep(step.index),
        onkeydown: (e) => (e as KeyboardEvent).key === 'Enter' && selectStep(step.index),
      },
      h('td', {}, step.index + 1),
      h('td', {}, step.name ? h('div', {}, step.name) : null, h('div', { className: 'lens-resource' }, step.label)),
      h('td', {}, step.expected ?? '—'),
      h('td', {}, h('span', { className: `lens-verdict lens-verdict-${step.decision}` }, step.decision.toUpperCase())),
      h('td', { className: 'lens-pass' }, status === 'pass' ? '✓' : status === 'fail' ? '✗' : '·'),
    );
  }

  function renderScenario(): void {
    const result = analysis.scenario;
    if (!result) {
      const problems = analysis.findings.scenario.filter((f) => f.ruleId === 'invalid-scenario');
      scenarioSummary.textContent =
        state.files.scenario.text.trim() === ''
          ? 'No scenario: write one in the Scenario editor, or load a sample.'
          : `The scenario cannot run: ${problems.length} problem${problems.length === 1 ? '' : 's'} (see Problems).`;
      scenarioSummary.className = 'lens-summary fail';
      replaceChildren(stepsBody);
      stepExplain.textContent = problems.map((p) => `${location(p.range.file, p.range.start.line, p.range.start.column)} ${p.message}`).join('\n');
      tabs.scenario.textContent = 'Scenario';
      return;
    }
    const { passed, failed, steps } = result.summary;
    scenarioSummary.textContent = `${result.name}: ${passed}/${steps} expectations hold${failed ? `, ${failed} failed` : ''}`;
    scenarioSummary.className = `lens-summary ${failed ? 'fail' : 'pass'}`;
    tabs.scenario.textContent = `Scenario ${failed ? `✗ ${failed}` : `✓ ${passed}/${steps}`}`;
    replaceChildren(stepsBody, ...result.steps.map(stepRow));
    const step = result.steps.find((s) => s.index === state.step);
    stepExplain.textContent = step ? step.explanation.join('\n') : 'Click a step to see why, with the deciding statements highlighted in the editors.';
    if (state.tab === 'scenario') highlightStep(step);
  }

  function renderProblems(): void {
    const all: Array<{ id?: EditorId; finding: Finding }> = [
      ...EDITOR_IDS.flatMap((id) => analysis.findings[id].map((finding) => ({ id, finding }))),
      ...analysis.otherFindings.map((finding) => ({ finding })),
    ];
    tabs.problems.textContent = `Problems (${all.length})`;
    replaceChildren(
      problemsList,
      ...(all.length === 0
        ? [h('li', { className: 'lens-muted' }, 'No findings.')]
        : all.map(({ id, finding }) =>
            h(
              'li',
              {
                className: `lens-problem lens-${finding.severity}`,
                'data-rule': finding.ruleId,
                'data-editor': id ?? '',
                'data-line': finding.range.start.line,
                tabindex: 0,
                onclick: () => id && reveal(id, finding.range.offset, finding.range.length, true),
              },
              h('span', { className: 'lens-severity' }, finding.severity),
              h('code', {}, finding.ruleId),
              ' ',
              finding.message,
              h(
                'small',
                {},
                ` ${location(finding.range.file, finding.range.start.line, finding.range.start.column)}${finding.fix ? ` · quick fix: ${finding.fix.title}` : ''}`,
              ),
            ),
          )),
    );
  }

  function renderAll(): void {
    renderMarkers();
    renderPresets();
    renderProblems();
    renderScenario();
    renderWho();
    for (const [name, panel] of Object.entries(panels)) panel.hidden = name !== state.tab;
    for (const [name, tab] of Object.entries(tabs)) tab.setAttribute('aria-selected', String(name === state.tab));
    if (state.tab === 'problems') highlight([]);
  }

  // ---------- highlighting ----------
  function reveal(id: EditorId, offset: number, length: number, focus = false): void {
    const range = rangeAt(models[id], offset, length);
    editors[id].revealRangeInCenterIfOutsideViewport(range, monaco.editor.ScrollType.Smooth);
    if (focus) {
      editors[id].setSelection(range);
      editors[id].focus();
    }
  }

  function highlight(deciding: readonly DecidingStatement[], extra: Partial<Record<EditorId, monaco.editor.IModelDeltaDecoration[]>> = {}): void {
    const perEditor: Record<EditorId, monaco.editor.IModelDeltaDecoration[]> = { authRole: [], unauthRole: [], iotPolicy: [], scenario: [] };
    for (const d of deciding) {
      const id = editorForFile(state.files, d.ref.file);
      if (!id) continue;
      const what = d.role === 'near-miss' ? 'covers the action but does not apply' : `decides: ${d.role === 'deny' ? 'explicit DENY' : 'ALLOW'}`;
      perEditor[id].push({
        range: rangeAt(models[id], d.ref.range.offset, d.ref.range.length),
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
      highlights[id].set(decorations);
      const first = decorations.find((d) => !d.options.isWholeLine) ?? decorations[0];
      if (first) editors[id].revealRangeInCenterIfOutsideViewport(first.range, monaco.editor.ScrollType.Smooth);
    }
  }

  function highlightStep(step: StepResult | undefined): void {
    if (!step) return highlight([]);
    const stepRange = rangeAt(models.scenario, step.range.offset, step.range.length);
    highlight(stepDeciding(step), {
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

  function selectVerb(verb: Verb): void {
    state.verb = verb;
    renderWho();
    persistSoon();
  }

  function selectStep(index: number): void {
    state.step = index;
    renderScenario();
    persistSoon();
  }

  function selectTab(tab: PlaygroundState['tab']): void {
    state.tab = tab;
    renderAll();
    persistSoon();
  }

  // ---------- analysis, persistence, sharing ----------
  function reanalyze(): void {
    const started = performance.now();
    analysis = analyze(state.files, state.extra);
    accessSummary.refresh();
    timings.lastAnalysisMs = Math.round((performance.now() - started) * 10) / 10;
    renderAll();
    engineStatus.textContent = `checked in ${timings.lastAnalysisMs} ms`;
    persistSoon();
  }
  const analyzeSoon = debounce(reanalyze, 150);
  const persistSoon = debounce(() => host.persist(snapshot()), 300);

  function snapshot(): PlaygroundState {
    return structuredClone(state);
  }

  async function share(): Promise<void> {
    if (!host.share) return;
    const url = await host.share(snapshot());
    shareInput.value = url;
    shareInput.hidden = false;
    try {
      await navigator.clipboard.writeText(url);
      shareStatus.textContent = 'Link copied.';
    } catch {
      shareInput.select();
      shareStatus.textContent = 'Copy the link from the box.';
    }
  }

  function load(next: PlaygroundState): void {
    state = structuredClone(next);
    applying = true;
    try {
      for (const id of EDITOR_IDS) {
        if (models[id].getValue() !== state.files[id].text) models[id].setValue(state.files[id].text);
        panes[id].path.value = state.files[id].path;
      }
    } finally {
      applying = false;
    }
    writeForm();
    reanalyze();
  }

  function updateFiles(files: Partial<Files>, extra?: Record<string, string>): void {
    const next = snapshot();
    for (const id of EDITOR_IDS) if (files[id]) next.files[id] = { ...files[id]! };
    if (extra) next.extra = { ...extra };
    load(next);
  }

  sampleSelect.addEventListener('change', () => {
    const set = host.samples.find((s) => s.id === sampleSelect.value);
    sampleSelect.value = '';
    if (!set) return;
    const next = snapshot();
    for (const id of EDITOR_IDS) {
      const file = set.files[id];
      if (file) next.files[id] = set.textOnly ? { path: next.files[id].path, text: file.text } : { ...file };
    }
    if (!set.textOnly) next.extra = { ...set.extra };
    if (set.query) next.query = { ...next.query, ...set.query };
    delete next.step;
    delete next.verb;
    load(next);
    shareStatus.textContent = `Loaded ${set.label}.`;
  });

  writeForm();
  renderAll();
  engineStatus.textContent = 'ready';
  timings.interactive = Math.round(performance.now());
  performance.mark('lens:interactive');

  return {
    monaco,
    editor: (id) => editors[id],
    markers: (id) => monaco.editor.getModelMarkers({ owner: MARKER_OWNER, resource: models[id].uri }),
    state: snapshot,
    load,
    updateFiles,
    analysis: () => analysis,
    timings,
  };
}

export { VERBS };
