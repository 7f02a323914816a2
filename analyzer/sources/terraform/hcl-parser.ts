import type { Span } from '../tree';
import { HclSyntaxError, tokenize, type TemplatePart, type Token } from './hcl-lexer';

/** HCL expressions as far as policies need them; anything else (operators, `for`, conditionals) is opaque. */
export type Expression =
  | { kind: 'literal'; value: string | number | boolean | null; span: Span }
  | { kind: 'template'; parts: TemplatePart[]; span: Span }
  | { kind: 'tuple'; items: Expression[]; span: Span }
  | { kind: 'object'; items: Array<{ key: string; keySpan: Span; value: Expression }>; span: Span }
  | { kind: 'traversal'; path: string[]; span: Span }
  | { kind: 'call'; name: string; args: Expression[]; span: Span }
  | { kind: 'opaque'; span: Span };

export interface Attribute {
  name: string;
  nameSpan: Span;
  value: Expression;
}

export interface Block {
  type: string;
  labels: string[];
  span: Span;
  body: Body;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

const MAX_DEPTH = 100;

/** Parses a `.tf` file (or an interpolation inside one); positions are offsets in `text`. Throws HclSyntaxError. */
export function parseHcl(text: string): Body {
  const parser = new Parser(tokenize(text), text);
  const body = parser.body(false);
  parser.expect('eof');
  return body;
}

/** The expression inside `${…}` at `span` of `text`. */
export function parseInterpolation(text: string, span: Span): Expression {
  const parser = new Parser(tokenize(text, span[0], span[1]), text);
  parser.skipNewlines();
  const expression = parser.expression(0, true);
  parser.skipNewlines();
  parser.expect('eof');
  return expression;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  private get token(): Token {
    return this.tokens[this.position];
  }

  private isPunct(value: string, token = this.token): boolean {
    return token.type === 'punct' && token.value === value;
  }

  expect(type: Token['type'], value?: string): Token {
    const token = this.token;
    if (token.type !== type || (value !== undefined && !this.isPunct(value)))
      throw new HclSyntaxError(`expected ${value ?? type}, found ${describe(token, this.text)}`, token.span[0]);
    this.position++;
    return token;
  }

  private atType(type: Token['type']): boolean {
    return this.token.type === type;
  }

  skipNewlines(): void {
    while (this.token.type === 'newline') this.position++;
  }

  body(inBlock: boolean, depth = 0): Body {
    const body: Body = { attributes: [], blocks: [] };
    for (;;) {
      this.skipNewlines();
      if (this.token.type === 'eof' || (inBlock && this.isPunct('}'))) return body;
      const name = this.expect('ident') as Extract<Token, { type: 'ident' }>;
      if (this.isPunct('=')) {
        this.position++;
        body.attributes.push({ name: name.value, nameSpan: name.span, value: this.expression(depth + 1, false) });
        // The attribute ends the line (or the block / file).
        if (!this.atType('eof') && !(inBlock && this.isPunct('}'))) this.expect('newline');
        continue;
      }
      const labels: string[] = [];
      while (this.token.type === 'string' || this.token.type === 'ident') {
        const label = this.token;
        labels.push(label.type === 'ident' ? label.value : label.parts.map((p) => ('literal' in p ? p.literal : '')).join(''));
        this.position++;
      }
      this.expect('punct', '{');
      if (depth > MAX_DEPTH) throw new HclSyntaxError('nested too deeply', name.span[0]);
      const inner = this.body(true, depth + 1);
      const close = this.expect('punct', '}');
      body.blocks.push({ type: name.value, labels, span: [name.span[0], close.span[1]], body: inner });
    }
  }

  /** An expression; inside brackets and parentheses newlines do not end it. */
  expression(depth: number, nested: boolean): Expression {
    if (depth > MAX_DEPTH) throw new HclSyntaxError('nested too deeply', this.token.span[0]);
    const start = this.token.span[0];
    const primary = this.primary(depth);
    if (this.atEnd(nested)) return primary;
    // Operators, conditionals and the like: skipped to the end of the expression, value unknown.
    let bracketDepth = 0;
    while (this.token.type !== 'eof' && (bracketDepth > 0 || !this.atEnd(nested))) {
      if (this.token.type === 'punct' && ['(', '[', '{'].includes(this.token.value)) bracketDepth++;
      if (this.token.type === 'punct' && [')', ']', '}'].includes(this.token.value)) bracketDepth--;
      this.position++;
    }
    return { kind: 'opaque', span: [start, this.tokens[this.position - 1].span[1]] };
  }

  private atEnd(nested: boolean): boolean {
    const token = this.token;
    return token.type === 'eof' || (!nested && token.type === 'newline') || (token.type === 'punct' && [',', ')', ']', '}'].includes(token.value));
  }

  private primary(depth: number): Expression {
    const token = this.token;
    this.position++;
    switch (token.type) {
      case 'number':
        return { kind: 'literal', value: token.value, span: token.span };
      case 'string':
      case 'heredoc':
        return { kind: 'template', parts: token.parts, span: token.span };
      case 'ident': {
        if (['true', 'false', 'null'].includes(token.value))
          return { kind: 'literal', value: token.value === 'null' ? null : token.value === 'true', span: token.span };
        if (this.isPunct('(')) return this.call(token, depth);
        return this.traversal(token);
      }
      case 'punct':
        if (token.value === '[') return this.tuple(token.span[0], depth);
        if (token.value === '{') return this.object(token.span[0], depth);
        if (token.value === '(') {
          this.skipNewlines();
          const inner = this.expression(depth + 1, true);
          this.skipNewlines();
          this.expect('punct', ')');
          return inner;
        }
        break;
    }
    throw new HclSyntaxError(`unexpected ${describe(token, this.text)}`, token.span[0]);
  }

  private call(name: Extract<Token, { type: 'ident' }>, depth: number): Expression {
    this.expect('punct', '(');
    const args: Expression[] = [];
    this.skipNewlines();
    while (!this.isPunct(')')) {
      args.push(this.expression(depth + 1, true));
      this.skipNewlines();
      if (this.isPunct(',') || this.isPunct('...')) this.position++;
      this.skipNewlines();
    }
    const close = this.expect('punct', ')');
    return { kind: 'call', name: name.value, args, span: [name.span[0], close.span[1]] };
  }

  private traversal(first: Extract<Token, { type: 'ident' }>): Expression {
    const path = [first.value];
    let end = first.span[1];
    for (;;) {
      if (
        this.isPunct('.') &&
        (this.tokens[this.position + 1].type === 'ident' ||
          this.tokens[this.position + 1].type === 'number' ||
          this.isPunct('*', this.tokens[this.position + 1]))
      ) {
        const part = this.tokens[this.position + 1];
        path.push(part.type === 'ident' ? part.value : part.type === 'number' ? String(part.value) : '*');
        end = part.span[1];
        this.position += 2;
      } else if (this.isPunct('[')) {
        this.position++;
        const index = this.expression(0, true);
        const close = this.expect('punct', ']');
        path.push(
          index.kind === 'literal'
            ? String(index.value)
            : index.kind === 'template' && index.parts.every((p) => 'literal' in p)
              ? index.parts.map((p) => ('literal' in p ? p.literal : '')).join('')
              : '*',
        );
        end = close.span[1];
      } else break;
    }
    return { kind: 'traversal', path, span: [first.span[0], end] };
  }

  private tuple(start: number, depth: number): Expression {
    const items: Expression[] = [];
    this.skipNewlines();
    while (!this.isPunct(']')) {
      items.push(this.expression(depth + 1, true));
      this.skipNewlines();
      if (this.isPunct(',')) this.position++;
      this.skipNewlines();
    }
    const close = this.expect('punct', ']');
    return { kind: 'tuple', items, span: [start, close.span[1]] };
  }

  private object(start: number, depth: number): Expression {
    const items: Array<{ key: string; keySpan: Span; value: Expression }> = [];
    this.skipNewlines();
    while (!this.isPunct('}')) {
      const keyToken = this.token;
      const key =
        keyToken.type === 'ident'
          ? keyToken.value
          : keyToken.type === 'string' && keyToken.parts.every((p) => 'literal' in p)
            ? keyToken.parts.map((p) => ('literal' in p ? p.literal : '')).join('')
            : undefined;
      if (key === undefined) throw new HclSyntaxError(`unsupported object key ${describe(keyToken, this.text)}`, keyToken.span[0]);
      this.position++;
      if (this.isPunct('=') || this.isPunct(':')) this.position++;
      else throw new HclSyntaxError(`expected = or : after the key "${key}"`, this.token.span[0]);
      items.push({ key, keySpan: keyToken.span, value: this.expression(depth + 1, false) });
      if (this.isPunct(',')) this.position++;
      this.skipNewlines();
    }
    const close = this.expect('punct', '}');
    return { kind: 'object', items, span: [start, close.span[1]] };
  }
}

function describe(token: Token, text: string): string {
  if (token.type === 'eof') return 'the end of the file';
  if (token.type === 'newline') return 'a line break';
  return `"${text.slice(token.span[0], Math.min(token.span[1], token.span[0] + 20))}"`;
}
