/** "Scenario": run the scenario, each step's expectation and verdict, and the selected step's explanation. */
import type { StepResult } from '../../../analyzer';
import { h, replaceChildren } from '../dom';
import type { Editors } from '../editors';
import type { Session } from '../session';
import { location } from './format';
import { panelElement, type Panel } from './panel';

export class ScenarioPanel implements Panel {
  readonly id = 'scenario';
  readonly title = 'Scenario';
  readonly element = panelElement('scenario');
  private readonly summary = h('p', { className: 'lens-summary', id: 'lens-scenario-summary' });
  private readonly stepsBody = h('tbody');
  private readonly explain = h('pre', { className: 'lens-explain', id: 'lens-step-explain' });
  private shown = false;

  constructor(
    private readonly session: Session,
    private readonly editors: Editors,
  ) {
    replaceChildren(
      this.element,
      h(
        'div',
        { className: 'lens-row lens-run' },
        h('button', { type: 'button', id: 'lens-run', onclick: () => session.reanalyze() }, '▶ Run scenario'),
        this.summary,
      ),
      h(
        'table',
        { className: 'lens-table lens-steps', id: 'lens-steps' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, '#'), h('th', {}, 'Step'), h('th', {}, 'Expected'), h('th', {}, 'Verdict'), h('th', { 'aria-label': 'pass' }, '')),
        ),
        this.stepsBody,
      ),
      this.explain,
    );
  }

  tabLabel(): string {
    const result = this.session.analysis.scenario;
    if (!result) return 'Scenario';
    const { passed, failed, steps } = result.summary;
    return `Scenario ${failed ? `✗ ${failed}` : `✓ ${passed}/${steps}`}`;
  }

  render(shown: boolean): void {
    this.shown = shown;
    const { state, analysis } = this.session;
    const result = analysis.scenario;
    if (!result) {
      const problems = analysis.findings.scenario.filter((f) => f.ruleId === 'invalid-scenario');
      this.summary.textContent =
        state.files.scenario.text.trim() === ''
          ? 'No scenario: write one in the Scenario editor, or load a sample.'
          : `The scenario cannot run: ${problems.length} problem${problems.length === 1 ? '' : 's'} (see Problems).`;
      this.summary.className = 'lens-summary fail';
      replaceChildren(this.stepsBody);
      this.explain.textContent = problems.map((p) => `${location(p.range.file, p.range.start.line, p.range.start.column)} ${p.message}`).join('\n');
      return;
    }
    const { passed, failed, steps } = result.summary;
    this.summary.textContent = `${result.name}: ${passed}/${steps} expectations hold${failed ? `, ${failed} failed` : ''}`;
    this.summary.className = `lens-summary ${failed ? 'fail' : 'pass'}`;
    replaceChildren(this.stepsBody, ...result.steps.map((step) => this.stepRow(step)));
    const step = result.steps.find((s) => s.index === state.step);
    this.explain.textContent = step ? step.explanation.join('\n') : 'Click a step to see why, with the deciding statements highlighted in the editors.';
    if (shown) this.editors.highlightStep(step);
  }

  private select(index: number): void {
    this.session.state.step = index;
    this.render(this.shown);
    this.session.persistSoon();
  }

  private stepRow(step: StepResult): HTMLElement {
    const status = step.pass === undefined ? 'unchecked' : step.pass ? 'pass' : 'fail';
    return h(
      'tr',
      {
        'data-index': step.index,
        'data-decision': step.decision,
        'data-expected': step.expected ?? '',
        'data-pass': step.pass === undefined ? '' : String(step.pass),
        className: `lens-step-${status}${this.session.state.step === step.index ? ' selected' : ''}`,
        tabindex: 0,
        onclick: () => this.select(step.index),
        onkeydown: (e) => (e as KeyboardEvent).key === 'Enter' && this.select(step.index),
      },
      h('td', {}, step.index + 1),
      h('td', {}, step.name ? h('div', {}, step.name) : null, h('div', { className: 'lens-resource' }, step.label)),
      h('td', {}, step.expected ?? '—'),
      h('td', {}, h('span', { className: `lens-verdict lens-verdict-${step.decision}` }, step.decision.toUpperCase())),
      h('td', { className: 'lens-pass' }, status === 'pass' ? '✓' : status === 'fail' ? '✗' : '·'),
    );
  }
}
