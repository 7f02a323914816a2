import type { Span, TemplateNode, TemplateScalar } from '../tree';

/**
 * Terraform values as the template reader's tree (so kinds, unknowns and positions follow the
 * CloudFormation rules): a value the files do not give is a scalar with `unknown` set to why; a
 * reference to a role, policy or pool is a CloudFormation `Ref` / `Fn::GetAtt`.
 */
export type Node = TemplateNode;
export type Entry = [key: string, value: Node, keySpan?: Span];

export const scalar = (value: string | number | boolean | null, span: Span): Node => ({ type: 'scalar', value, span });
export const unknown = (reason: string, span: Span): Node => ({ type: 'scalar', value: null, span, unknown: reason });
export const seq = (items: Node[], span: Span): Node => ({ type: 'seq', items, span });
export const map = (entries: readonly Entry[], span: Span): Node => ({
  type: 'map',
  span,
  entries: entries.map(([key, value, keySpan]) => ({ key, keySpan: keySpan ?? value.span, value })),
});

export function isUnknown(node: Node): node is TemplateScalar & { unknown: string } {
  return node.type === 'scalar' && node.unknown !== undefined;
}

/** A CloudFormation function map (`Ref`, `Fn::GetAtt`) standing for a resource: not an object value of the configuration. */
export function isReference(node: Node): boolean {
  return node.type === 'map' && node.entries.length === 1 && (node.entries[0].key === 'Ref' || node.entries[0].key === 'Fn::GetAtt');
}

/** The first unknown inside a value (depth-first), so a composite value can say why it is not known. */
export function firstUnknown(node: Node, depth = 0): (TemplateScalar & { unknown: string }) | undefined {
  if (isUnknown(node)) return node;
  if (depth > 100) return undefined;
  const children = node.type === 'seq' ? node.items : node.type === 'map' ? node.entries.map((e) => e.value) : [];
  for (const child of children) {
    const found = firstUnknown(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A boolean the value decides (Terraform converts "true"/"false"); undefined otherwise. */
export function truth(node: Node): boolean | undefined {
  if (node.type !== 'scalar' || node.unknown !== undefined) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  return node.value === 'true' ? true : node.value === 'false' ? false : undefined;
}

/** A number the value decides (Terraform converts numeric strings); undefined otherwise. */
export function numberOf(node: Node): number | undefined {
  if (node.type !== 'scalar' || node.unknown !== undefined) return undefined;
  if (typeof node.value === 'number') return node.value;
  return typeof node.value === 'string' && /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(node.value) ? Number(node.value) : undefined;
}

/** A string (numbers and booleans as Terraform converts them); undefined for anything else. */
export function textOf(node: Node): string | undefined {
  return node.type === 'scalar' && node.unknown === undefined && node.value !== null ? String(node.value) : undefined;
}

/** The value as plain data when it is fully known (no unknown, no resource reference); undefined otherwise. */
export function plain(node: Node, depth = 0): unknown {
  if (depth > 100 || isUnknown(node) || isReference(node)) return undefined;
  if (node.type === 'scalar') return node.value;
  const inner = node.type === 'seq' ? node.items.map((item) => plain(item, depth + 1)) : node.entries.map((e) => [e.key, plain(e.value, depth + 1)]);
  const complete = node.type === 'seq' ? inner.every((v) => v !== undefined) : (inner as Array<[string, unknown]>).every(([, v]) => v !== undefined);
  return complete ? { [node.type]: inner } : undefined;
}

/** Whether two values are equal, when both are fully known; undefined otherwise. */
export function same(a: Node, b: Node): boolean | undefined {
  const [x, y] = [plain(a), plain(b)];
  if (x === undefined || y === undefined) return undefined;
  return JSON.stringify(x) === JSON.stringify(y);
}

/** The elements of a list or the entries of an object, each with its key; undefined for other values. */
export function elementsOf(node: Node): Array<[key: Node, value: Node]> | undefined {
  if (node.type === 'seq') return node.items.map((item, i) => [scalar(SETS.has(node) ? (textOf(item) ?? i) : i, item.span), item]);
  if (node.type === 'map' && !isReference(node)) return node.entries.map((e) => [scalar(e.key, e.keySpan), e.value]);
  return undefined;
}

/** Lists made by toset(): their keys (for_each, for) are their values, as Terraform's sets have. */
export const SETS = new WeakSet<Node>();

/** A value moved to `span` (whatever a function built from another file is placed on the call). */
export function placedOn(node: Node, span: Span, depth = 0): Node {
  if (node.type === 'scalar' || depth > 100) return { ...node, span };
  if (node.type === 'seq')
    return seq(
      node.items.map((item) => placedOn(item, span, depth + 1)),
      span,
    );
  return map(
    node.entries.map((e): Entry => [e.key, placedOn(e.value, span, depth + 1), span]),
    span,
  );
}
