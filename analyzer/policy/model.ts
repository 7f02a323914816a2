import type { Node } from 'jsonc-parser';
import grammar from '../../schemas/policy-grammar.schema.json';
import type { LineIndex, SourceRange } from '../source/range';

/** A value together with where it was written. */
export interface Located<T> {
  value: T;
  range: SourceRange;
}

/** The policy language versions AWS accepts (`2008-10-17` reads `${…}` as literal text). */
export const POLICY_VERSIONS: readonly string[] = ['2012-10-17', '2008-10-17'];

/** `Allow` and `Deny`, as the grammar schema (the single source of truth) writes them. */
export const EFFECTS: readonly string[] = grammar.definitions.Statement.properties.Effect.enum;

/** Shared by the parsed statements without a Condition. */
export const NO_PARSED_CONDITIONS: readonly ParsedCondition[] = Object.freeze([]);

/** What a policy is for: an IoT policy attached to Cognito identities, or a role policy of the identity pool. */
export type PolicyKind = 'iot' | 'auth-role' | 'unauth-role';
export const POLICY_KINDS: readonly PolicyKind[] = ['iot', 'auth-role', 'unauth-role'];

/**
 * Why a document cannot be used as written (AWS would reject it); rules turn these into findings. Any
 * problem makes the policy grant nothing. `invalid-version` and `duplicate-sid` are reported by the
 * policy-version and duplicate-sid rules, the others by the syntax rules.
 */
export type GrammarProblemCode =
  | 'invalid-version'
  | 'duplicate-sid'
  | 'invalid-json'
  | 'invalid-structure'
  | 'unknown-element'
  | 'duplicate-key'
  | 'empty-statement'
  | 'invalid-effect'
  | 'missing-action-or-resource'
  | 'principal-in-identity-policy';

export interface GrammarProblem {
  code: GrammarProblemCode;
  message: string;
  range: SourceRange;
}

/** `Action`/`NotAction` or `Resource`/`NotResource`, normalized to a list. */
export interface ElementList {
  key: Located<string>;
  negated: boolean;
  values: Located<string>[];
  /** The values' texts: what compiling reads, without building a Located entry for each. */
  readonly texts: readonly string[];
  /** Range of the whole value (string or array), for fixes that rewrite it. */
  valueRange: SourceRange;
}

export interface ParsedCondition {
  operator: Located<string>;
  key: Located<string>;
  /** Values as IAM compares them: booleans and numbers become their JSON text. */
  values: Located<string>[];
}

export interface ParsedStatement {
  index: number;
  range: SourceRange;
  sid?: Located<string>;
  effect?: Located<string>;
  actions?: ElementList;
  resources?: ElementList;
  principal?: Located<string>;
  conditions: readonly ParsedCondition[];
  /** False when AWS would reject this statement; it then never grants anything. */
  wellFormed: boolean;
}

export interface ParsedPolicy {
  file: string;
  text: string;
  lines: LineIndex;
  /** The JSON syntax tree (parsed again on first use when the policy was read from text). */
  root?: Node;
  version?: Located<string>;
  statementKey?: Located<string>;
  statements: ParsedStatement[];
  problems: GrammarProblem[];
}

/** True when the document as a whole is one AWS would accept. */
export function isPolicyAccepted(policy: ParsedPolicy): boolean {
  return policy.problems.length === 0;
}
