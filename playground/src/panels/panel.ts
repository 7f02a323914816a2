/**
 * The side panels ("Who may do what", "Scenario", "Problems"), each behind a tab. A panel is one module
 * that builds its element and renders the current analysis; adding a view is one more module here, its id
 * in PANEL_IDS (engine.ts: shared links may then select it) and its instance in app.ts's list.
 */
import { h } from '../dom';
import type { PanelId } from '../engine';

export type { PanelId };

export interface Panel {
  readonly id: PanelId;
  /** The tab's label when nothing has been rendered yet. */
  readonly title: string;
  /** The panel's content (the tab panel wraps it). */
  readonly element: HTMLElement;
  /** Renders the current analysis; `shown` when this panel is the selected one (it may then highlight the editors). */
  render(shown: boolean): void;
  /** The tab's label after a render (e.g. "Problems (3)"); the title when absent. */
  tabLabel?(): string;
}

/** The tab bar and the tab panels for a list of panels; the caller decides what selecting a tab does. */
export class PanelTabs {
  readonly nav: HTMLElement;
  private readonly tabs = new Map<PanelId, HTMLButtonElement>();

  constructor(
    readonly panels: readonly Panel[],
    onSelect: (id: PanelId) => void,
  ) {
    for (const panel of panels) {
      this.tabs.set(panel.id, h('button', { type: 'button', role: 'tab', 'data-tab': panel.id, onclick: () => onSelect(panel.id) }, panel.title));
    }
    this.nav = h('nav', { className: 'lens-tabs', role: 'tablist' }, ...this.tabs.values());
  }

  get elements(): HTMLElement[] {
    return this.panels.map((p) => p.element);
  }

  /** Renders every panel, shows the selected one and updates the tabs' labels. */
  render(selected: PanelId): void {
    for (const panel of this.panels) {
      panel.render(panel.id === selected);
      panel.element.hidden = panel.id !== selected;
      const tab = this.tabs.get(panel.id);
      tab?.setAttribute('aria-selected', String(panel.id === selected));
      if (tab && panel.tabLabel) tab.textContent = panel.tabLabel();
    }
  }
}

/** The tab panel element a panel renders into. */
export function panelElement(id: PanelId): HTMLElement {
  return h('div', { className: 'lens-panel', 'data-panel': id, role: 'tabpanel' });
}
