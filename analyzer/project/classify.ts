import { parseTree, type Node } from 'jsonc-parser';

export type JsonFileRole = 'policy' | 'scenario' | 'config' | 'other';

function topLevelKeys(root: Node | undefined): Set<string> {
  if (root?.type !== 'object') return new Set();
  return new Set((root.children ?? []).map((p) => String(p.children?.[0]?.value)));
}

/**
 * What a JSON file found while walking a folder is. Unparseable files count as policies when they mention
 * "Statement", so a broken policy is reported rather than skipped.
 */
export function classifyJson(text: string, fileName: string): JsonFileRole {
  if (fileName.endsWith('iot-policy-lens.config.json')) return 'config';
  const errors: unknown[] = [];
  const root = parseTree(text, errors as never[], { disallowComments: true });
  const keys = topLevelKeys(root);
  if (keys.has('steps') && keys.has('identities')) return 'scenario';
  if (keys.has('Statement')) return 'policy';
  if (errors.length > 0 && /"Statement"/.test(text)) return 'policy';
  if (errors.length > 0 && /"steps"/.test(text) && /"identities"/.test(text)) return 'scenario';
  return 'other';
}
