import type { Span } from '../tree';
import type { Attribute, BinaryOperator, Block, Body, Expression, ObjectItem, TemplatePiece } from './hcl-ast';
import { HclSyntaxError, templateParts, tokenize, type TemplatePart, type Token } from './hcl-lexer';

export type { Attribute, Block, Body, Expression } from './hcl-ast';

/** Deeper than any configuration nests; keeps the recursive parser and evaluator far from the stack limit. */
const MAX_DEPTH = 100;

/** Binary operators by precedence, lowest first (HCL spec, "Operations"). */
const LEVELS: readonly (readonly BinaryOperator[])[] = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

/**
 * Parses the `.tf` text between `start` and `end` of `text` (a module's files are one text); positions
 * are offsets in `text`. Every expression of the native syntax is parsed; what the reader cannot evaluate
 * becomes an unknown value later, never a syntax error. Throws HclSyntaxError.
 */
export function parseHcl(text: string, start = 0, end = text.length): Body {
  const parser = new Parser(tokenize(text, start, end), text);
  const body = parser.body(false, 0);
  parser.expect('eof');
  return body;
}

/**
 * The text between `start` and `end` as a template (a `templatefile()` file, a `.tf.json` string), offsets
 * in `text`. Throws HclSyntaxError.
 */
export function parseTemplateText(text: string, start = 0, end = text.length, span: Span = [start, end]): Expression {
  return { kind: 'template', parts: templatePieces(templateParts(text, start, end), text, 0), span };
}

/** Template parts as pieces: interpolations parsed; `~` strip markers remove the whitespace next to them. */
function templatePieces(parts: readonly TemplatePart[], text: string, depth: number): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let stripNext = false;
  for (const part of parts) {
    if ('literal' in part) {
      const literal = stripNext ? part.literal.replace(/^\s+/, '') : part.literal;
      pieces.push({ literal, span: part.span });
      stripNext = false;
      continue;
    }
    const [open, close] = 'interpolation' in part ? part.interpolation : [part.directive[0] + 2, part.directive[1] - 1];
    const stripBefore = text[open] === '~';
    stripNext = text[close - 1] === '~';
    const previous = pieces[pieces.length - 1];
    if (stripBefore && previous && 'literal' in previous) previous.literal = previous.literal.replace(/\s+$/, '');
    if ('directive' in part) {
      pieces.push({ directive: true, span: part.directive });
      continue;
    }
    const inner = new Parser(tokenize(text, stripBefore ? open + 1 : open, stripNext ? close - 1 : close), text, false);
    const expression = inner.expression(depth + 1);
    inner.expect('eof');
    pieces.push({ interpolation: expression, span: [open - 2, close + 1] });
  }
  return pieces.filter((p) => !('literal' in p) || p.literal !== '');
}

type Ident = Extract<Token, { type: 'ident' }>;

