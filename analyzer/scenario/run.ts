import { authorize, type CognitoDecision, type RolePolicies } from '../cognito/authorize';
import type { ReadingChoices } from '../readings/choices';
import { clientIdOf, type ContextNote } from '../cognito/identity';
import { statementRef, type VariableValue } from '../explain/explain';
import { filterMatchesTopic } from '../match/mqtt';
import { iotArn } from './arn';
import { explainCheck } from './explain-check';
import { decideUnderRoles } from './role-candidates';
import type { FlowStepSpec, LoadedScenario, RequestStepSpec, ScenarioIdentity, StepCheck } from './model';
import type { CheckResult, ReadingOutcomeReport, ScenarioResult, StepResult } from './results';
import { describeAmbiguity } from '../readings/describe';

export function runScenario(scenario: LoadedScenario, warnings: ScenarioResult['warnings'] = []): ScenarioResult {
  const steps = scenario.steps.map((step) => (step.kind === 'flow' ? runFlow(scenario, step) : runRequest(scenario, step)));
  const passed = steps.filter((s) => s.pass === true).length;
  const failed = steps.filter((s) => s.pass === false).length;
  return {
    file: scenario.file,
    name: scenario.name,
    steps,
    summary: { steps: steps.length, passed, failed, unchecked: steps.length - passed - failed },
    pass: failed === 0,
    warnings,
  };
}

/** Decides one action/resource for one identity (`authorize`), with the trace that explains it. */
export function decideCheck(
  roles: RolePolicies,
  subject: Pick<ScenarioIdentity, 'name' | 'identity' | 'iotPolicies'>,
  check: StepCheck,
  options: { clientId?: string; context?: Record<string, string | readonly string[]>; readings?: ReadingChoices } = {},
): CheckResult {
  const { identity } = subject;
  const decision = authorize(
    roles,
    subject,
    { ...check, clientId: options.clientId, context: options.context },
    // Traced as decided: under the pinned readings (the outcomes of the others are listed separately).
    { readings: options.readings, trace: true },
  );
  const roleTrace = decision.trace!.role;
  const iotTrace = decision.trace!.iot;
  const considered = [...roleTrace.considered, ...(iotTrace?.considered ?? [])];
  const variables = new Map(considered.flatMap((t) => t.variables).map((v) => [v.variable, v]));
  const { refusedBecause } = decision;
  return {
    identity: subject.name,
    identityType: identity.type,
    clientId: decision.request.context.get('iot:ClientId') as string | undefined,
    action: check.action,
    resource: check.resource,
    decision: decision.decision,
    ...(refusedBecause && { refusedBecause }),
    ...(decision.outcomes && { outcomes: outcomeReports(decision) }),
    role: { outcome: decision.role.outcome, deciding: roleTrace.deciding, considered: roleTrace.considered },
    iotPolicyRole: decision.iotPolicyRole,
    iotPolicies: iotTrace && {
      outcome: iotTrace.outcome,
      deciding: iotTrace.deciding,
      considered: iotTrace.considered,
      attached: subject.iotPolicies.length,
    },
    variables: [...variables.values()],
    notes: notesForUnresolved(decision.contextNotes, [...variables.values()]),
  };
}

/** Each outcome with the statements that decided it: the Allows when allowed, the explicit Denies when denied. */
function outcomeReports(decision: CognitoDecision): ReadingOutcomeReport[] {
  return decision.outcomes!.map((o) => {
    const parts = [o.role, o.iot].filter((p) => p !== undefined && (o.decision === 'allow' || p.outcome === 'explicit-deny'));
    return { readings: o.readings, decision: o.decision, deciding: parts.flatMap((p) => p!.deciding ?? []).map(statementRef) };
  });
}

/** A step's verdict from its checks: denied by any, allowed by all, otherwise ambiguous. */
function combine(checks: readonly CheckResult[]): 'allow' | 'deny' | 'ambiguous' {
  if (checks.some((c) => c.decision === 'deny')) return 'deny';
  return checks.every((c) => c.decision === 'allow') ? 'allow' : 'ambiguous';
}

