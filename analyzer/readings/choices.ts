/**
 * Reading choices: which outcome of each evaluated reading (see catalog.ts) an evaluation assumes. No
 * choice for a reading means the engine's single answer for it (`applied` in the catalog).
 */
import { lookupContextKey } from '../catalog/keys';
import { wildcardInResourceType } from '../catalog/arn';
import { findReading, READINGS } from './catalog';
import type { ParsedOperator } from '../conditions/operators';
import type { CompileOptions } from '../evaluate/compile';
import type { Template, TemplatePart } from '../variables/template';

/** Cognito keys AWS documents for role policies but not for AWS IoT policies (A3). */
export const UNDOCUMENTED_IN_IOT_POLICIES: ReadonlySet<string> = new Set(['cognito-identity.amazonaws.com:aud', 'cognito-identity.amazonaws.com:amr']);

/** Global keys the request context fills as IAM does, though AWS does not document them for IoT requests (A9). */
export const GLOBAL_KEYS_UNDOCUMENTED_FOR_IOT: ReadonlySet<string> = new Set(['aws:currenttime', 'aws:epochtime', 'aws:securetransport']);

export type ReadingChoices = ReadonlyMap<string, string>;

export const A1 = 'A1';
export const A2 = 'A2';
export const A3 = 'A3';
export const A6 = 'A6';
export const A9 = 'A9';
export const A14 = 'A14';
export const MALFORMED_VALUE = 'R-malformed-value';
export const UNKNOWN_OPERATOR = 'R-unknown-operator';
export const MULTI_SINGLE = 'R-multi-single';
export const TYPE_WILDCARD_DENY = 'R-type-wildcard-deny';
export const SHORT_ARN = 'R-short-arn';
export const DEFAULT_SPACING = 'R-default-spacing';

/** Readings the Cognito model applies to a whole decision (authorize.ts); compiling a policy ignores them. */
const DECISION_READINGS: ReadonlySet<string> = new Set([A1, A2]);

/** The choices that change how a policy compiles (none: undefined, so the policy itself is used). */
export function compileChoices(choices: ReadingChoices | undefined): ReadingChoices | undefined {
  if (!choices) return undefined;
  const kept = [...choices].filter(([id]) => !DECISION_READINGS.has(id));
  return kept.length === choices.size ? choices : kept.length > 0 ? new Map(kept) : undefined;
}

/** Pinned outcomes checked against the catalog: a misspelt pin must not silently act as some outcome. */
export function pinnedReadings(pins: Readonly<Record<string, string>>): ReadingChoices {
  for (const [id, outcome] of Object.entries(pins)) {
    const reading = findReading(id);
    if (!reading?.evaluated)
      throw new Error(
        `unknown reading "${id}" (evaluated readings: ${READINGS.filter((r) => r.evaluated)
          .map((r) => r.id)
          .join(', ')})`,
      );
    if (!reading.outcomes.some((o) => o.id === outcome))
      throw new Error(`reading ${id} has no outcome "${outcome}" (outcomes: ${reading.outcomes.map((o) => o.id).join(', ')})`);
  }
  return new Map(Object.entries(pins));
}

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
  const lower = key.toLowerCase();
  const undocumentedKey = (options.cognitoKeysUndocumented ?? false) && UNDOCUMENTED_IN_IOT_POLICIES.has(lower);
  if (undocumentedKey) touches.push(A3);
  // A condition on such a global key holds or not depending on whether AWS IoT puts it in the context (A9).
  const undocumentedGlobal = GLOBAL_KEYS_UNDOCUMENTED_FOR_IOT.has(lower);
  if (undocumentedGlobal) touches.push(A9);
  const absentKey = (undocumentedKey && choices?.get(A3) === 'absent') || (undocumentedGlobal && choices?.get(A9) === 'absent');
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

/** A Resource entry starting `arn:` with fewer than six colon-separated parts (R-short-arn). */
export function isShortArn(text: string): boolean {
  if (!text.startsWith('arn:')) return false;
  // Counted, not split: every Resource entry of every policy compiled is asked.
  let colons = 0;
  for (let at = text.indexOf(':'); at !== -1 && colons < 5; at = text.indexOf(':', at + 1)) colons++;
  return colons < 5;
}

/**
 * Whether a Resource pattern has a `*` or `?` before its resource part (the text after the fifth colon, or
 * all of a shorter pattern), where it may or may not match a colon (A6); under `within-part` it does not.
 */
export function readArnWildcards(parts: readonly TemplatePart[], choices: ReadingChoices | undefined): { withinParts: boolean; touches: readonly string[] } {
  // `*` alone matches every resource (documented); only ARN patterns have parts.
  const first = parts[0];
  if (first?.kind !== 'literal' || !first.text.startsWith('arn:')) return NO_WILDCARD_ACROSS_PARTS;
  let colons = 0;
  for (let i = 0; i < parts.length && colons < 5; i++) {
    const part = parts[i];
    if (part.kind === 'literal') for (let at = part.text.indexOf(':'); at !== -1; at = part.text.indexOf(':', at + 1)) colons++;
    else if (part.kind !== 'variable') return { withinParts: choices?.get(A6) === 'within-part', touches: [A6] };
  }
  return NO_WILDCARD_ACROSS_PARTS;
}

const NO_TOUCHES: readonly string[] = Object.freeze([]);
const NO_WILDCARD_ACROSS_PARTS = Object.freeze({ withinParts: false, touches: NO_TOUCHES });

/** `${key,'default'}` without the space IAM writes (R-default-spacing): under `unresolved`, not a default. */
export function readDefaults(template: Template, choices: ReadingChoices | undefined): { template: Template; touches: readonly string[] } {
  if (!template.hasVariables || !template.parts.some((part) => isCompactDefault(template, part))) return { template, touches: NO_TOUCHES };
  if (choices?.get(DEFAULT_SPACING) !== 'unresolved') return { template, touches: [DEFAULT_SPACING] };
  const unavailable = 'written without the space after the comma, so not a default under reading R-default-spacing (docs/readings.md)';
  return {
    template: { ...template, parts: template.parts.map((part) => (isCompactDefault(template, part) ? { ...part, unavailable } : part)) },
    touches: [DEFAULT_SPACING],
  };
}

/** A variable with a default and no space after its comma: `${name,'…'}` (the name has no comma, so the comma follows it). */
function isCompactDefault(template: Template, part: TemplatePart): boolean {
  return part.kind === 'variable' && part.defaultValue !== undefined && template.source.charCodeAt(part.offset + part.name.length + 3) === 0x27 /* ' */;
}
