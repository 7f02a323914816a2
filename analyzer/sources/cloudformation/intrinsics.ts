import type { ArnScope } from '../../scenario/arn';
import type { CharacterBudget } from '../limits';
import { entry, scalarString, type Span, type TemplateNode } from '../tree';
import type { Resolved, ResolvedString } from '../value';
import { scalarOffsets } from './scalar-offsets';
import { parseSub } from './sub';

/** What a template offers its functions: parameters, mappings, conditions and resources. */
export interface TemplateContext {
  scope: ArnScope;
  parameters: Map<string, TemplateNode>;
  /** Values given outside the template (the config), by parameter name; they win over defaults. */
  overrides: Readonly<Record<string, string>>;
  mappings?: TemplateNode;
  conditions: Map<string, TemplateNode>;
  resources: Map<string, { type: string; node: TemplateNode }>;
  /** The pseudo parameters the values used (filled while resolving), so the report can say what they were taken as. */
  usedPseudo: Set<string>;
  /** What the template's functions may still build (hostile input is refused, limits.ts); unbounded without. */
  budget?: CharacterBudget;
  /** Conditions an `Fn::If` needed and the files do not decide (filled while resolving). */
  undecided?: Set<string>;
  /**
   * Set while deciding a condition: a pseudo parameter the config does not give is then unknown, since the
   * scenarios' default scope is an assumption, not where the stack is deployed.
   */
  deciding?: boolean;
  /** Values taken for undecided conditions, to resolve one branch of each (policy-branches.ts). */
  assumed?: ReadonlyMap<string, boolean>;
  /** The file's text: where the characters of an `Fn::Sub` string are written, so a document inside one points there. */
  text?: string;
}

/** A value that is not there at all (`AWS::NoValue`, an `Fn::If` branch choosing it). */
const ABSENT = Symbol('absent');
type Resolution = Resolved | typeof ABSENT;

const PSEUDO_STRINGS = (scope: ArnScope): Record<string, string> => ({
  'AWS::Region': scope.region,
  'AWS::AccountId': scope.account,
  'AWS::Partition': scope.partition,
  'AWS::URLSuffix': scope.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
});

const FUNCTIONS = new Set([
  'Ref',
  'Condition',
  'Fn::Sub',
  'Fn::Join',
  'Fn::GetAtt',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::FindInMap',
  'Fn::ToJsonString',
  'Fn::ImportValue',
  'Fn::GetAZs',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Transform',
  'Fn::Length',
  'Fn::Equals',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
]);

/** `{"Fn::X": …}`: the function and its argument, or undefined for ordinary maps. */
export function intrinsicOf(node: TemplateNode): { name: string; argument: TemplateNode } | undefined {
  if (node.type !== 'map' || node.entries.length !== 1 || !FUNCTIONS.has(node.entries[0].key)) return undefined;
  return { name: node.entries[0].key, argument: node.entries[0].value };
}

/**
 * Applies the template's functions to a value, as CloudFormation would at deploy time with the
 * parameters' defaults. What cannot be known from the files becomes an `unknown` value naming why.
 */
export function resolveValue(node: TemplateNode, context: TemplateContext): Resolved {
  const resolved = resolve(node, context, 0);
  return resolved === ABSENT ? { type: 'unknown', reason: 'AWS::NoValue', span: node.span } : resolved;
}

const MAX_DEPTH = 100;

function resolve(node: TemplateNode, context: TemplateContext, depth: number): Resolution {
  if (depth > MAX_DEPTH) return unknown('nesting too deep', node.span);
  const intrinsic = intrinsicOf(node);
  if (intrinsic) return applyFunction(intrinsic.name, intrinsic.argument, node.span, context, depth + 1);
  switch (node.type) {
    case 'scalar':
      if (node.unknown) return unknown(node.unknown, node.span);
      if (typeof node.value === 'string' && DYNAMIC_REFERENCE.test(node.value)) return dynamicReference(node.value, node.span);
      return typeof node.value === 'string'
        ? { type: 'string', value: node.value, span: node.span, verbatim: true }
        : { type: 'literal', value: node.value, span: node.span };
    case 'seq':
      return {
        type: 'array',
        span: node.span,
        items: node.items.map((item) => resolve(item, context, depth + 1)).filter((item): item is Resolved => item !== ABSENT),
      };
    case 'map':
      return {
        type: 'object',
        span: node.span,
        entries: node.entries.flatMap((e) => {
          const value = resolve(e.value, context, depth + 1);
          return value === ABSENT ? [] : [{ key: e.key, keySpan: e.keySpan, value }];
        }),
      };
  }
}

