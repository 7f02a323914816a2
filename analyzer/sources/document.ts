import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { PolicyKind } from '../policy/model';
import type { PolicyBranches } from './cloudformation/policy-branches';
import { scalarOffsets, writtenEnd } from './cloudformation/scalar-offsets';
import { emitJson, type EmittedDocument } from './emit';
import type { Span } from './tree';
import { unknownsIn, type Resolved, type ResolvedString, type UnknownValue } from './value';

/** A policy document found in a source file, with what the file says about it. */
export interface SourcePolicy {
  /** How reports name it: the resource's logical id or address, and the place inside it. */
  name: string;
  kind?: PolicyKind;
  /** Why it has that kind (the role attachment, the resource type), shown in reports. */
  kindReason?: string;
  /** For role policies: the roles (template keys, as in IdentityPoolFacts) that get it. */
  roles?: string[];
  document: Resolved;
  /** Set when `Fn::If`s on conditions the files do not decide were analysed both ways (policy-branches.ts). */
  branches?: PolicyBranches;
}

/** A statement left out of the analysis because it depends on values the files do not give. */
export interface WithheldStatement {
  effect: string;
  sid?: string;
  unknowns: UnknownValue[];
}

export interface PreparedPolicy {
  /** The document as analysed (undefined when nothing of it can be analysed). */
  emitted?: EmittedDocument;
  withheld: WithheldStatement[];
  /** The document itself (or its structure) is unknown: nothing of it is analysed. */
  unknownDocument?: UnknownValue;
}

/**
 * What of a document can be analysed. A statement that depends on an unknown value is left out whole —
 * its Allow never applies — and is reported (by the caller) together with its effect: a left-out Deny
 * means the analysis shows access that Deny might remove, never the reverse.
 */
export function preparePolicy(document: Resolved): PreparedPolicy {
  if (document.type === 'unknown') return { withheld: [], unknownDocument: document };
  // Not an object (a list, a string): nothing of it is a statement to keep apart, so an unknown part leaves it all unknown.
  if (document.type !== 'object') {
    const [unknown] = unknownsIn(document);
    return unknown ? { withheld: [], unknownDocument: unknown } : { withheld: [], emitted: emitJson(document) };
  }
  const statementEntry = document.entries.find((e) => e.key === 'Statement');
  const outside = unknownsIn({ ...document, entries: document.entries.filter((e) => e !== statementEntry) });
  if (outside.length > 0) return { withheld: [], unknownDocument: outside[0] };
  if (!statementEntry) return { withheld: [], emitted: emitJson(document) };
  const statements = statementEntry.value;
  if (statements.type === 'unknown') return { withheld: [], unknownDocument: statements };
  const list = statements.type === 'array' ? statements.items : [statements];
  const withheld: WithheldStatement[] = [];
  const kept = list.filter((statement) => {
    const unknowns = unknownsIn(statement);
    if (unknowns.length === 0) return true;
    const effect = statement.type === 'object' ? statement.entries.find((e) => e.key === 'Effect')?.value : undefined;
    const sid = statement.type === 'object' ? statement.entries.find((e) => e.key === 'Sid')?.value : undefined;
    withheld.push({ effect: effect?.type === 'string' ? effect.value : 'unknown', ...(sid?.type === 'string' ? { sid: sid.value } : {}), unknowns });
    return false;
  });
  if (withheld.length === 0) return { withheld, emitted: emitJson(document) };
  if (kept.length === 0) return { withheld };
  const value: Resolved = statements.type === 'array' ? { ...statements, items: kept } : kept[0];
  return { withheld, emitted: emitJson({ ...document, entries: document.entries.map((e) => (e === statementEntry ? { ...e, value } : e)) }) };
}

/**
 * A policy document given as a JSON string (CloudFormation `Json` properties, Terraform): parsed, with
 * positions inside the string mapped back into the file when the string is written as is there (a YAML
 * block scalar, a JSON string without escapes that change characters); otherwise every part points at
 * the string. Undefined when the string is not JSON.
 */
export function documentFromString(value: ResolvedString, original: string): Resolved | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(value.value, errors, { disallowComments: true });
  if (!root || errors.length > 0) return undefined;
  const positions = value.offsets ?? (value.verbatim ? writtenOffsets(value.value, original, value.span) : undefined);
  // The first and last characters of the node that are written in the file (a function may have put in the others).
  const spanOf = (node: JsonNode): Span => {
    let [first, last] = [node.offset, node.offset + node.length - 1];
    while (positions && first <= last && positions[first] < 0) first++;
    while (positions && last >= first && positions[last] < 0) last--;
    return positions && first <= last ? [positions[first], writtenEnd(original, positions[last])] : value.span;
  };
  const convert = (node: JsonNode): Resolved => {
    if (node.type === 'object') {
      return {
        type: 'object',
        span: spanOf(node),
        entries: (node.children ?? []).flatMap((p) =>
          p.children?.length === 2 ? [{ key: String(p.children[0].value), keySpan: spanOf(p.children[0]), value: convert(p.children[1]) }] : [],
        ),
      };
    }
    if (node.type === 'array') return { type: 'array', span: spanOf(node), items: (node.children ?? []).map(convert) };
    // Inside a string written as is (a YAML block scalar), a string maps character by character where it needs no escapes;
    // inside one a function built (an Fn::Sub) it is placed as a whole, since what is written there is not the value.
    if (node.type === 'string') return { type: 'string', value: String(node.value), span: spanOf(node), verbatim: value.verbatim && positions !== undefined };
    return { type: 'literal', value: node.value as number | boolean | null, span: spanOf(node) };
  };
  return convert(root);
}

/**
 * Where each UTF-16 unit of a string written as is lies in the file: read exactly as YAML or JSON writes
 * scalars (quotes, escapes such as `\U0001F600`, block scalars); else (an HCL heredoc, `$${`) matched in order.
 */
export function writtenOffsets(value: string, original: string, span: Span): number[] | undefined {
  return scalarOffsets(value, original, span) ?? align(value, original, span);
}

/**
 * For each UTF-16 unit of `value` (as offsets everywhere count, editors and SARIF too), its offset in
 * `original` within `span`, matching in order; undefined when it cannot.
 */
function align(value: string, original: string, span: Span): number[] | undefined {
  const positions: number[] = [];
  let p = span[0];
  for (let i = 0; i < value.length; i++) {
    while (p < span[1] && original[p] !== value[i]) p++;
    if (p >= span[1]) return undefined;
    positions.push(p++);
  }
  return positions;
}

/** A document shipped as data (an AWS managed policy): every part points at where the file names it. */
export function documentFromData(data: unknown, span: Span): Resolved {
  if (Array.isArray(data)) return { type: 'array', span, items: data.map((item) => documentFromData(item, span)) };
  if (data !== null && typeof data === 'object')
    return { type: 'object', span, entries: Object.entries(data).map(([key, value]) => ({ key, keySpan: span, value: documentFromData(value, span) })) };
  if (typeof data === 'string') return { type: 'string', value: data, span, verbatim: false };
  return { type: 'literal', value: data as number | boolean | null, span };
}
