import type { CompiledPolicy } from '../evaluate/compile';
import type { ParsedPolicy, PolicyKind } from '../policy/model';
import type { SourceRange } from '../source/range';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Replace the text at `range` with `newText` (an insertion has length 0). */
export interface TextEdit {
  range: SourceRange;
  newText: string;
}

/** A fix the editor offers as a quick fix and the CLI can describe; edits are on the policy's own text. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedLocation {
  message: string;
  range: SourceRange;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: SourceRange;
  fix?: Fix;
  related?: RelatedLocation[];
}

export type RuleFamily =
  | 'syntax'
  | 'actions'
  | 'resources'
  | 'mqtt'
  | 'variables'
  | 'over-permission'
  | 'conditions'
  | 'readings'
  | 'size'
  | 'redundancy'
  | 'scenario'
  | 'project';

export interface RuleMeta {
  id: string;
  title: string;
  family: RuleFamily;
  severity: Severity;
  /** The policy kinds it applies to; 'any' rules run even when the kind is unknown. */
  kinds: 'any' | readonly PolicyKind[];
  rationale: string;
  /** AWS documentation behind the rule. */
  reference: string;
  fixable?: boolean;
  /** The AWS IoT Device Defender audit check whose criteria the severity follows, when one covers the problem. */
  auditCheck?: string;
}

export interface RuleReport {
  message: string;
  range: SourceRange;
  fix?: Fix;
  related?: RelatedLocation[];
  /** Overrides the rule's default severity for this report (e.g. worse for guests). */
  severity?: Severity;
}

export interface RuleContext {
  policy: ParsedPolicy;
  compiled: CompiledPolicy;
  kind?: PolicyKind;
  report(report: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
