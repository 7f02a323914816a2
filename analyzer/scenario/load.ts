import type { Node } from 'jsonc-parser';
import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import scenarioSchema from '../../schemas/scenario.schema.json';
import type { CognitoIdentity } from '../cognito/identity';
import { compileOptionsFor } from '../cognito/role-policies';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile';
import type { RequestStep, Scenario, Step, StepKind } from '../generated/scenario';
import { topicFilterProblem, topicNameProblem } from '../match/mqtt';
import { duplicateKeyErrors, parseJsonTree, rangeOf } from '../policy/json';
import type { PolicyKind } from '../policy/model';
import { parsePolicy, parsePolicyNode } from '../policy/parse';
import { policyFromTemplate } from '../sources/template-policy';
import { validateNode } from '../schema/validate';
import { LineIndex, type SourceRange } from '../source/range';
import { DEFAULT_SCOPE, iotArn, type ArnScope } from './arn';
import { appRolePolicies, placeInApp, readScenarioApp, type ScenarioApp } from './scenario-app';
import type { FileHost, LoadedScenario, ScenarioIdentity, ScenarioProblem, StepCheck, StepSpec, TemplateSettings } from './model';

const SCENARIO_SCHEMA = 'https://iot-policy-lens.dev/schemas/scenario.schema.json';
/** The properties that say which request a step makes, in the schema's order (schemas/scenario.schema.json, StepKind). */
export const STEP_KINDS = scenarioSchema.definitions.StepKind.enum as readonly StepKind[];
const quotedKinds = `${STEP_KINDS.slice(0, -1)
  .map((k) => `"${k}"`)
  .join(', ')} or "${STEP_KINDS[STEP_KINDS.length - 1]}"`;

export interface LoadResult {
  scenario?: LoadedScenario;
  problems: ScenarioProblem[];
}

/**
 * Reads a scenario: JSON with positions, validated against schemas/scenario.schema.json, then every policy
 * file it names read and compiled, and every step turned into the concrete action/resource checks.
 * Never throws; anything wrong is a problem with a location. Errors leave `scenario` undefined. The
 * templates it names are read with the project's `settings` (its config; without, the templates'
 * defaults), as `check` reads them.
 */
export function loadScenario(text: string, file: string, host: FileHost, settings: TemplateSettings = {}): LoadResult {
  const lines = new LineIndex(file, text);
  const { root, errors } = parseJsonTree(lines);
  if (!root || errors.length > 0) {
    return {
      problems:
        errors.length > 0
          ? errors.map((e) => ({ severity: 'error', ...e }))
          : [{ severity: 'error', message: 'invalid JSON: the file is empty', range: lines.range(0, 0) }],
    };
  }
  const duplicates = duplicateKeyErrors(lines, root);
  if (duplicates.length > 0) return { problems: duplicates.map((e) => ({ severity: 'error', ...e })) };
  return new ScenarioLoader(lines, root, host, settings).load();
}

class ScenarioLoader {
  private readonly problems: ScenarioProblem[] = [];
  private readonly policyCache = new Map<string, CompiledPolicy | undefined>();
  private readonly policies: Array<{ policy: CompiledPolicy; kind: PolicyKind }> = [];
  private app?: ScenarioApp;
  private appNamed = false;

  constructor(
    private readonly lines: LineIndex,
    private readonly root: Node,
    private readonly host: FileHost,
    private readonly settings: TemplateSettings,
  ) {}

  private error(message: string, range: SourceRange): void {
    this.problems.push({ severity: 'error', message, range });
  }

  private warning(message: string, range: SourceRange): void {
    this.problems.push({ severity: 'warning', message, range });
  }

  private node(path: Array<string | number>): Node | undefined {
    return findNodeAtLocation(this.root, path);
  }

  private rangeAt(path: Array<string | number>): SourceRange {
    const node = this.node(path);
    return node ? rangeOf(this.lines, node) : rangeOf(this.lines, this.root);
  }

