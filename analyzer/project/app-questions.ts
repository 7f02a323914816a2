import { authorize, type CognitoDecision } from '../cognito/authorize';
import type { IdentityType } from '../cognito/identity';
import type { CompiledPolicy } from '../evaluate/compile';
import { classesOfType, OTHER_SUB, type IdentityClass, type Operation, type PropertyPattern, type PropertySpec } from '../prove/properties';
import { allowingStatements, decidedBy, proveProperty, responsibleRanges, type ConfirmedCheck, type Counterexample } from '../prove/prove';
import type { LoadedScenario, ScenarioIdentity } from '../scenario/model';
import { LineIndex } from '../source/range';
import { parseTemplate } from '../variables/template';
import type { App, AppClass } from './app';
import { scenarioForApp } from './app-scenario';

/** In question patterns: another identity's ID (the receiver of a flow, the victim of a takeover). */
export const OTHER_IDENTITY = `\${${OTHER_SUB}}`;

/**
 * The engine's answer to "can an identity of this class do X?": `yes` with a counterexample every request
 * of which the evaluator allows, `no` when the prover shows it for every identity ID, topic and client
 * ID, `unknown` (with why) when neither — never silently no.
 */
export type Answer = { verdict: 'yes'; witness: Counterexample } | { verdict: 'no' } | { verdict: 'unknown'; reasons: string[] };

/**
 * Questions about one app, asked of the prover over the app as a scenario (the guests and one class of
 * signed-in users, two made-up identities each): over every topic, filter and client ID, with every
 * policy each identity gets, NotAction/NotResource and conditions included.
 */
export class AppQuestions {
  private built?: { scenario: LoadedScenario; contentKey: string };

  constructor(
    readonly app: App,
    readonly signedIn: AppClass | undefined,
    private readonly cache: AnswerCache = new Map(),
  ) {}

  /** The app as a scenario, built on the first question: most classes are answered by the rules' quick checks. */
  get scenario(): LoadedScenario {
    return this.prepared().scenario;
  }

  private prepared(): { scenario: LoadedScenario; contentKey: string } {
    if (this.built) return this.built;
    const scenario = scenarioForApp(this.app, this.signedIn);
    const { roles, identities, scope } = scenario;
    // What the policies say, for the answer cache: apps of the same policies (a scenario and its template) ask once.
    const contentKey = JSON.stringify([
      scope,
      roles.authenticated.map(policyContent),
      roles.unauthenticated.map(policyContent),
      [...identities.values()].map((i) => [i.name, i.identity, i.iotPolicies.map(policyContent)]),
    ]);
    return (this.built = { scenario, contentKey });
  }

  /** The scenario's identities of a type (the made-up "user 1" first). */
  members(type: IdentityType): ScenarioIdentity[] {
    return [...this.scenario.identities.values()].filter((i) => i.identity.type === type);
  }

  /** Can an identity of the type use one of the actions on a resource matching one of the patterns (`topic/…` or full ARNs)? */
  canAccess(type: IdentityType, actions: readonly string[], resources: readonly string[]): Answer {
    if (actions.length === 0 || resources.length === 0) return { verdict: 'no' };
    return this.ask({
      ...this.base(),
      kind: 'no-access',
      who: type,
      classes: this.classes(type),
      actions: [...actions],
      resources: resources.map((r) => pattern(this.arn(r))),
    });
  }

  /** Can an identity of the type publish to, subscribe with or receive a topic matching one of the patterns? */
  canReach(type: IdentityType, operations: readonly Operation[], topics: readonly string[]): Answer {
    return this.ask({
      ...this.base(),
      kind: 'isolation',
      who: type,
      classes: this.classes(type),
      allowed: [],
      prefix: '',
      shared: [],
      operations: [...operations],
      forbidden: topics.map(pattern),
    });
  }