const unknown = (reason: string, span: Span): Resolved => ({ type: 'unknown', reason, span });
const computed = (value: string, span: Span): ResolvedString => ({ type: 'string', value, span, verbatim: false });

function applyFunction(name: string, argument: TemplateNode, span: Span, context: TemplateContext, depth: number): Resolution {
  const items = argument.type === 'seq' ? argument.items : undefined;
  switch (name) {
    case 'Ref': {
      const target = scalarString(argument);
      return target === undefined ? unknown('Ref of a non-name', span) : reference(target, span, context, depth);
    }
    case 'Fn::GetAtt': {
      const [resource, attribute] = items ? items.map(scalarString) : (scalarString(argument) ?? '').split(/\.(.*)/s);
      return resource && attribute ? attributeOf(resource, attribute, span, context, depth) : unknown('Fn::GetAtt without a resource and attribute', span);
    }
    case 'Fn::Sub':
      return substitute(argument, span, context, depth);
    case 'Fn::Join': {
      const delimiter = items?.[0] ? scalarString(items[0]) : undefined;
      const list = items?.[1] ? resolve(items[1], context, depth) : undefined;
      if (delimiter === undefined || !list || list === ABSENT || list.type !== 'array')
        return list && list !== ABSENT && list.type === 'unknown' ? unknown(list.reason, span) : unknown('Fn::Join of something not a list', span);
      return concatenate(list.items, delimiter, span, context);
    }
    case 'Fn::Select': {
      const index = items?.[0] ? resolve(items[0], context, depth) : undefined;
      const list = items?.[1] ? resolve(items[1], context, depth) : undefined;
      const position = index && index !== ABSENT && (index.type === 'string' || index.type === 'literal') ? Number(index.value) : NaN;
      if (list && list !== ABSENT && list.type === 'array' && Number.isInteger(position) && list.items[position]) return list.items[position];
      return unknown(list && list !== ABSENT && list.type === 'unknown' ? list.reason : 'Fn::Select out of a list the template does not give', span);
    }
    case 'Fn::Split': {
      const delimiter = items?.[0] ? scalarString(items[0]) : undefined;
      const source = items?.[1] ? resolve(items[1], context, depth) : undefined;
      if (delimiter === undefined || delimiter === '' || !source || source === ABSENT || source.type !== 'string')
        return unknown(source && source !== ABSENT && source.type === 'unknown' ? source.reason : 'Fn::Split of a value the template does not give', span);
      return { type: 'array', span, items: source.value.split(delimiter).map((part) => computed(part, span)) };
    }
    case 'Fn::FindInMap': {
      const keys = (items ?? []).map((item) => resolve(item, context, depth));
      const strings = keys.map((key) => (key !== ABSENT && key.type === 'string' ? key.value : undefined));
      if (strings.length !== 3 || strings.some((s) => s === undefined)) return unknown('Fn::FindInMap with keys the template does not give', span);
      const found = entry(entry(entry(context.mappings, strings[0]!), strings[1]!), strings[2]!);
      return found ? resolve(found, context, depth) : unknown(`Fn::FindInMap ${strings.join('.')}: not in Mappings`, span);
    }
    case 'Fn::If': {
      const condition = items?.[0] ? scalarString(items[0]) : undefined;
      if (!condition || !items || items.length !== 3) return unknown('Fn::If without a condition and two values', span);
      const decided = decideCondition(condition, context, depth);
      if (decided === undefined) return unknown(`Fn::If ${condition} (a condition the template does not decide)`, span);
      return resolve(items[decided ? 1 : 2], context, depth);
    }
    case 'Fn::ToJsonString':
      return resolve(argument, context, depth);
    case 'Fn::ImportValue': {
      const name = resolve(argument, context, depth);
      const what = name !== ABSENT && name.type === 'string' ? ` ${name.value}` : '';
      return unknown(`Fn::ImportValue${what} (an output another stack exports, which this tool does not read)`, span);
    }
    default:
      return unknown(name, span);
  }
}

/**
 * A dynamic reference (`{{resolve:ssm:…}}`, `{{resolve:secretsmanager:…}}`): CloudFormation reads its value
 * from another service at deploy time
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html).
 */
const DYNAMIC_REFERENCE = /\{\{resolve:[^}]*\}\}/;

function dynamicReference(text: string, span: Span): Resolved {
  return unknown(`the dynamic reference ${DYNAMIC_REFERENCE.exec(text)![0]} (read by CloudFormation at deploy time)`, span);
}

