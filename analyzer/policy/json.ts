import type { Node, ParseError } from 'jsonc-parser';
import { loadJsonc } from '../on-demand';
import type { LineIndex, SourceRange } from '../source/range';
import type { Located } from './model';
import { parseStrictJson } from './strict-json';

/** Small helpers over jsonc-parser's tree so parsers read like the grammar they check. */

export interface JsonSyntaxError {
  message: string;
  range: SourceRange;
}

/** Deeper than any policy or scenario needs, and far below what would exhaust the parser's stack. */
const MAX_DEPTH = 64;

/** The offset where nesting first exceeds MAX_DEPTH, scanning outside strings; -1 when it never does. */
export function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \\ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (++depth > MAX_DEPTH) return i;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) depth--;
  }
  return -1;
}

export function parseJsonTree(lines: LineIndex): { root?: Node; errors: JsonSyntaxError[] } {
  // Well-formed JSON (nearly every file) takes the fast path; anything else is parsed again, by jsonc-parser
  // (loaded then), to be reported.
  const wellFormed = parseStrictJson(lines.text, MAX_DEPTH);
  if (wellFormed) return { root: wellFormed, errors: [] };
  if (lines.text.charCodeAt(0) === 0xfeff) {
    return { errors: [{ message: 'invalid JSON: the file starts with a byte order mark (BOM); save it as UTF-8 without BOM', range: lines.range(0, 1) }] };
  }
  const deep = tooDeepAt(lines.text);
  if (deep !== -1) return { errors: [{ message: `invalid JSON for a policy: nested more than ${MAX_DEPTH} levels deep`, range: lines.range(deep, 1) }] };
  const errors: ParseError[] = [];
  const root = loadJsonc().parseTree(lines.text, errors, { disallowComments: true, allowTrailingComma: false });
  // Only the first syntax error is reported: the parser's later errors cascade from it.
  return {
    root,
    errors: errors
      .slice(0, 1)
      .map((e) => ({ message: looksLikeYaml(lines.text) ? YAML_MESSAGE : describeParseError(e), range: lines.range(e.offset, Math.max(e.length, 1)) })),
  };
}

/**
 * Every repeated key, at its second (and later) occurrence: JSON parsers keep only one value, so a repeated
 * key silently drops the other. Walks the tree with an explicit stack (no recursion).
 */
export function duplicateKeyErrors(lines: LineIndex, root: Node): JsonSyntaxError[] {
  const errors: JsonSyntaxError[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key) continue;
        const name = String(key.value);
        if (seen.has(name)) errors.push({ message: `duplicate key "${name}": only one of the values would be used`, range: rangeOf(lines, key) });
        seen.add(name);
        if (value) stack.push(value);
      }
    } else if (node.type === 'array') {
      for (const child of node.children ?? []) stack.push(child);
    }
  }
  return errors.sort((a, b) => a.range.offset - b.range.offset);
}

const YAML_MESSAGE = 'invalid JSON: this looks like YAML, and YAML is not JSON — AWS accepts policy documents only in JSON';

/** YAML pasted where JSON belongs (a policy copied from a CloudFormation template): its first line is `key:`, `- …` or `---`. */
function looksLikeYaml(text: string): boolean {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return first !== undefined && /^\s*(---|- |[A-Za-z_][\w.-]*\s*:(\s|$))/.test(first);
}

function describeParseError(error: ParseError): string {
  const code = loadJsonc().printParseErrorCode(error.error);
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `invalid JSON: ${words}`;
}

export function rangeOf(lines: LineIndex, node: Node): SourceRange {
  return lines.range(node.offset, node.length);
}

export interface JsonProperty {
  key: Located<string>;
  value: Node;
}

export function propertiesOf(lines: LineIndex, node: Node): JsonProperty[] {
  const result: JsonProperty[] = [];
  for (const child of node.children ?? []) {
    const [keyNode, valueNode] = child.children ?? [];
    if (!keyNode || !valueNode) continue;
    result.push({ key: { value: String(keyNode.value), range: rangeOf(lines, keyNode) }, value: valueNode });
  }
  return result;
}

/** Human name of a JSON node type for messages ("an array", "a number"). */
export function describeJsonType(node: Node): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return 'null';
  }
}