  load(): LoadResult {
    const schemaProblems = validateNode(SCENARIO_SCHEMA, this.root, this.lines, '', /^\/steps\/\d+/);
    for (const problem of schemaProblems) this.error(problem.message, problem.range);
    if (this.root.type !== 'object') return { problems: this.problems };
    const stepNodes = this.node(['steps'])?.children ?? [];
    stepNodes.forEach((stepNode, index) => {
      const ref = stepNode.type === 'object' && findNodeAtLocation(stepNode, ['flow']) ? 'FlowStep' : 'RequestStep';
      for (const problem of validateNode(`${SCENARIO_SCHEMA}#/definitions/${ref}`, stepNode, this.lines, `steps[${index}]`))
        this.error(problem.message, problem.range);
    });
    if (this.problems.some((p) => p.severity === 'error')) {
      this.checkReferences();
      return { problems: this.problems };
    }

    // Valid against the schema (checked above), so the generated types describe it.
    const raw = getNodeValue(this.root) as Scenario;
    const scope: ArnScope = {
      partition: raw.partition ?? DEFAULT_SCOPE.partition,
      region: raw.region ?? DEFAULT_SCOPE.region,
      account: raw.account ?? DEFAULT_SCOPE.account,
    };
    this.appNamed = raw.app !== undefined;
    this.app = raw.app !== undefined ? this.useApp(raw.app, scope, raw.roles !== undefined) : undefined;
    const roles = this.app
      ? appRolePolicies(this.app)
      : {
          authenticated: this.loadPolicies(['roles', 'authenticated'], 'auth-role'),
          unauthenticated: this.loadPolicies(['roles', 'unauthenticated'], 'unauth-role'),
        };
    const identities = this.loadIdentities(raw.identities);
    const steps = raw.steps.map((step, index) => this.loadStep(step, index, scope, identities)).filter((s): s is StepSpec => s !== undefined);
    if (this.problems.some((p) => p.severity === 'error')) return { problems: this.problems };
    const name = typeof raw.name === 'string' ? raw.name : this.lines.file;
    const readings = raw.readings ? new Map<string, string>(Object.entries(raw.readings)) : undefined;
    return {
      scenario: { file: this.lines.file, name, scope, roles, identities, steps, policies: this.policies, ...(readings && { readings }) },
      problems: this.problems,
    };
  }

  /** The app the scenario names (`"app"`), or undefined after reporting why it cannot be used. */
  private useApp(reference: string, scope: ArnScope, hasRoles: boolean): ScenarioApp | undefined {
    if (hasRoles) this.error('"roles" and "app" exclude each other: with "app", the roles come from the identity pool', this.rangeAt(['roles']));
    const { app, error } = readScenarioApp(reference, this.lines.file, scope, this.host, this.settings.templateParameters);
    if (error) this.error(error, this.rangeAt(['app']));
    return app;
  }

  /**
   * A scenario with schema errors cannot run, but the references in it can still be checked, so every problem
   * arrives in one round: unreadable policy files and unknown identities, wherever the shape allows reading them.
   */
  private checkReferences(): void {
    const policyRefs = (path: Array<string | number>, kind: PolicyKind) => {
      const list = this.node(path);
      if (list?.type === 'array') for (const ref of list.children ?? []) if (ref.type === 'string') this.readPolicyFile(ref, kind);
    };
    policyRefs(['roles', 'authenticated'], 'auth-role');
    policyRefs(['roles', 'unauthenticated'], 'unauth-role');
    const identitiesNode = this.node(['identities']);
    const names = new Set(identitiesNode?.type === 'object' ? (identitiesNode.children ?? []).map((property) => String(property.children?.[0]?.value)) : []);
    for (const name of names) policyRefs(['identities', name, 'iotPolicies'], 'iot');
    const steps = this.node(['steps']);
    for (const [index, step] of (steps?.type === 'array' ? (steps.children ?? []) : []).entries()) {
      for (const path of [['as'], ['flow', 'from'], ['flow', 'to']]) {
        const value = findNodeAtLocation(step, path);
        if (value?.type === 'string') this.requireIdentity(value.value as string, ['steps', index, ...path], names);
      }
    }
  }

  private loadPolicies(path: Array<string | number>, kind: PolicyKind): CompiledPolicy[] {
    const listNode = this.node(path);
    const compiled: CompiledPolicy[] = [];
    for (const [index, refNode] of (listNode?.children ?? []).entries()) {
      const policy = refNode.type === 'string' ? this.readPolicyFile(refNode, kind) : this.inlinePolicy(refNode, [...path, index], kind);
      if (!policy) continue;
      compiled.push(policy);
      if (!this.policies.some((p) => p.policy === policy)) this.policies.push({ policy, kind });
    }
    return compiled;
  }

