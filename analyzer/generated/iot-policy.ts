/* Generated from schemas/iot-policy.schema.json by scripts/generate-schema-types.js. Do not edit. */

/**
 * An AWS IoT Core policy document, as attached to Amazon Cognito identity IDs with AttachPolicy (at most 2,048 characters without whitespace).
 */
export interface IotPolicy {
  /**
   * AWS IoT policies use 2012-10-17; policy variables need it.
   */
  Version: '2012-10-17';
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
