import type { IotPolicyRole } from '../cognito/authorize';
import type { IdentityType } from '../cognito/identity';
import type { Outcome } from '../evaluate/evaluate';
import type { StatementRef, StatementTrace, VariableValue } from '../explain/explain';
import type { SourceRange } from '../source/range';
import type { StepKind } from './model';

/** One policy set's part in a decision. */
export interface PolicySetReport {
  outcome: Outcome;
  deciding?: StatementRef;
  /** Statements whose actions cover the request, and why each did or did not apply. */
  considered: StatementTrace[];
}

/** The verdict under one combination of reading outcomes, and the statements that decided it. */
export interface ReadingOutcomeReport {
  /** Reading id → outcome (docs/readings.md). */
  readings: Record<string, string>;
  decision: 'allow' | 'deny';
  deciding: StatementRef[];
}

/** One action/resource decided for one identity, explained. */
export interface CheckResult {
  identity: string;
  identityType: IdentityType;
  clientId?: string;
  action: string;
  resource: string;
  /** `ambiguous`: allowed under some documented reading and denied under another (see `outcomes`). */
  decision: 'allow' | 'deny' | 'ambiguous';
  /** Set when ambiguous: the verdict under each combination of the readings the request touches. */
  outcomes?: ReadingOutcomeReport[];
  role: PolicySetReport;
  iotPolicyRole: IotPolicyRole;
  /** Present when the attached IoT policies were consulted. */
  iotPolicies?: PolicySetReport & { attached: number };
  variables: VariableValue[];
  notes: string[];
  /** Set when the request cannot happen at all (e.g. Subscribe over HTTPS): the decision is deny whatever the policies say. */
  refusedBecause?: string;
}

export interface StepResult {
  index: number;
  name?: string;
  kind: StepKind | 'flow';
  /** e.g. `alice publish users/…/telemetry` */
  label: string;
  /** `ambiguous`: the verdict depends on how AWS reads something its documentation leaves open. */
  decision: 'allow' | 'deny' | 'delivered' | 'blocked' | 'ambiguous';
  expected?: 'allow' | 'deny' | 'delivered' | 'blocked';
  /** An expectation of deny/blocked fails on an ambiguous verdict (a possible leak); allow/delivered passes with `warning`. */
  pass?: boolean;
  /** Set when the step passes but AWS may decide otherwise under a documented reading. */
  warning?: string;
  checks: CheckResult[];
  /** For flows: whether the subscriber's filter matches the topic under MQTT rules. */
  filterMatches?: boolean;
  /** Human-readable lines: the verdict and why. */
  explanation: string[];
  range: SourceRange;
}

export interface ScenarioResult {
  file: string;
  name: string;
  steps: StepResult[];
  summary: { steps: number; passed: number; failed: number; unchecked: number };
  /** True when every expectation holds. */
  pass: boolean;
  warnings: Array<{ message: string; range: SourceRange }>;
}