function reference(target: string, span: Span, context: TemplateContext, depth: number): Resolution {
  if (target === 'AWS::NoValue') return ABSENT;
  const parameter = context.parameters.get(target);
  const isList = parameter !== undefined && /^(CommaDelimitedList|List<)/.test(scalarString(entry(parameter, 'Type')) ?? '');
  const listOrString = (value: string): Resolved =>
    isList ? { type: 'array', span, items: value.split(',').map((part) => computed(part.trim(), span)) } : computed(value, span);
  // The config's values first: they may also say which account and region the pseudo parameters are.
  if (Object.hasOwn(context.overrides, target)) return listOrString(context.overrides[target]);
  const pseudos = PSEUDO_STRINGS(context.scope);
  if (Object.hasOwn(pseudos, target)) {
    const pseudo = pseudos[target];
    if (context.deciding) return unknown(`Ref ${target} (where the stack is deployed: give it in the config's "parameters" to decide conditions on it)`, span);
    context.usedPseudo.add(target);
    return computed(pseudo, span);
  }
  // An SSM parameter type's Default is the name of the SSM parameter, whose value CloudFormation reads at deploy time.
  if (parameter && /^AWS::SSM::Parameter::Value</.test(scalarString(entry(parameter, 'Type')) ?? ''))
    return unknown(`Ref ${target} (the value of SSM parameter ${scalarString(entry(parameter, 'Default')) ?? '(no Default)'}, read at deploy time)`, span);
  if (parameter) {
    const fallback = entry(parameter, 'Default');
    if (!fallback) return unknown(`Ref ${target} (a parameter without a Default)`, span);
    const value = resolve(fallback, context, depth);
    return value !== ABSENT && value.type === 'string' ? listOrString(value.value) : value;
  }
  const resource = context.resources.get(target);
  if (!resource) return unknown(`Ref ${target} (not defined in this template)`, span);
  // Roles and IoT policies are referred to by their names, when the template gives them.
  const nameProperty = resource.type === 'AWS::IAM::Role' ? 'RoleName' : resource.type === 'AWS::IoT::Policy' ? 'PolicyName' : undefined;
  const name = nameProperty ? entry(entry(resource.node, 'Properties'), nameProperty) : undefined;
  if (name) {
    const value = resolve(name, context, depth);
    if (value !== ABSENT && value.type === 'string') return computed(value.value, span);
  }
  return unknown(`Ref ${target} (a value AWS generates at deploy time)`, span);
}

function attributeOf(resource: string, attribute: string, span: Span, context: TemplateContext, depth: number): Resolution {
  const found = context.resources.get(resource);
  const arn = found?.type === 'AWS::IAM::Role' && attribute === 'Arn' ? roleArn(resource, span, context, depth) : undefined;
  const why = !found ? 'not defined in this template' : found.type ? 'a value AWS generates at deploy time' : 'of a resource this tool could not read';
  return arn ?? unknown(`Fn::GetAtt ${resource}.${attribute} (${why})`, span);
}

/** A role's ARN, `arn:<partition>:iam::<account>:role<Path><RoleName>`, when the template names the role (docs/iac-sources.md). */
function roleArn(role: string, span: Span, context: TemplateContext, depth: number): Resolved | undefined {
  const text = (value: Resolution) => (value !== ABSENT && value.type === 'string' ? value.value : undefined);
  const pathNode = entry(entry(context.resources.get(role)?.node, 'Properties'), 'Path');
  const [name, path, partition, account] = [
    text(reference(role, span, context, depth)),
    pathNode ? text(resolve(pathNode, context, depth)) : '/',
    text(reference('AWS::Partition', span, context, depth)),
    text(reference('AWS::AccountId', span, context, depth)),
  ];
  if (name === undefined || path === undefined) return undefined;
  return computed(`arn:${partition}:iam::${account}:role${path}${name}`, span);
}

/** The ARN of a role of the template, or undefined when the template does not give it (no RoleName). */
export function roleArnOf(role: string, context: TemplateContext): string | undefined {
  const span = context.resources.get(role)?.node.span ?? ([0, 0] as Span);
  const arn = roleArn(role, span, context, 0);
  return arn?.type === 'string' ? arn.value : undefined;
}

function concatenate(parts: readonly Resolved[], delimiter: string, span: Span, context: TemplateContext): Resolved {
  const texts: string[] = [];
  for (const part of parts) {
    if (part.type === 'unknown') return unknown(part.reason, span);
    if (part.type !== 'string' && part.type !== 'literal') return unknown('a list or object joined into a string', span);
    texts.push(String(part.value));
    context.budget?.charge(texts[texts.length - 1].length + delimiter.length, span);
  }
  return computed(texts.join(delimiter), span);
}