  /** Can a message one identity of `from` publishes reach another identity of `to`, on a topic matching the patterns (sender's ID as `${…:sub}`)? */
  canFlow(from: IdentityType, to: IdentityType, topics?: readonly string[]): Answer {
    return this.ask({
      ...this.base(),
      kind: 'no-flow',
      from,
      to,
      fromClasses: this.classes(from),
      toClasses: this.classes(to),
      ...(topics && { topics: topics.map(pattern) }),
    });
  }

  /** The evaluator's decision for one request of a made-up identity (over MQTT with `clientId`, or HTTPS without). */
  decide(member: ScenarioIdentity, action: string, resource: string, clientId?: string): CognitoDecision {
    const identity = { ...member.identity, ...(clientId === undefined ? { protocol: 'https' as const } : { clientId, protocol: 'mqtt-wss' as const }) };
    return authorize(
      this.scenario.roles,
      { identity, iotPolicies: member.iotPolicies },
      { action, resource: this.arn(resource) },
      { readings: this.app.readings },
    );
  }

  /** `topic/x` → the app's ARN for it; full ARNs and `*` as they are. */
  arn(resource: string): string {
    if (resource.startsWith('arn:') || resource === '*') return resource;
    const { partition, region, account } = this.app.scope;
    return `arn:${partition}:iot:${region}:${account}:${resource}`;
  }

  private classes(type: IdentityType): IdentityClass[] {
    return classesOfType(type, [...this.scenario.identities.values()]);
  }

  private base() {
    return { index: 0, range: new LineIndex(this.app.file, '').range(0, 0) };
  }

  private ask(spec: PropertySpec): Answer {
    const key = `${this.prepared().contentKey}|${JSON.stringify(spec, (k, v) => (k === 'range' || k === 'members' || k === 'iotPolicies' || k === 'label' ? undefined : v))}`;
    const cached = this.cache.get(key);
    const reused = cached && this.reconfirmed(cached);
    if (reused) return reused;
    const result = proveProperty(this.scenario, spec);
    const answer: Answer =
      result.verdict === 'refuted' && result.counterexample
        ? { verdict: 'yes', witness: result.counterexample }
        : result.verdict === 'proved'
          ? { verdict: 'no' }
          : { verdict: 'unknown', reasons: result.reasons };
    this.cache.set(key, answer);
    return answer;
  }

  /**
   * A cached answer for this app: "no" and "unknown" as they are; a witness decided again by the evaluator
   * on this app's policies, so its statements are this app's (undefined if it no longer holds).
   */
  private reconfirmed(answer: Answer): Answer | undefined {
    if (answer.verdict !== 'yes') return answer;
    const checks: ConfirmedCheck[] = [];
    for (const check of answer.witness.checks) {
      const member = this.scenario.identities.get(check.identity);
      const decision = member && this.decide(member, check.action, check.resource, check.clientId);
      if (!decision || decision.decision === 'deny') return undefined;
      checks.push(confirmedCheck(check.identity, check.action, check.resource, decision, check.clientId));
    }
    return { verdict: 'yes', witness: { ...answer.witness, checks } };
  }
}

/** Answers by app content and question, shared by the apps of one check run. */
export type AnswerCache = Map<string, Answer>;

/** A policy as the evaluator reads it, without its place: equal for the same policy in a JSON file and in a template. */
function policyContent(policy: CompiledPolicy): unknown {
  return policy.source.statements.map((s) => [
    s.effect?.value,
    s.actions?.negated,
    s.actions?.values.map((a) => a.value),
    s.resources?.negated,
    s.resources?.values.map((r) => r.value),
    s.conditions.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value)]),
    policy.accepted,
    policy.substitutesVariables,
  ]);
}

function pattern(source: string): PropertyPattern {
  return { source, parts: parseTemplate(source, true, true).parts };
}

/** The evaluator's allow as a confirmed check, for witnesses the rules build from single decisions. */
export function confirmedCheck(identity: string, action: string, resource: string, decision: CognitoDecision, clientId?: string): ConfirmedCheck {
  return {
    identity,
    action,
    resource,
    ...(clientId !== undefined && { clientId }),
    decidedBy: decidedBy(decision),
    statements: allowingStatements(decision),
    responsible: responsibleRanges(decision),
  };
}
