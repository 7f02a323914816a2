/**
 * The access summary (analyzer/summary) as HTML, for the playground's panel and the VS Code "Access
 * Summary" webview. DOM-free: one string, every piece of policy text escaped, so a Sid or a pattern can
 * never become markup.
 */
import type { AccessSummary, AppSummary, ClassSummary, Flow, Grant } from '../../analyzer/summary';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const code = (text: string) => `<code>${escape(text)}</code>`;

export function summaryHtml(summary: AccessSummary): string {
  if (summary.apps.length === 0) return '<p class="lens-summary-empty">No identity pool, scenario or policy with a kind to summarise.</p>';
  return summary.apps.map(appHtml).join('');
}

function appHtml(app: AppSummary): string {
  const notes = app.notes.map((n) => `<li>${escape(n)}</li>`).join('');
  const undecided = app.undecidedFlows
    .map(
      (u) =>
        `<li><strong>⚠ Unknown:</strong> ${escape(`${u.from} → ${u.to} (${u.via}): ${u.reason}`)}, so whether messages reach a different identity is not known</li>`,
    )
    .join('');
  const table =
    app.flows.length === 0
      ? ''
      : `<table class="lens-table"><thead><tr><th>From</th><th>To</th><th>Topics</th><th>How</th><th>Example</th></tr></thead><tbody>${app.flows
          .map(
            (f) =>
              `<tr><td>${escape(f.from)}</td><td>${escape(f.to)}</td><td>${code(f.pattern)}</td><td>${escape(f.via)}</td><td>${code(f.example.topic)}${
                f.example.filter !== undefined ? ` via ${code(f.example.filter)}` : ''
              }${clientIds(f)}${f.status === 'confirmed' ? '' : ` <strong>⚠ ${escape(f.status)}</strong>`}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  // "No message" only when nothing was left undecided: an undecided pair may have flows.
  const flows = `${undecided ? `<ul>${undecided}</ul>` : ''}${table || (undecided ? '' : '<p>No message from one identity reaches a different one.</p>')}`;
  return `<section class="lens-summary-app"><h3>${escape(app.name)}</h3>${notes ? `<ul>${notes}</ul>` : ''}${app.classes
    .map(classHtml)
    .join('')}<h4>Who can reach whom</h4>${flows}</section>`;
}

/** The client IDs a flow's example picks, when not the default. */
function clientIds(flow: Flow): string {
  const { senderClientId, receiverClientId } = flow.example;
  const sides = [
    ...(senderClientId !== undefined ? [`the sender connecting as ${code(senderClientId)}`] : []),
    ...(receiverClientId !== undefined ? [`the receiver connecting as ${code(receiverClientId)}`] : []),
  ];
  return sides.map((side) => `, ${side}`).join('');
}

function qualifiers(grant: Grant): string {
  const words: string[] = [];
  if (grant.except.length > 0) words.push(`except ${grant.except.map(code).join(', ')}`);
  if (grant.conditions.length > 0) words.push(`if ${grant.conditions.map(code).join(' and ')}`);
  if (grant.status === 'ambiguous') words.push(`<strong>⚠ ambiguous</strong>: ${escape((grant.readings ?? []).join('; '))}`);
  if (grant.status === 'conditional') words.push('<strong>conditional</strong>: allowed only for requests whose values meet its conditions');
  if (grant.status === 'unconfirmed') words.push('<strong>⚠ unconfirmed</strong> by the evaluator');
  return words.join('; ');
}

function classHtml(cls: ClassSummary): string {
  const notes = [
    ...cls.unknowns.map((u) => `<li><strong>⚠ Unknown:</strong> ${escape(u)} — it may be granted more than listed</li>`),
    ...cls.notes.map((n) => `<li>${escape(n)}</li>`),
    `<li>Client ID: ${escape(cls.clientId)}</li>`,
  ].join('');
  const rows = cls.actions.flatMap((action) => [
    ...(action.undecided ? [`<tr><td>${code(action.action)}</td><td colspan="3"><strong>⚠ unknown</strong>: ${escape(action.undecided)}</td></tr>`] : []),
    ...action.grants.map(
      (g) => `<tr><td>${code(action.action)}</td><td>${code(g.pattern)}</td><td>${qualifiers(g)}</td><td>${code(g.example.resource)}</td></tr>`,
    ),
  ]);
  const others = cls.otherActions.map(
    (o) =>
      `<tr><td>${o.actions.map(code).join(', ')}</td><td>${o.resources.map(code).join(', ')}</td><td>${escape(
        [...o.conditions.map((c) => `if ${c}`), ...(o.status === 'confirmed' ? [] : [o.status])].join('; '),
      )}</td><td>${code(o.example.action)}</td></tr>`,
  );
  const none = cls.actions.filter((a) => a.grants.length === 0 && !a.undecided).map((a) => code(a.action));
  const noAccess = none.length > 0 ? `<p>${cls.unknowns.length > 0 ? 'No access counted (unknown: see above)' : 'No access'}: ${none.join(', ')}</p>` : '';
  return `<h4>${escape(`${cls.id} — ${cls.label}${cls.certain ? '' : ' (may not exist)'}`)}</h4><ul>${notes}</ul><table class="lens-table lens-summary-class"><thead><tr><th>Action</th><th>Resources</th><th>Notes</th><th>Example</th></tr></thead><tbody>${[
    ...rows,
    ...others,
  ].join('')}</tbody></table>${noAccess}`;
}
