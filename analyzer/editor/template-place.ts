import type { SourcePolicy } from '../sources/document';
import type { Span } from '../sources/tree';
import { unknownsIn, type Resolved, type ResolvedString, type UnknownValue } from '../sources/value';

/** Where an offset of a template is in the policies it holds, in policy terms (the template twin of PolicyPlace). */
export type TemplatePlace =
  | {
      kind: 'action' | 'resource' | 'effect' | 'condition-value';
      /** The value there; several when one piece of the file gives several (`!Ref` of a list parameter). */
      values: ResolvedString[];
      /** Why the statement is left out of the analysis (its unknown values), if it is. */
      withheld: UnknownValue[];
    }
  | { kind: 'condition-operator' | 'condition-key'; value: string; span: Span; withheld: UnknownValue[] }
  | { kind: 'unknown'; value: UnknownValue }
  | { kind: 'other' };

const OTHER: TemplatePlace = { kind: 'other' };

const contains = (span: Span, offset: number) => span[0] <= offset && offset <= span[1];
const sameSpan = (a: Span, b: Span) => a[0] === b[0] && a[1] === b[1];

/**
 * The policy element at an offset of a template: the reverse of the mapping that places findings. Every
 * value of a resolved document carries the span of the file it came from; a value whose span is its
 * statement's (an AWS managed policy, a document computed as one string, Terraform's defaults) has no
 * place of its own in the file and is never taken as being under the cursor.
 */
export function placeInTemplate(policies: readonly SourcePolicy[], offset: number): TemplatePlace {
  for (const policy of policies) {
    const place = placeInDocument(policy.document, offset);
    if (place.kind !== 'other') return place;
  }
  return OTHER;
}

function placeInDocument(document: Resolved, offset: number): TemplatePlace {
  if (!contains(document.span, offset)) return OTHER;
  if (document.type === 'unknown') return { kind: 'unknown', value: document };
  if (document.type !== 'object') return OTHER;
  const statements = document.entries.find((e) => e.key === 'Statement')?.value;
  if (!statements) return OTHER;
  if (statements.type === 'unknown') return contains(statements.span, offset) ? { kind: 'unknown', value: statements } : OTHER;
  const list = statements.type === 'array' ? statements.items : [statements];
  const statement = smallestContaining(
    list.filter((s) => !sameSpan(s.span, document.span)),
    offset,
  )[0];
  if (!statement) return OTHER;
  if (statement.type === 'unknown') return { kind: 'unknown', value: statement };
  if (statement.type !== 'object') return OTHER;
  // An unknown value outside the statements leaves the whole document out (preparePolicy), this statement with it.
  const outside = unknownsIn({ ...document, entries: document.entries.filter((e) => e.key !== 'Statement') });
  return placeInStatement(statement.entries, statement.span, offset, [...outside, ...unknownsIn(statement)]);
}

type Entry = { key: string; keySpan: Span; value: Resolved };

function placeInStatement(entries: readonly Entry[], statementSpan: Span, offset: number, withheld: UnknownValue[]): TemplatePlace {
  const own = (span: Span) => !sameSpan(span, statementSpan) && contains(span, offset);
  for (const { key, value } of entries) {
    if (!own(value.span)) continue;
    switch (key) {
      case 'Effect':
        return leaves('effect', [value], offset, withheld);
      case 'Action':
      case 'NotAction':
        return leaves('action', value.type === 'array' ? value.items : [value], offset, withheld);
      case 'Resource':
      case 'NotResource':
        return leaves('resource', value.type === 'array' ? value.items : [value], offset, withheld);
    }
  }
  const condition = entries.find((e) => e.key === 'Condition')?.value;
  if (condition?.type === 'unknown' && own(condition.span)) return { kind: 'unknown', value: condition };
  if (condition?.type !== 'object') return OTHER;
  for (const operator of condition.entries) {
    if (own(operator.keySpan)) return { kind: 'condition-operator', value: operator.key, span: operator.keySpan, withheld };
    if (operator.value.type === 'unknown' && own(operator.value.span)) return { kind: 'unknown', value: operator.value };
    if (operator.value.type !== 'object') continue;
    for (const key of operator.value.entries) {
      if (own(key.keySpan)) return { kind: 'condition-key', value: key.key, span: key.keySpan, withheld };
      if (own(key.value.span)) return leaves('condition-value', key.value.type === 'array' ? key.value.items : [key.value], offset, withheld);
    }
  }
  return OTHER;
}

function leaves(
  kind: 'action' | 'resource' | 'effect' | 'condition-value',
  items: readonly Resolved[],
  offset: number,
  withheld: UnknownValue[],
): TemplatePlace {
  const found = smallestContaining(items, offset);
  const unknown = found.find((item) => item.type === 'unknown');
  if (unknown?.type === 'unknown') return { kind: 'unknown', value: unknown };
  const values = found.filter((item): item is ResolvedString => item.type === 'string');
  return values.length > 0 ? { kind, values, withheld } : OTHER;
}

/** The values holding the offset with the smallest span (several when they share it: `Fn::Split`, a list parameter). */
function smallestContaining(values: readonly Resolved[], offset: number): Resolved[] {
  const holding = values.filter((v) => contains(v.span, offset));
  const size = Math.min(...holding.map((v) => v.span[1] - v.span[0]));
  return holding.filter((v) => v.span[1] - v.span[0] === size);
}

/**
 * Where the value appears in the file as it is analysed (a plain or quoted scalar, a string inside a JSON
 * string or a block scalar); -1 when the template computes it (or it is empty: nothing to point at).
 */
export function writtenAt(text: string, value: ResolvedString): number {
  const at = value.value === '' ? -1 : text.slice(value.span[0], value.span[1]).indexOf(value.value);
  return at === -1 ? -1 : value.span[0] + at;
}
