/**
 * The "properties" of a scenario file: read from the scenario's JSON (with positions), validated per
 * kind against schemas/scenario.schema.json, and resolved against the loaded scenario (identity classes,
 * patterns, actions). The scenario loader only checks that the array matches the schema; this module is
 * the loader hook for everything else (`loadProvableScenario`).
 */
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { actionsCoveredBy, canonicalAction } from '../catalog/actions';
import { COGNITO_SUB, type IdentityType } from '../cognito/identity';
import type { CompiledPolicy } from '../evaluate/compile';
import type { IsolationProperty, NoAccessProperty, NoFlowProperty, Property } from '../generated/scenario';
import { parseJsonTree, rangeOf } from '../policy/json';
import { groupByIotPolicies, samePolicies } from '../scenario/iot-policy-sets';
import { loadScenario } from '../scenario/load';
import type { FileHost, LoadedScenario, ScenarioIdentity, ScenarioProblem, TemplateSettings } from '../scenario/model';
import { validateNode } from '../schema/validate';
import { LineIndex, type SourceRange } from '../source/range';
import { parseTemplate, type TemplatePart } from '../variables/template';

const SCENARIO_SCHEMA = 'https://iot-policy-lens.dev/schemas/scenario.schema.json';

/** In property patterns: another identity's ID (any identity but the one the property speaks of). */
export const OTHER_SUB = 'other:cognito-identity.amazonaws.com:sub';

export type PropertyKind = Property['kind'];
export type Operation = 'publish' | 'subscribe' | 'receive';

/**
 * Identities that the policies treat alike: one type and one set of attached IoT policies. A property
 * about a class holds for every identity ID in it.
 */
export interface IdentityClass {
  type: IdentityType;
  iotPolicies: readonly CompiledPolicy[];
  /** The scenario's identities in this class (possibly none), for names and counterexample IDs. */
  members: readonly ScenarioIdentity[];
  label: string;
}

/** A pattern of a property, parsed (wildcards and variables). */
export interface PropertyPattern {
  source: string;
  parts: TemplatePart[];
}

interface PropertyBase {
  index: number;
  name?: string;
  range: SourceRange;
}

export interface IsolationSpec extends PropertyBase {
  kind: 'isolation';
  who: string;
  classes: IdentityClass[];
  /** The prefix with `*` appended, then the shared patterns. */
  allowed: PropertyPattern[];
  prefix: string;
  shared: string[];
  operations: Operation[];
  /**
   * When set, only these topics (and filters) count as outside, and only where `allowed` does not cover
   * them: the built-in properties ask "never into another identity's namespace", which no prefix says.
   */
  forbidden?: PropertyPattern[];
}

export interface NoAccessSpec extends PropertyBase {
  kind: 'no-access';
  who: string;
  classes: IdentityClass[];
  actions: string[];
  /** Full ARN patterns. */
  resources: PropertyPattern[];
}

export interface NoFlowSpec extends PropertyBase {
  kind: 'no-flow';
  from: string;
  to: string;
  fromClasses: IdentityClass[];
  toClasses: IdentityClass[];
  topics?: PropertyPattern[];
}

export type PropertySpec = IsolationSpec | NoAccessSpec | NoFlowSpec;

export interface ProvableScenario {
  scenario?: LoadedScenario;
  properties: PropertySpec[];
  problems: ScenarioProblem[];
  /** The "properties" array, when the file has one (for editors: where to put a lens). */
  propertiesRange?: SourceRange;
}

const DEFINITION: Record<PropertyKind, string> = { isolation: 'IsolationProperty', 'no-access': 'NoAccessProperty', 'no-flow': 'NoFlowProperty' };

/**
 * Loads a scenario and its properties. Schema problems inside "properties" are reported per property
 * kind (instead of the loader's "does not match any of the allowed forms"); everything else as the
 * loader reports it. Never throws.
 */
