/**
 * "Who may do what": the question (identity, client ID, protocol, topic) as a form, the verdict of each
 * MQTT action with what decided it, the selected action's explanation, and the policy variables' values.
 */
import { breakableAfter, h, replaceChildren } from '../dom';
import { hasTemplate, whoMayDo, type PolicySetPart, type Query, type Verb, type VerdictRow } from '../engine';
import { selectedTemplateClass, templateClasses } from '../policy-sets';
import type { Editors } from '../editors';
import type { Session } from '../session';
import { location, shortArn } from './format';
import { panelElement, type Panel } from './panel';

const VERB_LABEL: Record<Verb, string> = { connect: 'Connect', publish: 'Publish', subscribe: 'Subscribe', receive: 'Receive' };
const SET_LABEL: Record<PolicySetPart['set'], string> = { role: 'role', iot: 'IoT policy' };
const SET_OUTCOME: Record<PolicySetPart['outcome'], string> = {
  allow: 'allows',
  'explicit-deny': 'explicit deny',
  'implicit-deny': 'implicit deny (no statement allows it)',
  'not-attached': 'none attached (implicit deny)',
  'not-used': 'not consulted for this request',
};

/** The action asked about when none is selected: a filter is subscribed to, a topic published to. */
export function defaultVerb(query: Query): Verb {
  const target = query.target.trim();
  if (!target) return 'connect';
  return /[+#]/.test(target) ? 'subscribe' : 'publish';
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

export class WhoPanel implements Panel {
  readonly id = 'who';
  readonly title = 'Who may do what';
  readonly element = panelElement('who');
  private readonly form = {
    identityType: h(
      'select',
      { name: 'identityType' },
      h('option', { value: 'authenticated' }, 'authenticated'),
      h('option', { value: 'unauthenticated' }, 'unauthenticated (guest)'),
    ),
    preset: h('select', { name: 'preset' }),
    appClass: h('select', { name: 'appClass' }),
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
  private readonly attachNote = h('small', { className: 'lens-attach-note', id: 'lens-attach-note' });
  /** With a template: the identity class picker (it decides the identity type) and what the app model assumed. */
  private readonly classField: HTMLElement;
  private readonly typeField: HTMLElement;
  private readonly appNotes = h('ul', { className: 'lens-app-notes', id: 'lens-app-notes' });
  private readonly verdictBody = h('tbody');
  private readonly explain = h('pre', { className: 'lens-explain', id: 'lens-who-explain' });
  private readonly variablesBody = h('tbody');
  private shown = false;

  constructor(
    private readonly session: Session,
    private readonly editors: Editors,
  ) {
    const form = this.form;
    const field = <T extends HTMLElement>(label: string, control: T, extraClass = '') =>
      h('label', { className: `lens-field ${extraClass}` }, h('span', {}, label), control);
    this.typeField = field('Identity type', form.identityType);
    this.classField = field('Identity class (the template’s app)', form.appClass);
    replaceChildren(
      this.element,
      h(
        'form',
        { className: 'lens-who', id: 'lens-who', onsubmit: (e) => e.preventDefault() },
        h('div', { className: 'lens-row' }, this.typeField, this.classField, field('From the scenario', form.preset)),
        this.appNotes,
        field('Identity ID', form.identityId),
        h('div', { className: 'lens-row' }, field('Client ID', form.clientId), field('Protocol', form.protocol)),
        field('Identity pool ID', form.identityPoolId),
        h('label', { className: 'lens-check' }, form.attachIotPolicy, ' The IoT policy is attached to the identity ID (AttachPolicy)', this.attachNote),
        field('Topic or topic filter', form.target, 'lens-target'),
      ),
      h(
        'table',
        { className: 'lens-table lens-verdicts', id: 'lens-verdicts' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Action'), h('th', {}, 'Verdict'), h('th', {}, 'Decided by'))),
        this.verdictBody,
      ),
      this.explain,
      h('h3', {}, 'Policy variables'),
      h(
        'table',
        { className: 'lens-table lens-variables', id: 'lens-variables' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Variable'), h('th', {}, 'Value'))),
        this.variablesBody,
      ),
    );
    for (const control of [form.identityType, form.identityId, form.clientId, form.protocol, form.identityPoolId, form.attachIotPolicy, form.target]) {
      control.addEventListener('input', () => {
        const state = session.state;
        const previousDefault = defaultVerb(state.query);
        this.readForm();
        if (state.verb === undefined || state.verb === previousDefault) state.verb = defaultVerb(state.query);
        this.renderVerdicts();
        session.persistSoon();
      });
    }
    form.appClass.addEventListener('change', () => {
      const chosen = templateClasses(session.analysis.apps).find((c) => c.key === form.appClass.value);
      if (!chosen) return;
      session.state.query = { ...session.state.query, appClass: chosen.key, identityType: chosen.appClass.type };
      this.writeForm();
      this.renderVerdicts();
      session.persistSoon();
    });
    form.preset.addEventListener('change', () => {
      const identity = session.analysis.identities.find((i) => i.name === form.preset.value);
      form.preset.value = '';
      if (!identity) return;
      session.state.query = {
        ...session.state.query,
        identityType: identity.type,
        identityId: identity.identityId,
        clientId: identity.clientId ?? '',
        protocol: identity.protocol ?? 'mqtt-wss',
        identityPoolId: identity.identityPoolId ?? '',
      };
      this.writeForm();
      this.renderVerdicts();
      session.persistSoon();
    });
  }

  private readForm(): void {
    const form = this.form;
    this.session.state.query = {
      ...this.session.state.query,
      identityType: form.identityType.value === 'unauthenticated' ? 'unauthenticated' : 'authenticated',
      identityId: form.identityId.value,
      clientId: form.clientId.value,
      protocol: form.protocol.value === 'mqtt' || form.protocol.value === 'https' ? form.protocol.value : 'mqtt-wss',
      identityPoolId: form.identityPoolId.value,
      attachIotPolicy: form.attachIotPolicy.checked,
      target: form.target.value,
    };
  }

  /** Shows the state's question in the form (after a load or a preset). */
  writeForm(): void {
    const q = this.session.state.query;
    const form = this.form;
    form.identityType.value = q.identityType;
    form.identityId.value = q.identityId;
    form.clientId.value = q.clientId;
    form.protocol.value = q.protocol;
    form.identityPoolId.value = q.identityPoolId;
    form.attachIotPolicy.checked = q.attachIotPolicy;
    form.target.value = q.target;
  }

  render(shown: boolean): void {
    this.shown = shown;
    this.renderPresets();
    this.renderVerdicts();
  }

  /** With a template, the class picker replaces the identity type: its classes, the one asked about, and the app's notes. */
  private renderClasses(): void {
    const { state, analysis } = this.session;
    const template = hasTemplate(state.files);
    this.classField.hidden = !template;
    this.typeField.hidden = template;
    this.appNotes.hidden = !template;
    if (!template) return;
    const choices = templateClasses(analysis.apps);
    const chosen = selectedTemplateClass(choices, state.query);
    replaceChildren(
      this.form.appClass,
      ...(chosen ? [] : [h('option', { value: '' }, choices.length === 0 ? 'no identity pool in the template' : 'pick a class…')]),
      ...choices.map((c) => h('option', { value: c.key, 'data-unknown': String(c.appClass.unknowns.length > 0 || !c.appClass.certain) }, c.label)),
    );
    this.form.appClass.value = chosen?.key ?? '';
    // Labels are long ("signed-in users a role mapping gives AdminRole (…)"): the whole of it on hover.
    this.form.appClass.title = chosen?.label ?? '';
    replaceChildren(this.appNotes, ...(chosen?.app.notes ?? []).map((note) => h('li', {}, note)));
  }

  private renderPresets(): void {
    const identities = this.session.analysis.identities;
    replaceChildren(
      this.form.preset,
      h('option', { value: '' }, identities.length ? 'pick an identity…' : 'no scenario identities'),
      ...identities.map((i) => h('option', { value: i.name }, `${i.name} (${i.type})`)),
    );
  }

  private selectVerb(verb: Verb): void {
    this.session.state.verb = verb;
    this.renderVerdicts();
    this.session.persistSoon();
  }

  private renderVerdicts(): void {
    const { state, analysis } = this.session;
    this.renderClasses();
    const who = whoMayDo(state.files, state.query, analysis.scope, analysis.apps);
    // AWS IoT consults no IoT policy for guests (unauthenticated identities): the checkbox cannot matter.
    const guest = state.query.identityType === 'unauthenticated';
    this.form.attachIotPolicy.disabled = guest;
    this.attachNote.textContent = guest ? ' — not for guests: AWS IoT does not use IoT policies for unauthenticated identities; their role alone decides' : '';
    const selected = state.verb ?? defaultVerb(state.query);
    replaceChildren(this.verdictBody, ...who.rows.map((row) => this.verdictRow(row, selected)));
    const row = who.rows.find((r) => r.verb === selected);
    this.explain.textContent = row ? row.explanation.join('\n') : '';
    replaceChildren(
      this.variablesBody,
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
    if (this.shown) this.editors.highlight(row?.deciding ?? []);
  }

  private verdictRow(row: VerdictRow, selected: Verb): HTMLElement {
    return h(
      'tr',
      {
        'data-verb': row.verb,
        'data-decision': row.decision,
        className: `${row.verb === selected ? 'selected' : ''}`,
        tabindex: 0,
        onclick: () => this.selectVerb(row.verb),
        onkeydown: (e) => (e as KeyboardEvent).key === 'Enter' && this.selectVerb(row.verb),
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
    );
  }
}
