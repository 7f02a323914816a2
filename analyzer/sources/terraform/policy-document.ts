import { writtenOffsets } from '../document';
import { writtenEnd } from '../cloudformation/scalar-offsets';
import { entry, parseJsonTemplate, scalarString, type Span, type TemplateNode } from '../tree';
import { attribute, nestedBlocks, type BlockInstance } from './blocks';
import type { Evaluator, Scope } from './evaluate';
import type { Block } from './hcl-ast';
import { isReference, isUnknown, map, scalar, seq, textOf, unknown, type Entry, type Node } from './values';

/** A `data "aws_iam_policy_document"` rendered, with what the files left undecided in it. */
export interface RenderedDocument {
  document: Node;
  /** The dynamic `statement` blocks whose for_each the files do not decide: why, each once. */
  undecided: string[];
  /** Deny statements of those blocks, left out: a Deny that may not exist never removes access. */
  droppedDenies: number;
}

/**
 * The JSON document the provider renders (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document),
 * merged as its code does: the statements of `source_policy_documents` in order, then the `statement`
 * blocks (dynamic ones expanded), then `override_policy_documents` in order; a statement with a Sid
 * replaces the earlier one with that Sid in place, others are appended; the highest Version wins.
 */
export function renderPolicyDocument(block: Block, evaluator: Evaluator, scope: Scope = evaluator.root): RenderedDocument {
  const undecided: string[] = [];
  let droppedDenies = 0;
  const written: Node[] = [];
  for (const instance of nestedBlocks(block.body, 'statement', scope, evaluator)) {
    const statement = renderStatement(instance, evaluator);
    if (instance.undecided) {
      if (!undecided.includes(instance.undecided)) undecided.push(instance.undecided);
      // The block may not exist: its Allow counts (a possible grant), its Deny is not applied.
      if (effectOf(statement) === 'Deny') {
        droppedDenies++;
        continue;
      }
    }
    written.push(statement);
  }
  const version = attribute(block, 'version');
  const policyId = attribute(block, 'policy_id');
  const own: DocumentParts = {
    statements: written,
    version: version ? evaluator.evaluate(version.value, scope) : scalar('2012-10-17', block.span),
    ...(policyId && { id: evaluator.evaluate(policyId.value, scope) }),
  };
  const documents = (name: string) => {
    const found = attribute(block, name);
    if (!found) return [];
    const value = evaluator.evaluate(found.value, scope);
    return value.type === 'seq' ? value.items.map((item) => partsOf(item, evaluator.root.text)) : [partsOf(value, evaluator.root.text)];
  };
  const sources = documents('source_policy_documents');
  const overrides = documents('override_policy_documents');
  const unknownOverride = overrides.find((o): o is UnknownParts => 'unknown' in o);
  if (unknownOverride)
    return {
      document: unknown(`override_policy_documents: ${unknownOverride.unknown} (it may replace any statement)`, unknownOverride.span),
      undecided,
      droppedDenies,
    };
  const layers = [...sources, own, ...(overrides as DocumentParts[])];
  const merged = mergeStatements(layers, layers.length > 1);
  if (isUnknown(merged as Node)) return { document: merged as Node, undecided, droppedDenies };
  const known = layers.filter((l): l is DocumentParts => !('unknown' in l));
  const versions = known.flatMap((l) => (l.version ? [l.version] : []));
  const ids = known.flatMap((l) => (l.id && textOf(l.id) !== '' ? [l.id] : []));
  const entries: Entry[] = [
    ['Version', versions.find(isUnknown) ?? versions.reduce((a, b) => ((textOf(b) ?? '') > (textOf(a) ?? '') ? b : a))],
    ...(ids.length > 0 ? [['Id', ids[ids.length - 1]] as Entry] : []),
    ['Statement', seq(merged as Node[], block.span)],
  ];
  return { document: map(entries, block.span), undecided, droppedDenies };
}

interface DocumentParts {
  statements: Node[];
  version?: Node;
  id?: Node;
}
interface UnknownParts {
  unknown: string;
  span: Span;
}

/** The statements, Version and Id of a document given as a value: a rendered document, an object, or a JSON string. */
function partsOf(value: Node, text: string): DocumentParts | UnknownParts {
  if (isUnknown(value)) return { unknown: value.unknown, span: value.span };
  const document = value.type === 'scalar' && typeof value.value === 'string' ? fromJsonString(value.value, value.span, text) : value;
  if (!document || document.type !== 'map' || isReference(document)) return { unknown: 'a policy document that is not JSON', span: value.span };
  const statements = entry(document, 'Statement');
  if (statements && isUnknown(statements)) return { unknown: statements.unknown, span: statements.span };
  const version = entry(document, 'Version');
  const id = entry(document, 'Id');
  return {
    statements: statements?.type === 'seq' ? statements.items : statements ? [statements] : [],
    ...(version && { version }),
    ...(id && { id }),
  };
}

