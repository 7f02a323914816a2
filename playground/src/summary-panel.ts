/**
 * The playground's "Access summary" section: what guests and signed-in users can do with the editors'
 * policies (the scenario's app when the scenario loads, else the three editors by their kind), from the
 * engine's summary (analyzer/summary). Computed only while the section is open.
 */
import { appFromKinds, appFromScenario, appPolicy, DEFAULT_SCOPE, loadScenario, parsePolicy, type App } from '../../analyzer';
import { summarizeApps } from '../../analyzer/summary';
import { h } from './dom';
import { EDITOR_IDS, isPolicyEditor, memoryHost, POLICY_KINDS, type Files } from './engine';
import { summaryHtml } from './summary-html';

/** The app the editors describe: the scenario's, or the policies by their editor's kind. */
export function editorsApp(files: Files, extra: Readonly<Record<string, string>> = {}): App | undefined {
  if (files.scenario.text.trim() !== '') {
    const { scenario } = loadScenario(files.scenario.text, files.scenario.path, memoryHost(files, extra));
    if (scenario) return appFromScenario(scenario);
  }
  const policies = EDITOR_IDS.filter(isPolicyEditor)
    .filter((id) => files[id].text.trim() !== '')
    .map((id) => appPolicy(files[id].path, POLICY_KINDS[id], () => parsePolicy(files[id].text, files[id].path)));
  return appFromKinds('the editors’ policies', files.scenario.path, DEFAULT_SCOPE, policies);
}

/** The section; `refresh` after the editors change (it reads them through `current`). */
export function accessSummaryPanel(current: () => { files: Files; extra: Readonly<Record<string, string>> }): { element: HTMLElement; refresh(): void } {
  const content = h('div', { className: 'lens-summary-content', id: 'lens-access-summary' });
  const element = h('details', { className: 'lens-access-summary' }, h('summary', {}, 'Access summary: what each identity class can do'), content);
  const refresh = () => {
    if (!element.open) return;
    const { files, extra } = current();
    const app = editorsApp(files, extra);
    // Escaped throughout (summary-html.ts): policy text never becomes markup.
    content.innerHTML = summaryHtml(summarizeApps(app ? [app] : []));
  };
  element.addEventListener('toggle', refresh);
  return { element, refresh };
}
