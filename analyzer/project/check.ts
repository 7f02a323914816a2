import { loadAppFindings, loadCheckTemplate, loadScenarioLoad, loadScenarioRun } from '../on-demand';
import type { PolicyKind } from '../policy/model';
import { parsePolicy } from '../policy/parse';
import { DEFAULT_SCOPE } from '../scenario/arn';
import { deploymentScope } from './app-scope';
import type { LoadedScenario } from '../scenario/model';
import { appFromKinds, appFromScenario, appPolicy, type App, type AppPolicy } from './app';
import { answeredBySiblings } from './split-grants';
import { APP_RULES } from '../rules/app-registry';
import { lintPolicyText } from '../rules/lint';
import { PROJECT_RULES } from '../rules/project-rules';
import { renderMessage } from '../rules/message';
import type { Finding, MessageData, Severity } from '../rules/rule';
import type { SourceRange } from '../source/range';
import type { FileHost } from '../scenario/model';
import type { ScenarioResult } from '../scenario/results';
import type { SourceReading } from '../sources/reading';
import type { ParsedTemplate } from '../sources/tree';
import type { TemplateFormat } from '../sources/read-template-file';
import type { ResolvedConfig } from './config';
import { describeAmbiguity } from '../readings/describe';

export interface ProjectFile {
  /** The path shown in reports (and used by scenarios' references). */
  path: string;
  /** The path relative to the config file's folder, for the config's globs. */
  configPath: string;
  text: string;
  role: 'policy' | 'scenario' | 'template';
  /** For policies: the kind the front end gives this file (a playground editor's kind), like --kind for one file. */
  kind?: PolicyKind;
  /** For templates: how to read it. */
  format?: TemplateFormat;
  /** A YAML template's tree when discovery already parsed it. */
  tree?: ParsedTemplate;
  /** A template's reading when an editor already read this text (with the same host and config parameters). */
  reading?: SourceReading;
  /** A Terraform module read as one: the files `text` joins, each at its offset in it. */
  parts?: ModulePart[];
}

export interface ModulePart {
  path: string;
  offset: number;
  text: string;
}

export interface FileReport {
  path: string;
  role: 'policy' | 'scenario';
  kind?: PolicyKind;
  /** Where the kind came from. */
  kindSource?: 'flag' | 'config' | 'scenario' | 'template';
  /** For policies found in a template: the resource and place in it, and why it has its kind. */
  name?: string;
  kindReason?: string;
}

export interface CheckReport {
  files: FileReport[];
  findings: Finding[];
  scenarios: ScenarioResult[];
  /** The identity-pool apps the files describe (templates, scenarios, the config's kinds): who gets which policies. */
  apps: App[];
  /** Assumptions the analysis made, each said once. */
  notes: string[];
  /** Templates that could not be read at all (a file that does not parse, values past the bounds): nothing in them was checked. */
  unread: UnreadTemplate[];
}

/** Where a template could not be read, and why (its invalid-template finding says the same, unless the config turned it off). */
export interface UnreadTemplate {
  range: SourceRange;
  problem: string;
}

export interface CheckOptions {
  config: ResolvedConfig;
  kind?: PolicyKind;
  host: FileHost;
  /**
   * False: no rule runs (policy lint, the rules over identity classes: most of a check's time) and the report
   * has none of their findings. For front ends that use the apps, not the findings (summary).
   */
  rules?: boolean;
}

const projectRule = (id: string) => PROJECT_RULES.find((r) => r.id === id)!;

/** What a project finding says: one of its rule's message templates and the data for it. */
export type ProjectFindingReport = Omit<Finding, 'ruleId' | 'severity' | 'message'> & { data?: MessageData };

export function projectFinding(
  config: ResolvedConfig,
  configPath: string,
  ruleId: string,
  { data, ...finding }: ProjectFindingReport,
  fallback: Severity = projectRule(ruleId).severity,
): Finding[] {
  const severity = config.severityOf(ruleId, fallback);
  if (severity === 'off' || config.isIgnored(configPath, ruleId)) return [];
  return [{ ruleId, severity, ...finding, message: renderMessage(projectRule(ruleId).messages[finding.messageId], data) }];
}

export interface ScenarioCheck {
  findings: Finding[];
  result?: ScenarioResult;
  /** Policies the scenario references, with the kind it gives them (by the host's path). */
  policyKinds: Map<string, PolicyKind>;
  /** The scenario as loaded, when it could be. */
  scenario?: LoadedScenario;
}

