import type { ReadingChoices } from '../readings/choices';
import type { CognitoIdentity } from '../cognito/identity';
import type { RolePolicies } from '../cognito/authorize';
import type { ContextValue } from '../evaluate/context';
import type { CompiledPolicy } from '../evaluate/compile';
import type { PolicyKind } from '../policy/model';
import type { SourceRange } from '../source/range';
import type { ArnScope } from './arn';

/** One request a step makes: the action and the resource ARN actually checked. */
export interface StepCheck {
  action: string;
  resource: string;
}

export type { StepKind } from '../generated/scenario';
import type { StepKind } from '../generated/scenario';

export interface RequestStepSpec {
  kind: 'request';
  index: number;
  range: SourceRange;
  name?: string;
  sugar: StepKind;
  as: string;
  /** What the step names: the client ID, topic, filter or raw resource. */
  target: string;
  checks: StepCheck[];
  clientId?: string;
  context: Record<string, ContextValue>;
  expect?: 'allow' | 'deny';
}

export interface FlowStepSpec {
  kind: 'flow';
  index: number;
  range: SourceRange;
  name?: string;
  from: string;
  to: string;
  topic: string;
  filter: string;
  expect?: 'delivered' | 'blocked';
}

export type StepSpec = RequestStepSpec | FlowStepSpec;

export interface ScenarioIdentity {
  name: string;
  identity: CognitoIdentity;
  iotPolicies: readonly CompiledPolicy[];
  range: SourceRange;
  /**
   * The role the app's role mapping gives this identity (scenarios with `"app"`), instead of the
   * scenario's role of its type. Several candidates when the mapping cannot be decided: each verdict is
   * decided under every one, and ambiguous when they differ.
   */
  roles?: IdentityRoles;
}

export interface IdentityRoles {
  candidates: RoleCandidate[];
  /** Why there is more than one candidate. */
  undecidedBecause: string[];
}

export interface RoleCandidate {
  /** In words: "AdminRole (rule 1 of the role mapping for …)", "no credentials (…)". */
  label: string;
  /** The role's policies; undefined for a role the files do not define (it may grant anything or nothing). */
  policies?: readonly CompiledPolicy[];
}

/** A scenario with every file read, every policy compiled and every step resolved to concrete checks. */
export interface LoadedScenario {
  file: string;
  name: string;
  scope: ArnScope;
  roles: RolePolicies;
  identities: Map<string, ScenarioIdentity>;
  steps: StepSpec[];
  /** Every policy the scenario uses, with the kind the scenario gives it (for `check`). */
  policies: Array<{ policy: CompiledPolicy; kind: PolicyKind }>;
  /** Readings the team pinned (`"readings": {"A14": "resolves"}`); the others are decided under every outcome. */
  readings?: ReadingChoices;
}

/** Why a scenario (or a file it names) cannot be used; always with a location. */
export interface ScenarioProblem {
  severity: 'error' | 'warning';
  message: string;
  range: SourceRange;
}

/**
 * What the project's config says about the templates a scenario names (a ResolvedConfig is one): every
 * front end loads a scenario with its config, so a template gives the same values wherever it is read.
 */
export interface TemplateSettings {
  /** Values of template parameters, Terraform variables and pseudo parameters (the config's `"parameters"`); they win over defaults. */
  readonly templateParameters?: Readonly<Record<string, string>>;
}

/** What the analyzer needs from its surroundings to follow file references (Node, browser, VS Code). */
export interface FileHost {
  /** The file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Why readFile(path) returned undefined ("too large (…)", "not a regular file"), when the host knows. */
  whyUnreadable?(path: string): string | undefined;
  /** The path of `reference` relative to the file that names it. */
  resolve(fromFile: string, reference: string): string;
  /**
   * Whether a file a template includes (Terraform `file()`, `templatefile()`) may be read: only inside the
   * project, links resolved, the boundary the folder walk keeps links in. A host without it reads no
   * includes (their values are unknown).
   */
  mayInclude?(fromFile: string, path: string): boolean;
  /** The names in the folder of `file`, for the files Terraform loads next to a configuration (terraform.tfvars…); undefined when it cannot list it. */
  listFolder?(file: string): string[] | undefined;
}