class Parser {
  private position = 0;
  /** Whether a line break ends what is being parsed: yes in bodies and object constructors, no inside (), [] and templates. */
  private readonly newlines: boolean[];

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
    newlinesCount = true,
  ) {
    this.newlines = [newlinesCount];
  }

  private get token(): Token {
    if (!this.newlines[this.newlines.length - 1]) while (this.tokens[this.position].type === 'newline') this.position++;
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.token;
    this.position++;
    return token;
  }

  private isPunct(value: string, token = this.token): boolean {
    return token.type === 'punct' && token.value === value;
  }

  private isIdent(value: string, token = this.token): boolean {
    return token.type === 'ident' && token.value === value;
  }

  private peek(ahead: number): Token {
    let index = this.position;
    for (let seen = 0; ; index++) {
      const token = this.tokens[index];
      if (token.type === 'eof') return token;
      if (token.type === 'newline' && !this.newlines[this.newlines.length - 1]) continue;
      if (seen++ === ahead) return token;
    }
  }

  private within<T>(newlinesCount: boolean, parse: () => T): T {
    this.newlines.push(newlinesCount);
    try {
      return parse();
    } finally {
      this.newlines.pop();
    }
  }

  expect(type: Token['type'], value?: string): Token {
    const token = this.token;
    if (token.type !== type || (value !== undefined && !this.isPunct(value) && !this.isIdent(value)))
      throw new HclSyntaxError(`expected ${value ?? type}, found ${describe(token, this.text)}`, token.span[0]);
    this.position++;
    return token;
  }

  private atEnd(): boolean {
    return this.token.type === 'eof';
  }

  private skipNewlines(): void {
    while (this.tokens[this.position].type === 'newline') this.position++;
  }

  body(inBlock: boolean, depth: number): Body {
    const body: Body = { attributes: [], blocks: [] };
    for (;;) {
      this.skipNewlines();
      if (this.atEnd() || (inBlock && this.isPunct('}'))) return body;
      const name = this.expect('ident') as Ident;
      if (this.isPunct('=')) {
        this.position++;
        body.attributes.push({ name: name.value, nameSpan: name.span, value: this.expression(depth + 1) } satisfies Attribute);
        // The attribute ends the line (or the block / file).
        if (!this.atEnd() && !(inBlock && this.isPunct('}'))) this.expect('newline');
        continue;
      }
      const labels: string[] = [];
      while (this.token.type === 'string' || this.token.type === 'ident') {
        const label = this.next();
        labels.push(label.type === 'ident' ? label.value : label.type === 'string' ? label.parts.map((p) => ('literal' in p ? p.literal : '')).join('') : '');
      }
      this.expect('punct', '{');
      if (depth > MAX_DEPTH) throw new HclSyntaxError('nested too deeply', name.span[0]);
      const inner = this.body(true, depth + 1);
      const close = this.expect('punct', '}');
      body.blocks.push({ type: name.value, labels, span: [name.span[0], close.span[1]], body: inner } satisfies Block);
    }
  }

  /** An expression: a conditional, operations, or a term with its traversals. */
  expression(depth: number): Expression {
    if (depth > MAX_DEPTH) throw new HclSyntaxError('nested too deeply', this.token.span[0]);
    const condition = this.binary(0, depth);
    if (!this.isPunct('?')) return condition;
    this.position++;
    const then = this.expression(depth + 1);
    this.expect('punct', ':');
    const otherwise = this.expression(depth + 1);
    return { kind: 'conditional', condition, then, otherwise, span: [condition.span[0], otherwise.span[1]] };
  }

  private binary(level: number, depth: number): Expression {
    if (level === LEVELS.length) return this.unary(depth);
    let left = this.binary(level + 1, depth);
    for (let chained = 0; ; chained++) {
      const token = this.token;
      const operator = token.type === 'punct' ? LEVELS[level].find((op) => op === token.value) : undefined;
      if (!operator) return left;
      if (depth + chained > MAX_DEPTH) throw new HclSyntaxError('nested too deeply', token.span[0]);
      this.position++;
      const right = this.binary(level + 1, depth + 1);
      left = { kind: 'binary', operator, left, right, span: [left.span[0], right.span[1]] };
    }
  }

  private unary(depth: number): Expression {
    const token = this.token;
    if (this.isPunct('-') || this.isPunct('!')) {
      if (depth > MAX_DEPTH) throw new HclSyntaxError('nested too deeply', token.span[0]);
      this.position++;
      const operand = this.unary(depth + 1);
      return { kind: 'unary', operator: (token as { value: '-' | '!' }).value, operand, span: [token.span[0], operand.span[1]] };
    }
    return this.postfix(this.primary(depth), depth);
  }

  /** Attribute access, indexes and splats after a term. */
  private postfix(target: Expression, depth: number): Expression {
    for (;;) {
      const after = this.peek(1);
      if (this.isPunct('.') && (after.type === 'ident' || after.type === 'number')) {
        this.position += 2;
        const name = after.type === 'ident' ? after.value : String(after.value);
        target =
          target.kind === 'traversal'
            ? { kind: 'traversal', path: [...target.path, name], span: [target.span[0], after.span[1]] }
            : after.type === 'number'
              ? { kind: 'index', target, key: { kind: 'literal', value: after.value, span: after.span }, span: [target.span[0], after.span[1]] }
              : { kind: 'attribute', target, name, span: [target.span[0], after.span[1]] };
      } else if ((this.isPunct('.') && this.isPunct('*', after)) || (this.isPunct('[') && this.isPunct('*', after) && this.isPunct(']', this.peek(2)))) {
        const full = this.isPunct('[');
        this.position += full ? 3 : 2;
        target = this.splat(target, full);
      } else if (this.isPunct('[')) {
        this.position++;
        const key = this.within(false, () => this.expression(depth + 1));
        const close = this.expect('punct', ']');
        const literal = literalKey(key);
        target =
          target.kind === 'traversal' && literal !== undefined
            ? { kind: 'traversal', path: [...target.path, literal], span: [target.span[0], close.span[1]] }
            : { kind: 'index', target, key, span: [target.span[0], close.span[1]] };
      } else return target;
    }
  }

  /** The names and literal keys after `[*]` (or `.*`, names only) that apply to each element. */
  private splat(target: Expression, full: boolean): Expression {
    const path: string[] = [];
    let end = this.tokens[this.position - 1].span[1];
    for (;;) {
      const after = this.peek(1);
      if (this.isPunct('.') && after.type === 'ident') {
        path.push(after.value);
        end = after.span[1];
        this.position += 2;
      } else if (full && this.isPunct('[') && (after.type === 'number' || after.type === 'string') && this.isPunct(']', this.peek(2))) {
        const key = after.type === 'number' ? String(after.value) : after.parts.map((p) => ('literal' in p ? p.literal : '')).join('');
        path.push(key);
        end = this.peek(2).span[1];
        this.position += 3;
      } else break;
    }
    return { kind: 'splat', target, path, span: [target.span[0], end] };
  }

  private primary(depth: number): Expression {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'literal', value: token.value, span: token.span };
      case 'string':
      case 'heredoc':
        return { kind: 'template', parts: templatePieces(token.parts, this.text, depth), span: token.span };
      case 'ident':
        if (['true', 'false', 'null'].includes(token.value))
          return { kind: 'literal', value: token.value === 'null' ? null : token.value === 'true', span: token.span };
        if (this.isPunct('(')) return this.call(token, depth);
        if (token.value === 'provider' && this.isPunct(':') && this.isPunct(':', this.peek(1))) return this.call(this.providerFunction(token), depth);
        return { kind: 'traversal', path: [token.value], span: token.span };
      case 'punct':
        if (token.value === '[') return this.within(false, () => this.tuple(token.span[0], depth));
        if (token.value === '{') return this.within(true, () => this.object(token.span[0], depth));
        if (token.value === '(') {
          const inner = this.within(false, () => {
            const expression = this.expression(depth + 1);
            this.expect('punct', ')');
            return expression;
          });
          return inner;
        }
        break;
    }
    throw new HclSyntaxError(`unexpected ${describe(token, this.text)}`, token.span[0]);
  }

  private call(name: Ident, depth: number): Expression {
    return this.within(false, () => {
      this.expect('punct', '(');
      const args: Expression[] = [];
      let expand = false;
      while (!this.isPunct(')')) {
        args.push(this.expression(depth + 1));
        if (this.isPunct('...')) {
          this.position++;
          expand = true;
        }
        if (this.isPunct(',')) this.position++;
        else break;
      }
      const close = this.expect('punct', ')');
      const span: Span = [name.span[0], close.span[1]];
      // `f(list...)`: the list's elements are the last arguments.
      return expand ? { kind: 'call', name: `${name.value}...`, args, span } : { kind: 'call', name: name.value, args, span };
    });
  }

  /** `provider::<provider>::<function>` (provider-defined functions): its name as one identifier. */
  private providerFunction(first: Ident): Ident {
    let name = first.value;
    let end = first.span[1];
    while (this.isPunct(':') && this.isPunct(':', this.peek(1)) && this.peek(2).type === 'ident') {
      const part = this.peek(2) as Ident;
      name += `::${part.value}`;
      end = part.span[1];
      this.position += 3;
    }
    return { type: 'ident', value: name, span: [first.span[0], end] };
  }

  private isForIntro(): boolean {
    return this.isIdent('for') && this.peek(1).type === 'ident';
  }

  private tuple(start: number, depth: number): Expression {
    if (this.isForIntro()) return this.forExpression(start, depth, false);
    const items: Expression[] = [];
    while (!this.isPunct(']')) {
      items.push(this.expression(depth + 1));
      if (this.isPunct(',')) this.position++;
      else break;
    }
    const close = this.expect('punct', ']');
    return { kind: 'tuple', items, span: [start, close.span[1]] };
  }

  private object(start: number, depth: number): Expression {
    this.skipNewlines();
    if (this.isForIntro()) return this.within(false, () => this.forExpression(start, depth, true));
    const items: ObjectItem[] = [];
    while (!this.isPunct('}')) {
      const keyStart = this.token.span[0];
      const written = this.postfix(this.primary(depth + 1), depth + 1);
      // A bare name is the key itself; `(expr)` and templates are evaluated.
      const key: Expression =
        written.kind === 'traversal' && written.path.length === 1 && this.text[keyStart] !== '('
          ? { kind: 'literal', value: written.path[0], span: written.span }
          : written;
      if (this.isPunct('=') || this.isPunct(':')) this.position++;
      else throw new HclSyntaxError(`expected = or : after an object key, found ${describe(this.token, this.text)}`, this.token.span[0]);
      items.push({ key, keySpan: [keyStart, written.span[1]], value: this.expression(depth + 1) });
      if (this.isPunct(',')) this.position++;
      else if (this.token.type !== 'newline' && !this.isPunct('}'))
        throw new HclSyntaxError(`expected a comma or a line break, found ${describe(this.token, this.text)}`, this.token.span[0]);
      this.skipNewlines();
    }
    const close = this.expect('punct', '}');
    return { kind: 'object', items, span: [start, close.span[1]] };
  }

  /** `for k, v in collection : …` up to the closing bracket. */
  private forExpression(start: number, depth: number, object: boolean): Expression {
    this.position++; // for
    const first = (this.expect('ident') as Ident).value;
    let second: string | undefined;
    if (this.isPunct(',')) {
      this.position++;
      second = (this.expect('ident') as Ident).value;
    }
    this.expect('ident', 'in');
    const collection = this.expression(depth + 1);
    this.expect('punct', ':');
    const key = object ? this.expression(depth + 1) : undefined;
    if (object) this.expect('punct', '=>');
    const value = this.expression(depth + 1);
    let group = false;
    if (object && this.isPunct('...')) {
      this.position++;
      group = true;
    }
    let filter: Expression | undefined;
    if (this.isIdent('if')) {
      this.position++;
      filter = this.expression(depth + 1);
    }
    const close = this.expect('punct', object ? '}' : ']');
    return {
      kind: 'for',
      ...(second !== undefined ? { keyName: first, valueName: second } : { valueName: first }),
      collection,
      ...(key && { key }),
      value,
      group,
      ...(filter && { filter }),
      span: [start, close.span[1]],
    };
  }
}

/** A literal index (`[0]`, `["name"]`) as a path step; undefined for a computed one. */
function literalKey(key: Expression): string | undefined {
  if (key.kind === 'literal' && key.value !== null) return String(key.value);
  if (key.kind === 'template' && key.parts.every((p) => 'literal' in p)) return key.parts.map((p) => ('literal' in p ? p.literal : '')).join('');
  return undefined;
}

function describe(token: Token, text: string): string {
  if (token.type === 'eof') return 'the end of the file';
  if (token.type === 'newline') return 'a line break';
  return `"${text.slice(token.span[0], Math.min(token.span[1], token.span[0] + 20))}"`;
}
