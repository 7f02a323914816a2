import { compileOptionsFor } from '../cognito/role-policies';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile';
import type { ParsedPolicy, PolicyKind } from '../policy/model';
import { parsePolicy } from '../policy/parse';
import { renderMessage } from './message';
import { RULES } from './registry';
import type { Finding, Rule, RuleContext, RuleReport, Severity } from './rule';
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
  const run = new LintRun(policy, options);
  for (const rule of RULES) {
    const severity = options.severities?.[rule.meta.id] ?? rule.meta.severity;
    if (severity === 'off' || options.ignore?.has(rule.meta.id) || !ruleApplies(rule, options.kind)) continue;
    run.start(rule, severity);
    rule.check(run);
  }
  const { findings } = run;
  findings.sort((a, b) => a.range.offset - b.range.offset || a.ruleId.localeCompare(b.ruleId));
  return { policy, findings };
}

/**
 * The context every rule of one lint gets, in turn (one object per policy, not one per rule: `check` over
 * thousands of files runs each rule on each). Rules read it during `check` only, and may destructure it.
 */
class LintRun implements RuleContext {
  readonly findings: Finding[] = [];
  private compiledPolicy: CompiledPolicy | undefined;
  private rule!: Rule;
  private severity!: Severity;
  private ignoredSids: ReadonlySet<string> | undefined;

  constructor(
    readonly policy: ParsedPolicy,
    private readonly options: LintOptions,
  ) {}

  get kind(): PolicyKind | undefined {
    return this.options.kind;
  }

  /** Few rules read the compiled policy: it is compiled once, as its kind reads it, for the first of them. */
  get compiled(): CompiledPolicy {
    return (this.compiledPolicy ??= compilePolicy(this.policy, this.options.kind ? compileOptionsFor(this.options.kind) : undefined));
  }

  start(rule: Rule, severity: Severity): void {
    this.rule = rule;
    this.severity = severity;
    this.ignoredSids = this.options.ignoreSids?.get(rule.meta.id);
  }

  readonly report = (report: RuleReport): void => {
    const { rule, policy, ignoredSids } = this;
    if (ignoredSids && isInIgnoredStatement(policy, report.range.offset, ignoredSids)) return;
    const overridden = this.options.severities?.[rule.meta.id];
    this.findings.push({
      ruleId: rule.meta.id,
      messageId: report.messageId,
      severity: overridden && overridden !== 'off' ? overridden : (report.severity ?? this.severity),
      message: renderMessage(rule.meta.messages[report.messageId], report.data),
      range: settledRange(report.range),
      ...(report.fix && { fix: { ...report.fix, edits: report.fix.edits.map((edit) => ({ ...edit, range: settledRange(edit.range) })) } }),
      ...(report.related && { related: report.related.map((related) => ({ ...related, range: settledRange(related.range) })) }),
    });
  };
}

function isInIgnoredStatement(policy: ParsedPolicy, offset: number, sids: ReadonlySet<string>): boolean {
  return policy.statements.some((s) => s.sid && sids.has(s.sid.value) && offset >= s.range.offset && offset < s.range.offset + s.range.length);
}
