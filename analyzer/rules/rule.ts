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
  /** Which of the rule's message templates (`meta.messages`) `message` was rendered from. */
  messageId: string;
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
  | 'proof'
  | 'access-change'
  | 'project';

/** Values for a message template's `{{name}}` placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

export interface RuleMeta<MessageId extends string = string> {
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
  /** Message templates by id; a report names one and gives the data for its `{{name}}` placeholders (ESLint's meta.messages). */
  messages: Readonly<Record<MessageId, string>>;
}

export interface RuleReport<MessageId extends string = string> {
  messageId: MessageId;
  data?: MessageData;
  range: SourceRange;
  fix?: Fix;
  related?: RelatedLocation[];
  /** Overrides the rule's default severity for this report (e.g. worse for guests). */
  severity?: Severity;
}

export interface RuleContext<MessageId extends string = string> {
  policy: ParsedPolicy;
  /** The policy compiled as its kind reads it (docs/readings.md A3, A14); compiled when first read. */
  readonly compiled: CompiledPolicy;
  kind?: PolicyKind;
  report(report: RuleReport<MessageId>): void;
}

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  check(context: RuleContext<MessageId>): void;
}

/** A rule whose reports may only name message ids its metadata declares (checked by the compiler). */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule {
  return rule as Rule;
}
