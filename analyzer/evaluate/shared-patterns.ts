import type { OperatorSpec } from '../conditions/operators';
import { globFromPattern, type Glob } from '../match/glob';
import { parseTemplate, withUnavailableVariables, type Template } from '../variables/template';
import { choicesKey, isShortArn, readArnWildcards, readDefaults, SHORT_ARN, type ReadingChoices } from '../readings/choices';
import { compileResourceMatcher, type ResourceMatcher } from './resource-matcher';
import { wildcardInResourceType } from '../catalog/arn';

/**
 * Compiled patterns shared by every statement that writes the same text: a repository's policies repeat
 * the same actions and ARNs endlessly, and each compiled pattern is several objects. They are never
 * modified once built. The tables keep the first MAX_SHARED distinct patterns each (later ones are
 * compiled unshared, with the same result): enough for any repository's vocabulary, while `check` over
 * thousands of files, each with its own ARNs, or a long-running editor keeps at most a few MiB here.
 */
const MAX_SHARED = 10_000;

const actionGlobs = new Map<string, Glob>();

const actionGlobsAsWritten = new Map<string, Glob>();

/** The glob of an Action/NotAction entry as written (actions are case-insensitive: it matches lowercased actions). */
export function sharedActionGlob(written: string): Glob {
  // Looked up as written first: `iot:Publish` is not lowercased again for every statement that names it.
  let glob = actionGlobsAsWritten.get(written);
  if (glob) return glob;
  const lowercased = written.toLowerCase();
  glob = actionGlobs.get(lowercased);
  if (!glob) {
    glob = globFromPattern(lowercased);
    if (actionGlobs.size < MAX_SHARED) actionGlobs.set(lowercased, glob);
  }
  if (actionGlobsAsWritten.size < MAX_SHARED) actionGlobsAsWritten.set(written, glob);
  return glob;
}

export interface ResourcePattern {
  readonly template: Template;
  /** Whether the entry has `${…}` variables (its template is then kept; one without is read again when asked). */
  readonly hasVariables: boolean;
  readonly matcher: ResourceMatcher;
  /** Whether a `*` before the resource part stays within its colon-separated part (reading A6). */
  readonly withinParts: boolean;
  /** The readings (catalog ids) the entry's text touches: defaults without the space, wildcards across colons, a short ARN. */
  readonly touches: readonly string[];
  /** A `*` or `?` in the resource type (`…:t*pic/x`): the entry grants nothing, and what a Deny does is a reading (readResource). */
  readonly typeWildcard: boolean;
}

/** Per way of reading the text (substitution, unavailable variables, reading choices): text → pattern. */
const resourceTables = new Map<string, Map<string, ResourcePattern>>();
let sharedResources = 0;

/**
 * Compiles Resource/NotResource entries of one policy: `substitute` is whether its Version substitutes
 * variables, `unavailable` the variables it cannot use (lowercased name → why), `readings` the reading
 * outcomes it is compiled under.
 */
export function resourcePatternsFor(
  substitute: boolean,
  unavailable: ReadonlyMap<string, string> | undefined,
  readings: ReadingChoices | undefined,
): (text: string) => ResourcePattern {
  const tableKey = `${substitute}${unavailable ? JSON.stringify([...unavailable]) : ''}|${readings ? choicesKey(readings) : ''}`;
  let table = resourceTables.get(tableKey);
  if (!table) {
    table = new Map();
    resourceTables.set(tableKey, table);
  }
  const shared = table;
  return (text) => {
    let pattern = shared.get(text);
    if (!pattern) {
      pattern = resourcePattern(text, substitute, unavailable, readings);
      if (sharedResources < MAX_SHARED) {
        shared.set(text, pattern);
        sharedResources++;
      }
    }
    return pattern;
  };
}

function resourcePattern(
  text: string,
  substitute: boolean,
  unavailable: ReadonlyMap<string, string> | undefined,
  readings: ReadingChoices | undefined,
): ResourcePattern {
  const defaults = readDefaults(withUnavailableVariables(parseTemplate(text, true, substitute), unavailable), readings);
  const { template } = defaults;
  const wildcards = readArnWildcards(template.parts, readings);
  const shortArn = isShortArn(text);
  return new SharedResourcePattern(
    text,
    substitute,
    // Without variables, the template is the text read again (reading choices and unavailable variables change only variables).
    template.hasVariables ? template : undefined,
    compileResourceMatcher(template.parts, text, wildcards.withinParts),
    wildcards.withinParts,
    defaults.touches.length === 0 && wildcards.touches.length === 0 && !shortArn
      ? NO_TOUCHES
      : [...defaults.touches, ...wildcards.touches, ...(shortArn ? [SHORT_ARN] : [])],
    wildcardBeforeLastSlash(text) && wildcardInResourceType(text),
  );
}

/**
 * A pattern kept for every statement that writes its text. Most entries have no variables: their matcher
 * is all that deciding reads, so their template (several objects) is read again from the text when
 * something asks for it (explanations, the summary, the prover) instead of being kept by every policy.
 */
class SharedResourcePattern implements ResourcePattern {
  #template: Template | undefined;

  constructor(
    private readonly text: string,
    private readonly substitute: boolean,
    template: Template | undefined,
    readonly matcher: ResourceMatcher,
    readonly withinParts: boolean,
    readonly touches: readonly string[],
    readonly typeWildcard: boolean,
  ) {
    this.#template = template;
  }

  get hasVariables(): boolean {
    return this.#template?.hasVariables ?? false;
  }

  get template(): Template {
    return (this.#template ??= parseTemplate(this.text, true, this.substitute));
  }
}

const NO_TOUCHES: readonly string[] = Object.freeze([]);

/**
 * A wildcard in the resource type comes before the `/` that ends it: an entry whose wildcards all follow its
 * last `/` (most: `…/*`) has none, and needs no splitting into ARN parts to tell.
 */
function wildcardBeforeLastSlash(text: string): boolean {
  const slash = text.lastIndexOf('/');
  const star = text.indexOf('*');
  const anyChar = text.indexOf('?');
  return (star !== -1 && star < slash) || (anyChar !== -1 && anyChar < slash);
}

/** A condition value as one operator reads it: its template, the value prepared once (no variables), the readings it touches. */
export interface ConditionValuePattern {
  readonly template: Template;
  readonly prepared: unknown;
  readonly touches: readonly string[];
}

/** Condition values by operator (undefined: an unknown operator) and text. */
export type ConditionValues = (spec: OperatorSpec | undefined, text: string) => ConditionValuePattern;

let sharedConditionValues = 0;

/**
 * A table of condition values for one way of reading them (as resourcePatternsFor: substitution, unavailable
 * variables, reading choices), filled by `read`: policies repeat the same CIDRs, client IDs and attributes.
 */
export function conditionValueTable(read: ConditionValues): ConditionValues {
  const byOperator = new Map<OperatorSpec | undefined, Map<string, ConditionValuePattern>>();
  return (spec, text) => {
    let table = byOperator.get(spec);
    if (!table) byOperator.set(spec, (table = new Map()));
    let pattern = table.get(text);
    if (!pattern) {
      pattern = read(spec, text);
      if (sharedConditionValues < MAX_SHARED) {
        table.set(text, pattern);
        sharedConditionValues++;
      }
    }
    return pattern;
  };
}
