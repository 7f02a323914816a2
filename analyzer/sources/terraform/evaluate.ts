import type { Span } from '../tree';
import { callFunction } from './functions';
import type { Expression, ForExpression } from './hcl-ast';
import { HclSyntaxError } from './hcl-lexer';
import { parseTemplateText } from './hcl-parser';
import {
  elementsOf,
  firstUnknown,
  isReference,
  isUnknown,
  map,
  numberOf,
  placedOn,
  same,
  scalar,
  seq,
  textOf,
  truth,
  unknown,
  type Entry,
  type Node,
} from './values';

/**
 * The most characters (strings) and values (lists, objects) one value may hold: AWS policies are a few KB
 * at most, so a larger value is a configuration built to exhaust the reader, never a policy.
 */
export const MAX_VALUE_SIZE = 1_048_576;
/** The most characters all the strings built for one module may add up to (bounds time, whatever is reused). */
const MAX_BUILT = 16 * MAX_VALUE_SIZE;
/** Expressions evaluated per module; past that, values are unknown. */
const MAX_EVALUATIONS = 200_000;
const MAX_DEPTH = 100;

/** A value past the size bounds: the module is not read (exit 2), never read in part. */
export class ValueTooLarge extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/** Names bound by `for` expressions, dynamic blocks' iterators and templatefile() variables, and the text their spans are offsets in. */
export interface Scope {
  readonly bindings: ReadonlyMap<string, Node>;
  readonly text: string;
}

/** What the module gives the evaluator: its objects (variables, locals, resources…) and the files it may read. */
export interface ModuleValues {
  /** The value of a reference, and how many steps of its path that used (the evaluator applies the rest). */
  reference(path: readonly string[], span: Span): { node: Node; used: number };
  /** `type.name[*]` of a resource: its instances (as objects); undefined when `target` names none. */
  splat(target: readonly string[], span: Span): Node | undefined;
  /** The text of a file file()/templatefile() names, or why it is not read. */
  include(reference: string): { text: string } | { unread: string };
}

/** Evaluates HCL expressions to values, as Terraform would at plan time, within size and time bounds. */
export class Evaluator {
  private depth = 0;
  private evaluations = 0;
  private built = 0;
  private readonly sizes = new WeakMap<Node, number>();

  constructor(
    private readonly module: ModuleValues,
    readonly root: Scope,
  ) {}

  /** The value of an expression; `ampersand`: `&{` in literal text is `${` (aws_iam_policy_document's resources and condition values). */
  evaluate(expression: Expression, scope: Scope = this.root, ampersand = false): Node {
    if (this.depth > MAX_DEPTH) return unknown('values nested too deeply', expression.span);
    if (++this.evaluations > MAX_EVALUATIONS) return unknown('more references than this reader follows', expression.span);
    this.depth++;
    try {
      return this.sized(this.evaluateInner(expression, scope, ampersand), expression.span);
    } finally {
      this.depth--;
    }
  }

  /** An expression's text, for messages. */
  describe(span: Span, scope: Scope = this.root): string {
    const text = scope.text.slice(span[0], span[1]).replace(/\s+/g, ' ');
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  }

  private evaluateInner(expression: Expression, scope: Scope, ampersand: boolean): Node {
    const span = expression.span;
    switch (expression.kind) {
      case 'literal':
        return scalar(expression.value, span);
      case 'tuple':
        return seq(
          expression.items.map((item) => this.evaluate(item, scope, ampersand)),
          span,
        );
      case 'object': {
        const entries: Entry[] = [];
        for (const item of expression.items) {
          const key = item.key.kind === 'literal' ? scalar(item.key.value, item.key.span) : this.evaluate(item.key, scope);
          const name = textOf(key);
          if (name === undefined) return unknown(isUnknown(key) ? key.unknown : `the object key ${this.describe(item.keySpan, scope)}`, span);
          entries.push([name, this.evaluate(item.value, scope, ampersand), item.keySpan]);
        }
        return map(entries, span);
      }
      case 'template':
        return this.template(expression, scope, ampersand);
      case 'traversal': {
        const [root] = expression.path;
        const bound = scope.bindings.get(root);
        const { node, used } = bound ? { node: bound, used: 1 } : this.module.reference(expression.path, span);
        return expression.path.slice(used).reduce((value, step) => this.step(value, scalar(step, span), span), node);
      }
      case 'index':
        return this.step(this.evaluate(expression.target, scope), this.evaluate(expression.key, scope), span);
      case 'attribute':
        return this.step(this.evaluate(expression.target, scope), scalar(expression.name, span), span);
      case 'splat': {
        const { target, path } = expression;
        const instances = target.kind === 'traversal' && !scope.bindings.has(target.path[0]) ? this.module.splat(target.path, span) : undefined;
        const value = instances ?? this.evaluate(target, scope);
        if (isUnknown(value)) return value;
        // A splat of one value is a list of it; of null, an empty list.
        const items = value.type === 'seq' ? value.items : value.type === 'scalar' && value.value === null ? [] : [value];
        return seq(
          items.map((item) => path.reduce((node, step) => this.step(node, scalar(step, span), span), item)),
          span,
        );
      }
      case 'call':
        return this.call(expression.name, expression.args, span, scope);
      case 'unary': {
        const operand = this.evaluate(expression.operand, scope);
        const value = expression.operator === '!' ? truth(operand) : numberOf(operand);
        if (value === undefined) return this.unknownOf([operand], span, scope);
        return scalar(typeof value === 'boolean' ? !value : -value, span);
      }
      case 'binary':
        return this.binary(expression.operator, this.evaluate(expression.left, scope), this.evaluate(expression.right, scope), span, scope);
      case 'conditional': {
        const condition = this.evaluate(expression.condition, scope);
        const decided = truth(condition);
        if (decided !== undefined) return this.evaluate(decided ? expression.then : expression.otherwise, scope, ampersand);
        const [then, otherwise] = [this.evaluate(expression.then, scope, ampersand), this.evaluate(expression.otherwise, scope, ampersand)];
        // Both outcomes the same value: the condition does not matter.
        if (same(then, otherwise)) return then;
        return unknown(isUnknown(condition) ? condition.unknown : `the condition ${this.describe(expression.condition.span, scope)}`, span);
      }
      case 'for':
        return this.forExpression(expression, scope);
    }
  }

