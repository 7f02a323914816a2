/**
 * The playground's "Access summary" section: what guests and signed-in users can do with the editors'
 * policies (the scenario's app when the scenario loads, else the three editors by their kind), from the
 * engine's summary (analyzer/summary). Computed only while the section is open.
 */
import { summarizeApps } from '../../analyzer/summary';
import { h } from './dom';
import type { Files } from './engine';
import { editorsApp } from './summary-app';
import { summaryHtml } from './summary-html';

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
