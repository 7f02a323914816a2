import type { Span } from '../tree';
import { attribute } from './blocks';
import { ValueTooLarge, type Evaluator, type Scope } from './evaluate';
import type { Block } from './hcl-ast';
import { isReference, isUnknown, map, numberOf, scalar, seq, textOf, unknown, type Entry, type Node } from './values';

/**
 * One instance of a resource as Terraform makes it: its address (`aws_iam_role.r[0]`,
 * `aws_iam_role.r["k"]`, or `aws_iam_role.r` without count / for_each) and the names its expressions see
 * (`count.index`, `each.key`, `each.value`).
 */
export interface Instance {
  address: string;
  /** The key an index names it by (`0`, `k`); undefined without count / for_each. */
  key?: string;
  scope: Scope;
  /** Set when the files do not decide count / for_each (why): the resource is read once, as possibly existing. */
  undecided?: string;
}

export interface Instances {
  /** Which meta-argument makes the instances; undefined for a resource without either (one instance). */
  meta?: 'count' | 'for_each';
  /** In Terraform's order; none for `count = 0` or an empty `for_each` (the resource is not created). */
  instances: Instance[];
}

/** More instances than any configuration of pool roles and policies has: a configuration built to exhaust the reader. */
const MAX_INSTANCES = 10_000;

/**
 * The instances of a resource (https://developer.hashicorp.com/terraform/language/meta-arguments/count,
 * https://developer.hashicorp.com/terraform/language/meta-arguments/for_each): one per index of a count
 * the files decide, one per key of a for_each they decide (a map, or a set of strings), each with its own
 * `count.index` / `each.*`; otherwise one instance read once, whose `count.index` / `each.*` are unknown.
 */
export function instancesOf(block: Block, address: string, evaluator: Evaluator): Instances {
  const { root } = evaluator;
  const bind = (name: string, value: Node): Scope => ({ bindings: new Map([...root.bindings, [name, value]]), text: root.text });
  for (const meta of ['count', 'for_each'] as const) {
    const found = attribute(block, meta);
    if (!found) continue;
    const value = evaluator.evaluate(found.value);
    const span = found.value.span;
    const keyed = meta === 'count' ? countIndexes(value, span) : forEachEntries(value);
    if (keyed) {
      if (keyed.length > MAX_INSTANCES)
        throw new ValueTooLarge(`${meta} of ${address} makes more than ${MAX_INSTANCES.toLocaleString('en-US')} instances`, span);
      return {
        meta,
        instances: keyed.map(([key, value]) =>
          meta === 'count'
            ? { address: `${address}[${key}]`, key, scope: bind('count', map([['index', value]], span)) }
            : { address: `${address}[${JSON.stringify(key)}]`, key, scope: bind('each', eachValue(key, value, span)) },
        ),
      };
    }
    const why = isUnknown(value) ? value.unknown : 'not a value Terraform accepts';
    const undecided = `${meta} = ${evaluator.describe(span)} of ${address} (${why})`;
    const perInstance = unknown(`${meta === 'count' ? 'count.index' : 'each'} of ${address}, whose ${meta} the files do not decide`, span);
    const scope = meta === 'count' ? bind('count', map([['index', perInstance]], span)) : bind('each', eachValue(undefined, perInstance, span));
    return { meta, instances: [{ address, scope, undecided }] };
  }
  return { instances: [{ address, scope: root }] };
}

const eachValue = (key: string | undefined, value: Node, span: Span) =>
  map(
    [
      ['key', key === undefined ? value : scalar(key, span)],
      ['value', value],
    ],
    span,
  );

/** Each index of a count, with `count.index`. */
function countIndexes(value: Node, span: Span): Array<[string, Node]> | undefined {
  const count = numberOf(value);
  if (count === undefined || !Number.isInteger(count) || count < 0) return undefined;
  return Array.from({ length: Math.min(count, MAX_INSTANCES + 1) }, (_, i) => [String(i), scalar(i, span)]);
}

/** A map's entries, or a set of strings (each key is its value), ordered by key as Terraform orders instances; undefined when not decided. */
function forEachEntries(value: Node): Array<[string, Node]> | undefined {
  let entries: Array<[string, Node]>;
  if (value.type === 'map' && !isReference(value)) entries = value.entries.map((e) => [e.key, e.value]);
  else if (value.type === 'seq') {
    // A list given for a set(string) variable is converted to the set; its elements are its keys.
    const texts = value.items.map(textOf);
    if (texts.some((t) => t === undefined)) return undefined;
    entries = [...new Map(value.items.map((item, i) => [texts[i]!, item])).entries()];
  } else return undefined;
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * What a reference names among the instances of a block, `rest` being its path after the block's address:
 * without count / for_each, the block's attribute; with them, all instances when no index follows (a list
 * for count, an object by key for for_each), else the instance the index names — the one reading of a
 * block whose count / for_each the files do not decide, whatever the index. `used`: the steps of `rest` used.
 */
export function referToInstances(
  { meta, instances }: Instances,
  address: string,
  rest: readonly string[],
  span: Span,
  valueOf: (instance: Instance, attribute: string | undefined) => Node,
): { node: Node; used: number } {
  const [first] = instances;
  if (!meta) return { node: valueOf(first, rest[0]), used: Math.min(rest.length, 1) };
  const [key, attribute] = rest;
  if (key === undefined) {
    if (first?.undecided) return { node: unknown(`${address} (${first.undecided})`, span), used: 0 };
    const objects = instances.map((i): Entry => [i.key!, valueOf(i, undefined)]);
    return {
      node:
        meta === 'count'
          ? seq(
              objects.map(([, object]) => object),
              span,
            )
          : map(objects, span),
      used: 0,
    };
  }
  const instance = first?.undecided ? first : instances.find((i) => i.key === key);
  if (!instance) return { node: unknown(`${address}[${key}] (no such instance: ${meta} makes ${instances.length})`, span), used: rest.length };
  return { node: valueOf(instance, attribute), used: Math.min(rest.length, 2) };
}

/**
 * An attribute of a resource instance, or the instance as an object (`attribute` undefined). Roles are
 * referred to by name (id, name) or ARN; a policy and a pool by ARN / id: as CloudFormation Ref / GetAtt,
 * so the template reader links them. Anything else is known after apply.
 */
export function instanceAttribute(type: string, address: string, attribute: string | undefined, span: Span): Node {
  const ref = map([['Ref', scalar(address, span)]], span);
  const known: Record<string, Record<string, Node>> = {
    aws_iam_role: { arn: map([['Fn::GetAtt', seq([scalar(address, span), scalar('Arn', span)], span)]], span), id: ref, name: ref },
    aws_iam_policy: { arn: ref },
    aws_cognito_identity_pool: { id: ref },
  };
  const attributes = known[type] ?? {};
  if (attribute === undefined) return map(Object.entries(attributes), span);
  return attributes[attribute] ?? unknown(`${address}.${attribute} (known after apply)`, span);
}
