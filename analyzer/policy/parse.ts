import type { Node } from 'jsonc-parser';
import grammar from '../../schemas/policy-grammar.schema.json';
import { LineIndex } from '../source/range';
import { readPolicyDirectly } from './direct-read';
import { readPolicyNatively } from './native-read';
import { describeJsonType, parseJsonTree, propertiesOf, rangeOf, type JsonProperty } from './json';
import { PolicyWithTreeOnDemand } from './tree-on-demand';
import {
  EFFECTS,
  POLICY_VERSIONS,
  type ElementList,
  type GrammarProblemCode,
  type Located,
  type ParsedCondition,
  type ParsedPolicy,
  type ParsedStatement,
} from './model';

// The element names come from the schema, the single source of truth for the grammar.
const STATEMENT_ELEMENTS = new Set(Object.keys(grammar.definitions.Statement.properties));
const POLICY_ELEMENTS = new Set(['Version', 'Id', 'Statement']);

/**
 * Parses a policy document (IAM or IoT) keeping the source range of every element.
 * Never throws: whatever is wrong becomes a GrammarProblem with a range. A policy AWS would accept as
 * written (nearly all) is read straight from its text — by JSON.parse, its ranges worked out when first
 * read (native-read.ts) — and its syntax tree, which compiling and deciding never use, is parsed only if
 * `root` is read.
 * @param options.rangesNow for a policy whose ranges will all be read (moved into the template it came
 *   from): they are built at once, by the direct reader.
 * @param options.keepTree for a policy about to be linted: the rules read its ranges (built at once) and
 *   its syntax tree (kept when one was built); otherwise the tree is dropped and parsed again if read.
 */
export function parsePolicy(text: string, file: string, options: { keepTree?: boolean; rangesNow?: boolean } = {}): ParsedPolicy {
  const lines = new LineIndex(file, text);
  const plain = options.keepTree || options.rangesNow ? readPolicyDirectly(lines) : (readPolicyNatively(lines) ?? readPolicyDirectly(lines));
  return plain ?? parsePolicyThroughTree(lines, options);
}

/** parsePolicy through the syntax tree, whatever the document: what the direct reader must equal where it reads. */
export function parsePolicyThroughTree(lines: LineIndex, options: { keepTree?: boolean } = {}): ParsedPolicy {
  const { file, text } = lines;
  const { root, errors } = parseJsonTree(lines);
  if (errors.length > 0 || !root) {
    const policy: ParsedPolicy = { file, text, lines, statements: [], problems: [] };
    for (const error of errors) policy.problems.push({ code: 'invalid-json', ...error });
    if (errors.length === 0) policy.problems.push({ code: 'invalid-json', message: 'invalid JSON: the file is empty', range: lines.range(0, 0) });
    return policy;
  }
  if (options.keepTree) return parsePolicyNode(lines, root);
  return readPolicy(lines, root, new PolicyWithTreeOnDemand(lines));
}

/** Parses a policy written as one JSON value inside a larger file (an inline policy in a scenario). */
export function parsePolicyNode(lines: LineIndex, root: Node): ParsedPolicy {
  return readPolicy(lines, root, { file: lines.file, text: lines.text, lines, root, statements: [], problems: [] });
}

function readPolicy(lines: LineIndex, root: Node, policy: ParsedPolicy): ParsedPolicy {
  new PolicyReader(lines, policy).readPolicy(root);
  return policy;
}

class PolicyReader {
  constructor(
    private readonly lines: LineIndex,
    private readonly policy: ParsedPolicy,
  ) {}

  private problem(code: GrammarProblemCode, message: string, node: Node | Located<string>): void {
    const range = 'range' in node ? node.range : rangeOf(this.lines, node);
    this.policy.problems.push({ code, message, range });
  }

  /** The object's properties, first occurrence of each key only; a repeated key is a problem of its own. */
  private uniqueProperties(node: Node): JsonProperty[] {
    const seen = new Set<string>();
    const unique: JsonProperty[] = [];
    for (const property of propertiesOf(this.lines, node)) {
      if (seen.has(property.key.value)) {
        this.problem('duplicate-key', `duplicate key "${property.key.value}": AWS rejects documents with repeated keys`, property.key);
        continue;
      }
      seen.add(property.key.value);
      unique.push(property);
    }
    return unique;
  }