/** One scenario file as `check` sees it: load problems and failed expectations become findings. */
export function checkScenarioFile(file: Pick<ProjectFile, 'path' | 'configPath' | 'text'>, config: ResolvedConfig, host: FileHost): ScenarioCheck {
  const findings: Finding[] = [];
  const policyKinds = new Map<string, PolicyKind>();
  const { scenario, problems } = loadScenarioLoad().loadScenario(file.text, file.path, host, config);
  for (const problem of problems) {
    findings.push(
      ...projectFinding(
        config,
        file.configPath,
        'invalid-scenario',
        { messageId: 'problem', data: { problem: problem.message }, range: problem.range },
        problem.severity === 'warning' ? 'warning' : 'error',
      ),
    );
  }
  if (!scenario) return { findings, policyKinds };
  for (const { policy, kind } of scenario.policies) if (!policyKinds.has(policy.source.file)) policyKinds.set(policy.source.file, kind);
  const result = loadScenarioRun().runScenario(
    scenario,
    problems.filter((p) => p.severity === 'warning'),
  );
  for (const step of result.steps) {
    const name = step.name ? `${step.name}: ` : '';
    if (step.pass === false) {
      // Ambiguous because of a documented reading, or because the app does not decide the identity's role (run.ts says which).
      const why = step.checks.some((c) => c.outcomes) ? describeAmbiguity(step.checks) : 'under one of the roles the identity may get';
      const got = step.decision === 'ambiguous' ? `ambiguous (allowed ${why})` : step.decision;
      findings.push(
        ...projectFinding(config, file.configPath, 'scenario-expectation-failed', {
          messageId: 'unexpectedVerdict',
          data: { step: name, expected: step.expected ?? '', got, request: step.label },
          range: step.range,
        }),
      );
    } else if (step.warning) {
      findings.push(
        ...projectFinding(config, file.configPath, 'scenario-verdict-ambiguous', {
          messageId: 'ambiguousAllow',
          data: { step: name, expected: step.expected ?? '', warning: step.warning, request: step.label },
          range: step.range,
        }),
      );
    }
  }
  return { findings, result, policyKinds, scenario };
}

/** One policy file as `check` sees it, with its kind already resolved. */
export function checkPolicyFile(file: Pick<ProjectFile, 'path' | 'configPath' | 'text'>, kind: PolicyKind | undefined, config: ResolvedConfig): Finding[] {
  return lintPolicyText(file.text, file.path, config.lintOptionsFor(file.configPath, kind)).findings;
}

const NO_FILES: FileHost = { readFile: () => undefined, resolve: (_from, reference) => reference };

/**
 * One policy file alone, as the editor sees it: its own rules and the rules over identity classes, with the
 * class its kind gives (an IoT policy: signed-in users, their role assumed; a role's policy: its identities).
 */
export function checkPolicyFileAlone(file: Pick<ProjectFile, 'path' | 'configPath' | 'text'>, kind: PolicyKind | undefined, config: ResolvedConfig): Finding[] {
  return checkProject([{ ...file, role: 'policy' }], { config, host: NO_FILES, ...(kind && { kind }) }).findings;
}

/** Whether `inner` lies within `outer` (same file): where a superseded single-file finding's quick fix still applies. */
function contains(outer: SourceRange, inner: SourceRange): boolean {
  return outer.file === inner.file && inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}

/**
 * The rules over identity classes on every app: their findings with the config's severities and ignores
 * (the same finding from two apps — a scenario and the template of the same policies — once).
 */
function checkApps(apps: readonly App[], config: ResolvedConfig, configPaths: ReadonlyMap<string, string>) {
  const enabled = (ruleId: string) => config.severityOf(ruleId, projectRule(ruleId).severity) !== 'off';
  const findings: Finding[] = [];
  const skipped: string[] = [];
  const analysed = new Set<string>();
  const seen = new Set<string>();
  const cache = new Map();
  for (const app of apps) {
    const result = loadAppFindings().appFindings(app, { enabled, cache });
    skipped.push(...result.skipped);
    result.analysed.forEach((file) => analysed.add(file));
    for (const finding of result.findings) {
      const key = `${finding.ruleId}|${finding.range.file}|${finding.range.offset}|${finding.message}`;
      const severity = config.severityOf(finding.ruleId, finding.severity);
      if (seen.has(key) || severity === 'off' || config.isIgnored(configPaths.get(finding.range.file) ?? finding.range.file, finding.ruleId)) continue;
      seen.add(key);
      findings.push({ ...finding, severity });
    }
  }
  const superseded = new Set(APP_RULES.filter((r) => enabled(r.meta.id)).flatMap((r) => r.supersedes ?? []));
  return { findings, skipped, analysed, superseded };
}

