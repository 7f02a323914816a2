import { lintParsedPolicy } from '../rules/lint';
import { RULES } from '../rules/registry';
import type { Finding } from '../rules/rule';
import type { SourceRange } from '../source/range';
import { MAX_IOT_POLICIES_PER_IDENTITY, type App, type AppPolicy } from './app';

/**
 * Rules whose finding another policy the same identities get may answer: a grant whose counterpart is
 * missing (Subscribe without Receive, Receive without Subscribe) — the counterpart may be in a sibling —
 * and broad data-plane access, which a sibling's Deny may take away. Such a finding stands only if it
 * still does when every policy of that kind the class gets is read as one, and says what it says then.
 */
const SIBLING_RULES = new Set(['subscribe-without-receive', 'receive-without-subscribe', 'broad-data-plane-access']);
const OTHER_RULES = new Set(RULES.map((r) => r.meta.id).filter((id) => !SIBLING_RULES.has(id)));

/**
 * The findings of those rules that the sibling policies of the same identities answer (to drop). A
 * finding that stands with its siblings takes the message it has with them (a sibling's Deny may take
 * part of the access away); it stands when it does for any class that gets its policy.
 */
export function answeredBySiblings(apps: readonly App[], findings: readonly Finding[]): Set<Finding> {
  const candidates = findings.filter((f) => SIBLING_RULES.has(f.ruleId));
  const answered = new Set<Finding>();
  if (candidates.length === 0) return answered;
  const candidateFiles = new Set(candidates.map((f) => f.range.file));
  const standing = new Map<string, string[]>();
  const inGroups = new Set<string>();
  for (const app of apps)
    for (const cls of app.classes) {
      for (const group of [cls.rolePolicies, cls.iotPolicies]) {
        // More IoT policies than one identity can carry are not one identity's (app-findings says so).
        if (group.length === 0 || (group === cls.iotPolicies && group.length > MAX_IOT_POLICIES_PER_IDENTITY)) continue;
        const files = group.flatMap((p) => p.compiled.source.statements.map((s) => s.range.file));
        if (!files.some((file) => candidateFiles.has(file))) continue;
        // A policy alone in its class is read alone too: its findings stand there as they are.
        for (const finding of findingsTogether(group)) {
          // A template's findings carry the name of their policy, as check-template.ts writes them.
          const owner = app.origin === 'template' ? group.find((p) => p.compiled.source.statements.some((st) => within(finding.range, st.range))) : undefined;
          const message = owner ? `${owner.name}: ${finding.message}` : finding.message;
          standing.set(keyOf(finding), [...(standing.get(keyOf(finding)) ?? []), message]);
        }
        if (group.length > 1) files.forEach((file) => inGroups.add(file));
      }
    }
  for (const finding of candidates) {
    if (!inGroups.has(finding.range.file)) continue;
    const messages = standing.get(keyOf(finding));
    if (!messages) answered.add(finding);
    // With several classes, the message that claims the most (fail closed).
    else if (!messages.includes(finding.message)) finding.message = messages.reduce((a, b) => (b.length > a.length ? b : a));
  }
  return answered;
}

function findingsTogether(group: readonly AppPolicy[]): Finding[] {
  const [first] = group;
  const together = { ...first.compiled.source, statements: group.flatMap((p) => p.compiled.source.statements) };
  return lintParsedPolicy(together, { kind: first.kind, ignore: OTHER_RULES }).findings;
}

function within(inner: SourceRange, outer: SourceRange): boolean {
  return inner.file === outer.file && inner.offset >= outer.offset && inner.offset < outer.offset + outer.length;
}

function keyOf(finding: Finding): string {
  return `${finding.ruleId}|${finding.range.file}|${finding.range.offset}`;
}