  readPolicy(root: Node): void {
    if (root.type !== 'object') {
      this.problem('invalid-structure', `a policy must be a JSON object, not ${describeJsonType(root)}`, root);
      return;
    }
    let statementValue: Node | undefined;
    for (const { key, value } of this.uniqueProperties(root)) {
      if (key.value === 'Version' || key.value === 'Id') {
        const text = this.stringValue(value, key.value);
        if (text !== undefined && key.value === 'Version') {
          this.policy.version = { value: text, range: rangeOf(this.lines, value) };
          if (!POLICY_VERSIONS.includes(text))
            this.problem(
              'invalid-version',
              `"Version" must be "2012-10-17" (or the legacy "2008-10-17"), not "${text}": AWS rejects the policy`,
              this.policy.version,
            );
        }
      } else if (key.value === 'Statement') {
        this.policy.statementKey = key;
        statementValue = value;
      } else {
        this.problem('unknown-element', unknownElementMessage(key.value, POLICY_ELEMENTS, 'policy'), key);
      }
    }
    if (!statementValue) {
      this.problem('invalid-structure', 'the policy has no "Statement"', root.children?.length ? root : root);
      return;
    }
    const statementNodes = statementValue.type === 'array' ? (statementValue.children ?? []) : [statementValue];
    if (statementValue.type === 'array' && statementNodes.length === 0) {
      this.problem('empty-statement', '"Statement" is empty: the policy grants nothing and AWS rejects it', statementValue);
    }
    statementNodes.forEach((node, index) => this.readStatement(node, index));
    this.checkUniqueSids();
  }

  /** IAM rejects a policy whose statements repeat a Sid (reported by the duplicate-sid rule, with the first use). */
  private checkUniqueSids(): void {
    const seen = new Set<string>();
    for (const statement of this.policy.statements) {
      if (!statement.sid) continue;
      if (seen.has(statement.sid.value)) this.problem('duplicate-sid', `Sid "${statement.sid.value}" is used by two statements`, statement.sid);
      seen.add(statement.sid.value);
    }
  }

  private stringValue(node: Node, element: string): string | undefined {
    if (node.type === 'string') return node.value as string;
    this.problem('invalid-structure', `"${element}" must be a string, not ${describeJsonType(node)}`, node);
    return undefined;
  }

  private readStatement(node: Node, index: number): void {
    const problemsBefore = this.policy.problems.length;
    const statement: ParsedStatement = { index, range: rangeOf(this.lines, node), conditions: [], wellFormed: false };
    this.policy.statements.push(statement);
    if (node.type !== 'object') {
      this.problem('invalid-structure', `a statement must be a JSON object, not ${describeJsonType(node)}`, node);
      return;
    }
    for (const { key, value } of this.uniqueProperties(node)) {
      this.readStatementElement(statement, key, value);
    }
    this.checkStatementShape(statement, node, problemsBefore);
    statement.wellFormed = this.policy.problems.length === problemsBefore;
  }

  private readStatementElement(statement: ParsedStatement, key: Located<string>, value: Node): void {
    switch (key.value) {
      case 'Sid': {
        const sid = this.stringValue(value, 'Sid');
        if (sid !== undefined) statement.sid = { value: sid, range: rangeOf(this.lines, value) };
        return;
      }
      case 'Effect': {
        const effect = this.stringValue(value, 'Effect');
        if (effect === undefined) return;
        statement.effect = { value: effect, range: rangeOf(this.lines, value) };
        if (!EFFECTS.includes(effect)) {
          const fixed = EFFECTS.find((e) => e.toLowerCase() === effect.toLowerCase());
          const hint = fixed ? `; write "${fixed}" (Effect is case-sensitive)` : '';
          this.problem('invalid-effect', `"Effect" must be exactly "Allow" or "Deny", not "${effect}"${hint}`, statement.effect);
        }
        return;
      }
      case 'Action':
      case 'NotAction':
      case 'Resource':
      case 'NotResource': {
        const list = this.readStringList(key, value);
        if (!list) return;
        const slot = key.value.endsWith('Action') ? 'actions' : 'resources';
        if (statement[slot]) {
          this.problem('invalid-structure', `a statement cannot have both "${statement[slot]!.key.value}" and "${key.value}"`, key);
          return;
        }
        statement[slot] = list;
        return;
      }
      case 'Condition':
        this.readConditions(statement, value);
        return;
      case 'Principal':
      case 'NotPrincipal':
        statement.principal = key;
        this.problem(
          'principal-in-identity-policy',
          `"${key.value}" belongs in resource-based policies; identity and IoT policies cannot name a principal`,
          key,
        );
        return;
      default:
        this.problem('unknown-element', unknownElementMessage(key.value, STATEMENT_ELEMENTS, 'statement'), key);
    }
  }

