/**
 * Reading choices: which outcome of each evaluated reading (see catalog.ts) an evaluation assumes. No
 * choice for a reading means the engine's single answer for it (`applied` in the catalog).
 */
import { lookupContextKey } from '../catalog/keys';
import { wildcardInResourceType } from '../catalog/arn';
import type { ParsedOperator } from '../conditions/operators';

export type ReadingChoices = ReadonlyMap<string, string>;

export const A2 = 'A2';
export const A14 = 'A14';
export const MALFORMED_VALUE = 'R-malformed-value';
export const UNKNOWN_OPERATOR = 'R-unknown-operator';
export const MULTI_SINGLE = 'R-multi-single';
export const TYPE_WILDCARD_DENY = 'R-type-wildcard-deny';

/** A stable text for a set of choices (cache keys, messages): `A14=resolves, R-multi-single=every-value`. */
export function choicesKey(choices: ReadingChoices): string {
  return [...choices].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, outcome]) => `${id}=${outcome}`).join(', ');
}

/** How one condition reads under the choices, and which readings it touches. */
export interface ConditionReading {
  /** Set when the reading fixes the condition's value (true: holds, false: never holds). */
  fixed?: boolean;
  /** A multi-valued request value under a single-valued operator: must every value match? */
  everyValue: boolean;
  touches: string[];
}

export function readCondition(operator: ParsedOperator | undefined, key: string, malformed: boolean, effect: 'Allow' | 'Deny', choices: ReadingChoices | undefined): ConditionReading {
  const touches: string[] = [];
  let fixed: boolean | undefined;
  if (!operator) {
    touches.push(UNKNOWN_OPERATOR);
    const chosen = choices?.get(UNKNOWN_OPERATOR);
    // The single answer: an Allow never applies, a Deny applies (neither reports an allow AWS may refuse).
    fixed = chosen === undefined ? effect === 'Deny' : chosen === 'condition-ignored';
    return { fixed, everyValue: false, touches };
  }
  if (malformed) {
    touches.push(MALFORMED_VALUE);
    if (choices?.get(MALFORMED_VALUE) === 'condition-fails') fixed = false;
  }
  const info = lookupContextKey(key);
  const multiSingle = !operator.qualifier && operator.spec.type !== 'null' && info.known && (info.info?.multiValued ?? false);
  if (multiSingle) touches.push(MULTI_SINGLE);
  return { fixed, everyValue: multiSingle && choices?.get(MULTI_SINGLE) === 'every-value', touches };
}

/** Whether a Resource entry matches nothing under the choices, and the readings it touches. */
export function readResource(text: string, effect: 'Allow' | 'Deny', negated: boolean, choices: ReadingChoices | undefined): { matchesNothing: boolean; touches: string[] } {
  if (!wildcardInResourceType(text)) return { matchesNothing: false, touches: [] };
  // An Allow's Resource grants nothing under every reading; a NotResource keeps its pattern (it then grants less).
  if (effect === 'Allow') return { matchesNothing: !negated, touches: [] };
  return { matchesNothing: choices?.get(TYPE_WILDCARD_DENY) === 'denies-nothing', touches: negated ? [] : [TYPE_WILDCARD_DENY] };
}

/** Role-policy variables that never resolve, minus those a choice makes resolve (A14). */
export function unavailableUnder(unavailable: ReadonlyMap<string, string> | undefined, choices: ReadingChoices | undefined): ReadonlyMap<string, string> | undefined {
  if (!unavailable || choices?.get(A14) !== 'resolves' || !unavailable.has('iot:clientid')) return unavailable;
  const rest = new Map(unavailable);
  rest.delete('iot:clientid');
  return rest;
}
