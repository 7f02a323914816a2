/* Generated from schemas/config.schema.json by scripts/generate-schema-types.js. Do not edit. */

/**
 * This interface was referenced by `LensConfig`'s JSON-Schema
 * via the `definition` "PolicyKind".
 */
export type PolicyKind = 'iot' | 'auth-role' | 'unauth-role';

/**
 * iot-policy-lens.config.json: one configuration for the CLI and the editor. Globs are relative to this file.
 */
export interface LensConfig {
  $schema?: string;
  /**
   * Which files are which kind of policy: glob → kind. The first matching glob wins.
   */
  kinds?: {
    [k: string]: PolicyKind;
  };
  /**
   * Severity per rule id, or "off".
   */
  rules?: {
    [k: string]: 'error' | 'warning' | 'info' | 'off';
  };
  /**
   * Findings to ignore: for files matching the glob, the listed rules (optionally only inside statements with these Sids).
   */
  ignore?: Ignore[];
  /**
   * Globs of files and folders that are never checked.
   */
  exclude?: string[];
  /**
   * Globs of scenario files to run (files with "identities" and "steps" are found anyway).
   */
  scenarios?: string[];
  /**
   * When true, `check` on paths with nothing it can read says so and exits 0 instead of 2 (for repositories that may legitimately have no policies yet).
   */
  allowEmpty?: boolean;
  /**
   * Values of CloudFormation/Serverless template parameters by name, as they are deployed; they win over the templates' Default values. A parameter without a value or a Default is unknown.
   */
  parameters?: {
    [k: string]: string;
  };
}
/**
 * This interface was referenced by `LensConfig`'s JSON-Schema
 * via the `definition` "Ignore".
 */
export interface Ignore {
  /**
   * Glob of the files this applies to.
   */
  files: string;
  /**
   * @minItems 1
   */
  rules: [string, ...string[]];
  /**
   * Only inside statements with these Sids.
   */
  sids?: string[];
  /**
   * Why: shown to reviewers.
   */
  reason?: string;
}
