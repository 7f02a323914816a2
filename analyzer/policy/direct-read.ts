import type { LineIndex } from '../source/range';
import {
  EFFECTS,
  NO_PARSED_CONDITIONS,
  POLICY_VERSIONS,
  type ElementList,
  type Located,
  type ParsedCondition,
  type ParsedPolicy,
  type ParsedStatement,
} from './model';
import { JsonScanner } from './strict-json';
import { PolicyWithTreeOnDemand } from './tree-on-demand';

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

/** The names the reader knows where they may appear: compared in place, so that no copy of them is made per policy. */
const POLICY_ELEMENTS = ['Version', 'Statement', 'Id'];
const STATEMENT_ELEMENTS = ['Effect', 'Action', 'Resource', 'Sid', 'Condition', 'NotAction', 'NotResource'];
const NONE: readonly string[] = [];

class DirectReader extends JsonScanner {
  /** Where the last name read ends (after its closing quote). */
  private nameEnd = 0;

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

  /** The string at `pos`, decoded, or the very string of `known` it is written as; whitespace after it skipped. */
  private name(known: readonly string[]): string {
    const { text, pos } = this;
    if (text.charCodeAt(pos) !== QUOTE) this.fail();
    let value: string | undefined;
    // Indexed, not for…of: this runs mostly before the optimizing compiler has seen it, where for…of steps through iterator objects.
    for (let i = 0; i < known.length && value === undefined; i++) {
      const name = known[i];
      if (text.charCodeAt(pos + name.length + 1) === QUOTE && text.startsWith(name, pos + 1)) {
        this.pos = pos + name.length + 2;
        value = name;
      }
    }
    value ??= this.string();
    if (value === undefined) this.fail();
    this.nameEnd = this.pos;
    this.skipWhitespace();
    return value;
  }

  /** A string at `pos` as a Located value (its range includes the quotes), whitespace after it skipped. */
  private located(known: readonly string[] = NONE): Located<string> {
    const start = this.pos;
    const value = this.name(known);
    return { value, range: this.lines.range(start, this.nameEnd - start) };
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
    const policy = new PolicyWithTreeOnDemand(this.lines);
    this.skipWhitespace();
    this.expect(0x7b /* { */);
    let seen = 0;
    if (this.text.charCodeAt(this.pos) === 0x7d /* } */) this.fail();
    do {
      const keyAt = this.pos;
      const key = this.name(POLICY_ELEMENTS);
      this.expect(0x3a /* : */);
      const bit = key === 'Version' ? 1 : key === 'Id' ? 2 : key === 'Statement' ? 4 : this.fail();
      if (seen & bit) this.fail();
      seen |= bit;
      if (bit === 4) {
        policy.statementKey = { value: key, range: this.lines.range(keyAt, this.nameEnd - keyAt) };
        policy.statements = this.statements();
      } else if (bit === 1) {
        policy.version = this.located(POLICY_VERSIONS);
        if (!POLICY_VERSIONS.includes(policy.version.value)) this.fail();
      } else this.name(NONE);
    } while (this.more(0x7d /* } */));
    if (this.pos !== this.text.length || !(seen & 4)) this.fail();
    if (repeatsASid(policy.statements.map((statement) => statement.sid?.value))) this.fail();
    return policy;
  }

  private statements(): ParsedStatement[] {
    if (this.text.charCodeAt(this.pos) !== 0x5b /* [ */) return [this.statement(0)];
    this.expect(0x5b);
    if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) this.fail();
    const statements: ParsedStatement[] = [];
    do statements.push(this.statement(statements.length));
    while (this.more(0x5d /* ] */));
    // A list of exactly its length: the parsed policy keeps it (a list grown by push keeps spare room).
    return statements.slice();
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
      const keyAt = this.pos;
      const key = this.name(STATEMENT_ELEMENTS);
      const keyEnd = this.nameEnd;
      this.expect(0x3a /* : */);
      switch (key) {
        case 'Sid':
          if (sid) this.fail();
          sid = this.located();
          break;
        case 'Effect':
          if (effect) this.fail();
          effect = this.located(EFFECTS);
          if (!EFFECTS.includes(effect.value)) this.fail();
          break;
        case 'Action':
        case 'NotAction':
          if (actions) this.fail();
          actions = this.list({ value: key, range: this.lines.range(keyAt, keyEnd - keyAt) });
          break;
        case 'Resource':
        case 'NotResource':
          if (resources) this.fail();
          resources = this.list({ value: key, range: this.lines.range(keyAt, keyEnd - keyAt) });
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
    const range = this.lines.range(start, this.trimmedEnd() - start);
    // Built whole (with or without a Sid), so that no element is added to the object later.
    return sid
      ? { index, range, sid, effect, actions, resources, conditions: conditions ?? NO_PARSED_CONDITIONS, wellFormed: true }
      : { index, range, effect, actions, resources, conditions: conditions ?? NO_PARSED_CONDITIONS, wellFormed: true };
  }

  /** Action/NotAction/Resource/NotResource: one string, or a non-empty list of strings. */
  private list(key: Located<string>): ElementList {
    const start = this.pos;
    let values: Located<string>[];
    if (this.text.charCodeAt(start) === 0x5b /* [ */) {
      this.expect(0x5b);
      if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) this.fail();
      const first = this.located();
      if (this.more(0x5d /* ] */)) {
        values = [first];
        do values.push(this.located());
        while (this.more(0x5d /* ] */));
        // A list of exactly its length: the parsed policy keeps it (a list grown by push keeps spare room).
        values = values.slice();
      } else values = [first];
    } else {
      // A lone string is the whole value: one range for both (a range moved into a template moves for both).
      const value = this.located();
      return { key, negated: key.value.startsWith('Not'), values: [value], texts: [value.value], valueRange: value.range };
    }
    return {
      key,
      negated: key.value.startsWith('Not'),
      values,
      texts: values.map((v) => v.value),
      valueRange: this.lines.range(start, this.trimmedEnd() - start),
    };
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

/** Whether two statements have the same Sid (IAM rejects the policy). Statements are few: compared pairwise, with no set per policy. */
export function repeatsASid(sids: readonly (string | undefined)[]): boolean {
  if (sids.length > 32) {
    const written = sids.filter((sid) => sid !== undefined);
    return new Set(written).size !== written.length;
  }
  for (let i = 1; i < sids.length; i++) {
    const sid = sids[i];
    if (sid === undefined) continue;
    for (let j = 0; j < i; j++) if (sids[j] === sid) return true;
  }
  return false;
}

function isWhitespace(ch: number): boolean {
  return ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09;
}
