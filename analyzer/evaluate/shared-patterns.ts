import { globFromPattern, type Glob } from '../match/glob';
import { parseTemplate, withUnavailableVariables, type Template } from '../variables/template';
import { choicesKey, isShortArn, readArnWildcards, readDefaults, SHORT_ARN, type ReadingChoices } from '../readings/choices';
import { compileResourceMatcher, type ResourceMatcher } from './resource-matcher';

/**
 * Compiled patterns shared by every statement that writes the same text: a repository's policies repeat
 * the same actions and ARNs endlessly, and each compiled pattern is several objects. They are never
 * modified once built. The tables keep the first MAX_SHARED distinct patterns each (later ones are
 * compiled unshared, with the same result): enough for any repository's vocabulary, while `check` over
 * thousands of files, each with its own ARNs, or a long-running editor keeps at most a few MiB here.
 */
const MAX_SHARED = 10_000;

const actionGlobs = new Map<string, Glob>();

/** The glob of a lowercased Action/NotAction entry. */
export function sharedActionGlob(lowercased: string): Glob {
  let glob = actionGlobs.get(lowercased);
  if (!glob) {
    glob = globFromPattern(lowercased);
    if (actionGlobs.size < MAX_SHARED) actionGlobs.set(lowercased, glob);
  }
  return glob;
}

export interface ResourcePattern {
  readonly template: Template;
  readonly matcher: ResourceMatcher;
  /** Whether a `*` before the resource part stays within its colon-separated part (reading A6). */
  readonly withinParts: boolean;
  /** The readings (catalog ids) the entry's text touches: defaults without the space, wildcards across colons, a short ARN. */
  readonly touches: readonly string[];
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
      const defaults = readDefaults(withUnavailableVariables(parseTemplate(text, true, substitute), unavailable), readings);
      const { template } = defaults;
      const wildcards = readArnWildcards(template.parts, readings);
      const touches = [...defaults.touches, ...wildcards.touches, ...(isShortArn(text) ? [SHORT_ARN] : [])];
      pattern = { template, matcher: compileResourceMatcher(template.parts, text, wildcards.withinParts), withinParts: wildcards.withinParts, touches };
      if (sharedResources < MAX_SHARED) {
        shared.set(text, pattern);
        sharedResources++;
      }
    }
    return pattern;
  };
}