  private checkStatementShape(statement: ParsedStatement, node: Node, problemsBefore: number): void {
    if (!statement.effect && !this.hasProblemSince(problemsBefore, 'invalid-structure')) {
      this.problem('invalid-structure', 'the statement has no "Effect"', node);
    }
    const missing = [!statement.actions && '"Action" or "NotAction"', !statement.resources && '"Resource" or "NotResource"'].filter(Boolean);
    if (missing.length > 0) {
      this.problem('missing-action-or-resource', `the statement needs ${missing.join(' and ')}`, statement.sid ?? node);
    }
  }

  /** Whether reading the current statement (problems from index `since` on) reported `code`: linear overall. */
  private hasProblemSince(since: number, code: GrammarProblemCode): boolean {
    for (let i = since; i < this.policy.problems.length; i++) if (this.policy.problems[i].code === code) return true;
    return false;
  }

  private readStringList(key: Located<string>, value: Node): ElementList | undefined {
    const items = value.type === 'array' ? (value.children ?? []) : [value];
    for (const item of items) {
      if (item.type !== 'string') this.problem('invalid-structure', `"${key.value}" entries must be strings, not ${describeJsonType(item)}`, item);
    }
    // Built by map, so the list kept with the policy has exactly its length (a list grown by push keeps spare room).
    const values = items
      .filter((item) => item.type === 'string')
      .map((item): Located<string> => ({ value: item.value as string, range: rangeOf(this.lines, item) }));
    if (value.type === 'array' && items.length === 0) {
      this.problem('invalid-structure', `"${key.value}" is an empty list`, value);
    }
    if (value.type !== 'array' && value.type !== 'string') return undefined;
    return { key, negated: key.value.startsWith('Not'), values, texts: values.map((v) => v.value), valueRange: rangeOf(this.lines, value) };
  }

  private readConditions(statement: ParsedStatement, block: Node): void {
    if (block.type !== 'object') {
      this.problem('invalid-structure', `"Condition" must be an object of operators, not ${describeJsonType(block)}`, block);
      return;
    }
    const conditions: ParsedCondition[] = [];
    for (const { key: operator, value: keys } of this.uniqueProperties(block)) {
      if (keys.type !== 'object') {
        this.problem('invalid-structure', `condition operator "${operator.value}" must map condition keys to values`, keys);
        continue;
      }
      for (const { key, value } of this.uniqueProperties(keys)) {
        const condition = this.readConditionValues(operator, key, value);
        if (condition) conditions.push(condition);
      }
    }
    statement.conditions = conditions;
  }

  private readConditionValues(operator: Located<string>, key: Located<string>, value: Node): ParsedCondition | undefined {
    const items = value.type === 'array' ? (value.children ?? []) : [value];
    const values: Located<string>[] = [];
    for (const item of items) {
      if (item.type === 'string' || item.type === 'number' || item.type === 'boolean') {
        const raw = this.lines.text.slice(item.offset, item.offset + item.length);
        values.push({ value: item.type === 'string' ? (item.value as string) : raw, range: rangeOf(this.lines, item) });
      } else {
        this.problem('invalid-structure', `condition values must be strings, numbers or booleans, not ${describeJsonType(item)}`, item);
        return undefined;
      }
    }
    return { operator, key, values };
  }
}

function unknownElementMessage(name: string, known: Set<string>, where: string): string {
  const caseFix = [...known].find((k) => k.toLowerCase() === name.toLowerCase());
  const hint = caseFix
    ? `; did you mean "${caseFix}"? (element names are case-sensitive)`
    : `; a ${where} may contain ${[...known].map((k) => `"${k}"`).join(', ')}`;
  return `unknown ${where} element "${name}"${hint}`;
}
