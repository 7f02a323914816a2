/**
 * The playground's only contact with the engine: typed, synchronous, no DOM and no Monaco, so the web page
 * and the VS Code simulator share it and it can be reasoned about like the CLI. Findings come from the same
 * function `iot-policy-lens check` calls (checkProject with the default config, plus the template parameters
 * the VS Code simulator sends), so ids, severities, ranges and verdicts match the CLI's for the same files.
 */
import {
  checkPolicyFile,
  checkProject,
  classifyFile,
  DEFAULT_SCOPE,
  explainCheck,
  IdentityPool,
  isTemplateFormat,
  loadScenario,
  ResolvedConfig,
  topicFilterProblem,
  topicNameProblem,
  type App,
  type ArnScope,
  type CheckResult,
  type FileHost,
  type Finding,
  type IdentityType,
  type PolicyKind,
  type ProjectFile,
  type Protocol,
  type ScenarioResult,
  type StatementRef,
  type StepResult,
  type VariableValue,
} from '../../analyzer';
import { editorPolicySets, isBlank, templatePolicySets } from './policy-sets';

export type EditorId = 'authRole' | 'unauthRole' | 'iotPolicy' | 'scenario' | 'template';
export type PolicyEditorId = Exclude<EditorId, 'scenario' | 'template'>;
export const EDITOR_IDS: readonly EditorId[] = ['authRole', 'unauthRole', 'iotPolicy', 'scenario', 'template'];
export const POLICY_KINDS: Readonly<Record<PolicyEditorId, PolicyKind>> = { authRole: 'auth-role', unauthRole: 'unauth-role', iotPolicy: 'iot' };
export const EDITOR_TITLES: Readonly<Record<EditorId, string>> = {
  authRole: 'Authenticated role',
  unauthRole: 'Unauthenticated role',
  iotPolicy: 'IoT policy',
  scenario: 'Scenario',
  template: 'Template (CloudFormation/SAM)',
};

export interface FileState {
  /** The file's name as the scenario refers to it (relative to the scenario's folder, with `/`). */
  path: string;
  text: string;
}

export type Files = Record<EditorId, FileState>;

export interface Query {
  identityType: IdentityType;
  identityId: string;
  /** Empty: the identity ID (the usual per-identity pattern). */
  clientId: string;
  protocol: Protocol;
  identityPoolId: string;
  /** Whether the IoT policy editor's policy is attached to the identity ID (authenticated identities). */
  attachIotPolicy: boolean;
  /** A topic name or a topic filter. */
  target: string;
  /** With a template: the identity class of its app asked about (`templateClasses` keys); else the first of `identityType`. */
  appClass?: string;
}

/** The question the playground opens with: a signed-in identity, its own client ID, over MQTT. */
export const DEFAULT_QUERY: Query = {
  identityType: 'authenticated',
  identityId: 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab',
  clientId: '',
  protocol: 'mqtt-wss',
  identityPoolId: '',
  attachIotPolicy: true,
  target: '',
};

