import { findNodeAtOffset, getNodePath, parseTree, type Node } from 'jsonc-parser';

/** Where the cursor is in a policy, in policy terms. */
export type PolicyPlace =
  | { kind: 'action'; value: string; node: Node }
  | { kind: 'resource'; value: string; node: Node }
  | { kind: 'condition-operator'; value: string; node: Node }
  | { kind: 'condition-key'; operator: string; value: string; node: Node }
  | { kind: 'condition-value'; operator: string; key: string; value: string; node: Node }
  | { kind: 'effect'; value: string; node: Node }
  | { kind: 'other' };

/** The lenient tree editors read while the user types (comments and syntax errors tolerated). */
export function parseLenient(text: string): Node | undefined {
  return parseTree(text, [], { disallowComments: false });
}

/** `placeIn` on a text parsed for this one call; editors keep the tree (see PolicyDocument). */
export function placeAt(text: string, offset: number): PolicyPlace {
  return placeIn(parseLenient(text), offset);
}

/**
 * Reads the JSON path at an offset of a parsed tree: `Statement[i].Action[j]` → action, `Condition.<op>`
 * key → operator, and so on. Statement may be an object or an array, and Action/Resource a string or an array.
 */
export function placeIn(root: Node | undefined, offset: number): PolicyPlace {
  const node = root && findNodeAtOffset(root, offset, true);
  if (!node) return { kind: 'other' };
  const isAtPropertyKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  const path = getNodePath(node).filter((segment) => typeof segment === 'string') as string[];
  const statementAt = path.indexOf('Statement');
  if (statementAt === -1) return { kind: 'other' };
  const within = path.slice(statementAt + 1);
  const value = typeof node.value === 'string' ? node.value : '';
  const element = within[0];
  if (!isAtPropertyKey && node.type === 'string') {
    if (element === 'Action' || element === 'NotAction') return { kind: 'action', value, node };
    if (element === 'Resource' || element === 'NotResource') return { kind: 'resource', value, node };
    if (element === 'Effect') return { kind: 'effect', value, node };
    if (element === 'Condition' && within.length >= 3) return { kind: 'condition-value', operator: within[1], key: within[2], value, node };
  }
  if (isAtPropertyKey && element === 'Condition') {
    if (within.length === 2) return { kind: 'condition-operator', value: within[1], node };
    if (within.length === 3) return { kind: 'condition-key', operator: within[1], value: within[2], node };
  }
  return { kind: 'other' };
}

/** The `${…}` variable around an offset inside a string value, with its position in the value. */
export function variableAround(value: string, offsetInValue: number): { name: string; start: number; end: number } | undefined {
  const pattern = /\$\{([^}]*)\}/g;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    if (offsetInValue >= match.index && offsetInValue <= match.index + match[0].length)
      return { name: match[1].split(',')[0].trim(), start: match.index, end: match.index + match[0].length };
  }
  return undefined;
}
