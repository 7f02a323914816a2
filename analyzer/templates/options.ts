/**
 * The options of "New policy from template" (per-identity.ts) and their defaults: loaded with the library,
 * so that a form can show them before the generator itself is loaded.
 */
export interface TemplateOptions {
  region: string;
  account: string;
  /** Each identity owns `<topicPrefix>/<identity ID>/…`. */
  topicPrefix: string;
  publish: boolean;
  subscribe: boolean;
  /** Topics every signed-in user may read (empty: none), e.g. `broadcast`. */
  sharedReadPrefix: string;
  guest: 'none' | 'read-shared';
  /** Shadow access to the thing named after the identity ID (thing names may contain `:`). */
  shadows: boolean;
  /** The IoT policy name used in the attach snippet. */
  policyName: string;
}

export const DEFAULT_TEMPLATE_OPTIONS: TemplateOptions = {
  region: 'us-east-1',
  account: '123456789012',
  topicPrefix: 'users',
  publish: true,
  subscribe: true,
  sharedReadPrefix: 'broadcast',
  guest: 'read-shared',
  shadows: false,
  policyName: 'PerIdentityIotPolicy',
};
