import { compileOptionsFor } from '../cognito/role-policies';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile';
import type { ParsedPolicy, PolicyKind } from '../policy/model';
import { parsePolicy } from '../policy/parse';
import { renderMessage } from './message';
import { RULES } from './registry';
import type { Finding, Rule, Severity } from './rule';
import { settledRange } from '../source/range';

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
  // Kept: the rules that rewrite the document read the syntax tree, which would otherwise be parsed twice.
  return lintParsedPolicy(parsePolicy(text, file, { keepTree: true }), options);
}

export function lintParsedPolicy(policy: ParsedPolicy, options: LintOptions = {}): LintResult {
  // Few rules read the compiled policy: it is compiled once, for the first of them.
  let compiled: CompiledPolicy | undefined;
  const compiledAsKind = () => (compiled ??= compilePolicy(policy, options.kind ? compileOptionsFor(options.kind) : {}));
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = options.severities?.[rule.meta.id] ?? rule.meta.severity;
    if (severity === 'off' || options.ignore?.has(rule.meta.id) || !ruleApplies(rule, options.kind)) continue;
    const ignoredSids = options.ignoreSids?.get(rule.meta.id);
    rule.check({
      policy,
      get compiled() {
        return compiledAsKind();
      },
      kind: options.kind,
      report: (report) => {
        if (ignoredSids && isInIgnoredStatement(policy, report.range.offset, ignoredSids)) return;
        const overridden = options.severities?.[rule.meta.id];
        findings.push({
          ruleId: rule.meta.id,
          messageId: report.messageId,
          severity: overridden && overridden !== 'off' ? overridden : (report.severity ?? severity),
          message: renderMessage(rule.meta.messages[report.messageId], report.data),
          range: settledRange(report.range),
          ...(report.fix && { fix: { ...report.fix, edits: report.fix.edits.map((edit) => ({ ...edit, range: settledRange(edit.range) })) } }),
          ...(report.related && { related: report.related.map((related) => ({ ...related, range: settledRange(related.range) })) }),
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
