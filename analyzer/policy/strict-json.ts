import type { Node } from 'jsonc-parser';

/**
 * A fast path for well-formed JSON: builds the same syntax tree as jsonc-parser's `parseTree` (same nodes,
 * offsets, lengths, values, parents and colon offsets) about three times faster, or returns undefined at the
 * first thing it does not take — a syntax error, whitespace other than JSON's four, a control character in
 * a string, nesting deeper than `maxDepth`. Callers then parse with jsonc-parser, which reports the problem:
 * this parser decides no error message, so every message stays jsonc-parser's.
 */
export function parseStrictJson(text: string, maxDepth: number): Node | undefined {
  const parser = new StrictJsonParser(text, maxDepth);
  parser.skipWhitespace();
  const root: Building | undefined = parser.value(undefined);
  if (!root) return undefined;
  parser.skipWhitespace();
  if (parser.pos !== text.length) return undefined;
  // jsonc-parser's root has no `parent` property at all.
  delete root.parent;
  return root;
}

/** A node while it is built (jsonc-parser's Node is read-only). */
type Building = { -readonly [K in keyof Node]: Node[K] };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const WHITESPACE = /[ \n\r\t]*/y;
const NUMBER_PATTERN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPED: Record<number, string> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };

/**
 * A cursor over JSON text: whitespace, strings (decoded) and numbers as JSON writes them. Shared by the strict
 * tree builder and the policy reader that reads well-formed policies without a tree (direct-read.ts).
 */
export class JsonScanner {
  pos = 0;

  constructor(readonly text: string) {}

  skipWhitespace(): void {
    const ch = this.text.charCodeAt(this.pos);
    if (ch !== 0x20 && ch !== 0x0a && ch !== 0x0d && ch !== 0x09) return;
    // Runs of indentation are skipped by the regular-expression engine (machine code after its first use):
    // a loop over them would run unoptimized for most of a cold start.
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.test(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  /** The length of the JSON number at `pos`, or 0 when none starts there. */
  numberLength(): number {
    NUMBER_PATTERN.lastIndex = this.pos;
    const match = NUMBER_PATTERN.exec(this.text);
    return match ? match[0].length : 0;
  }

  /** The string starting at `pos` (its opening quote), decoded, with `pos` moved past its closing quote. */
  string(): string | undefined {
    const { text } = this;
    let pos = this.pos + 1;
    let chunkStart = pos;
    let decoded = '';
    for (;;) {
      const ch = text.charCodeAt(pos);
      if (ch === QUOTE) break;
      // NaN past the end; control characters are errors in JSON strings.
      if (!(ch >= 0x20)) return undefined;
      if (ch === BACKSLASH) {
        decoded += text.slice(chunkStart, pos);
        const escape = text.charCodeAt(pos + 1);
        if (escape === 0x75 /* u */) {
          const hex = text.slice(pos + 2, pos + 6);
          if (!HEX4.test(hex)) return undefined;
          decoded += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else {
          const character = ESCAPED[escape];
          if (character === undefined) return undefined;
          decoded += character;
          pos += 2;
        }
        chunkStart = pos;
      } else pos++;
    }
    this.pos = pos + 1;
    return decoded + text.slice(chunkStart, pos);
  }
}

class StrictJsonParser extends JsonScanner {
  private depth = 0;

  constructor(
    text: string,
    private readonly maxDepth: number,
  ) {
    super(text);
  }

  /** The value at `pos` (no whitespace before it), with `pos` moved past it; undefined when not well-formed. */
  value(parent: Node | undefined): Node | undefined {
    const { text } = this;
    const start = this.pos;
    const ch = text.charCodeAt(start);
    if (ch === QUOTE) {
      const value = this.string();
      return value === undefined ? undefined : literal('string', start, this.pos - start, parent, value);
    }
    if (ch === 0x7b /* { */) return this.object(parent);
    if (ch === 0x5b /* [ */) return this.array(parent);
    if (ch === 0x74 /* t */ && text.startsWith('true', start)) return this.keyword('boolean', 4, parent, true);
    if (ch === 0x66 /* f */ && text.startsWith('false', start)) return this.keyword('boolean', 5, parent, false);
    if (ch === 0x6e /* n */ && text.startsWith('null', start)) return this.keyword('null', 4, parent, null);
    if (ch === 0x2d /* - */ || (ch >= 0x30 && ch <= 0x39)) {
      const length = this.numberLength();
      if (length === 0) return undefined;
      this.pos = start + length;
      return literal('number', start, length, parent, Number(text.slice(start, start + length)));
    }
    return undefined;
  }

  private keyword(type: 'boolean' | 'null', length: number, parent: Node | undefined, value: boolean | null): Node {
    const start = this.pos;
    this.pos += length;
    return literal(type, start, length, parent, value);
  }

  private object(parent: Node | undefined): Node | undefined {
    return this.collection('object', parent, 0x7d /* } */, this.property);
  }

  private array(parent: Node | undefined): Node | undefined {
    return this.collection('array', parent, 0x5d /* ] */, this.element);
  }

  /** An object or array: its members, read by `member`, separated by commas up to `close`. */
  private collection(type: 'object' | 'array', parent: Node | undefined, close: number, member: (node: Node) => Node | undefined): Node | undefined {
    if (++this.depth > this.maxDepth) return undefined;
    const { text } = this;
    const node = container(type, this.pos, parent);
    const children = node.children!;
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== close) {
      for (;;) {
        const child = member(node);
        if (!child) return undefined;
        children.push(child);
        this.skipWhitespace();
        const next = text.charCodeAt(this.pos);
        if (next === close) break;
        if (next !== 0x2c /* , */) return undefined;
        this.pos++;
        this.skipWhitespace();
      }
    }
    this.pos++;
    node.length = this.pos - node.offset;
    this.depth--;
    return node;
  }

  private readonly element = (array: Node): Node | undefined => this.value(array);

  /** `"key": value`, as jsonc-parser's property node (the key a string node, the colon's offset kept). */
  private readonly property = (object: Node): Node | undefined => {
    const { text } = this;
    const keyStart = this.pos;
    if (text.charCodeAt(keyStart) !== QUOTE) return undefined;
    const name = this.string();
    if (name === undefined) return undefined;
    const property: Building = { type: 'property', offset: keyStart, length: -1, parent: object, children: [], colonOffset: -1 };
    property.children!.push({ type: 'string', value: name, offset: keyStart, length: this.pos - keyStart, parent: property });
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== 0x3a /* : */) return undefined;
    property.colonOffset = this.pos++;
    this.skipWhitespace();
    const value = this.value(property);
    if (!value) return undefined;
    property.children!.push(value);
    property.length = this.pos - keyStart;
    return property;
  };
}

function literal(type: 'string' | 'number' | 'boolean' | 'null', offset: number, length: number, parent: Node | undefined, value: unknown): Node {
  return { type, offset, length, parent, value };
}

function container(type: 'object' | 'array', offset: number, parent: Node | undefined): Building {
  return { type, offset, length: -1, parent, children: [] };
}
