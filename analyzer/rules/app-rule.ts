import type { IdentityType } from '../cognito/identity';
import type { App, AppClass } from '../project/app';
import type { AppQuestions } from '../project/app-questions';
import type { ConfirmedCheck } from '../prove/prove';
import type { MessageData, RuleMeta, Severity } from './rule';

/** Every app rule's message for a question the engine could not decide: reported, never taken as "no". */
export const UNDECIDED_MESSAGES = { undecided: 'could not decide whether {{question}}: {{reasons}}' } as const;

/**
 * A rule over what an identity class can do with every policy it gets (docs/app-model.md): it asks the
 * engine (`AppQuestions`) and reports only witnesses the evaluator confirmed, or that it could not decide.
 */
export interface AppRule<MessageId extends string = string> {
  meta: RuleMeta<MessageId | keyof typeof UNDECIDED_MESSAGES>;
  /** The classes it asks about. */
  identities: readonly IdentityType[];
  /** Single-file rules that guess the same problem from one file's text: dropped for policies an app places. */
  supersedes?: readonly string[];
  check(context: AppRuleContext<MessageId>): void;
}

export interface AppRuleContext<MessageId extends string = string> {
  app: App;
  cls: AppClass;
  questions: AppQuestions;
  report(report: AppRuleReport<MessageId>): void;
  /** The engine could not decide the question: reported, never taken as "no". */
  undecided(question: string, reasons: readonly string[]): void;
}

export interface AppRuleReport<MessageId extends string = string> {
  /** What a user of the app can do, with the witness: one of the rule's message templates and its data. */
  messageId: MessageId;
  data: MessageData;
  /**
   * Every request of the witness, as the evaluator allowed it; their statements become the finding's
   * locations. The last one is the request the problem is about: the finding points at its statement.
   */
  checks: readonly ConfirmedCheck[];
  severity?: Severity;
}

/** An app rule whose reports may only name message ids its metadata declares (checked by the compiler). */
export function defineAppRule<MessageId extends string>(rule: AppRule<MessageId>): AppRule {
  return rule as unknown as AppRule;
}
