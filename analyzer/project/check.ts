import type { PolicyKind } from '../policy/model';
import { lintPolicyText } from '../rules/lint';
import { PROJECT_RULES } from '../rules/project-rules';
import type { Finding, Severity } from '../rules/rule';
import { loadScenario } from '../scenario/load';
import type { FileHost } from '../scenario/model';
import type { ScenarioResult } from '../scenario/results';
import { runScenario } from '../scenario/run';
import type { ResolvedConfig } from './config';

export interface ProjectFile {
  /** The path shown in reports (and used by scenarios' references). */
  path: string;
  /** The path relative to the config file's folder, for the config's globs. */
  configPath: string;
  text: string;
  role: 'policy' | 'scenario';
}

export interface FileReport {
  path: string;
  role: 'policy' | 'scenario';
  kind?: PolicyKind;
  /** Where the kind came from. */
  kindSource?: 'flag' | 'config' | 'scenario';
}

export interface CheckReport {
  files: FileReport[];
  findings: Finding[];
  scenarios: ScenarioResult[];
}

export interface CheckOptions {
  config: ResolvedConfig;
  kind?: PolicyKind;
  host: FileHost;
}

const severityOf = (id: string) => PROJECT_RULES.find((r) => r.id === id)!.severity;

/**
 * Checks a set of files the way `iot-policy-lens check` and the editor do: scenarios run first and give
 * kinds to the policies they reference; each policy is linted with its kind (flag > config > scenario)
 * and the config's severities and ignores; failed expectations become findings on the step.
 */
export function checkProject(files: readonly ProjectFile[], options: CheckOptions): CheckReport {
  const findings: Finding[] = [];
  const reports: FileReport[] = [];
  const scenarios: ScenarioResult[] = [];
  const kindsFromScenarios = new Map<string, PolicyKind>();
  const addProjectFinding = (file: ProjectFile, ruleId: string, finding: Omit<Finding, 'ruleId' | 'severity'>, fallback: Severity = severityOf(ruleId)) => {
    const severity = options.config.severityOf(ruleId, fallback);
    if (severity !== 'off' && !options.config.isIgnored(file.configPath, ruleId)) findings.push({ ruleId, severity, ...finding });
  };

  for (const file of files.filter((f) => f.role === 'scenario')) {
    reports.push({ path: file.path, role: 'scenario' });
    const { scenario, problems } = loadScenario(file.text, file.path, options.host);
    for (const problem of problems) {
      addProjectFinding(file, 'invalid-scenario', { message: problem.message, range: problem.range }, problem.severity === 'warning' ? 'warning' : 'error');
    }
    if (!scenario) continue;
    for (const { policy, kind } of scenario.policies) if (!kindsFromScenarios.has(policy.source.file)) kindsFromScenarios.set(policy.source.file, kind);
    const result = runScenario(scenario, problems.filter((p) => p.severity === 'warning'));
    scenarios.push(result);
    for (const step of result.steps.filter((s) => s.pass === false)) {
      addProjectFinding(file, 'scenario-expectation-failed', { message: `${step.name ? `${step.name}: ` : ''}expected ${step.expected}, got ${step.decision} — ${step.label}`, range: step.range });
    }
  }

  for (const file of files.filter((f) => f.role === 'policy')) {
    const fromConfig = options.config.kindFor(file.configPath);
    const fromScenario = kindsFromScenarios.get(file.path);
    const kind = options.kind ?? fromConfig ?? fromScenario;
    const kindSource = options.kind ? 'flag' : fromConfig ? 'config' : fromScenario ? 'scenario' : undefined;
    reports.push({ path: file.path, role: 'policy', kind, kindSource });
    findings.push(...lintPolicyText(file.text, file.path, options.config.lintOptionsFor(file.configPath, kind)).findings);
  }
  findings.sort((a, b) => (a.range.file < b.range.file ? -1 : a.range.file > b.range.file ? 1 : a.range.offset - b.range.offset));
  return { files: reports, findings, scenarios };
}