const NO_APP_CHECK: ReturnType<typeof checkApps> = { findings: [], skipped: [], analysed: new Set(), superseded: new Set() };

/**
 * Checks a set of files the way `iot-policy-lens check` and the editor do: scenarios run first and give
 * kinds to the policies they reference; each policy is linted with its kind (flag > config > scenario)
 * and the config's severities and ignores; failed expectations become findings on the step.
 */
export function checkProject(files: readonly ProjectFile[], options: CheckOptions): CheckReport {
  const findings: Finding[] = [];
  const reports: FileReport[] = [];
  const scenarios: ScenarioResult[] = [];
  const apps: App[] = [];
  const kindsFromScenarios = new Map<string, PolicyKind>();
  for (const file of files.filter((f) => f.role === 'scenario')) {
    reports.push({ path: file.path, role: 'scenario' });
    const checked = checkScenarioFile(file, options.config, options.host);
    for (const finding of checked.findings) findings.push(finding); // no spread: a file may have 100,000s
    if (checked.result) scenarios.push(checked.result);
    if (checked.scenario) apps.push(appFromScenario(checked.scenario));
    for (const [path, kind] of checked.policyKinds) if (!kindsFromScenarios.has(path)) kindsFromScenarios.set(path, kind);
  }
  const unplaced: AppPolicy[] = [];
  for (const file of files.filter((f) => f.role === 'policy')) {
    const fromConfig = options.config.kindFor(file.configPath);
    const fromScenario = kindsFromScenarios.get(file.path);
    const given = options.kind ?? file.kind;
    const kind = given ?? fromConfig ?? fromScenario;
    const kindSource = given ? 'flag' : fromConfig ? 'config' : fromScenario ? 'scenario' : undefined;
    reports.push({ path: file.path, role: 'policy', kind, kindSource });
    if (options.rules !== false) {
      const checked = lintPolicyText(file.text, file.path, options.config.lintOptionsFor(file.configPath, kind));
      for (const finding of checked.findings) findings.push(finding);
    }
    // Parsed again if the app is analysed: keeping every lint's parse (with its syntax tree) would hold
    // every policy of a large repository in memory until the end of the run.
    if (kind && !fromScenario) unplaced.push(appPolicy(file.path, kind, () => parsePolicy(file.text, file.path)));
  }
  const notes = new Set<string>();
  const unread: UnreadTemplate[] = [];
  for (const file of files.filter((f) => f.role === 'template')) {
    const checked = loadCheckTemplate().checkTemplateFile(file, options);
    unread.push(...checked.unread);
    findings.push(...checked.findings);
    reports.push(...checked.reports);
    apps.push(...checked.apps);
    checked.notes.forEach((n) => notes.add(n));
  }
  const configFile = options.config.file ?? '.';
  const fromKinds = appFromKinds(`the policies with kinds (${configFile})`, configFile, DEFAULT_SCOPE, unplaced);
  if (fromKinds) apps.push(fromKinds);
  // Where the config says the stack is deployed, every app's questions are asked there too (docs/app-model.md).
  const deployment = deploymentScope(options.config.templateParameters);
  if (deployment) apps.forEach((app, index) => (apps[index] = { ...app, deployment }));
  const configPaths = new Map(files.map((f) => [f.path, f.configPath]));
  const fromApps = options.rules === false ? NO_APP_CHECK : checkApps(apps, options.config, configPaths);
  fromApps.skipped.forEach((n) => notes.add(n));
  const isSuperseded = (f: Finding) => fromApps.superseded.has(f.ruleId) && fromApps.analysed.has(f.range.file);
  const answered = answeredBySiblings(apps, findings);
  const kept = findings.filter((f) => !isSuperseded(f) && !answered.has(f));
  for (const finding of fromApps.findings) finding.fix ??= findings.find((f) => f.fix && isSuperseded(f) && contains(finding.range, f.range))?.fix;
  findings.length = 0;
  for (const finding of kept) findings.push(finding);
  for (const finding of fromApps.findings) findings.push(finding);
  findings.sort((a, b) => (a.range.file < b.range.file ? -1 : a.range.file > b.range.file ? 1 : a.range.offset - b.range.offset));
  return { files: reports, findings, scenarios, apps, notes: [...notes], unread };
}
