/**
 * "Access summary": what guests and signed-in users can do with the editors' policies (the template's
 * identity pools; else the scenario's app when the scenario loads, else the three editors by their kind), from the engine's summary
 * (analyzer/summary). Computed only while the tab is shown.
 */
import { summarizeApps } from '../../../analyzer/summary';
import { h, replaceChildren } from '../dom';
import { hasTemplate } from '../engine';
import type { Session } from '../session';
import { editorsApp } from '../summary-app';
import { summaryHtml } from '../summary-html';
import { panelElement, type Panel } from './panel';

export class SummaryPanel implements Panel {
  readonly id = 'summary';
  readonly title = 'Access summary';
  readonly element = panelElement('summary');
  private readonly content = h('div', { className: 'lens-summary-content lens-access-summary', id: 'lens-access-summary' });

  constructor(private readonly session: Session) {
    replaceChildren(this.element, this.content);
  }

  render(shown: boolean): void {
    if (!shown) return;
    const { files, extra, parameters } = this.session.state;
    // A template's identity pools as `check` read them; else the scenario's app or the editors' policies.
    const app = hasTemplate(files) ? undefined : editorsApp(files, extra, parameters);
    const apps = hasTemplate(files) ? this.session.analysis.apps : app ? [app] : [];
    // Escaped throughout (summary-html.ts): policy text never becomes markup.
    this.content.innerHTML = summaryHtml(summarizeApps(apps));
  }
}
