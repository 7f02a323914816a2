import type { LineIndex, SourceRange } from '../source/range';
import { readPolicyDirectly, repeatsASid } from './direct-read';
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
import { PolicyWithTreeOnDemand } from './tree-on-demand';

/**
 * Reads a plain policy — one the direct reader (direct-read.ts) takes — with the engine's own JSON parser,
 * which runs as machine code from its first call, and leaves the ranges for later: most policies a
 * repository holds are compiled and decided, and their ranges are never shown. A range is worked out when
 * first read, for the whole policy at once, by the direct reader. Returns undefined for anything the direct
 * reader may not take, and for what this reader cannot tell from the parsed value:
 * - a repeated key (JSON.parse keeps the last): the text must have no more `"…":` than the value has keys;
 * - a number in a condition (IAM compares its text, which JSON.parse does not keep);
 * - an integer-like condition operator or key (JSON.parse puts those first, not in the order written).
 * What it returns equals what the direct reader builds, values and ranges (test/analyzer/direct-read.test.ts).
 */
export function readPolicyNatively(lines: LineIndex): ParsedPolicy | undefined {
  let document: unknown;
  try {
    document = JSON.parse(lines.text);
  } catch {
    return undefined;
  }
  const reader = new NativeReader(new PolicyWithRangesOnDemand(lines));
  const policy = reader.policy(document);
  return policy && reader.keys === keyTokensAtMost(lines.text) ? policy : undefined;
}

/** At least the number of object keys written in the text: each is a string whose closing quote the next `:` follows. */
function keyTokensAtMost(text: string): number {
  // Counted by `test`, which builds no match: the only cost is the search, in machine code.
  let count = 0;
  KEY_END.lastIndex = 0;
  while (KEY_END.test(text)) count++;
  return count;
}

const KEY_END = /"[ \t\n\r]*:/g;
const INTEGER_LIKE = /^\d+$/;

/**
 * A policy read natively: its elements' ranges are numbered in the order `rangesInOrder` lists them, and
 * all of them are worked out by the direct reader on the first read of any.
 */
class PolicyWithRangesOnDemand extends PolicyWithTreeOnDemand {
  #ranges: readonly SourceRange[] | undefined;

  rangeAt(ordinal: number): SourceRange {
    if (!this.#ranges) {
      const read = readPolicyDirectly(this.lines);
      // Never: the native reader takes only what the direct reader takes (tested); were it not so, no range could be trusted.
      if (!read) throw new Error(`${this.file}: the policy read natively is not one the direct reader takes`);
      this.#ranges = rangesInOrder(read);
    }
    return this.#ranges[ordinal];
  }
}

/** A string value whose range is worked out when first read. */
class LocatedOnDemand implements Located<string> {
  constructor(
    readonly value: string,
    private readonly policy: PolicyWithRangesOnDemand,
    private readonly ordinal: number,
  ) {}

  get range(): SourceRange {
    return this.policy.rangeAt(this.ordinal);
  }

  toJSON(): Located<string> {
    return { value: this.value, range: this.range };
  }
}

/** An Action or Resource element: its texts as JSON.parse read them, each value's Located entry built when first read. */
class ElementListOnDemand implements ElementList {
  #values: Located<string>[] | undefined;

  constructor(
    private readonly name: string,
    /** As JSON.parse read it: a lone string is kept without a list around it. */
    private readonly written: string | readonly string[],
    private readonly policy: PolicyWithRangesOnDemand,
    /** The key's; the values' follow it, then the whole value's. */
    private readonly ordinal: number,
  ) {}

  get texts(): readonly string[] {
    return typeof this.written === 'string' ? [this.written] : this.written;
  }

  get negated(): boolean {
    return this.name.startsWith('Not');
  }

  get key(): Located<string> {
    return new LocatedOnDemand(this.name, this.policy, this.ordinal);
  }

  get values(): Located<string>[] {
    return (this.#values ??= this.texts.map((text, i) => new LocatedOnDemand(text, this.policy, this.ordinal + 1 + i)));
  }

  get valueRange(): SourceRange {
    return this.policy.rangeAt(this.ordinal + 1 + (typeof this.written === 'string' ? 1 : this.written.length));
  }

  toJSON(): ElementList {
    return { key: this.key, negated: this.negated, values: this.values, texts: this.texts, valueRange: this.valueRange };
  }
}

/** A statement; its Sid and Effect entries are built when read (compiling reads the Effect's text once). */
class StatementOnDemand implements ParsedStatement {
  readonly wellFormed = true;

  constructor(
    readonly index: number,
    readonly sidText: string | undefined,
    private readonly effectText: string,
    readonly actions: ElementList,
    readonly resources: ElementList,
    readonly conditions: readonly ParsedCondition[],
    private readonly policy: PolicyWithRangesOnDemand,
    /** The statement's; the Sid's (if any) and the Effect's follow it. */
    private readonly ordinal: number,
  ) {}

  get range(): SourceRange {
    return this.policy.rangeAt(this.ordinal);
  }

  get sid(): Located<string> | undefined {
    return this.sidText === undefined ? undefined : new LocatedOnDemand(this.sidText, this.policy, this.ordinal + 1);
  }

  get effect(): Located<string> {
    return new LocatedOnDemand(this.effectText, this.policy, this.ordinal + (this.sidText === undefined ? 1 : 2));
  }

