import type { IdentityType } from '../cognito/identity';
import type { App, AppClass } from '../project/app';
import type { AppQuestions } from '../project/app-questions';
import type { ConfirmedCheck } from '../prove/prove';
import type { RuleMeta, Severity } from './rule';

/**
 * A rule over what an identity class can do with every policy it gets (docs/app-model.md): it asks the
 * engine (`AppQuestions`) and reports only witnesses the evaluator confirmed, or that it could not decide.
 */
export interface AppRule {
  meta: RuleMeta;
  /** The classes it asks about. */
  identities: readonly IdentityType[];
  /** Single-file rules that guess the same problem from one file's text: dropped for policies an app places. */
  supersedes?: readonly string[];
  check(context: AppRuleContext): void;
}

export interface AppRuleContext {
  app: App;
  cls: AppClass;
  questions: AppQuestions;
  report(report: AppRuleReport): void;
  /** The engine could not decide the question: reported, never taken as "no". */
  undecided(question: string, reasons: readonly string[]): void;
}

export interface AppRuleReport {
  /** What a user of the app can do, with the witness. */
  message: string;
  /**
   * Every request of the witness, as the evaluator allowed it; their statements become the finding's
   * locations. The last one is the request the problem is about: the finding points at its statement.
   */
  checks: readonly ConfirmedCheck[];
  severity?: Severity;
}
