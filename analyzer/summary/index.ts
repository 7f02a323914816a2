/** What each identity class of an app can do, computed over every identity and resource (docs/summary.md). */
export { summarizeApp, summarizeApps, type SummaryOptions } from './summarize';
export type {
  AccessCategory,
  AccessSummary,
  ActionAccess,
  AppSummary,
  ClassSummary,
  Flow,
  Grant,
  GrantExample,
  GrantStatus,
  OtherGrant,
  StatementSource,
  UndecidedFlow,
} from './model';
export { unsettled } from './unsettled';