export function loadProvableScenario(text: string, file: string, host: FileHost, settings: TemplateSettings = {}): ProvableScenario {
  const lines = new LineIndex(file, text);
  const { root } = parseJsonTree(lines);
  const propertiesNode = root?.type === 'object' ? findNodeAtLocation(root, ['properties']) : undefined;
  const own = propertiesNode ? schemaProblems(propertiesNode, lines) : [];
  const loaded = loadScenario(text, file, host, settings);
  const problems = own.length > 0 ? [...own, ...loaded.problems.filter((p) => !/^properties(\[|:)/.test(p.message))] : loaded.problems;
  const propertiesRange = propertiesNode ? rangeOf(lines, propertiesNode) : undefined;
  if (!loaded.scenario || own.length > 0 || !propertiesNode)
    return { scenario: own.length > 0 ? undefined : loaded.scenario, properties: [], problems, propertiesRange };
  const resolved = resolveProperties(propertiesNode, lines, loaded.scenario);
  const all = [...problems, ...resolved.problems];
  const failed = resolved.problems.some((p) => p.severity === 'error');
  return { scenario: loaded.scenario, properties: failed ? [] : resolved.properties, problems: all, propertiesRange };
}

function schemaProblems(propertiesNode: Node, lines: LineIndex): ScenarioProblem[] {
  // Not an array: the loader's schema check says so.
  if (propertiesNode.type !== 'array') return [];
  const problems: ScenarioProblem[] = [];
  (propertiesNode.children ?? []).forEach((node, index) => {
    const kind = node.type === 'object' ? findNodeAtLocation(node, ['kind']) : undefined;
    const definition = typeof kind?.value === 'string' ? DEFINITION[kind.value as PropertyKind] : undefined;
    if (node.type !== 'object') {
      problems.push({ severity: 'error', message: `properties[${index}]: must be an object`, range: rangeOf(lines, node) });
    } else if (!kind) {
      problems.push({
        severity: 'error',
        message: `properties[${index}]: missing required property "kind" (one of "isolation", "no-access", "no-flow")`,
        range: rangeOf(lines, node),
      });
    } else if (!definition) {
      problems.push({
        severity: 'error',
        message: `properties[${index}].kind: must be one of "isolation", "no-access", "no-flow"`,
        range: rangeOf(lines, kind),
      });
    } else {
      for (const problem of validateNode(`${SCENARIO_SCHEMA}#/definitions/${definition}`, node, lines, `properties[${index}]`))
        problems.push({ severity: 'error', ...problem });
    }
  });
  return problems;
}

class Resolver {
  readonly problems: ScenarioProblem[] = [];
  constructor(
    private readonly lines: LineIndex,
    private readonly scenario: LoadedScenario,
  ) {}

  error(message: string, node: Node | undefined, fallback: Node): void {
    this.problems.push({ severity: 'error', message, range: rangeOf(this.lines, node ?? fallback) });
  }

  /** "authenticated", "unauthenticated" or an identity's name → the classes it covers. */
  classes(selector: string, node: Node, path: string): IdentityClass[] | undefined {
    const identities = [...this.scenario.identities.values()];
    if (selector === 'authenticated' || selector === 'unauthenticated') return classesOfType(selector, identities);
    const named = this.scenario.identities.get(selector);
    if (!named) {
      const known = ['"authenticated"', '"unauthenticated"', ...identities.map((i) => `"${i.name}"`)].join(', ');
      this.error(`${path}: unknown identity "${selector}" (use ${known})`, node, node);
      return undefined;
    }
    const sameClass = identities.filter(
      (i) => i.identity.type === named.identity.type && (named.identity.type === 'unauthenticated' || samePolicies(i.iotPolicies, named.iotPolicies)),
    );
    return [makeClass(named.identity.type, named.identity.type === 'authenticated' ? named.iotPolicies : [], [named, ...sameClass.filter((i) => i !== named)])];
  }

  pattern(source: string, node: Node, path: string, variables: readonly string[]): PropertyPattern | undefined {
    const template = parseTemplate(source, true, true);
    for (const part of template.parts) {
      if (part.kind === 'variable' && !variables.includes(part.key)) {
        const allowed = variables.map((v) => `\${${v === COGNITO_SUB ? 'cognito-identity.amazonaws.com:sub' : OTHER_SUB}}`).join(' and ');
        this.error(`${path}: the variable \${${part.name}} cannot be used here (only ${allowed})`, node, node);
        return undefined;
      }
    }
    return { source, parts: template.parts };
  }

  patterns(
    values: readonly string[] | undefined,
    listNode: Node | undefined,
    path: string,
    variables: readonly string[],
    transform: (s: string) => string = (s) => s,
  ): PropertyPattern[] | undefined {
    if (!values) return [];
    const result: PropertyPattern[] = [];
    let ok = true;
    values.forEach((value, i) => {
      const node = listNode?.children?.[i] ?? listNode!;
      const pattern = this.pattern(transform(value), node, `${path}[${i}]`, variables);
      if (pattern) result.push(pattern);
      else ok = false;
    });
    return ok ? result : undefined;
  }

  actions(values: readonly string[], listNode: Node, path: string): string[] | undefined {
    const result = new Set<string>();
    let ok = true;
    values.forEach((value, i) => {
      const node = listNode.children?.[i] ?? listNode;
      const covered =
        value.includes('*') || value.includes('?') ? actionsCoveredBy(value) : [canonicalAction(value)].filter((a): a is string => a !== undefined);
      if (covered.length === 0) {
        this.error(`${path}[${i}]: "${value}" is not a known iot: or iotjobsdata: action`, node, node);
        ok = false;
      }
      for (const action of covered) result.add(action);
    });
    return ok ? [...result] : undefined;
  }
}

function resolveProperties(propertiesNode: Node, lines: LineIndex, scenario: LoadedScenario): { properties: PropertySpec[]; problems: ScenarioProblem[] } {
  const resolver = new Resolver(lines, scenario);
  const properties: PropertySpec[] = [];
  const { partition, region, account } = scenario.scope;
  const arnHead = `arn:${partition}:iot:${region}:${account}:`;
  (propertiesNode.children ?? []).forEach((node, index) => {
    const raw = getNodeValue(node) as Property;
    const at = (key: string) => findNodeAtLocation(node, [key]);
    const base = { index, name: raw.name, range: rangeOf(lines, node) };
    const path = `properties[${index}]`;
    switch (raw.kind) {
      case 'isolation': {
        const spec = raw as IsolationProperty;
        const classes = resolver.classes(spec.identities, at('identities')!, `${path}.identities`);
        const prefix = resolver.pattern(`${spec.prefix}*`, at('prefix')!, `${path}.prefix`, [COGNITO_SUB]);
        const shared = resolver.patterns(spec.shared, at('shared'), `${path}.shared`, [COGNITO_SUB]);
        if (classes && prefix && shared) {
          properties.push({
            ...base,
            kind: 'isolation',
            who: spec.identities,
            classes,
            allowed: [prefix, ...shared],
            prefix: spec.prefix,
            shared: spec.shared ?? [],
            operations: spec.operations ?? ['publish', 'subscribe', 'receive'],
          });
        }
        return;
      }
      case 'no-access': {
        const spec = raw as NoAccessProperty;
        const classes = resolver.classes(spec.identities, at('identities')!, `${path}.identities`);
        const actions = resolver.actions(spec.actions, at('actions')!, `${path}.actions`);
        const resources = resolver.patterns(spec.resources, at('resources'), `${path}.resources`, [COGNITO_SUB, OTHER_SUB], (r) =>
          r.startsWith('arn:') || r === '*' ? r : `${arnHead}${r}`,
        );
        if (classes && actions && resources) properties.push({ ...base, kind: 'no-access', who: spec.identities, classes, actions, resources });
        return;
      }
      case 'no-flow': {
        const spec = raw as NoFlowProperty;
        const fromClasses = resolver.classes(spec.from, at('from')!, `${path}.from`);
        const toClasses = resolver.classes(spec.to, at('to')!, `${path}.to`);
        const topics = spec.topics ? resolver.patterns(spec.topics, at('topics'), `${path}.topics`, [COGNITO_SUB, OTHER_SUB]) : [];
        if (fromClasses && toClasses && topics)
          properties.push({ ...base, kind: 'no-flow', from: spec.from, to: spec.to, fromClasses, toClasses, ...(spec.topics && { topics }) });
        return;
      }
    }
  });
  return { properties, problems: resolver.problems };
}

function makeClass(type: IdentityType, iotPolicies: readonly CompiledPolicy[], members: ScenarioIdentity[]): IdentityClass {
  const names = members.map((m) => m.name);
  const policies =
    type === 'authenticated' ? `, IoT policies: ${iotPolicies.length === 0 ? 'none' : iotPolicies.map((p) => p.source.file.split('/').pop()).join(', ')}` : '';
  return { type, iotPolicies, members, label: `${type}${policies}${names.length > 0 ? ` (${names.join(', ')})` : ''}` };
}

/** Every identity of a type: one class per distinct set of IoT policies the scenario attaches. */
export function classesOfType(type: IdentityType, identities: readonly ScenarioIdentity[]): IdentityClass[] {
  const ofType = identities.filter((i) => i.identity.type === type);
  if (type === 'unauthenticated' || ofType.length === 0) return [makeClass(type, [], ofType)];
  return groupByIotPolicies(ofType).map((g) => makeClass(type, g[0].iotPolicies, g));
}
