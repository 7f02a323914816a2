/**
 * Proofs over every identity and every topic: scenario properties (isolation, no-access, no-flow) and
 * "what new access does this change grant?" (`diffAccess`). Pure TypeScript; runs in Node and browsers.
 */
export {
  loadProvableScenario,
  classesOfType,
  OTHER_SUB,
  type IdentityClass,
  type IsolationSpec,
  type NoAccessSpec,
  type NoFlowSpec,
  type Operation,
  type PropertyKind,
  type PropertyPattern,
  type PropertySpec,
  type ProvableScenario,
} from './properties';
export {
  describeWitness,
  proveProperty,
  proveScenario,
  titleOf,
  type ConfirmedCheck,
  type Counterexample,
  type PropertyResult,
  type ProveOptions,
  type Verdict,
  type WitnessIdentity,
} from './prove';
export {
  compilePolicyFor,
  diffAccess,
  identityTypeOf,
  type AccessChange,
  type AccessDelta,
  type AccessDiff,
  type AccessExample,
  type PatternRef,
} from './diff';
export {
  accessFindings,
  describeActions,
  describeUnknown,
  fileStart,
  propertyFindings,
  type AccessUnknown,
  type FileAccessDiff,
  type GateOptions,
} from './findings';
