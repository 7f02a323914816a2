import type { Node } from 'jsonc-parser';
import { KNOWN_ACTIONS, isDataPlaneAction } from '../catalog/actions';
import { splitArn } from '../catalog/arn';
import { CONTEXT_KEYS } from '../catalog/keys';
import { OPERATOR_NAMES } from '../conditions/operators';
import { describeAction, describeKey, describeVariable } from './hover';
import { parseLenient, placeIn } from './json-location';

export interface CompletionEntry {
  label: string;
  kind: 'action' | 'arn' | 'variable' | 'operator' | 'key';
  /** Text that replaces `replace` (the string's content, quotes excluded). */
  insertText: string;
  detail: string;
  documentation?: string;
  /** Sorts data-plane actions and per-identity skeletons first. */
  sortText: string;
}

export interface Completions {
  items: CompletionEntry[];
  /** What the items replace: the string's content (without quotes) or, after `${`, the partial variable. */
  replace: { offset: number; length: number };
}

const SUB = '${cognito-identity.amazonaws.com:sub}';

/** Region and account most used by the file's ARNs, so skeletons fit the file. */
function scopeOf(text: string): { region: string; account: string } {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/"(arn:[^"]+)"/g)) {
    const arn = splitArn(match[1]);
    if (arn?.service === 'iot' && !/[*?$]/.test(arn.region + arn.account)) {
      const key = `${arn.region} ${arn.account}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const [region, account] = (best ?? 'us-east-1 123456789012').split(' ');
  return { region, account };
}

/** Every known AWS IoT action, data-plane first, replacing `replace`. */
export function actionCompletions(replace: Completions['replace']): Completions {
  return {
    items: KNOWN_ACTIONS.map((action) => ({
      label: action,
      kind: 'action' as const,
      insertText: action,
      detail: isDataPlaneAction(action) ? 'AWS IoT data plane' : 'AWS IoT control plane',
      documentation: describeAction(action),
      sortText: `${isDataPlaneAction(action) ? 0 : 1}${action}`,
    })),
    replace,
  };
}

/** `completionsIn` on a text parsed for this one call. */
export function completionsAt(text: string, offset: number): Completions | undefined {
  return completionsIn(text, parseLenient(text), offset);
}

/**
 * Completion for policy files, from the engine's catalog: actions, ARN skeletons, policy variables,
 * condition operators and keys. The editor's JSON schema completes the structure; this completes values.
 * `root` is the lenient tree of `text`.
 */
export function completionsIn(text: string, root: Node | undefined, offset: number): Completions | undefined {
  const place = placeIn(root, offset);
  if (place.kind === 'other' || place.kind === 'effect') return undefined;
  const contentStart = place.node.offset + (place.node.type === 'string' ? 1 : 0);
  const content = { offset: contentStart, length: Math.max(0, place.node.length - (place.node.type === 'string' ? 2 : 0)) };
  const typed = text.slice(contentStart, offset);
  const openVariable = typed.lastIndexOf('${');
  if ((place.kind === 'resource' || place.kind === 'condition-value') && openVariable !== -1 && !typed.slice(openVariable).includes('}')) {
    const items = CONTEXT_KEYS.filter((k) => !k.multiValued).map((k, i) => ({
      label: `\${${k.name}}`,
      kind: 'variable' as const,
      insertText: `\${${k.name}}`,
      detail: 'policy variable',
      documentation: describeVariable(k.name),
      sortText: String(i).padStart(3, '0'),
    }));
    return { items, replace: { offset: contentStart + openVariable, length: offset - contentStart - openVariable } };
  }
  switch (place.kind) {
    case 'action':
      return actionCompletions(content);
    case 'resource': {
      const { region, account } = scopeOf(text);
      const base = `arn:aws:iot:${region}:${account}`;
      const skeletons: Array<[string, string]> = [
        [`${base}:client/${SUB}`, 'Connect with the identity ID as client ID'],
        [`${base}:topic/users/${SUB}/*`, "Publish/Receive in the identity's own namespace"],
        [`${base}:topicfilter/users/${SUB}/*`, "Subscribe in the identity's own namespace"],
        [`${base}:topic/$aws/things/${SUB}/shadow/*`, 'Shadow topics of the thing named after the identity'],
        [`${base}:thing/${SUB}`, 'HTTPS shadow API of the thing named after the identity'],
        [`${base}:topic/`, 'a topic (Publish, Receive)'],
        [`${base}:topicfilter/`, 'a topic filter (Subscribe)'],
      ];
      return {
        items: skeletons.map(([arn, detail], i) => ({ label: arn, kind: 'arn' as const, insertText: arn, detail, sortText: String(i).padStart(3, '0') })),
        replace: content,
      };
    }
    case 'condition-operator': {
      const names = OPERATOR_NAMES.flatMap((name) => (name === 'Null' ? [name] : [name, `${name}IfExists`, `ForAnyValue:${name}`, `ForAllValues:${name}`]));
      return {
        items: names.map((name, i) => ({
          label: name,
          kind: 'operator' as const,
          insertText: name,
          detail: 'condition operator',
          sortText: String(i).padStart(3, '0'),
        })),
        replace: content,
      };
    }
    case 'condition-key':
      return {
        items: CONTEXT_KEYS.map((k, i) => ({
          label: k.name,
          kind: 'key' as const,
          insertText: k.name,
          detail: `${k.multiValued ? 'multi-valued ' : ''}${k.type}`,
          documentation: describeKey(k.name),
          sortText: String(i).padStart(3, '0'),
        })),
        replace: content,
      };
    case 'condition-value':
      return undefined;
  }
}
