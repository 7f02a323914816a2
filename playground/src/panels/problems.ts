/** "Problems": every finding of every editor (and of files the scenario reads), each revealing its place. */
import type { Finding } from '../../../analyzer';
import { h, replaceChildren } from '../dom';
import { EDITOR_IDS, type EditorId } from '../engine';
import type { Editors } from '../editors';
import type { Session } from '../session';
import { location } from './format';
import { panelElement, type Panel } from './panel';

export class ProblemsPanel implements Panel {
  readonly id = 'problems';
  readonly title = 'Problems';
  readonly element = panelElement('problems');
  private readonly list = h('ul', { className: 'lens-problems', id: 'lens-problems' });

  constructor(
    private readonly session: Session,
    private readonly editors: Editors,
  ) {
    replaceChildren(this.element, this.list);
  }

  private all(): Array<{ id?: EditorId; finding: Finding }> {
    const { analysis } = this.session;
    return [
      ...EDITOR_IDS.flatMap((id) => analysis.findings[id].map((finding) => ({ id, finding }))),
      ...analysis.otherFindings.map((finding) => ({ finding })),
    ];
  }

  tabLabel(): string {
    return `Problems (${this.all().length})`;
  }

  render(shown: boolean): void {
    const all = this.all();
    replaceChildren(
      this.list,
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
                onclick: () => id && this.editors.reveal(id, finding.range.offset, finding.range.length, true),
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
    // Nothing to highlight from here: clear what another panel marked.
    if (shown) this.editors.highlight([]);
  }
}