  toJSON(): ParsedStatement {
    const { index, range, sid, effect, actions, resources, conditions, wellFormed } = this;
    return sid
      ? { index, range, sid, effect, actions, resources, conditions, wellFormed }
      : { index, range, effect, actions, resources, conditions, wellFormed };
  }
}

/**
 * Every range of a plain policy in one fixed order: the Version, the Statement key, then per statement its
 * own range, Sid, Effect, the Action and Resource elements (key, values, whole value) and the conditions
 * (operator, key, values). The native reader numbers its elements in this order.
 */
function rangesInOrder(policy: ParsedPolicy): SourceRange[] {
  const ranges: SourceRange[] = [];
  if (policy.version) ranges.push(policy.version.range);
  ranges.push(policy.statementKey!.range);
  const list = (element: ElementList) => {
    ranges.push(element.key.range);
    for (const value of element.values) ranges.push(value.range);
    ranges.push(element.valueRange);
  };
  for (const statement of policy.statements) {
    ranges.push(statement.range);
    if (statement.sid) ranges.push(statement.sid.range);
    ranges.push(statement.effect!.range);
    list(statement.actions!);
    list(statement.resources!);
    for (const condition of statement.conditions) {
      ranges.push(condition.operator.range, condition.key.range);
      for (const value of condition.values) ranges.push(value.range);
    }
  }
  return ranges;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds the parsed policy from JSON.parse's value, numbering ranges as rangesInOrder lists them; undefined at the first thing not plain. */
class NativeReader {
  /** Object keys read (policy, statements, condition blocks), to compare with the keys written. */
  keys = 0;
  private ordinal = 0;

  constructor(private readonly target: PolicyWithRangesOnDemand) {}

  private located(value: string): Located<string> {
    return new LocatedOnDemand(value, this.target, this.ordinal++);
  }

  policy(document: unknown): ParsedPolicy | undefined {
    if (!isObject(document)) return undefined;
    const policy = this.target;
    let statements: unknown;
    for (const name in document) {
      this.keys++;
      const value = document[name];
      if (name === 'Version') {
        if (typeof value !== 'string' || !POLICY_VERSIONS.includes(value)) return undefined;
      } else if (name === 'Id') {
        if (typeof value !== 'string') return undefined;
      } else if (name === 'Statement') statements = value;
      else return undefined;
    }
    if (statements === undefined) return undefined;
    // Numbered in rangesInOrder's order: the Version first, whatever order the document has.
    if (typeof document.Version === 'string') policy.version = this.located(document.Version);
    policy.statementKey = this.located('Statement');
    const list = Array.isArray(statements) ? statements : [statements];
    if (list.length === 0) return undefined;
    const read: StatementOnDemand[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const statement = this.statement(list[i], i);
      if (!statement) return undefined;
      read[i] = statement;
    }
    if (repeatsASid(read.map((statement) => statement.sidText))) return undefined;
    policy.statements = read;
    return policy;
  }

  private statement(value: unknown, index: number): StatementOnDemand | undefined {
    if (!isObject(value)) return undefined;
    let sid: unknown, effect: unknown, actionKey: string | undefined, resourceKey: string | undefined, condition: unknown;
    for (const name in value) {
      this.keys++;
      switch (name) {
        case 'Sid':
          sid = value[name];
          if (typeof sid !== 'string') return undefined;
          break;
        case 'Effect':
          effect = value[name];
          if (typeof effect !== 'string' || !EFFECTS.includes(effect)) return undefined;
          break;
        case 'Action':
        case 'NotAction':
          if (actionKey) return undefined;
          actionKey = name;
          break;
        case 'Resource':
        case 'NotResource':
          if (resourceKey) return undefined;
          resourceKey = name;
          break;
        case 'Condition':
          condition = value[name];
          break;
        default:
          return undefined;
      }
    }
    if (effect === undefined || !actionKey || !resourceKey) return undefined;
    const ordinal = this.ordinal;
    this.ordinal += sid === undefined ? 2 : 3;
    const actions = this.list(actionKey, value[actionKey]);
    const resources = actions && this.list(resourceKey, value[resourceKey]);
    const conditions = resources && (condition === undefined ? NO_PARSED_CONDITIONS : this.conditions(condition));
    if (!conditions) return undefined;
    return new StatementOnDemand(index, sid as string | undefined, effect as string, actions!, resources!, conditions, this.target, ordinal);
  }

  /** Action/NotAction/Resource/NotResource: one string, or a non-empty list of strings (kept as JSON.parse made it). */
  private list(name: string, value: unknown): ElementList | undefined {
    let count: number;
    if (typeof value === 'string') count = 1;
    else if (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string')) count = value.length;
    else return undefined;
    const list = new ElementListOnDemand(name, value as string | string[], this.target, this.ordinal);
    this.ordinal += count + 2;
    return list;
  }

  /** `{ operator: { key: value or values } }`, values strings or booleans (a number is left to the direct reader). */
  private conditions(block: unknown): ParsedCondition[] | undefined {
    if (!isObject(block)) return undefined;
    const conditions: ParsedCondition[] = [];
    for (const operatorName in block) {
      this.keys++;
      const keys = block[operatorName];
      if (INTEGER_LIKE.test(operatorName) || !isObject(keys)) return undefined;
      for (const keyName in keys) {
        this.keys++;
        if (INTEGER_LIKE.test(keyName)) return undefined;
        const operator = this.located(operatorName);
        const key = this.located(keyName);
        const values = this.conditionValues(keys[keyName]);
        if (!values) return undefined;
        conditions.push({ operator, key, values });
      }
    }
    return conditions.slice();
  }

  private conditionValues(value: unknown): Located<string>[] | undefined {
    if (!Array.isArray(value)) {
      const text = conditionText(value);
      return text === undefined ? undefined : [this.located(text)];
    }
    const values: Located<string>[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const text = conditionText(value[i]);
      if (text === undefined) return undefined;
      values[i] = this.located(text);
    }
    return values;
  }
}

/** A condition value as IAM compares it: a string, or a boolean's text; undefined for anything else. */
function conditionText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === true) return 'true';
  if (value === false) return 'false';
  return undefined;
}
