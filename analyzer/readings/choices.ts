/**
 * Reading choices: which outcome of each evaluated reading (see catalog.ts) an evaluation assumes. No
 * choice for a reading means the engine's single answer for it (`applied` in the catalog).
 */
import { lookupContextKey } from '../catalog/keys';
import { wildcardInResourceType } from '../catalog/arn';
import type { ParsedOperator } from '../conditions/operators';
import type { CompileOptions } from '../evaluate/compile';

/** Cognito keys AWS documents for role policies but not for AWS IoT policies (A3). */
export const UNDOCUMENTED_IN_IOT_POLICIES: ReadonlySet<string> = new Set(['cognito-identity.amazonaws.com:aud', 'cognito-identity.amazonaws.com:amr']);

export type ReadingChoices = ReadonlyMap<string, string>;

export const A2 = 'A2';
export const A3 = 'A3';
export const A14 = 'A14';
export const MALFORMED_VALUE = 'R-malformed-value';
export const UNKNOWN_OPERATOR = 'R-unknown-operator';
export const MULTI_SINGLE = 'R-multi-single';
export const TYPE_WILDCARD_DENY = 'R-type-wildcard-deny';

/** A stable text for a set of choices (cache keys, messages): `A14=resolves, R-multi-single=every-value`. */
export function choicesKey(choices: ReadingChoices): string {
  return [...choices]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, outcome]) => `${id}=${outcome}`)
    .join(', ');
}

/** How one condition reads under the choices, and which readings it touches. */
export interface ConditionReading {
  /** Set when the reading fixes the condition's value (true: holds, false: never holds). */
  fixed?: boolean;
  /** A multi-valued request value under a single-valued operator: must every value match? */
  everyValue: boolean;
  /** The key is read as absent from this policy's request context (A3). */
  absentKey: boolean;
  touches: string[];
}

export function readCondition(
  operator: ParsedOperator | undefined,
  key: string,
  malformed: boolean,
  effect: 'Allow' | 'Deny',
  options: CompileOptions,
): ConditionReading {
  const choices = options.readings;
  const touches: string[] = [];
  let fixed: boolean | undefined;
  const undocumentedKey = (options.cognitoKeysUndocumented ?? false) && UNDOCUMENTED_IN_IOT_POLICIES.has(key.toLowerCase());
  if (undocumentedKey) touches.push(A3);
  const absentKey = undocumentedKey && choices?.get(A3) === 'absent';
  if (!operator) {
    touches.push(UNKNOWN_OPERATOR);
    const chosen = choices?.get(UNKNOWN_OPERATOR);
    // The single answer: an Allow never applies, a Deny applies (neither reports an allow AWS may refuse).
    fixed = chosen === undefined ? effect === 'Deny' : chosen === 'condition-ignored';
    return { fixed, everyValue: false, absentKey, touches };
  }
  if (malformed) {
    touches.push(MALFORMED_VALUE);
    if (choices?.get(MALFORMED_VALUE) === 'condition-fails') fixed = false;
  }
  const info = lookupContextKey(key);
  const multiSingle = !operator.qualifier && operator.spec.type !== 'null' && info.known && (info.info?.multiValued ?? false);
  if (multiSingle) touches.push(MULTI_SINGLE);
  return { fixed, everyValue: multiSingle && choices?.get(MULTI_SINGLE) === 'every-value', absentKey, touches };
}

/** Whether a Resource entry matches nothing under the choices, and the readings it touches. */
export function readResource(
  text: string,
  effect: 'Allow' | 'Deny',
  negated: boolean,
  choices: ReadingChoices | undefined,
): { matchesNothing: boolean; touches: string[] } {
  if (!wildcardInResourceType(text)) return { matchesNothing: false, touches: [] };
  // An Allow's Resource grants nothing under every reading; a NotResource keeps its pattern (it then grants less).
  if (effect === 'Allow') return { matchesNothing: !negated, touches: [] };
  return { matchesNothing: choices?.get(TYPE_WILDCARD_DENY) === 'denies-nothing', touches: negated ? [] : [TYPE_WILDCARD_DENY] };
}

/** Variables that never resolve in this kind of policy, as the choices read them (A14 resolves; A3 absent). */
export function unavailableUnder(options: CompileOptions, choices: ReadingChoices | undefined): ReadonlyMap<string, string> | undefined {
  const unavailable = new Map(options.unavailableVariables ?? []);
  if (choices?.get(A14) === 'resolves') unavailable.delete('iot:clientid');
  if (options.cognitoKeysUndocumented && choices?.get(A3) === 'absent') {
    for (const key of UNDOCUMENTED_IN_IOT_POLICIES) unavailable.set(key, 'not in the request context of AWS IoT policies under reading A3');
  }
  return unavailable.size > 0 ? unavailable : undefined;
}