/** An IAM or IoT policy variable (`iot:ClientId`, `cognito-identity.amazonaws.com:sub`): one colon, unlike `AWS::Region`. */
const POLICY_VARIABLE = /^[^:]+:[^:]/;

function substitute(argument: TemplateNode, span: Span, context: TemplateContext, depth: number): Resolution {
  const template = argument.type === 'seq' ? argument.items[0] : argument;
  const text = scalarString(template);
  if (text === undefined) return unknown('Fn::Sub of something not a string', span);
  if (DYNAMIC_REFERENCE.test(text)) return dynamicReference(text, span);
  const variables = argument.type === 'seq' ? argument.items[1] : undefined;
  const written = template && context.text !== undefined ? scalarOffsets(text, context.text, template.span) : undefined;
  const parts: Resolved[] = [];
  // Where each character of the result is written in the file (-1 for what a ${Name} put in), when the string is written as is.
  let offsets: number[] | undefined = written && [];
  for (const piece of parseSub(text)) {
    if (piece.literal !== undefined) {
      parts.push(computed(piece.literal, span));
      offsets?.push(...piece.at.map((index) => written![index]));
      continue;
    }
    const variable = entry(variables, piece.name);
    const [resource, attribute] = piece.name.split(/\.(.*)/s);
    const value = variable
      ? resolve(variable, context, depth)
      : POLICY_VARIABLE.test(piece.name)
        ? unknown(
            `\${${piece.name}} inside Fn::Sub, which CloudFormation takes for a reference and rejects (write \${!${piece.name}} for the policy variable)`,
            span,
          )
        : attribute
          ? attributeOf(resource, attribute, span, context, depth)
          : reference(piece.name, span, context, depth);
    parts.push(value === ABSENT ? computed('', span) : value);
    const last = parts[parts.length - 1];
    if (last.type === 'string' || last.type === 'literal') offsets?.push(...new Array<number>(String(last.value).length).fill(-1));
    else offsets = undefined;
  }
  const result = concatenate(parts, '', span, context);
  return result.type === 'string' && offsets?.length === result.value.length ? { ...result, offsets } : result;
}

/**
 * A condition a value depends on (an `Fn::If`, a resource's `Condition`): its value, or undefined —
 * then recorded as undecided, so that policy-branches.ts analyses the value under each outcome.
 */
export function decideCondition(name: string, context: TemplateContext, depth = 0): boolean | undefined {
  const decided = evaluateCondition(name, context, depth);
  if (decided === undefined) context.undecided?.add(name);
  return decided;
}

/** A named condition's value, when the template decides it (parameters with defaults); undefined otherwise. */
export function evaluateCondition(name: string, context: TemplateContext, depth = 0, seen = new Set<string>()): boolean | undefined {
  const assumed = context.assumed?.get(name);
  if (assumed !== undefined) return assumed;
  const node = context.conditions.get(name);
  if (!node || seen.has(name) || depth > MAX_DEPTH) return undefined;
  seen.add(name);
  return evaluateConditionNode(node, context, depth + 1, seen);
}

function evaluateConditionNode(node: TemplateNode, context: TemplateContext, depth: number, seen: Set<string>): boolean | undefined {
  const intrinsic = intrinsicOf(node);
  if (!intrinsic || depth > MAX_DEPTH) return undefined;
  const operands = intrinsic.argument.type === 'seq' ? intrinsic.argument.items : [];
  const decide = (operand: TemplateNode) => evaluateConditionNode(operand, context, depth + 1, seen);
  switch (intrinsic.name) {
    case 'Condition':
      return evaluateCondition(scalarString(intrinsic.argument) ?? '', context, depth, seen);
    case 'Fn::Equals': {
      const [a, b] = operands.map((operand) => resolve(operand, { ...context, deciding: true }, depth));
      if (!a || !b || a === ABSENT || b === ABSENT || (a.type !== 'string' && a.type !== 'literal') || (b.type !== 'string' && b.type !== 'literal'))
        return undefined;
      return String(a.value) === String(b.value);
    }
    case 'Fn::Not': {
      const value = operands[0] ? decide(operands[0]) : undefined;
      return value === undefined ? undefined : !value;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const values = operands.map(decide);
      if (intrinsic.name === 'Fn::And' && values.includes(false)) return false;
      if (intrinsic.name === 'Fn::Or' && values.includes(true)) return true;
      return values.includes(undefined) ? undefined : intrinsic.name === 'Fn::And';
    }
    default:
      return undefined;
  }
}