/** The context notes that explain a variable left unresolved in this decision. */
function notesForUnresolved(notes: ContextNote[], variables: VariableValue[]): string[] {
  const unresolved = variables.filter((v) => v.value === undefined).map((v) => v.variable.slice(2, -1).trim().toLowerCase());
  const explains = (note: ContextNote) => {
    const key = note.key.toLowerCase();
    return unresolved.some((name) => (key.endsWith('.*') ? name.startsWith(key.slice(0, -1)) : name === key));
  };
  return notes.filter(explains).map((n) => n.note);
}

function runRequest(scenario: LoadedScenario, step: RequestStepSpec): StepResult {
  const subject = scenario.identities.get(step.as)!;
  const checks = step.checks.map((check) =>
    decideUnderRoles(scenario.roles, subject, check, { clientId: step.clientId, context: step.context, readings: scenario.readings }),
  );
  const decision = combine(checks);
  const label = `${step.as} ${step.sugar === 'action' ? `${step.checks[0].action} ${step.target}` : `${step.sugar} ${step.target}`}`;
  return finish(step, step.sugar, label, decision, checks, undefined);
}

function runFlow(scenario: LoadedScenario, step: FlowStepSpec): StepResult {
  const publisher = scenario.identities.get(step.from)!;
  const subscriber = scenario.identities.get(step.to)!;
  const checks: CheckResult[] = [];
  const connect = (subject: ScenarioIdentity) => {
    const clientId = clientIdOf(subject.identity);
    if (clientId !== undefined)
      checks.push(decideUnderRoles(scenario.roles, subject, { action: 'iot:Connect', resource: iotArn(scenario.scope, 'client', clientId) }, pinned));
  };
  const pinned = { readings: scenario.readings };
  connect(publisher);
  checks.push(decideUnderRoles(scenario.roles, publisher, { action: 'iot:Publish', resource: iotArn(scenario.scope, 'topic', step.topic) }, pinned));
  connect(subscriber);
  checks.push(decideUnderRoles(scenario.roles, subscriber, { action: 'iot:Subscribe', resource: iotArn(scenario.scope, 'topicfilter', step.filter) }, pinned));
  checks.push(decideUnderRoles(scenario.roles, subscriber, { action: 'iot:Receive', resource: iotArn(scenario.scope, 'topic', step.topic) }, pinned));
  const filterMatches = filterMatchesTopic(step.filter, step.topic);
  const verdict = filterMatches ? combine(checks) : 'deny';
  const label = `${step.from} → ${step.to} on ${step.topic}${step.filter !== step.topic ? ` (filter ${step.filter})` : ''}`;
  const result = finish(step, 'flow', label, verdict === 'allow' ? 'delivered' : verdict === 'deny' ? 'blocked' : 'ambiguous', checks, filterMatches);
  if (!filterMatches) result.explanation.splice(1, 0, `  the filter "${step.filter}" does not match the topic "${step.topic}" under MQTT rules`);
  return result;
}

function finish(
  step: RequestStepSpec | FlowStepSpec,
  kind: StepResult['kind'],
  label: string,
  decision: StepResult['decision'],
  checks: CheckResult[],
  filterMatches: boolean | undefined,
): StepResult {
  // A possible leak is a leak: deny/blocked fails on ambiguous; allow/delivered passes, with a warning.
  const expectsAccess = step.expect === 'allow' || step.expect === 'delivered';
  const pass = step.expect === undefined ? undefined : decision === 'ambiguous' ? expectsAccess : step.expect === decision;
  // Ambiguous because of a documented reading, or because the app's role mapping leaves the role open (decideUnderRoles).
  const because = checks.some((c) => c.outcomes) ? `${describeAmbiguity(checks)} (see the outcomes)` : 'under a role the identity may get (see the notes)';
  const warning = decision === 'ambiguous' && pass ? `passes, but AWS may refuse it ${because}` : undefined;
  const verdict = `${decision.toUpperCase()}${step.expect === undefined ? '' : pass ? ` (expected ${step.expect}: pass${warning ? ', with a warning: AWS may refuse it' : ''})` : ` (expected ${step.expect}: FAIL)`}`;
  const explanation = [`${label}: ${verdict}`, ...checks.flatMap((check) => explainCheck(check).map((line) => `  ${line}`))];
  return {
    index: step.index,
    name: step.name,
    kind,
    label,
    decision,
    expected: step.expect,
    pass,
    ...(warning && { warning }),
    checks,
    filterMatches,
    explanation,
    range: step.range,
  };
}
