/* Generated from schemas/policy-grammar.schema.json by scripts/generate-schema-types.js. Do not edit. */

/**
 * The AWS policy grammar shared by IAM identity policies and AWS IoT Core policies.
 */
export interface PolicyGrammar {
  [k: string]: unknown;
}