  private readPolicyFile(refNode: Node, kind: PolicyKind): CompiledPolicy | undefined {
    // `#Name`: a policy of the app's template (when the app cannot be read, that is reported once, at "app").
    const inApp = (refNode.value as string).startsWith('#') && this.appNamed;
    if (inApp && !this.app) return undefined;
    const reference = inApp ? `${this.app!.reference}${refNode.value}` : (refNode.value as string);
    // `template.yaml#LogicalId`: a policy inside a template, by the name `check` reports it under.
    const hash = reference.indexOf('#');
    const path = this.host.resolve(this.lines.file, hash === -1 ? reference : reference.slice(0, hash));
    // Role and IoT policies compile differently (role policies cannot use ${iot:ClientId}, A14).
    const cacheKey = `${kind === 'iot' ? 'iot' : 'role'} ${path}${hash === -1 ? '' : reference.slice(hash)}`;
    if (!this.policyCache.has(cacheKey)) {
      const text = this.host.readFile(path);
      const read =
        text === undefined
          ? { error: `cannot read policy file "${reference}" (${this.host.whyUnreadable?.(path) ?? `resolved to ${path}`})` }
          : hash !== -1
            ? policyFromTemplate(path, text, reference.slice(hash + 1), this.host, this.settings.templateParameters)
            : { policy: parsePolicy(text, path) };
      const parsed = read.policy;
      const syntax = parsed?.problems.find((p) => p.code === 'invalid-json');
      if (read.error || !parsed) this.error(read.error ?? `cannot read policy "${reference}"`, rangeOf(this.lines, refNode));
      else if (syntax)
        this.error(
          `policy "${reference}" is not valid JSON: ${syntax.range.file}:${syntax.range.start.line}:${syntax.range.start.column}: ${syntax.message}`,
          rangeOf(this.lines, refNode),
        );
      else if (parsed.problems.length > 0)
        this.warning(
          `policy "${reference}" has ${parsed.problems.length} problem(s) AWS would reject (first: ${parsed.problems[0].message}); none of its statements takes effect (AWS would not deploy it)`,
          rangeOf(this.lines, refNode),
        );
      this.policyCache.set(cacheKey, parsed && compilePolicy(parsed, compileOptionsFor(kind)));
    }
    return this.policyCache.get(cacheKey);
  }

  private inlinePolicy(node: Node, path: Array<string | number>, kind: PolicyKind): CompiledPolicy {
    const parsed = parsePolicyNode(this.lines, node);
    if (parsed.problems.length > 0)
      this.warning(
        `inline policy at ${path.join('.')} has problems AWS would reject (first: ${parsed.problems[0].message}); none of its statements takes effect (AWS would not deploy it)`,
        rangeOf(this.lines, node),
      );
    return compilePolicy(parsed, compileOptionsFor(kind));
  }

  private loadIdentities(raw: Scenario['identities']): Map<string, ScenarioIdentity> {
    const identities = new Map<string, ScenarioIdentity>();
    for (const [name, spec] of Object.entries(raw)) {
      const range = this.rangeAt(['identities', name]);
      const identity: CognitoIdentity = {
        type: spec.type,
        identityId: spec.identityId,
        identityPoolId: spec.identityPoolId,
        clientId: spec.clientId,
        protocol: spec.protocol,
        amr: spec.amr,
        thingName: spec.thingName,
        thingTypeName: spec.thingTypeName,
        thingAttributes: spec.thingAttributes,
        context: spec.context,
      };
      const iotPolicies = this.loadPolicies(['identities', name, 'iotPolicies'], 'iot');
      if (spec.type === 'unauthenticated' && iotPolicies.length > 0) {
        this.warning(
          `"${name}" is unauthenticated: AWS IoT ignores IoT policies for guest identities, only the unauthenticated role decides`,
          this.rangeAt(['identities', name, 'iotPolicies']),
        );
      }
      const placed = this.app && placeInApp(this.app, spec, iotPolicies);
      if (placed?.problem) this.error(placed.problem, range);
      for (const warning of placed?.warnings ?? []) this.warning(warning.message, this.rangeAt(['identities', name, 'claims', warning.claim]));
      identities.set(name, { name, identity, iotPolicies: placed?.iotPolicies ?? iotPolicies, range, ...(placed && { roles: placed.roles }) });
    }
    return identities;
  }

