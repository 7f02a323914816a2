/* Generated from schemas/policy-grammar.schema.json by scripts/generate-schema-types.js. Do not edit. */

/**
 * This interface was referenced by `PolicyGrammar`'s JSON-Schema
 * via the `definition` "StringOrStrings".
 */
export type StringOrStrings = string | string[];
/**
 * One value or several (ORed).
 *
 * This interface was referenced by `PolicyGrammar`'s JSON-Schema
 * via the `definition` "ConditionValue".
 */
export type ConditionValue = (string | boolean | number) | (string | boolean | number)[];
/**
 * This interface was referenced by `PolicyGrammar`'s JSON-Schema
 * via the `definition` "StatementOrStatements".
 */
export type StatementOrStatements = Statement | [Statement, ...Statement[]];

/**
 * The AWS policy grammar shared by IAM identity policies and AWS IoT Core policies.
 */
export interface PolicyGrammar {
  [k: string]: unknown;
}
/**
 * Operator → { condition key → value(s) }. Operators and keys are ANDed, values of one key ORed.
 *
 * This interface was referenced by `PolicyGrammar`'s JSON-Schema
 * via the `definition` "ConditionBlock".
 */
export interface ConditionBlock {
  [k: string]: {
    [k: string]: ConditionValue;
  };
}
/**
 * This interface was referenced by `PolicyGrammar`'s JSON-Schema
 * via the `definition` "Statement".
 */
export interface Statement {
  /**
   * Statement identifier, unique within the policy.
   */
  Sid?: string;
  /**
   * Exactly Allow or Deny (case-sensitive).
   */
  Effect: 'Allow' | 'Deny';
  /**
   * Actions, case-insensitive, with * and ? wildcards.
   */
  Action?: string | string[];
  /**
   * Every action except these.
   */
  NotAction?: string | string[];
  /**
   * Resource ARNs, case-sensitive, with * and ? wildcards and policy variables.
   */
  Resource?: string | string[];
  /**
   * Every resource except these.
   */
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}
/**
 * A policy document written inline.
 *
 * This interface was referenced by `PolicyGrammar`'s JSON-Schema
 * via the `definition` "InlinePolicy".
 */
export interface InlinePolicy {
  Version?: string;
  Id?: string;
  Statement: StatementOrStatements;
}
