import { lintParsedPolicy } from '../rules/lint';
import { RULES } from '../rules/registry';
import type { Finding } from '../rules/rule';
import { MAX_IOT_POLICIES_PER_IDENTITY, type App, type AppPolicy } from './app';

/**
 * Rules that report a grant whose counterpart is missing (Subscribe without Receive, Receive without
 * Subscribe). The counterpart may come from another policy the same identities get: such a finding stands
 * only if it still does when every policy of that kind the class gets is read as one.
 */
const COUNTERPART_RULES = new Set(['subscribe-without-receive', 'receive-without-subscribe']);
const OTHER_RULES = new Set(RULES.map((r) => r.meta.id).filter((id) => !COUNTERPART_RULES.has(id)));

/** The findings of the counterpart rules that another policy of the same identities answers (to drop). */
export function answeredBySiblings(apps: readonly App[], findings: readonly Finding[]): Set<Finding> {
  const candidates = findings.filter((f) => COUNTERPART_RULES.has(f.ruleId));
  const answered = new Set<Finding>();
  if (candidates.length === 0) return answered;
  const standing = new Set<string>();
  const inGroups = new Set<string>();
  for (const cls of apps.flatMap((a) => a.classes)) {
    for (const group of [cls.rolePolicies, cls.iotPolicies]) {
      // More IoT policies than one identity can carry are not one identity's (app-findings says so).
      if (group.length < 2 || (group === cls.iotPolicies && group.length > MAX_IOT_POLICIES_PER_IDENTITY)) continue;
      for (const key of findingsTogether(group)) standing.add(key);
      for (const statement of group.flatMap((p) => p.compiled.source.statements)) inGroups.add(statement.range.file);
    }
  }
  for (const finding of candidates) if (inGroups.has(finding.range.file) && !standing.has(keyOf(finding))) answered.add(finding);
  return answered;
}

function findingsTogether(group: readonly AppPolicy[]): string[] {
  const [first] = group;
  const together = { ...first.compiled.source, statements: group.flatMap((p) => p.compiled.source.statements) };
  return lintParsedPolicy(together, { kind: first.kind, ignore: OTHER_RULES }).findings.map(keyOf);
}

function keyOf(finding: Finding): string {
  return `${finding.ruleId}|${finding.range.file}|${finding.range.offset}`;
}
