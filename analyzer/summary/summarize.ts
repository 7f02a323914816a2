import { DATA_PLANE_ACTIONS } from '../catalog/data-plane';
import type { App } from '../project/app';
import { appInScope, appScopes } from '../project/app-scope';
import { actionAccess, classInfo, type ClassInfo } from './grants';
import { flowsOf } from './flows';
import type { AccessSummary, AppSummary, ClassSummary } from './model';
import { otherActions } from './other-actions';
import { SharedAutomataByApp } from './shared-automata';
import { withScopes } from './scopes';
import { SummarySpace } from './space';

export interface SummaryOptions {
  /** Most automaton states one search may build (default 200,000); past it the access is reported undecided. */
  stateLimit?: number;
}

const CLIENT_ID: Record<ClassInfo['clientId'], ClassSummary['clientId']> = {
  pinned: 'own identity ID',
  free: 'chosen by the client',
  none: 'cannot connect',
};

/** What every identity class of every app can do, and who can reach whom (docs/summary.md). */
export function summarizeApps(apps: readonly App[], options: SummaryOptions = {}): AccessSummary {
  // Apps of one run often describe the same policies (a scenario and its template; one app in several IaC tools): their automata are shared.
  const sharing = new SharedAutomataByApp(options.stateLimit);
  return { apps: apps.map((app) => summarizeApp(app, options, sharing)) };
}

/** The app's summary in every scope its questions are asked in (appScopes): what any of them grants, and the scopes said. */
export function summarizeApp(app: App, options: SummaryOptions = {}, sharing = new SharedAutomataByApp(options.stateLimit)): AppSummary {
  const { scopes, note, notAsked } = appScopes(app);
  const summaries = scopes.map((scope) => summarizeInScope(appInScope(app, scope), sharing));
  return withScopes(summaries, note, notAsked);
}

function summarizeInScope(app: App, sharing: SharedAutomataByApp): AppSummary {
  const space = new SummarySpace(app, sharing);
  const infos = app.classes.map((cls) => classInfo(space, cls));
  const classes = infos.map((info): ClassSummary => {
    const { cls } = info;
    const clientId = CLIENT_ID[info.clientId];
    return {
      id: cls.id,
      label: cls.label,
      type: cls.type,
      certain: cls.certain,
      unknowns: cls.unknowns,
      clientId,
      actions: DATA_PLANE_ACTIONS.map((action) => actionAccess(space, info, action)),
      otherActions: otherActions(space, cls),
      notes: classNotes(info, clientId),
    };
  });
  const { flows, undecided } = flowsOf(space, infos);
  return {
    name: app.name,
    file: app.file,
    origin: app.origin,
    scopes: [app.scope],
    notes: app.notes,
    classes,
    flows,
    undecidedFlows: undecided,
  };
}

function classNotes({ cls, clientIdUndecided }: ClassInfo, clientId: ClassSummary['clientId']): string[] {
  const notes: string[] = [];
  if (clientIdUndecided) notes.push('which client IDs Connect allows is too large to decide: read as chosen by the client, so nothing it may pick is missed');
  if (clientId === 'cannot connect') notes.push('it cannot connect over MQTT: its subscribe and receive grants are unusable, publishing works only over HTTPS');
  if (clientId === 'chosen by the client')
    notes.push('Connect lets it pick client IDs other than its identity ID: patterns with <client ID> match whatever it picks');
  if (!cls.certain) notes.push('the files leave open whether such identities exist; their access is listed as possible');
  if (cls.type === 'authenticated' && cls.iotPolicies.length === 0)
    notes.push('no IoT policy is attached: AWS IoT denies it every action an IoT policy must also allow');
  return notes;
}
