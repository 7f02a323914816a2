import type { Span, TemplateMap } from '../tree';
import { parseJsonTemplate } from '../tree';
import { isReference, isUnknown, map, numberOf, placedOn, plain, same, scalar, seq, SETS, textOf, unknown, type Entry, type Node } from './values';

type Builtin = (args: Node[], span: Span) => Node | undefined;

/**
 * The Terraform functions policies, counts and for_each use, on known values
 * (https://developer.hashicorp.com/terraform/language/functions). A call whose arguments the files do not
 * give, or that Terraform would refuse, is unknown; a function not listed here is unknown too (never
 * guessed). `jsonencode`, `file` and `templatefile` are the evaluator's (they keep positions or read files).
 */
export function callFunction(name: string, args: Node[], span: Span): Node {
  const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
  if (!builtin) return unknown(`${name}(…) (a function this reader does not evaluate)`, span);
  // An argument that is itself unknown makes the result unknown (unknowns inside lists are kept as values).
  const unknownArgument = args.find(isUnknown);
  if (unknownArgument) return unknown(unknownArgument.unknown, span);
  return builtin(args, span) ?? unknown(`${name}(…) with arguments it does not accept`, span);
}

const list = (node: Node | undefined): Node[] | undefined => (node?.type === 'seq' ? node.items : undefined);
const strings = (nodes: readonly Node[]): string[] | undefined => {
  const texts = nodes.map(textOf);
  return texts.every((t) => t !== undefined) ? (texts as string[]) : undefined;
};
const objectEntries = (node: Node | undefined) => (node?.type === 'map' && !isReference(node) ? node.entries : undefined);
/** A list made from an object's entries in lexical order of their keys (how keys() and values() list them). */
const inKeyOrder = (node: Node | undefined, span: Span, pick: (entry: TemplateMap['entries'][number]) => Node) => {
  const entries = objectEntries(node);
  return entries && seq([...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(pick), span);
};
const stringResult = (value: string | undefined, span: Span) => (value === undefined ? undefined : scalar(value, span));

const BUILTINS: Record<string, Builtin> = {
  length: ([value], span) => {
    if (value?.type === 'seq') return scalar(value.items.length, span);
    if (value?.type === 'map' && !isReference(value)) return scalar(value.entries.length, span);
    const text = value && textOf(value);
    return text === undefined ? undefined : scalar([...text].length, span);
  },
  one: ([value], span) => {
    const items = list(value);
    if (!items || items.length > 1) return undefined;
    return items.length === 0 ? scalar(null, span) : items[0];
  },
  toset: ([value], span) => {
    const items = list(value);
    const texts = items && strings(items);
    if (!items || !texts) return undefined;
    // A set of strings: each once, in lexical order (how Terraform iterates it).
    const unique = [...new Map(items.map((item, i) => [texts[i], item])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const result = seq(
      unique.map(([text, item]) => scalar(text, item.span)),
      span,
    );
    SETS.add(result);
    return result;
  },
  tolist: ([value]) => (value?.type === 'seq' ? value : undefined),
  tomap: ([value]) => (objectEntries(value) ? value : undefined),
  tostring: ([value], span) => stringResult(value && textOf(value), span),
  tonumber: ([value], span) => {
    const number = value && numberOf(value);
    return number === undefined ? undefined : scalar(number, span);
  },
  tobool: ([value], span) =>
    value?.type === 'scalar' && (value.value === true || value.value === 'true' || value.value === false || value.value === 'false')
      ? scalar(value.value === true || value.value === 'true', span)
      : undefined,
  concat: (args, span) =>
    args.every((a) => a.type === 'seq')
      ? seq(
          args.flatMap((a) => list(a)!),
          span,
        )
      : undefined,
  flatten: ([value], span) => {
    const flat = (node: Node, depth: number): Node[] | undefined => {
      if (depth > 100) return undefined;
      if (node.type !== 'seq') return [node];
      const parts = node.items.map((item) => flat(item, depth + 1));
      return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
    };
    const items = value?.type === 'seq' ? flat(value, 0) : undefined;
    return items && seq(items, span);
  },
  distinct: ([value], span) => {
    const items = list(value);
    const keys = items?.map((item) => plain(item));
    if (!items || !keys || keys.includes(undefined)) return undefined;
    const seen = new Set<string>();
    return seq(
      items.filter((_, i) => {
        const key = JSON.stringify(keys[i]);
        return !seen.has(key) && seen.add(key) !== undefined;
      }),
      span,
    );
  },
  compact: ([value], span) => {
    const items = list(value);
    const texts = items && items.map((item) => (item.type === 'scalar' && item.value === null && item.unknown === undefined ? '' : textOf(item)));
    if (!items || !texts || texts.includes(undefined)) return undefined;
    return seq(
      items.filter((_, i) => texts[i] !== ''),
      span,
    );
  },
  keys: ([value], span) => inKeyOrder(value, span, (e) => scalar(e.key, e.keySpan)),
  values: ([value], span) => inKeyOrder(value, span, (e) => e.value),
  lookup: ([object, key, fallback]) => {
    const entries = objectEntries(object);
    const name = key && textOf(key);
    if (!entries || name === undefined) return undefined;
    return entries.find((e) => e.key === name)?.value ?? fallback;
  },
  element: ([value, index]) => {
    const items = list(value);
    const position = index && numberOf(index);
    if (!items || items.length === 0 || position === undefined || !Number.isInteger(position) || position < 0) return undefined;
    return items[position % items.length];
  },
  contains: ([value, wanted], span) => {
    const items = list(value);
    if (!items || !wanted) return undefined;
    const found = items.map((item) => same(item, wanted));
    if (found.includes(true)) return scalar(true, span);
    return found.includes(undefined) ? undefined : scalar(false, span);
  },
  merge: (args, span) => {
    const all = args.map(objectEntries);
    if (all.some((entries) => entries === undefined)) return undefined;
    const merged = new Map<string, Entry>();
    for (const entries of all) for (const e of entries!) merged.set(e.key, [e.key, e.value, e.keySpan]);
    return map([...merged.values()], span);
  },
  coalesce: (args) => args.find((a) => !(a.type === 'scalar' && (a.value === null || a.value === ''))),
  join: ([separator, ...lists], span) => {
    const sep = separator && textOf(separator);
    const items = lists.every((l) => l.type === 'seq') ? strings(lists.flatMap((l) => list(l)!)) : undefined;
    return sep === undefined || !items ? undefined : scalar(items.join(sep), span);
  },
  split: ([separator, text], span) => {
    const [sep, value] = [separator && textOf(separator), text && textOf(text)];
    if (sep === undefined || sep === '' || value === undefined) return undefined;
    return seq(
      value.split(sep).map((part) => scalar(part, span)),
      span,
    );
  },
  replace: ([text, search, replacement], span) => {
    const [value, from, to] = [text, search, replacement].map((n) => n && textOf(n));
    // A `/…/` search is a regular expression in Terraform's (RE2) syntax: not evaluated here.
    if (value === undefined || from === undefined || to === undefined || (from.length > 1 && from.startsWith('/') && from.endsWith('/'))) return undefined;
    return scalar(value.split(from).join(to), span);
  },
  lower: ([text], span) => stringResult(text && textOf(text)?.toLowerCase(), span),
  upper: ([text], span) => stringResult(text && textOf(text)?.toUpperCase(), span),
  trimspace: ([text], span) => stringResult(text && textOf(text)?.trim(), span),
  format: ([pattern, ...args], span) => {
    const text = pattern && textOf(pattern);
    const values = strings(args);
    if (text === undefined || !values) return undefined;
    let next = 0;
    let failed = false;
    // Only the plain verbs (%s, %d, %v, %%): widths, precision and the rest are left unknown.
    const result = text.replace(/%(%|[sdv]|[^%sdv])/g, (_, verb: string) => {
      if (verb === '%') return '%';
      if (!'sdv'.includes(verb) || next >= values.length) failed = true;
      return values[next++] ?? '';
    });
    return failed ? undefined : scalar(result, span);
  },
  jsondecode: ([text], span) => {
    const value = text && textOf(text);
    const parsed = value === undefined ? undefined : parseJsonTemplate(value);
    return parsed?.root && placedOn(parsed.root, span);
  },
};
