import { actionsCoveredBy, KNOWN_ACTIONS } from '../catalog/actions';
import type { Located, ParsedPolicy, ParsedStatement } from '../policy/model';
import type { SourceRange } from '../source/range';
import { parseTemplate, variablesOf } from '../variables/template';
import { lastKeyMemo } from './memo';
import type { TextEdit } from './rule';

/** Replaces a whole JSON string literal with another value (quotes and escapes handled). */
export function replaceString(entry: Located<string>, newValue: string): TextEdit {
  return { range: entry.range, newText: JSON.stringify(newValue) };
}

/**
 * The range of characters [start, start+length) of a string value, when the literal has no escapes (so
 * offsets in the value are offsets in the text); otherwise the whole literal.
 */
export function rangeWithinString(policy: ParsedPolicy, entry: Located<string>, start: number, length: number): SourceRange {
  const raw = policy.text.slice(entry.range.offset + 1, entry.range.offset + entry.range.length - 1);
  if (raw !== entry.value) return entry.range;
  return policy.lines.range(entry.range.offset + 1 + start, length);
}

export function isAllow(statement: ParsedStatement): boolean {
  return statement.effect?.value === 'Allow';
}

export function isDeny(statement: ParsedStatement): boolean {
  return statement.effect?.value === 'Deny';
}

// By the statement's Action/NotAction as written: policies repeat the same few lists, and each rule asks.
// A single action (most statements) is its own key, so asking builds no string.
const knownActionsOfOne = new Map<string, ReadonlySet<string>>();
const knownActionsOfList = new Map<string, ReadonlySet<string>>();
const KNOWN_ACTIONS_CACHED = 1024;

/** The known IoT actions a statement grants or denies (wildcards expanded, NotAction complemented). The same set for the same list. */
export function knownActionsOf(statement: ParsedStatement): ReadonlySet<string> {
  const values = statement.actions?.values ?? [];
  const negated = statement.actions?.negated === true;
  const single = !negated && values.length === 1;
  let key = single ? values[0].value : negated ? '!' : '';
  if (!single) for (const action of values) key += `${action.value}\n`;
  const cache = single ? knownActionsOfOne : knownActionsOfList;
  let known = cache.get(key);
  if (!known) {
    const listed = new Set(values.flatMap((a) => actionsCoveredBy(a.value)));
    known = negated ? new Set(KNOWN_ACTIONS.filter((a) => !listed.has(a))) : listed;
    if (cache.size >= KNOWN_ACTIONS_CACHED) cache.clear();
    cache.set(key, known);
  }
  return known;
}

export interface VariableUse {
  statement: ParsedStatement;
  entry: Located<string>;
  name: string;
  offset: number;
  length: number;
  inCondition: boolean;
}

/** Every string in a statement that may hold `${…}` variables (resources and condition values), with its variables. Memoized for the last policy. */
export const variableUses: (policy: ParsedPolicy) => readonly VariableUse[] = lastKeyMemo(findVariableUses);

function findVariableUses(policy: ParsedPolicy): VariableUse[] {
  const uses: VariableUse[] = [];
  const collect = (statement: ParsedStatement, entry: Located<string>, inCondition: boolean) => {
    // A variable starts with `${`: most strings have none, and are not split.
    if (!entry.value.includes('${')) return;
    for (const part of variablesOf(parseTemplate(entry.value, false, true))) {
      uses.push({ statement, entry, name: part.name, offset: part.offset, length: part.length, inCondition });
    }
  };
  for (const statement of policy.statements) {
    for (const entry of statement.resources?.values ?? []) collect(statement, entry, false);
    for (const condition of statement.conditions) for (const entry of condition.values) collect(statement, entry, true);
  }
  return uses;
}

/** Whether the statement applies only to a connecting thing attached to the caller (Bool iot:Connection.Thing.IsAttached "true"). */
export function requiresAttachedThing(statement: ParsedStatement): boolean {
  return statement.conditions.some(
    (c) =>
      c.operator.value === 'Bool' && c.key.value.toLowerCase() === 'iot:connection.thing.isattached' && c.values.some((v) => v.value.toLowerCase() === 'true'),
  );
}

export function statementLabel(statement: ParsedStatement): string {
  return statement.sid ? `statement "${statement.sid.value}"` : `statement #${statement.index + 1}`;
}
