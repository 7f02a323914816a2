import { splitArn } from '../catalog/arn';
import { matchGlob, type Glob } from '../match/glob';
import type { Located, ParsedPolicy, ParsedStatement } from '../policy/model';
import { knownActionsOf } from './helpers';
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

/** Resources of `type` in statements with this effect that cover `action` (NotResource statements are skipped). */
export function topicPatterns(policy: ParsedPolicy, action: string, effect: 'Allow' | 'Deny', type: 'topic' | 'topicfilter'): TopicPattern[] {
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

/** The topic (filter) name an ARN pattern names for `type`, '*' when its wildcard covers the type, else undefined. */
export function resourceName(arn: string, type: 'topic' | 'topicfilter'): string | undefined {
  if (arn === '*') return '*';
  const parts = splitArn(arn);
  if (!parts || (parts.service !== 'iot' && parts.service !== '*')) return undefined;
  if (parts.resourceType === type) return parts.resourceName;
  const typePart = parts.resourceType ?? parts.resource;
  const star = typePart.indexOf('*');
  if (star !== -1 && type.startsWith(typePart.slice(0, star))) return '*';
  return undefined;
}

/** A concrete string the pattern matches: wildcards (`*`, `?`, `+`, `#`) become one ordinary character. */
export function witness(name: string): string {
  return name.replace(/[*?+#]/g, 'x');
}

export function patternMatches(pattern: TopicPattern, text: string): boolean {
  return matchGlob(pattern.glob, text);
}

/** Whether `name` has MQTT wildcard characters outside `${…}` variables. */
export function mqttWildcardsIn(name: string): string[] {
  const withoutVariables = name.replace(/\$\{[^}]*\}/g, '');
  return ['+', '#'].filter((ch) => withoutVariables.includes(ch));
}
