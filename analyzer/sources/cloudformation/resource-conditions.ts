import { scalarString, type TemplateNode } from '../tree';
import { evaluateCondition, intrinsicOf, type TemplateContext } from './intrinsics';
import type { Guard } from './policy-branches';
import { parseSub } from './sub';

/** Which resources the template creates under the parameters in force, and under which conditions. */
export interface ResourceExistence {
  /** Resources not created, with why (in words). */
  removed: Map<string, string>;
  /** Resources created only under conditions the files do not decide. */
  guarded: Map<string, Guard[]>;
}

/**
 * A resource whose `Condition` is false is not created, nor is a resource that depends on it (refers to
 * it, or names it in `DependsOn`), whatever its own condition
 * ([Condition attribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-condition.html)).
 * A condition the files do not decide makes the resource, and what depends on it, exist under it. A
 * reference inside an `Fn::If` branch the files do not choose is not counted as a dependency.
 */
export function resourceExistence(resources: ReadonlyMap<string, { node: TemplateNode }>, context: TemplateContext): ResourceExistence {
  const removed = new Map<string, string>();
  const guarded = new Map<string, Guard[]>();
  const dependencies = new Map<string, Set<string>>();
  for (const [id, { node }] of resources) {
    const condition = scalarString(entryOf(node, 'Condition'));
    const holds = condition === undefined ? true : evaluateCondition(condition, context);
    if (holds === false) removed.set(id, `its condition ${condition} is false with the parameters in force`);
    else if (holds === undefined) guarded.set(id, [{ condition: condition!, holds: true }]);
    const found = new Set<string>();
    referencesIn(node, context, found);
    dependencies.set(id, new Set([...found].filter((target) => target !== id && resources.has(target))));
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, targets] of dependencies) {
      if (removed.has(id)) continue;
      const gone = [...targets].find((target) => removed.has(target));
      if (gone) {
        removed.set(id, `it depends on ${gone}, which is not created`);
        changed = true;
        continue;
      }
      const guards = guarded.get(id) ?? [];
      const inherited = [...targets].flatMap((target) => guarded.get(target) ?? []).filter((g) => !guards.some((h) => same(g, h)));
      if (inherited.length > 0) {
        guarded.set(id, [...guards, ...dedupe(inherited)]);
        changed = true;
      }
    }
  }
  return { removed, guarded };
}

const same = (a: Guard, b: Guard) => a.condition === b.condition && a.holds === b.holds;
const dedupe = (guards: Guard[]) => guards.filter((g, i) => guards.findIndex((h) => same(g, h)) === i);
const entryOf = (node: TemplateNode, key: string) => (node.type === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined);

/** The logical ids a resource refers to: Ref, Fn::GetAtt, Fn::Sub `${X}`/`${X.Attr}`, DependsOn. */
function referencesIn(node: TemplateNode, context: TemplateContext, found: Set<string>, key?: string): void {
  const intrinsic = intrinsicOf(node);
  if (intrinsic?.name === 'Fn::If') {
    const [condition, whenTrue, whenFalse] = intrinsic.argument.type === 'seq' ? intrinsic.argument.items : [];
    const decided = scalarString(condition) === undefined ? undefined : evaluateCondition(scalarString(condition)!, context);
    if (decided !== undefined) referencesIn(decided ? whenTrue : whenFalse, context, found);
    return;
  }
  if (intrinsic?.name === 'Ref') found.add(scalarString(intrinsic.argument) ?? '');
  if (intrinsic?.name === 'Fn::GetAtt') {
    const argument = intrinsic.argument;
    found.add((argument.type === 'seq' ? scalarString(argument.items[0]) : scalarString(argument)?.split('.')[0]) ?? '');
  }
  if (intrinsic?.name === 'Fn::Sub') {
    const text = scalarString(intrinsic.argument.type === 'seq' ? intrinsic.argument.items[0] : intrinsic.argument);
    for (const piece of text === undefined ? [] : parseSub(text)) if (piece.name !== undefined) found.add(piece.name.split('.')[0]);
  }
  if (key === 'DependsOn') for (const item of node.type === 'seq' ? node.items : [node]) found.add(scalarString(item) ?? '');
  if (node.type === 'map') for (const e of node.entries) referencesIn(e.value, context, found, e.key);
  else if (node.type === 'seq') for (const item of node.items) referencesIn(item, context, found);
}