/** A document given as a JSON string, its parts placed on the characters of the string where they are written as is. */
function fromJsonString(json: string, span: Span, text: string): TemplateNode | undefined {
  const parsed = parseJsonTemplate(json);
  if (!parsed.root) return undefined;
  const positions = writtenOffsets(json, text, span);
  const place = (inner: Span): Span => (positions && inner[1] > inner[0] ? [positions[inner[0]], writtenEnd(text, positions[inner[1] - 1])] : span);
  const placed = (node: TemplateNode): TemplateNode => {
    if (node.type === 'scalar') return { ...node, span: place(node.span) };
    if (node.type === 'seq') return { type: 'seq', span: place(node.span), items: node.items.map(placed) };
    return { type: 'map', span: place(node.span), entries: node.entries.map((e) => ({ key: e.key, keySpan: place(e.keySpan), value: placed(e.value) })) };
  };
  return placed(parsed.root);
}

/**
 * The statements of the layers merged by Sid; an unknown source document is a statement the files do
 * not give. When Sids decide the merge, an unknown Sid makes the whole document unknown.
 */
function mergeStatements(layers: ReadonlyArray<DocumentParts | UnknownParts>, bySid: boolean): Node[] | Node {
  const merged: Node[] = [];
  for (const layer of layers) {
    if ('unknown' in layer) {
      merged.push(unknown(`source_policy_documents: ${layer.unknown}`, layer.span));
      continue;
    }
    for (const statement of layer.statements) {
      const sid = entry(statement, 'Sid');
      if (bySid && sid && isUnknown(sid)) return unknown(`a Sid the files do not give (${sid.unknown}), which decides how the documents merge`, sid.span);
      const name = sid && scalarString(sid);
      const replaced = name ? merged.findIndex((s) => scalarString(entry(s, 'Sid')) === name) : -1;
      if (bySid && replaced !== -1) merged[replaced] = statement;
      else merged.push(statement);
    }
  }
  return merged;
}

function effectOf(statement: Node): string | undefined {
  const effect = entry(statement, 'Effect');
  return effect && scalarString(effect);
}

/** A `statement` block as the JSON statement the provider renders. */
function renderStatement({ block: statement, scope }: BlockInstance, evaluator: Evaluator): Node {
  const entries: Entry[] = [];
  const valueIn = (instance: BlockInstance, name: string, ampersand = false) => {
    const found = attribute(instance.block, name);
    return found ? evaluator.evaluate(found.value, instance.scope, ampersand) : unknown(`no ${name}`, instance.block.span);
  };
  const field = (hclName: string, jsonName: string, ampersand: boolean) => {
    const found = attribute(statement, hclName);
    if (found) entries.push([jsonName, evaluator.evaluate(found.value, scope, ampersand), found.nameSpan]);
  };
  field('sid', 'Sid', false);
  const effect = attribute(statement, 'effect');
  entries.push(['Effect', effect ? evaluator.evaluate(effect.value, scope) : scalar('Allow', statement.span), effect?.nameSpan ?? statement.span]);
  field('actions', 'Action', false);
  field('not_actions', 'NotAction', false);
  field('resources', 'Resource', true);
  field('not_resources', 'NotResource', true);
  // Principals by type, conditions by operator and key: a key the files do not give (or a block they may not make) leaves the element unknown.
  // Operators and keys point at the `test` and `variable` values that give them (the first block of each test), for hovers.
  const keyed = (blockType: string, jsonName: string, outer: string, inner: string | undefined, values: string) => {
    const instances = nestedBlocks(statement.body, blockType, scope, evaluator);
    if (instances.length === 0) return;
    const grouped = new Map<string, { span: Span; items: Entry[] }>();
    const spanOf = (instance: BlockInstance, name: string) => attribute(instance.block, name)?.value.span ?? instance.block.span;
    for (const instance of instances) {
      const keys = [outer, ...(inner ? [inner] : [])].map((name) => valueIn(instance, name));
      const texts = keys.map(textOf);
      const why = instance.undecided ?? keys.find(isUnknown)?.unknown ?? (texts.includes(undefined) ? `a ${blockType} block without ${outer}` : undefined);
      if (why !== undefined) {
        entries.push([jsonName, unknown(why, instance.block.span)]);
        return;
      }
      const value = valueIn(instance, values, true);
      const [group, key] = texts as string[];
      const found = grouped.get(group) ?? { span: spanOf(instance, outer), items: [] };
      found.items.push(inner ? [key, value, spanOf(instance, inner)] : [group, value, instance.block.span]);
      grouped.set(group, found);
    }
    const span = instances[0].block.span;
    entries.push([
      jsonName,
      inner
        ? map(
            [...grouped].map(([group, found]): Entry => [group, map(found.items, span), found.span]),
            span,
          )
        : map(
            [...grouped.values()].flatMap((found) => found.items),
            span,
          ),
    ]);
  };
  keyed('principals', 'Principal', 'type', undefined, 'identifiers');
  keyed('not_principals', 'NotPrincipal', 'type', undefined, 'identifiers');
  keyed('condition', 'Condition', 'test', 'variable', 'values');
  return map(entries, statement.span);
}
