import { splitArn } from '../catalog/arn';
import { matchGlob, type Glob } from '../match/glob';
import type { Located, ParsedPolicy, ParsedStatement } from '../policy/model';
import { knownActionsOf } from './helpers';
import { lastKeyMemo } from './memo';
import { symbolicGlob } from './symbolic';

/**
 * Topic and topic-filter resources of a policy, read symbolically: the name part of each ARN becomes a glob
 * in which `${…}` variables stay literal text. Two patterns using the same variable then compare as the same
 * identity would see them, which is what per-identity checks need.
 */
export interface TopicPattern {
  statement: ParsedStatement;
  entry: Located<string>;
  /** The part after `topic/` or `topicfilter/` ('*' when the ARN's wildcard covers every resource). */
  name: string;
  glob: Glob;
}

/** The answers for the last policy, by question: several rules ask the same ones, and a large policy makes each answer costly. */
const answersFor = lastKeyMemo<ParsedPolicy, Map<string, readonly TopicPattern[]>>(() => new Map());

/** Resources of `type` in statements with this effect that cover `action` (NotResource statements are skipped). Memoized for the last policy. */
export function topicPatterns(policy: ParsedPolicy, action: string, effect: 'Allow' | 'Deny', type: 'topic' | 'topicfilter'): readonly TopicPattern[] {
  const answers = answersFor(policy);
  const key = `${action} ${effect} ${type}`;
  let patterns = answers.get(key);
  if (!patterns) answers.set(key, (patterns = collectTopicPatterns(policy, action, effect, type)));
  return patterns;
}

function collectTopicPatterns(policy: ParsedPolicy, action: string, effect: 'Allow' | 'Deny', type: 'topic' | 'topicfilter'): TopicPattern[] {
  const patterns: TopicPattern[] = [];
  for (const statement of policy.statements) {
    if (statement.effect?.value !== effect || !statement.resources || statement.resources.negated) continue;
    if (!knownActionsOf(statement).has(action)) continue;
    for (const entry of statement.resources.values) {
      const name = resourceName(entry.value, type);
      if (name !== undefined) patterns.push({ statement, entry, name, glob: symbolicGlob(name) });
    }
  }
  return patterns;
}

/** The topic (filter, client ID) name an ARN pattern names for `type`, '*' when its wildcard covers the type, else undefined. */
export function resourceName(arn: string, type: 'topic' | 'topicfilter' | 'client'): string | undefined {
  if (arn === '*') return '*';
  const parts = splitArn(arn);
  if (!parts || (parts.service !== 'iot' && parts.service !== '*')) return undefined;
  if (parts.resourceType === type) return parts.resourceName;
  const typePart = parts.resourceType ?? parts.resource;
  const star = typePart.indexOf('*');
  if (star !== -1 && type.startsWith(typePart.slice(0, star))) return '*';
  return undefined;
}

/**
 * Whether some Allow statement grants `action` on the topic (filter) `name`, read symbolically: through a
 * Resource pattern, or through NotResource when none of its entries excludes the name (the documented
 * "Allow iot:Receive with NotResource" carve-out grants every other topic).
 */
export function allowsTopic(policy: ParsedPolicy, action: string, type: 'topic' | 'topicfilter'): (name: string) => boolean {
  const patterns = topicPatterns(policy, action, 'Allow', type);
  const exclusions: Glob[][] = [];
  for (const statement of policy.statements) {
    if (statement.effect?.value !== 'Allow' || !statement.resources?.negated || !knownActionsOf(statement).has(action)) continue;
    exclusions.push(
      statement.resources.values.flatMap((entry) => {
        const name = resourceName(entry.value, type);
        return name === undefined ? [] : [symbolicGlob(name)];
      }),
    );
  }
  return (name) => patterns.some((p) => patternMatches(p, name)) || exclusions.some((globs) => !globs.some((g) => matchGlob(g, name)));
}

/**
 * The MQTT filters that deliver `topic`: the topic itself, levels replaced by `+`, and `#` at any depth
 * (filters starting with a wildcard never deliver `$` topics). `+` replacements are tried for topics of up
 * to 6 levels. Callers try the topic itself first; this is the slower path. Memoized.
 */
export function filtersDelivering(topic: string): readonly string[] {
  const cached = deliveringCache.get(topic);
  if (cached) return cached;
  const levels = topic.split('/');
  const reserved = topic.startsWith('$');
  const masks = levels.length <= 6 ? 1 << levels.length : 1;
  const filters = new Set<string>();
  for (let mask = 0; mask < masks; mask++) {
    if (reserved && mask & 1) continue;
    const parts = levels.map((level, i) => (mask & (1 << i) ? '+' : level));
    filters.add(parts.join('/'));
    // `#` after the first k levels (it also matches the parent level, so k may be the whole topic).
    for (let k = reserved ? 1 : 0; k <= levels.length; k++) {
      if (mask >> k === 0) filters.add([...parts.slice(0, k), '#'].join('/'));
    }
  }
  const result = [...filters];
  if (deliveringCache.size > 2_000) deliveringCache.clear();
  deliveringCache.set(topic, result);
  return result;
}
const deliveringCache = new Map<string, readonly string[]>();

/** A concrete string the pattern matches: wildcards (`*`, `?`, `+`, `#`) become one ordinary character. */
export function witness(name: string): string {
  return name.replace(/[*?+#]/g, 'x');
}

export function patternMatches(pattern: TopicPattern, text: string): boolean {
  return matchGlob(pattern.glob, text);
}

/** Whether `name` has MQTT wildcard characters outside `${…}` variables. */
export function mqttWildcardsIn(name: string): string[] {
  if (!name.includes('+') && !name.includes('#')) return [];
  const withoutVariables = name.replace(/\$\{[^}]*\}/g, '');
  return ['+', '#'].filter((ch) => withoutVariables.includes(ch));
}
