/* Generated from schemas/iam-policy.schema.json by scripts/generate-schema-types.js. Do not edit. */

/**
 * An IAM identity policy, as attached to an Amazon Cognito identity pool's authenticated or unauthenticated role.
 */
export interface IamPolicy {
  /**
   * Use 2012-10-17: policy variables are substituted only in that version.
   */
  Version?: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: Statement | [Statement, ...Statement[]];
}
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
 * Operator → { condition key → value(s) }. Operators and keys are ANDed, values of one key ORed.
 */
export interface ConditionBlock {
  [k: string]: {
    /**
     * One value or several (ORed).
     */
    [k: string]: string | boolean | number | (string | boolean | number)[];
  };
}