/** The side panels, in tab order (playground/src/panels/); the first is shown when a state names none. */
export const PANEL_IDS = ['who', 'scenario', 'problems', 'summary'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** Everything a shared link carries. */
export interface PlaygroundState {
  files: Files;
  /** Other files the scenario may reference (read-only here; the simulator passes a workspace's extra policies and templates). */
  extra: Record<string, string>;
  /** The config's "parameters" the templates a scenario names are read with (the simulator passes the workspace config's). */
  parameters?: Record<string, string>;
  query: Query;
  tab: PanelId;
  /** The selected row of the "who may do what" table, and the selected scenario step. */
  verb?: Verb;
  step?: number;
}

export function isPolicyEditor(id: EditorId): id is PolicyEditorId {
  return id !== 'scenario' && id !== 'template';
}

/**
 * A template in the template editor holds the app's policies: it takes the place of the three policy
 * editors, which are then neither shown nor analysed (their texts are kept for when the template is cleared).
 */
export function hasTemplate(files: Files): boolean {
  return !isBlank(files.template.text);
}

/** The editors that make up the app: the template and the scenario, or the three policies and the scenario. */
export function editorsInUse(files: Files): EditorId[] {
  return EDITOR_IDS.filter((id) => (hasTemplate(files) ? !isPolicyEditor(id) : id !== 'template'));
}

/** `a/b/../c` → `a/c`; forward slashes only (scenario references are written that way). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The analyzer's FileHost over the editors' texts (and the extra files), by path. */
export function memoryHost(files: Files, extra: Readonly<Record<string, string>> = {}): FileHost {
  const byPath = new Map<string, string>();
  for (const [path, text] of Object.entries(extra)) byPath.set(normalizePath(path), text);
  for (const id of EDITOR_IDS) byPath.set(normalizePath(files[id].path), files[id].text);
  return {
    readFile: (path) => byPath.get(normalizePath(path)),
    resolve: (fromFile, reference) => {
      const dir = normalizePath(fromFile).split('/').slice(0, -1).join('/');
      return normalizePath(reference.startsWith('/') ? reference : `${dir}/${reference}`);
    },
  };
}

export interface ScenarioIdentityInfo {
  name: string;
  type: IdentityType;
  identityId: string;
  clientId?: string;
  protocol?: Protocol;
  identityPoolId?: string;
}

export interface Analysis {
  /** Findings per editor, as the CLI reports them for that file. */
  findings: Record<EditorId, Finding[]>;
  /** Findings in files no editor shows (extra files). */
  otherFindings: Finding[];
  scenario?: ScenarioResult;
  /** The apps the files describe (the template's identity pools, the scenario's, or the editors' by kind), as `check` reads them. */
  apps: App[];
  /** The scenario's region/account (default us-east-1 / 123456789012), used by "who may do what". */
  scope: ArnScope;
  identities: ScenarioIdentityInfo[];
  /** The template editor's text these findings are of (its quick fixes are valid in this text only). */
  templateText: string;
}

export function editorForFile(files: Files, file: string): EditorId | undefined {
  const wanted = normalizePath(file);
  return EDITOR_IDS.find((id) => normalizePath(files[id].path) === wanted);
}

/**
 * Checks the three policies (each with its editor's kind) and the scenario as `iot-policy-lens check` checks a
 * project: the same call, so the rules over identity classes and their findings are the CLI's too.
 */
export function analyze(files: Files, extra: Readonly<Record<string, string>> = {}, parameters?: Readonly<Record<string, string>>): Analysis {
  const findings = Object.fromEntries(EDITOR_IDS.map((id) => [id, []])) as unknown as Record<EditorId, Finding[]>;
  const otherFindings: Finding[] = [];
  const project: ProjectFile[] = [];
  for (const id of editorsInUse(files)) {
    if (isBlank(files[id].text)) continue;
    const { path, text } = files[id];
    project.push(
      isPolicyEditor(id)
        ? { path, configPath: path, text, role: 'policy', kind: POLICY_KINDS[id] }
        : id === 'template'
          ? templateFile(path, text)
          : { path, configPath: path, text, role: 'scenario' },
    );
  }
  const host = memoryHost(files, extra);
  const config = projectConfig(parameters);
  const report = checkProject(project, { config, host });
  for (const finding of report.findings) {
    const id = editorForFile(files, finding.range.file);
    (id ? findings[id] : otherFindings).push(finding);
  }
  const scenario: ScenarioResult | undefined = report.scenarios[0];
  let scope: ArnScope = DEFAULT_SCOPE;
  let identities: ScenarioIdentityInfo[] = [];
  if (!isBlank(files.scenario.text)) {
    const loaded = loadScenario(files.scenario.text, files.scenario.path, host, config).scenario;
    if (loaded) {
      scope = loaded.scope;
      identities = [...loaded.identities.values()].map(({ name, identity }) => ({
        name,
        type: identity.type,
        identityId: identity.identityId,
        clientId: identity.clientId,
        protocol: identity.protocol,
        identityPoolId: identity.identityPoolId,
      }));
    }
  }
  for (const id of EDITOR_IDS) findings[id].sort((a, b) => a.range.offset - b.range.offset || a.ruleId.localeCompare(b.ruleId));
  return { findings, otherFindings, scenario, apps: report.apps, scope, identities, templateText: files.template.text };
}

/**
 * The template editor's file as `check` reads it: by its format (Serverless, a Terraform file or plan the
 * Simulator was opened on); text that is no template is read as CloudFormation, which reports why rather
 * than checking nothing.
 */
function templateFile(path: string, text: string): ProjectFile {
  const found = classifyFile(path, text);
  return {
    path,
    configPath: path,
    text,
    role: 'template',
    format: found && isTemplateFormat(found.format) ? found.format : 'cloudformation',
    ...(found?.tree && { tree: found.tree }),
  };
}

/** The config the playground checks with: the defaults, with the template parameters the host gives (as the CLI reads its config's). */
export function projectConfig(parameters?: Readonly<Record<string, string>>): ResolvedConfig {
  return new ResolvedConfig(parameters ? { parameters: { ...parameters } } : {});
}

/**
 * The template editor's findings for its text as it is now, by the very check its markers come from (so a
 * quick fix's edits are the engine's, placed in the template only where they map exactly, and never stale):
 * the last analysis when it is of this text, else a check now (between a keystroke and the debounced one).
 */
export function currentTemplateFindings(session: { state: PlaygroundState; analysis: Analysis }, text: string): Finding[] {
  const { state, analysis } = session;
  if (analysis.templateText === text) return analysis.findings.template;
  return analyze({ ...state.files, template: { ...state.files.template, text } }, state.extra, state.parameters).findings.template;
}

/** A finding's fix, recomputed on the current text (so code actions never apply stale offsets). */
export function currentFindings(id: PolicyEditorId, file: FileState): Finding[] {
  if (isBlank(file.text)) return [];
  return checkPolicyFile({ path: file.path, configPath: file.path, text: file.text }, POLICY_KINDS[id], new ResolvedConfig());
}

export type Verb = 'connect' | 'publish' | 'subscribe' | 'receive';
export const VERBS: readonly Verb[] = ['connect', 'publish', 'subscribe', 'receive'];

export interface VerdictRow {
  verb: Verb;
  action: string;
  resource?: string;
  /**
   * `n/a` when the request cannot be made with this target (a filter is not a topic name…); `unknown` when
   * the files leave out something the verdict depends on (the explanation says what, and what the rest decides).
   */
  decision: 'allow' | 'deny' | 'ambiguous' | 'unknown' | 'n/a';
  reason?: string;
  check?: CheckResult;
  explanation: string[];
  deciding: DecidingStatement[];
  /** What each policy set said, in order (role, then IoT policy); empty when there is no verdict. */
  sets: PolicySetPart[];
}

/** One policy set's part in a verdict, for "Decided by". */
export interface PolicySetPart {
  set: 'role' | 'iot';
  outcome: 'allow' | 'explicit-deny' | 'implicit-deny' | 'not-attached' | 'not-used';
  /** The statement that decided (an Allow, or the explicit Deny). */
  ref?: StatementRef;
  /** This set's deny decided the DENY verdict (shown with ✗). */
  decidedDeny: boolean;
}

export interface DecidingStatement {
  ref: StatementRef;
  /** `allow`/`deny`: the statement decided; `near-miss`: an Allow that covers the action but did not apply. */
  role: 'allow' | 'deny' | 'near-miss';
  set: 'role' | 'iot';
}

export interface WhoResult {
  rows: VerdictRow[];
  variables: VariableValue[];
  clientId?: string;
}

/** Connect/publish/subscribe/receive for one identity and one topic or filter, explained. */
export function whoMayDo(files: Files, query: Query, scope: ArnScope = DEFAULT_SCOPE, apps: readonly App[] = []): WhoResult {
  const sets = hasTemplate(files) ? templatePolicySets(apps, query) : editorPolicySets(files, query);
  const pool = new IdentityPool({ authenticatedRole: sets.authRole, unauthenticatedRole: sets.unauthRole, scope });
  const identityId = query.identityId.trim() || 'us-east-1:00000000-0000-0000-0000-000000000000';
  const clientId = query.protocol === 'https' ? undefined : query.clientId.trim() || identityId;
  const view = pool.identity(
    {
      type: query.identityType,
      identityId,
      ...(clientId !== undefined && { clientId }),
      protocol: query.protocol,
      ...(query.identityPoolId.trim() && { identityPoolId: query.identityPoolId.trim() }),
    },
    query.attachIotPolicy ? sets.iotPolicies : [],
    query.identityType === 'authenticated' ? 'this identity' : 'this guest',
  );
  const target = query.target.trim();
  const row = (verb: Verb, action: string, type: 'client' | 'topic' | 'topicfilter', name: string, problem: string | undefined): VerdictRow => {
    const reason = sets.noVerdict ?? problem;
    if (reason) return { verb, action, decision: 'n/a', reason, explanation: [reason], deciding: [], sets: [] };
    const resource = pool.arn(type, name);
    const check = view.explain(action, resource);
    const explanation = explainCheck(check);
    return {
      verb,
      action,
      resource,
      decision: sets.unknown ? 'unknown' : check.decision,
      check,
      explanation: sets.unknown
        ? [
            `UNKNOWN: the files do not say everything that decides this (${sets.unknown}).`,
            `The policies the files do give decide ${check.decision.toUpperCase()}:`,
            ...explanation,
          ]
        : explanation,
      deciding: decidingOf(check),
      sets: policySetParts(check),
    };
  };
  const rows = [
    row('connect', 'iot:Connect', 'client', clientId ?? identityId, undefined),
    row('publish', 'iot:Publish', 'topic', target, target ? topicNameReason('publish', target) : 'type a topic'),
    row('subscribe', 'iot:Subscribe', 'topicfilter', target, target ? topicFilterProblem(target) : 'type a topic filter'),
    row('receive', 'iot:Receive', 'topic', target, target ? topicNameReason('receive', target) : 'type a topic'),
  ];
  const variables = new Map<string, VariableValue>();
  for (const r of rows) for (const v of r.check?.variables ?? []) if (!variables.has(v.variable)) variables.set(v.variable, v);
  return { rows, variables: [...variables.values()], clientId };
}

/** Why a target cannot be the topic name of a Publish or Receive row, worded for that row. */
function topicNameReason(verb: 'publish' | 'receive', target: string): string | undefined {
  const problem = topicNameProblem(target);
  if (!problem || !/[+#]/.test(target)) return problem;
  return verb === 'publish'
    ? `"${target}" is a topic filter (it has an MQTT wildcard): a message is published to a topic name, without + or #`
    : `"${target}" is a topic filter (it has an MQTT wildcard): Receive is checked on the topic name of each delivered message — the Subscribe row checks the filter`;
}

/** Each policy set's part in a check; for a DENY, ✗ goes to the explicit Deny, else to every set that did not allow. */
export function policySetParts(check: CheckResult): PolicySetPart[] {
  const explicit = check.decision === 'deny' && [check.role, check.iotPolicies].some((r) => r?.outcome === 'explicit-deny');
  const decided = (outcome: PolicySetPart['outcome']) =>
    check.decision === 'deny' && !check.refusedBecause && (explicit ? outcome === 'explicit-deny' : outcome === 'implicit-deny' || outcome === 'not-attached');
  const part = (set: PolicySetPart['set'], outcome: PolicySetPart['outcome'], ref?: StatementRef): PolicySetPart => ({
    set,
    outcome,
    ...(ref && { ref }),
    decidedDeny: decided(outcome),
  });
  const parts = [part('role', check.role.outcome, check.role.deciding)];
  if (check.iotPolicies) parts.push(part('iot', check.iotPolicies.attached === 0 ? 'not-attached' : check.iotPolicies.outcome, check.iotPolicies.deciding));
  else parts.push(part('iot', 'not-used'));
  return parts;
}

/** The statements that decided a check (and, for an implicit deny, the Allows that nearly applied). */
export function decidingOf(check: CheckResult): DecidingStatement[] {
  const out: DecidingStatement[] = [];
  const sets = [
    ['role', check.role],
    ['iot', check.iotPolicies],
  ] as const;
  for (const [set, report] of sets) {
    if (!report) continue;
    if (report.deciding) out.push({ ref: report.deciding, role: report.outcome === 'explicit-deny' ? 'deny' : 'allow', set });
    else for (const trace of report.considered) if (trace.statement.effect === 'Allow') out.push({ ref: trace.statement, role: 'near-miss', set });
  }
  return out;
}

export function stepDeciding(step: StepResult): DecidingStatement[] {
  const seen = new Set<string>();
  return step.checks.flatMap(decidingOf).filter((d) => {
    const key = `${d.ref.file}#${d.ref.index}#${d.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