  private requireIdentity(name: string, path: Array<string | number>, identities: ReadonlyMap<string, ScenarioIdentity> | ReadonlySet<string>): boolean {
    if (identities.has(name)) return true;
    const known = [...identities.keys()].map((k) => `"${k}"`).join(', ') || 'none';
    this.error(`unknown identity "${name}" (defined: ${known})`, this.rangeAt(path));
    return false;
  }

  private loadStep(raw: Step, index: number, scope: ArnScope, identities: Map<string, ScenarioIdentity>): StepSpec | undefined {
    const range = this.rangeAt(['steps', index]);
    if ('flow' in raw) {
      const { from, to, topic } = raw.flow;
      const filter = raw.flow.filter ?? topic;
      const ok = [
        this.requireIdentity(from, ['steps', index, 'flow', 'from'], identities),
        this.requireIdentity(to, ['steps', index, 'flow', 'to'], identities),
      ].every(Boolean);
      const topicProblem = topicNameProblem(topic);
      if (topicProblem) this.error(topicProblem, this.rangeAt(['steps', index, 'flow', 'topic']));
      const filterProblem = topicFilterProblem(filter);
      if (filterProblem) this.error(filterProblem, this.rangeAt(['steps', index, 'flow', raw.flow.filter === undefined ? 'topic' : 'filter']));
      if (!ok || topicProblem || filterProblem) return undefined;
      return { kind: 'flow', index, range, name: raw.name, from, to, topic, filter, expect: raw.expect };
    }
    if (!this.requireIdentity(raw.as, ['steps', index, 'as'], identities)) return undefined;
    const sugar = STEP_KINDS.filter((k) => raw[k] !== undefined);
    if (sugar.length !== 1) {
      this.error(`steps[${index}]: a step needs exactly one of ${quotedKinds}${sugar.length ? ` (found ${sugar.join(', ')})` : ''}`, range);
      return undefined;
    }
    const kind = sugar[0];
    const target = kind === 'action' ? raw.resource : raw[kind];
    if (target === undefined) {
      // Only "action" can lack its target: its ARN is in "resource".
      this.error(`steps[${index}]: "action" needs a "resource" ARN`, range);
      return undefined;
    }
    if (kind !== 'action' && raw.resource !== undefined)
      this.error(`steps[${index}]: "resource" goes with "action" only; "${kind}" builds its own ARN`, this.rangeAt(['steps', index, 'resource']));
    if (raw.retain !== undefined && kind !== 'publish')
      this.error(`steps[${index}]: "retain" goes with "publish" only`, this.rangeAt(['steps', index, 'retain']));
    const targetProblem = kind === 'publish' || kind === 'receive' ? topicNameProblem(target) : kind === 'subscribe' ? topicFilterProblem(target) : undefined;
    if (targetProblem) {
      this.error(targetProblem, this.rangeAt(['steps', index, kind]));
      return undefined;
    }
    const checks = checksFor(kind, target, raw, scope);
    const clientId = kind === 'connect' ? target : raw.clientId;
    const context = raw.context ?? {};
    return { kind: 'request', index, range, name: raw.name, sugar: kind, as: raw.as, target, checks, clientId, context, expect: raw.expect };
  }
}

/** Step sugar → the action and resource type AWS IoT checks (docs/iot-authorization.md §2.1). */
function checksFor(kind: StepKind, target: string, raw: RequestStep, scope: ArnScope): StepCheck[] {
  switch (kind) {
    case 'connect':
      return [{ action: 'iot:Connect', resource: iotArn(scope, 'client', target) }];
    case 'publish': {
      const checks = [{ action: 'iot:Publish', resource: iotArn(scope, 'topic', target) }];
      if (raw.retain === true) checks.push({ action: 'iot:RetainPublish', resource: iotArn(scope, 'topic', target) });
      return checks;
    }
    case 'subscribe':
      return [{ action: 'iot:Subscribe', resource: iotArn(scope, 'topicfilter', target) }];
    case 'receive':
      return [{ action: 'iot:Receive', resource: iotArn(scope, 'topic', target) }];
    case 'action':
      return [{ action: raw.action!, resource: target }];
  }
}
