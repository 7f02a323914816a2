import type { Span } from './tree';

/**
 * A value of a policy document after the template's functions are applied, each part with the span of
 * the file it came from. `unknown` is a value the file does not give (a parameter without a default,
 * another stack's export…): it is carried, never guessed.
 */
export type Resolved = ResolvedString | ResolvedLiteral | ResolvedObject | ResolvedArray | UnknownValue;

export interface ResolvedString {
  type: 'string';
  value: string;
  span: Span;
  /** Written as is in the file, so positions inside the string map back character by character. */
  verbatim: boolean;
  /**
   * For a string a function built from text written in the file (an `Fn::Sub`): the offset in the file of
   * each of its characters, -1 for those the function put in. A document parsed from it points there.
   */
  offsets?: readonly number[];
}
export interface ResolvedLiteral {
  type: 'literal';
  value: number | boolean | null;
  span: Span;
}
export interface ResolvedObject {
  type: 'object';
  entries: Array<{ key: string; keySpan: Span; value: Resolved }>;
  span: Span;
}
export interface ResolvedArray {
  type: 'array';
  items: Resolved[];
  span: Span;
}
export interface UnknownValue {
  type: 'unknown';
  /** What the value depends on, as the user wrote it (`Ref BucketName`, `Fn::ImportValue`). */
  reason: string;
  span: Span;
}

export function unknownsIn(value: Resolved, found: UnknownValue[] = []): UnknownValue[] {
  if (value.type === 'unknown') found.push(value);
  else if (value.type === 'object') value.entries.forEach((e) => unknownsIn(e.value, found));
  else if (value.type === 'array') value.items.forEach((item) => unknownsIn(item, found));
  return found;
}
