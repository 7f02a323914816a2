import type { SourceProblem } from '../reading';
import { scalarString, type TemplateMap, type TemplateNode } from '../tree';
import { resolveValue, type TemplateContext } from './intrinsics';

const LOOP = 'Fn::ForEach::';
/** What each copy of a fragment costs at least against the template's budget, however short the fragment. */
const MIN_COPY_CHARGE = 64;

/**
 * Expands `Fn::ForEach` loops (the AWS::LanguageExtensions transform,
 * [Fn::ForEach](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html))
 * as CloudFormation does before it deploys: each value of the collection makes a copy of the loop's
 * fragment in which every `${Identifier}` is the value and every `&{Identifier}` the value without its
 * non-alphanumeric characters, in keys and strings alike, and `Ref Identifier` is the value. Loops nest,
 * and may stand among resources or inside one. A copy keeps the places of the fragment, so findings in a
 * generated resource point into the loop's body. A loop whose collection the files do not give is an
 * `unresolved-value` at the loop, and what it would generate is left out (any role may get more).
 */
export function expandLoops(node: TemplateNode, context: TemplateContext, problems: SourceProblem[]): TemplateNode {
  // Most templates have no loop: they are returned as they are, without building anything.
  return hasLoop(node) ? expand(node, context, problems) : node;
}

function hasLoop(node: TemplateNode): boolean {
  if (node.type === 'seq') return node.items.some(hasLoop);
  return node.type === 'map' && node.entries.some((e) => e.key.startsWith(LOOP) || hasLoop(e.value));
}

function expand(node: TemplateNode, context: TemplateContext, problems: SourceProblem[]): TemplateNode {
  if (node.type === 'seq') {
    const items = node.items.map((item) => expand(item, context, problems));
    return items.every((item, i) => item === node.items[i]) ? node : { ...node, items };
  }
  if (node.type !== 'map') return node;
  let changed = false;
  const entries: TemplateMap['entries'] = [];
  const keys = new Set<string>();
  const add = (added: TemplateMap['entries'][number], loop?: string) => {
    if (!keys.has(added.key)) {
      keys.add(added.key);
      entries.push(added);
    } else
      problems.push({
        ruleId: 'invalid-template',
        message: `${loop ?? added.key}: makes the key ${added.key} more than once, which CloudFormation rejects (each copy's key must hold the loop's identifier)`,
        span: added.keySpan,
      });
  };
  for (const e of node.entries) {
    if (!e.key.startsWith(LOOP)) {
      const value = expand(e.value, context, problems);
      changed ||= value !== e.value;
      add(value === e.value ? e : { ...e, value });
      continue;
    }
    changed = true;
    const loop = loopOf(e.value, context);
    if ('unknown' in loop) {
      problems.push({
        ruleId: 'unresolved-value',
        message: `${e.key}: ${loop.unknown}, so what it generates (AWS::LanguageExtensions) is unknown: the roles and policies it may define are not read`,
        span: e.keySpan,
        roles: 'any',
      });
      continue;
    }
    for (const value of loop.values) {
      // Copies are charged like built text, so nested loops over long collections are refused, not built.
      context.budget?.charge(Math.max(MIN_COPY_CHARGE, e.value.span[1] - e.value.span[0]), e.keySpan);
      const copy = expand(replaceIdentifier(loop.fragment, loop.identifier, value), context, problems);
      for (const generated of copy.type === 'map' ? copy.entries : []) add(generated, e.key);
    }
  }
  return changed ? { ...node, entries } : node;
}

/** A loop's identifier, the values of its collection and its fragment; or why the files do not give them. */
function loopOf(argument: TemplateNode, context: TemplateContext): { identifier: string; values: string[]; fragment: TemplateMap } | { unknown: string } {
  const [identifierNode, collection, fragment] = argument.type === 'seq' && argument.items.length === 3 ? argument.items : [];
  const identifier = scalarString(identifierNode);
  if (!identifier || !collection || fragment?.type !== 'map') return { unknown: 'it is not [identifier, collection, fragment]' };
  const resolved = resolveValue(collection, context);
  if (resolved.type === 'unknown') return { unknown: `its collection depends on ${resolved.reason}, which the files do not give` };
  if (resolved.type !== 'array') return { unknown: 'its collection is not a list' };
  const values: string[] = [];
  for (const item of resolved.items) {
    if (item.type === 'unknown') return { unknown: `its collection depends on ${item.reason}, which the files do not give` };
    if (item.type !== 'string' && (item.type !== 'literal' || item.value === null)) return { unknown: 'its collection holds a value that is not a string' };
    values.push(String(item.value));
  }
  return { identifier, values, fragment };
}

/** The fragment with the identifier replaced by one value of the collection (places unchanged). */
function replaceIdentifier(node: TemplateNode, identifier: string, value: string): TemplateNode {
  const alphanumeric = value.replace(/[^A-Za-z0-9]/g, '');
  const text = (written: string) => written.replaceAll(`\${${identifier}}`, value).replaceAll(`&{${identifier}}`, alphanumeric);
  const replace = (n: TemplateNode): TemplateNode => {
    switch (n.type) {
      case 'scalar':
        return typeof n.value === 'string' && n.value.includes(`{${identifier}}`) ? { ...n, value: text(n.value) } : n;
      case 'seq':
        return { ...n, items: n.items.map(replace) };
      case 'map':
        if (n.entries.length === 1 && n.entries[0].key === 'Ref' && scalarString(n.entries[0].value) === identifier)
          return { type: 'scalar', value, span: n.span };
        return { ...n, entries: n.entries.map((e) => ({ ...e, key: text(e.key), value: replace(e.value) })) };
    }
  };
  return replace(node);
}
