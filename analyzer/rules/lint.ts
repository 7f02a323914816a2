import { compilePolicy } from '../evaluate/compile';
import type { ParsedPolicy, PolicyKind } from '../policy/model';
import { parsePolicy } from '../policy/parse';
import { renderMessage } from './message';
import { RULES } from './registry';
import type { Finding, Rule, Severity } from './rule';

export interface LintOptions {
  kind?: PolicyKind;
  /** Per-rule severity overrides; 'off' disables the rule. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Rule ids to skip for this file (config ignores). */
  ignore?: ReadonlySet<string>;
  /** Statement Sids whose findings of the given rules are ignored: ruleId → Sids. */
  ignoreSids?: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface LintResult {
  policy: ParsedPolicy;
  findings: Finding[];
}

export function ruleApplies(rule: Rule, kind: PolicyKind | undefined): boolean {
  return rule.meta.kinds === 'any' || (kind !== undefined && rule.meta.kinds.includes(kind));
}

/** Parses and checks one policy document; findings are sorted by position. Never throws on bad input. */
export function lintPolicyText(text: string, file: string, options: LintOptions = {}): LintResult {
  return lintParsedPolicy(parsePolicy(text, file), options);
}

export function lintParsedPolicy(policy: ParsedPolicy, options: LintOptions = {}): LintResult {
  const compiled = compilePolicy(policy);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = options.severities?.[rule.meta.id] ?? rule.meta.severity;
    if (severity === 'off' || options.ignore?.has(rule.meta.id) || !ruleApplies(rule, options.kind)) continue;
    const ignoredSids = options.ignoreSids?.get(rule.meta.id);
    rule.check({
      policy,
      compiled,
      kind: options.kind,
      report: (report) => {
        if (ignoredSids && isInIgnoredStatement(policy, report.range.offset, ignoredSids)) return;
        const overridden = options.severities?.[rule.meta.id];
        findings.push({
          ruleId: rule.meta.id,
          messageId: report.messageId,
          severity: overridden && overridden !== 'off' ? overridden : (report.severity ?? severity),
          message: renderMessage(rule.meta.messages[report.messageId], report.data),
          range: report.range,
          ...(report.fix && { fix: report.fix }),
          ...(report.related && { related: report.related }),
        });
      },
    });
  }
  findings.sort((a, b) => a.range.offset - b.range.offset || a.ruleId.localeCompare(b.ruleId));
  return { policy, findings };
}

function isInIgnoredStatement(policy: ParsedPolicy, offset: number, sids: ReadonlySet<string>): boolean {
  return policy.statements.some((s) => s.sid && sids.has(s.sid.value) && offset >= s.range.offset && offset < s.range.offset + s.range.length);
}
