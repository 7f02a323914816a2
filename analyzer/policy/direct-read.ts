import grammar from '../../schemas/policy-grammar.schema.json';
import type { LineIndex } from '../source/range';
import type { ElementList, Located, ParsedCondition, ParsedPolicy, ParsedStatement } from './model';
import { JsonScanner } from './strict-json';

const EFFECTS = grammar.definitions.Statement.properties.Effect.enum as string[];
const VERSIONS = ['2012-10-17', '2008-10-17'];
const QUOTE = 0x22;

/** Thrown (and caught in readPolicyDirectly) at the first thing the direct reader leaves to the full parser. */
const NOT_PLAIN = Symbol('not a plain policy');

/**
 * Reads a policy AWS would accept as written — well-formed JSON, only the elements it knows, each once and
 * of its type, every statement with an Effect, an Action and a Resource — straight from its text, with no
 * syntax tree: nearly every policy a repository holds. Returns undefined at the first thing that is not so
 * (a syntax error, an unknown or repeated element, a wrong type, an empty list, a repeated Sid…): the full
 * parser then reads the document and reports its problems. What it returns is exactly what the full parser
 * builds for such a policy (same values, same ranges; test/analyzer/direct-read.test.ts), less the tree.
 */
export function readPolicyDirectly(lines: LineIndex): ParsedPolicy | undefined {
  const reader = new DirectReader(lines);
  try {
    return reader.policy();
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

class DirectReader extends JsonScanner {
  constructor(private readonly lines: LineIndex) {
    super(lines.text);
  }

  private fail(): never {
    throw NOT_PLAIN;
  }

  private expect(ch: number): void {
    if (this.text.charCodeAt(this.pos) !== ch) this.fail();
    this.pos++;
    this.skipWhitespace();
  }

  /** A string at `pos` as a Located value (its range includes the quotes), whitespace after it skipped. */
  private located(): Located<string> {
    const start = this.pos;
    if (this.text.charCodeAt(start) !== QUOTE) this.fail();
    const value = this.string();
    if (value === undefined) this.fail();
    const located = { value, range: this.lines.range(start, this.pos - start) };
    this.skipWhitespace();
    return located;
  }

  /** An object's key and its colon. */
  private key(): Located<string> {
    const key = this.located();
    this.expect(0x3a /* : */);
    return key;
  }

  /** After a member: true when another follows (a comma was read), false at the closing `close`. */
  private more(close: number): boolean {
    const ch = this.text.charCodeAt(this.pos);
    this.pos++;
    this.skipWhitespace();
    if (ch === 0x2c /* , */) return true;
    if (ch !== close) this.fail();
    return false;
  }

  policy(): ParsedPolicy {
    const { lines } = this;
    const policy: ParsedPolicy = { file: lines.file, text: lines.text, lines, statements: [], problems: [] };
    this.skipWhitespace();
    this.expect(0x7b /* { */);
    let seen = 0;
    if (this.text.charCodeAt(this.pos) === 0x7d /* } */) this.fail();
    do {
      const key = this.key();
      const bit = key.value === 'Version' ? 1 : key.value === 'Id' ? 2 : key.value === 'Statement' ? 4 : this.fail();
      if (seen & bit) this.fail();
      seen |= bit;
      if (bit === 4) {
        policy.statementKey = key;
        this.statements(policy.statements);
      } else {
        const value = this.located();
        if (bit === 1) {
          if (!VERSIONS.includes(value.value)) this.fail();
          policy.version = value;
        }
      }
    } while (this.more(0x7d /* } */));
    if (this.pos !== this.text.length || !(seen & 4)) this.fail();
    const sids = new Set<string>();
    for (const { sid } of policy.statements) {
      if (!sid) continue;
      if (sids.has(sid.value)) this.fail();
      sids.add(sid.value);
    }
    return policy;
  }

  private statements(into: ParsedStatement[]): void {
    if (this.text.charCodeAt(this.pos) !== 0x5b /* [ */) {
      into.push(this.statement(0));
      return;
    }
    this.expect(0x5b);
    if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) this.fail();
    do into.push(this.statement(into.length));
    while (this.more(0x5d /* ] */));
  }

  private statement(index: number): ParsedStatement {
    const start = this.pos;
    this.expect(0x7b /* { */);
    if (this.text.charCodeAt(this.pos) === 0x7d /* } */) this.fail();
    let sid: Located<string> | undefined;
    let effect: Located<string> | undefined;
    let actions: ElementList | undefined;
    let resources: ElementList | undefined;
    let conditions: ParsedCondition[] | undefined;
    do {
      const key = this.key();
      switch (key.value) {
        case 'Sid':
          if (sid) this.fail();
          sid = this.located();
          break;
        case 'Effect':
          if (effect) this.fail();
          effect = this.located();
          if (!EFFECTS.includes(effect.value)) this.fail();
          break;
        case 'Action':
        case 'NotAction':
          if (actions) this.fail();
          actions = this.list(key);
          break;
        case 'Resource':
        case 'NotResource':
          if (resources) this.fail();
          resources = this.list(key);
          break;
        case 'Condition':
          if (conditions) this.fail();
          conditions = this.conditions();
          break;
        default:
          this.fail();
      }
    } while (this.more(0x7d /* } */));
    if (!effect || !actions || !resources) this.fail();
    const statement: ParsedStatement = { index, range: this.lines.range(start, this.trimmedEnd() - start), conditions: conditions ?? [], wellFormed: true };
    if (sid) statement.sid = sid;
    statement.effect = effect;
    statement.actions = actions;
    statement.resources = resources;
    return statement;
  }

  /** Action/NotAction/Resource/NotResource: one string, or a non-empty list of strings. */
  private list(key: Located<string>): ElementList {
    const start = this.pos;
    let values: Located<string>[];
    if (this.text.charCodeAt(start) === 0x5b /* [ */) {
      this.expect(0x5b);
      if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) this.fail();
      values = [];
      do values.push(this.located());
      while (this.more(0x5d /* ] */));
      // A list of exactly its length: the parsed policy keeps it (a list grown by push keeps spare room).
      values = values.slice();
    } else values = [this.located()];
    return { key, negated: key.value.startsWith('Not'), values, valueRange: this.lines.range(start, this.trimmedEnd() - start) };
  }

  /** Where the value just read ends, before the whitespace skipped after it. */
  private trimmedEnd(): number {
    let end = this.pos;
    while (isWhitespace(this.text.charCodeAt(end - 1))) end--;
    return end;
  }

  /** `{ operator: { key: value or values } }`: each operator and each key once, values strings, numbers or booleans. */
  private conditions(): ParsedCondition[] {
    const conditions: ParsedCondition[] = [];
    const operators = new Set<string>();
    this.expect(0x7b /* { */);
    if (this.text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      this.skipWhitespace();
      return conditions;
    }
    do {
      const operator = this.key();
      if (operators.has(operator.value)) this.fail();
      operators.add(operator.value);
      const keys = new Set<string>();
      this.expect(0x7b /* { */);
      if (this.text.charCodeAt(this.pos) === 0x7d /* } */) {
        this.pos++;
        this.skipWhitespace();
      } else
        do {
          const key = this.key();
          if (keys.has(key.value)) this.fail();
          keys.add(key.value);
          conditions.push({ operator, key, values: this.conditionValues() });
        } while (this.more(0x7d /* } */));
    } while (this.more(0x7d /* } */));
    return conditions.slice();
  }

  private conditionValues(): Located<string>[] {
    if (this.text.charCodeAt(this.pos) !== 0x5b /* [ */) return [this.conditionValue()];
    this.expect(0x5b);
    const values: Located<string>[] = [];
    if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      this.skipWhitespace();
      return values;
    }
    do values.push(this.conditionValue());
    while (this.more(0x5d /* ] */));
    return values.slice();
  }

  /** A string (decoded), or a number or boolean as its JSON text (IAM compares their text). */
  private conditionValue(): Located<string> {
    const { text } = this;
    const start = this.pos;
    const ch = text.charCodeAt(start);
    if (ch === QUOTE) return this.located();
    let length = 0;
    if (ch === 0x74 /* t */ && text.startsWith('true', start)) length = 4;
    else if (ch === 0x66 /* f */ && text.startsWith('false', start)) length = 5;
    else if (ch === 0x2d /* - */ || (ch >= 0x30 && ch <= 0x39)) length = this.numberLength();
    if (length === 0) this.fail();
    this.pos += length;
    const located = { value: text.slice(start, start + length), range: this.lines.range(start, length) };
    this.skipWhitespace();
    return located;
  }
}

function isWhitespace(ch: number): boolean {
  return ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09;
}
