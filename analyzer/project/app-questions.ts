import { decideForIdentity, type CognitoDecision } from '../cognito/authorize';
import { identityContext, transportRefusal, type IdentityType } from '../cognito/identity';
import { classesOfType, OTHER_SUB, type IdentityClass, type Operation, type PropertyPattern, type PropertySpec } from '../prove/properties';
import { decidedBy, proveProperty, responsibleRanges, type ConfirmedCheck, type Counterexample } from '../prove/prove';
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
  readonly scenario: LoadedScenario;
  private readonly range;

  constructor(
    readonly app: App,
    readonly signedIn: AppClass | undefined,
  ) {
    this.scenario = scenarioForApp(app, signedIn);
    this.range = new LineIndex(app.file, '').range(0, 0);
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
    const { context } = identityContext(identity);
    const decision = decideForIdentity(identity.type, this.scenario.roles, member.iotPolicies, action, this.arn(resource), context);
    return transportRefusal(identity, action) ? { ...decision, decision: 'deny', outcomes: undefined } : decision;
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
    return { index: 0, range: this.range };
  }

  private ask(spec: PropertySpec): Answer {
    const result = proveProperty(this.scenario, spec);
    if (result.verdict === 'refuted' && result.counterexample) return { verdict: 'yes', witness: result.counterexample };
    if (result.verdict === 'proved') return { verdict: 'no' };
    return { verdict: 'unknown', reasons: result.reasons };
  }
}

function pattern(source: string): PropertyPattern {
  return { source, parts: parseTemplate(source, true, true).parts };
}

/** The evaluator's allow as a confirmed check, for witnesses the rules build from single decisions. */
export function confirmedCheck(identity: string, action: string, resource: string, decision: CognitoDecision, clientId?: string): ConfirmedCheck {
  return { identity, action, resource, ...(clientId !== undefined && { clientId }), decidedBy: decidedBy(decision), responsible: responsibleRanges(decision) };
}
