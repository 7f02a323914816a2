import { getNodeValue, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Document, Node as YamlNode } from 'yaml';
import { loadYaml } from '../on-demand';
import { MAX_BUILT_CHARACTERS } from './limits';
import { tooDeepAt } from '../policy/json';
import { parsedAfterScalarEdit, rememberParse } from './yaml-edit';

/**
 * A template's data as one tree whatever the syntax (YAML or JSON), every node with its offsets in the
 * original file. YAML short-form tags become the long form (`!Sub x` is `{"Fn::Sub": x}`), as
 * CloudFormation reads them.
 */
export type TemplateNode = TemplateMap | TemplateSeq | TemplateScalar;
/** [start, end) character offsets in the original file. */
export type Span = readonly [number, number];

export interface TemplateMap {
  type: 'map';
  entries: Array<{ key: string; keySpan: Span; value: TemplateNode }>;
  span: Span;
}
export interface TemplateSeq {
  type: 'seq';
  items: TemplateNode[];
  span: Span;
}
export interface TemplateScalar {
  type: 'scalar';
  value: string | number | boolean | null;
  span: Span;
  /** Set when the file leaves the value to deploy time (a Serverless `${env:…}` variable): why it is unknown. */
  unknown?: string;
}

export interface TemplateSyntaxError {
  message: string;
  offset: number;
  length: number;
  /** Hostile input: past a budget (limits.ts), the template is refused rather than reported as broken. */
  limit?: boolean;
}

export interface ParsedTemplate {
  root?: TemplateNode;
  errors: TemplateSyntaxError[];
}

export function entry(node: TemplateNode | undefined, key: string): TemplateNode | undefined {
  return node?.type === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined;
}

export function scalarString(node: TemplateNode | undefined): string | undefined {
  return node?.type === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

/** Deeper than any template needs; keeps the recursive readers far from the stack limit. */
const MAX_DEPTH = 100;

export function parseJsonTemplate(text: string): ParsedTemplate {
  const deep = tooDeepAt(text);
  if (deep !== -1) return { errors: [{ message: 'nested too deeply to be a template', offset: deep, length: 1 }] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true });
  if (errors.length > 0 || !root)
    return { errors: errors.slice(0, 1).map((e) => ({ message: 'invalid JSON', offset: e.offset, length: Math.max(1, e.length) })) };
  return { root: fromJson(root), errors: [] };
}

function fromJson(node: JsonNode): TemplateNode {
  const span: Span = [node.offset, node.offset + node.length];
  if (node.type === 'object') {
    return {
      type: 'map',
      span,
      entries: (node.children ?? []).flatMap((property) => {
        const [key, value] = property.children ?? [];
        return key && value ? [{ key: String(key.value), keySpan: [key.offset, key.offset + key.length] as Span, value: fromJson(value) }] : [];
      }),
    };
  }
  if (node.type === 'array') return { type: 'seq', span, items: (node.children ?? []).map(fromJson) };
  return { type: 'scalar', span, value: getNodeValue(node) as TemplateScalar['value'] };
}

/** The functions CloudFormation's YAML has short-form tags for (`!Ref`, `!Condition`, `!Sub` for `Fn::Sub`…). */
const SHORT_FORMS = new Set([
  'Sub',
  'Join',
  'GetAtt',
  'Select',
  'Split',
  'If',
  'FindInMap',
  'ImportValue',
  'GetAZs',
  'Base64',
  'Cidr',
  'Transform',
  'Length',
  'Equals',
  'Not',
  'And',
  'Or',
  'ToJsonString',
]);

/**
 * The short forms registered with the YAML parser, as themselves: the tree keeps the tag and its range,
 * the parser raises no unresolved-tag warning for each use (building those dominated big templates).
 */
export const CLOUDFORMATION_TAGS = ['Ref', 'Condition', ...SHORT_FORMS].flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value },
]);

function longForm(tag: string): string | undefined {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return name;
  return SHORT_FORMS.has(name) ? `Fn::${name}` : undefined;
}

export function parseYamlTemplate(text: string): ParsedTemplate {
  // After an edit inside one value (an editor's keystroke), a recent parse of the file is reused.
  const edited = parsedAfterScalarEdit(text, (line) => parseWholeYamlTemplate(line).root);
  if (edited) return edited;
  const { parsed, aliases } = parseYaml(text);
  // A tree with aliases repeats the aliased values: an edit of one is not an edit of one scalar.
  rememberParse(text, parsed, !aliases);
  return parsed;
}

/** The whole text parsed, reusing nothing: what parseYamlTemplate gives for it whatever was parsed before. */
export function parseWholeYamlTemplate(text: string): ParsedTemplate {
  return parseYaml(text).parsed;
}

function parseYaml(text: string): { parsed: ParsedTemplate; aliases: boolean } {
  // The YAML parser loads with the first YAML file.
  const document = loadYaml().parseDocument(text, { prettyErrors: false, uniqueKeys: true, customTags: CLOUDFORMATION_TAGS });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    // The YAML parser recurses per level and reports running out of stack as its error: say what that means.
    const problem = /call stack/i.test(error.message) ? `nested too deeply to be a template (over ${MAX_DEPTH} levels)` : error.message.split('\n')[0];
    const errors = [{ message: `invalid YAML: ${problem}`, offset: error.pos[0], length: Math.max(1, error.pos[1] - error.pos[0]) }];
    return { parsed: { errors }, aliases: false };
  }
  const budget: TreeBudget = { nodes: MAX_NODES, characters: MAX_BUILT_CHARACTERS, aliases: aliasTargets(document) };
  try {
    return {
      parsed: { root: document.contents ? fromYaml(document.contents as YamlNode, 0, budget) : undefined, errors: [] },
      aliases: budget.aliases.size > 0,
    };
  } catch (error) {
    if (error instanceof TemplateTreeError)
      return {
        parsed: { errors: [{ message: error.message, offset: error.offset, length: 1, ...(error.limit && { limit: true }) }] },
        aliases: budget.aliases.size > 0,
      };
    throw error;
  }
}

class TemplateTreeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly limit = false,
  ) {
    super(message);
  }
}

/** What expanding aliases may still build, and each alias's anchored node. */
interface TreeBudget {
  nodes: number;
  characters: number;
  aliases: ReadonlyMap<YamlNode, YamlNode>;
}

/**
 * The node each alias names — the last node before it with that anchor, as YAML defines it — found in one
 * pass (the parser's own lookup walks the whole document for every alias).
 */
function aliasTargets(document: Document): Map<YamlNode, YamlNode> {
  const { isAlias, visit } = loadYaml();
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<YamlNode, YamlNode>();
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node as YamlNode);
    },
  });
  return targets;
}

/**
 * The entries a YAML merge key (`<<: *anchor` or `<<: [*a, *b]`, https://yaml.org/type/merge.html) brings in:
 * Serverless reads YAML with merge keys, and `aws cloudformation package` and `sam deploy` expand them before
 * CloudFormation sees the template.
 */
function mergedEntries(value: YamlNode, depth: number, budget: TreeBudget): TemplateMap['entries'] {
  const { isSeq } = loadYaml();
  const sources = isSeq(value) ? (value.items as YamlNode[]) : [value];
  return sources.flatMap((source) => {
    const converted = fromYaml(source, depth, budget);
    if (converted.type !== 'map') throw new TemplateTreeError('a merge key (<<) takes a mapping or a list of mappings', converted.span[0]);
    return converted.entries;
  });
}

/**
 * Far more nodes than any template has; aliases are expanded, so without a budget a few lines of
 * aliases of aliases ("billion laughs") would take unbounded time and memory.
 */
const MAX_NODES = 1_000_000;

function fromYaml(node: YamlNode, depth: number, budget: TreeBudget): TemplateNode {
  const { isAlias, isMap, isScalar, isSeq } = loadYaml();
  const range = node.range ?? [0, 0, 0];
  const span: Span = [range[0], range[1]];
  if (depth > MAX_DEPTH) throw new TemplateTreeError('nested too deeply to be a template', span[0]);
  if (--budget.nodes < 0)
    throw new TemplateTreeError(`more than ${MAX_NODES.toLocaleString('en-US')} values once aliases are expanded; not read`, span[0], true);
  // Aliases of a long value share its text here, but whatever is built from them (joined, emitted) would not.
  if (isScalar(node) && typeof node.value === 'string' && (budget.characters -= node.value.length) < 0)
    throw new TemplateTreeError(`more than ${MAX_BUILT_CHARACTERS.toLocaleString('en-US')} characters once aliases are expanded; not read`, span[0], true);
  if (isAlias(node)) {
    const target = budget.aliases.get(node);
    if (!target) throw new TemplateTreeError(`unknown alias *${node.source}`, span[0]);
    return fromYaml(target, depth + 1, budget);
  }
  let converted: TemplateNode;
  if (isMap(node)) {
    const entries: TemplateMap['entries'] = [];
    const merged: TemplateMap['entries'] = [];
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      const keyRange = key?.range ?? range;
      if (key && isScalar(key) && key.value === '<<' && key.type === 'PLAIN' && pair.value) {
        merged.push(...mergedEntries(pair.value as YamlNode, depth + 1, budget));
        continue;
      }
      entries.push({
        key: key && isScalar(key) ? String(key.value) : String(key),
        keySpan: [keyRange[0], keyRange[1]],
        value: pair.value
          ? fromYaml(pair.value as YamlNode, depth + 1, budget)
          : { type: 'scalar' as const, value: null, span: [keyRange[1], keyRange[1]] as Span },
      });
    }
    // A merge key's entries come after the map's own, which win; of several merged maps, the first to give a key wins.
    const seen = new Set(entries.map((e) => e.key));
    for (const item of merged) {
      if (seen.has(item.key)) continue;
      entries.push(item);
      seen.add(item.key);
    }
    converted = { type: 'map', span, entries };
  } else if (isSeq(node)) {
    converted = { type: 'seq', span, items: node.items.map((item) => fromYaml(item as YamlNode, depth + 1, budget)) };
  } else if (isScalar(node)) {
    const value = node.value;
    converted = {
      type: 'scalar',
      span,
      value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : String(value),
    };
  } else {
    throw new TemplateTreeError('unsupported YAML node', span[0]);
  }
  const tag = node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!') ? longForm(node.tag) : undefined;
  if (node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!') && !tag) throw new TemplateTreeError(`unknown tag ${node.tag}`, span[0]);
  if (!tag) return converted;
  // `!GetAtt Role.Arn` is `{"Fn::GetAtt": ["Role", "Arn"]}`.
  if (tag === 'Fn::GetAtt' && converted.type === 'scalar' && typeof converted.value === 'string') {
    const dot = converted.value.indexOf('.');
    const parts = dot === -1 ? [converted.value] : [converted.value.slice(0, dot), converted.value.slice(dot + 1)];
    converted = { type: 'seq', span, items: parts.map((value) => ({ type: 'scalar' as const, value, span })) };
  }
  return { type: 'map', span, entries: [{ key: tag, keySpan: span, value: converted }] };
}