  private template(expression: Extract<Expression, { kind: 'template' }>, scope: Scope, ampersand: boolean): Node {
    const span = expression.span;
    const [only] = expression.parts;
    // "${x}" alone is x itself (it may be a list, an object or a reference).
    if (expression.parts.length === 1 && 'interpolation' in only) return this.evaluate(only.interpolation, scope, ampersand);
    let result = '';
    for (const part of expression.parts) {
      if ('literal' in part) result += ampersand ? part.literal.replace(/&\{/g, '${') : part.literal;
      else if ('directive' in part) return unknown('a %{…} template directive', span);
      else {
        const value = this.evaluate(part.interpolation, scope);
        const text = textOf(value);
        if (text === undefined) return unknown(isUnknown(value) ? value.unknown : `\${${this.describe(part.interpolation.span, scope)}}`, span);
        result += text;
      }
      this.bound(result.length, span);
    }
    this.built += result.length;
    if (this.built > MAX_BUILT)
      throw new ValueTooLarge(`the strings this module builds add up to more than ${MAX_BUILT.toLocaleString('en-US')} characters`, span);
    return scalar(result, span);
  }

  /** `value[key]` / `value.key`. */
  private step(value: Node, key: Node, span: Span): Node {
    if (isUnknown(value)) return value;
    if (isUnknown(key)) return unknown(key.unknown, span);
    if (value.type === 'seq') {
      const index = numberOf(key);
      return index !== undefined && Number.isInteger(index) && value.items[index]
        ? value.items[index]
        : unknown(`index ${textOf(key)} of a list of ${value.items.length}`, span);
    }
    const name = textOf(key);
    if (value.type === 'map' && !isReference(value) && name !== undefined)
      return value.entries.find((e) => e.key === name)?.value ?? unknown(`"${name}", not in the object`, span);
    return unknown(isReference(value) ? `an attribute of ${this.describe(value.span)} (known after apply)` : `"${name}" of a value that has none`, span);
  }

  private binary(operator: string, left: Node, right: Node, span: Span, scope: Scope): Node {
    if (operator === '&&' || operator === '||') {
      const [a, b] = [truth(left), truth(right)];
      // false && anything is false, true || anything is true: the unknown side cannot change it.
      const decisive = operator === '||';
      if (a === decisive || b === decisive) return scalar(decisive, span);
      return a !== undefined && b !== undefined ? scalar(!decisive, span) : this.unknownOf([left, right], span, scope);
    }
    if (operator === '==' || operator === '!=') {
      const equal = same(left, right);
      return equal === undefined ? this.unknownOf([left, right], span, scope) : scalar(operator === '==' ? equal : !equal, span);
    }
    const [a, b] = [numberOf(left), numberOf(right)];
    if (a === undefined || b === undefined) return this.unknownOf([left, right], span, scope);
    const results: Record<string, () => number | boolean> = {
      '+': () => a + b,
      '-': () => a - b,
      '*': () => a * b,
      '/': () => a / b,
      '%': () => a % b,
      '<': () => a < b,
      '<=': () => a <= b,
      '>': () => a > b,
      '>=': () => a >= b,
    };
    const result = results[operator]();
    return typeof result === 'number' && !Number.isFinite(result) ? unknown(`the expression ${this.describe(span, scope)}`, span) : scalar(result, span);
  }

  /** Unknown because of one of the operands (its reason), or because of the expression itself. */
  private unknownOf(operands: readonly Node[], span: Span, scope: Scope): Node {
    const cause = operands.map((o) => firstUnknown(o)).find((u) => u !== undefined);
    return unknown(cause ? cause.unknown : `the expression ${this.describe(span, scope)}`, span);
  }

  private forExpression(expression: ForExpression, scope: Scope): Node {
    const span = expression.span;
    const collection = this.evaluate(expression.collection, scope);
    if (isUnknown(collection)) return unknown(collection.unknown, span);
    const elements = elementsOf(collection);
    if (!elements) return unknown(`for over ${this.describe(expression.collection.span, scope)}, not a list or object`, span);
    const items: Node[] = [];
    const entries = new Map<string, { value: Node; grouped: Node[]; span: Span }>();
    for (const [key, value] of elements) {
      const bindings = new Map(scope.bindings);
      if (expression.keyName !== undefined) bindings.set(expression.keyName, key);
      bindings.set(expression.valueName, value);
      const inner: Scope = { bindings, text: scope.text };
      if (expression.filter) {
        const keep = this.evaluate(expression.filter, inner);
        if (truth(keep) === undefined) return this.unknownOf([keep], span, scope);
        if (!truth(keep)) continue;
      }
      const result = this.evaluate(expression.value, inner);
      if (!expression.key) {
        items.push(result);
        continue;
      }
      const name = textOf(this.evaluate(expression.key, inner));
      if (name === undefined) return unknown(`a key of ${this.describe(span, scope)}`, span);
      // `...`: the values of equal keys grouped in a list, in order.
      const entry = entries.get(name) ?? { value: result, grouped: [], span: result.span };
      entry.value = result;
      entry.grouped.push(result);
      entries.set(name, entry);
      this.bound(entries.size + items.length, span);
    }
    if (!expression.key) return seq(items, span);
    return map(
      [...entries].map(([name, e]): Entry => [name, expression.group ? seq(e.grouped, span) : e.value, e.span]),
      span,
    );
  }

  private call(name: string, args: readonly Expression[], span: Span, scope: Scope): Node {
    // jsonencode(x) is x itself: the document keeps the positions of its parts.
    if (name === 'jsonencode' && args.length === 1) return this.evaluate(args[0], scope);
    if ((name === 'file' || name === 'templatefile') && args.length === (name === 'file' ? 1 : 2)) return this.include(name, args, span, scope);
    const expand = name.endsWith('...');
    const values = args.map((arg) => this.evaluate(arg, scope));
    if (expand) {
      // f(a, list...): the list's elements are the last arguments.
      const last = values.pop();
      if (!last || last.type !== 'seq') return unknown(last && isUnknown(last) ? last.unknown : `${this.describe(span, scope)}`, span);
      values.push(...last.items);
    }
    return callFunction(expand ? name.slice(0, -3) : name, values, span);
  }

  /** file() and templatefile(): the file's text (rendered with the given variables), placed on the call. */
  private include(name: 'file' | 'templatefile', args: readonly Expression[], span: Span, scope: Scope): Node {
    const path = this.evaluate(args[0], scope);
    const reference = textOf(path);
    if (reference === undefined) return unknown(isUnknown(path) ? path.unknown : `${name}(${this.describe(args[0].span, scope)})`, span);
    const read = this.module.include(reference);
    if ('unread' in read) return unknown(`${name}("${reference}") (${read.unread})`, span);
    this.bound(read.text.length, span);
    if (name === 'file') return scalar(read.text, span);
    const variables = this.evaluate(args[1], scope);
    const entries = elementsOf(variables);
    if (!entries || variables.type !== 'map') return unknown(isUnknown(variables) ? variables.unknown : `templatefile("${reference}") variables`, span);
    let template: Expression;
    try {
      template = parseTemplateText(read.text);
    } catch (error) {
      if (!(error instanceof HclSyntaxError)) throw error;
      return unknown(`templatefile("${reference}") (not a valid template: ${error.message})`, span);
    }
    const bindings = new Map(entries.map(([key, value]) => [textOf(key)!, value]));
    const rendered = this.evaluate(template, { bindings, text: read.text });
    return isUnknown(rendered) ? unknown(`templatefile("${reference}"): ${rendered.unknown}`, span) : placedOn(rendered, span);
  }

  /** Checks a value against the size bound (characters of its strings plus its values). */
  private sized(node: Node, span: Span): Node {
    this.bound(this.sizeOf(node), span);
    return node;
  }

  private bound(size: number, span: Span): void {
    if (size > MAX_VALUE_SIZE)
      throw new ValueTooLarge(`a value of more than ${MAX_VALUE_SIZE.toLocaleString('en-US')} characters (no policy is near that size)`, span);
  }

  /** Characters of a value's strings plus its values, each shared part counted where it is used. */
  sizeOf(node: Node): number {
    if (node.type === 'scalar') return typeof node.value === 'string' ? Math.max(1, node.value.length) : 1;
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    let size = 1;
    for (const child of node.type === 'seq' ? node.items : node.entries.map((e) => e.value)) {
      size += this.sizeOf(child);
      if (size > MAX_VALUE_SIZE) break;
    }
    this.sizes.set(node, size);
    return size;
  }
}
