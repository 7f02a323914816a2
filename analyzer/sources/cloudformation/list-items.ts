import { scalarString, type TemplateNode } from '../tree';
import type { UnknownValue } from '../value';
import { evaluateCondition, intrinsicOf, resolveValue, type TemplateContext } from './intrinsics';
import type { Guard } from './policy-branches';

/**
 * One item of a list property (a role's `Policies` or `ManagedPolicyArns`, a policy's `Roles`), with the
 * conditions it exists under (`Fn::If`s the files do not decide), or a part of the list the files do not
 * give.
 */
export type ListItem = { node: TemplateNode; guards: readonly Guard[] } | { unknown: UnknownValue; guards: readonly Guard[] };

/**
 * The items of a list as CloudFormation would deploy it: a written list, an `Fn::If` choosing a list or an
 * item (`AWS::NoValue` removing it), or a function giving a list (`!Ref` of a CommaDelimitedList, `!Split`).
 * An `Fn::If` the files decide takes its branch; one they do not decide gives both branches' items, each
 * guarded by its outcome. What the files do not give is an unknown item, never an empty list.
 */
export function listItems(node: TemplateNode | undefined, context: TemplateContext, guards: readonly Guard[] = []): ListItem[] {
  if (!node) return [];
  const intrinsic = intrinsicOf(node);
  if (isNoValue(node)) return [];
  if (intrinsic?.name === 'Fn::If') return branches(node, intrinsic.argument, context, guards, listItems);
  if (node.type === 'seq') return node.items.flatMap((item) => valueItems(item, context, guards));
  if (!intrinsic) return [{ node, guards }];
  const value = resolveValue(node, context);
  if (value.type === 'unknown') return [{ unknown: value, guards }];
  const values = value.type === 'array' ? value.items : [value];
  return values.map((item): ListItem => {
    if (item.type === 'unknown') return { unknown: item, guards };
    if (item.type === 'string') return { node: { type: 'scalar', value: item.value, span: item.span }, guards };
    return { unknown: { type: 'unknown', reason: 'a list item that is not a string', span: item.span }, guards };
  });
}

/** A single value the same way: none (`AWS::NoValue`), the branch the files decide, or both branches, guarded. */
export function valueItems(node: TemplateNode | undefined, context: TemplateContext, guards: readonly Guard[] = []): ListItem[] {
  if (!node || isNoValue(node)) return [];
  const intrinsic = intrinsicOf(node);
  if (intrinsic?.name === 'Fn::If') return branches(node, intrinsic.argument, context, guards, valueItems);
  return [{ node, guards }];
}

function branches(
  node: TemplateNode,
  argument: TemplateNode,
  context: TemplateContext,
  guards: readonly Guard[],
  read: (branch: TemplateNode | undefined, context: TemplateContext, guards: readonly Guard[]) => ListItem[],
): ListItem[] {
  const [condition, whenTrue, whenFalse] = argument.type === 'seq' && argument.items.length === 3 ? argument.items : [];
  const name = scalarString(condition);
  if (name === undefined || !whenTrue || !whenFalse)
    return [{ unknown: { type: 'unknown', reason: 'Fn::If without a condition and two values', span: node.span }, guards }];
  const decided = evaluateCondition(name, context);
  if (decided !== undefined) return read(decided ? whenTrue : whenFalse, context, guards);
  return [
    ...read(whenTrue, context, [...guards, { condition: name, holds: true }]),
    ...read(whenFalse, context, [...guards, { condition: name, holds: false }]),
  ];
}

function isNoValue(node: TemplateNode): boolean {
  const intrinsic = intrinsicOf(node);
  return intrinsic?.name === 'Ref' && scalarString(intrinsic.argument) === 'AWS::NoValue';
}
