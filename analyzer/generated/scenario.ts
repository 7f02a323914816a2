/* Generated from schemas/scenario.schema.json by scripts/generate-schema-types.js. Do not edit. */

/**
 * A path to a policy file (relative to the scenario file) or an inline policy document.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "PolicyRef".
 */
export type PolicyRef = string | InlinePolicy;
/**
 * Policy files (paths relative to the scenario file) or inline policy documents.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "PolicyRefs".
 */
export type PolicyRefs = PolicyRef[];
/**
 * A context key's value: a string, or several strings for a multi-valued key.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "ContextValue".
 */
export type ContextValue = string | string[];
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Step".
 */
export type Step = RequestStep | FlowStep;
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Expectation".
 */
export type Expectation = 'allow' | 'deny';
/**
 * One guarantee to prove.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Property".
 */
export type Property = IsolationProperty | NoAccessProperty | NoFlowProperty;
/**
 * Who: "authenticated" or "unauthenticated" (every identity of that type, with each distinct set of IoT policies the scenario attaches), or the name of an identity in "identities" (its type and IoT policies, for every identity ID).
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "IdentitySelector".
 */
export type IdentitySelector = string;
/**
 * The request a step makes, named by the one property of these it has: connect, publish, subscribe, receive, or action (with resource).
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "StepKind".
 */
export type StepKind = 'connect' | 'publish' | 'subscribe' | 'receive' | 'action';

/**
 * Who may connect, publish, subscribe and receive: Cognito identities, the policies that apply to them, and the requests to decide. Paths are relative to the scenario file.
 */
export interface Scenario {
  $schema?: string;
  /**
   * A short title shown in reports.
   */
  name?: string;
  description?: string;
  /**
   * Region used to build ARNs for step sugar (connect, publish, subscribe, receive).
   */
  region?: string;
  /**
   * Account ID used to build ARNs for step sugar.
   */
  account?: string;
  partition?: 'aws' | 'aws-cn' | 'aws-us-gov';
  /**
   * Pins how AWS reads something its documentation leaves open, once your team has tested it (docs/readings.md). Without a pin, a verdict that differs between readings is ambiguous.
   */
  readings?: {
    /**
     * Cognito's enhanced-flow session policy for guests: does it leave AWS IoT actions alone (basic flow, or as the Cognito guide lists) or refuse them (the managed policy as published)?
     */
    A1?: 'unrestricted' | 'restricted';
    /**
     * Newer data-plane actions (RetainPublish, ListNamedShadowsForThing…): does the attached IoT policy have to allow them too?
     */
    A2?: 'iot-policy-required' | 'role-alone';
    /**
     * Are cognito-identity.amazonaws.com:aud and :amr in the request context of AWS IoT policies?
     */
    A3?: 'present' | 'absent';
    /**
     * May a * or ? before the resource part of an ARN match a colon?
     */
    A6?: 'spans-colons' | 'within-part';
    /**
     * Are the global keys aws:CurrentTime, aws:EpochTime and aws:SecureTransport in the request context of AWS IoT data-plane requests?
     */
    A9?: 'present' | 'absent';
    /**
     * ${iot:ClientId} in identity-pool role policies.
     */
    A14?: 'never-resolves' | 'resolves';
    /**
     * A condition value that does not parse for its operator.
     */
    'R-malformed-value'?: 'value-ignored' | 'condition-fails';
    /**
     * An unknown condition operator.
     */
    'R-unknown-operator'?: 'condition-fails' | 'condition-ignored';
    /**
     * A multi-valued key under an operator without ForAnyValue:/ForAllValues:.
     */
    'R-multi-single'?: 'any-value' | 'every-value';
    /**
     * A Deny with a wildcard in the resource type.
     */
    'R-type-wildcard-deny'?: 'denies-pattern' | 'denies-nothing';
    /**
     * A policy with a Resource ARN of fewer than six parts: stored and matched as written, or rejected by AWS?
     */
    'R-short-arn'?: 'stored' | 'rejected';
    /**
     * A variable default written without the space after the comma (${key,'x'}).
     */
    'R-default-spacing'?: 'default' | 'unresolved';
  };
  /**
   * The identity-pool app the scenario tests: a CloudFormation/SAM template, Serverless service or Terraform file (relative to the scenario), with #Pool when it has several identity pools. Guests get the pool's unauthenticated role, signed-in identities the role its role mapping gives their claims, and the app's IoT policies unless they name their own ("#PolicyName" names a policy of the app). Excludes "roles".
   */
  app?: string;
  /**
   * The identity pool's role policies.
   */
  roles?: {
    authenticated?: PolicyRefs;
    unauthenticated?: PolicyRefs;
  };
  /**
   * Named Cognito identities the steps act as.
   */
  identities: {
    [k: string]: Identity;
  };
  steps: Step[];
  /**
   * Guarantees to prove over every identity of a class and every topic, filter or resource the policies can match (iot-policy-lens prove). Each is proved, refuted with a concrete counterexample the evaluator confirms, or reported unknown.
   */
  properties?: Property[];
}
/**
 * A policy document written inline.
 */
export interface InlinePolicy {
  Version?: string;
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
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Identity".
 */
export interface Identity {
  type: 'authenticated' | 'unauthenticated';
  /**
   * The Cognito identity ID (region:uuid), the value of ${cognito-identity.amazonaws.com:sub}.
   */
  identityId: string;
  /**
   * The identity pool ID, the value of cognito-identity.amazonaws.com:aud.
   */
  identityPoolId?: string;
  /**
   * MQTT client ID of the connection (defaults to the identity ID).
   */
  clientId?: string;
  /**
   * How the identity reaches AWS IoT. Cognito credentials sign MQTT-over-WebSocket connections; HTTPS has no client ID.
   */
  protocol?: 'mqtt-wss' | 'mqtt' | 'https';
  iotPolicies?: PolicyRefs;
  /**
   * With "app": the claims of the identity's ID token that the pool's role mapping reads: those a rules-based mapping matches (e.g. {"custom:dept": "sales"}), or the role ARNs a token-based one takes (cognito:preferred_role, and cognito:roles as a comma-separated string or a list); a list is a multi-valued claim. Without claims, an identity whose role a mapping decides is checked under every role it may get.
   */
  claims?: {
    [k: string]: ContextValue;
  };
  /**
   * With "app": the identity provider the identity signs in with, as the role mapping names it (cognito-idp.<region>.amazonaws.com/<pool>:<client>); needed when the pool maps roles for several providers.
   */
  identityProvider?: string;
  /**
   * Overrides cognito-identity.amazonaws.com:amr (default: ["authenticated"] or ["unauthenticated"]).
   */
  amr?: string[];
  /**
   * A thing attached to this identity with AttachThingPrincipal.
   */
  thingName?: string;
  thingTypeName?: string;
  thingAttributes?: {
    [k: string]: string;
  };
  /**
   * Extra request context keys, e.g. aws:SourceIp or iot:ConnectAttributes.
   */
  context?: {
    [k: string]: ContextValue;
  };
}
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "RequestStep".
 */
export interface RequestStep {
  name?: string;
  /**
   * The identity making the request.
   */
  as: string;
  /**
   * Overrides the identity's client ID for this step.
   */
  clientId?: string;
  /**
   * MQTT CONNECT with this client ID (iot:Connect on client/…).
   */
  connect?: string;
  /**
   * PUBLISH to this topic (iot:Publish on topic/…).
   */
  publish?: string;
  /**
   * With publish: the RETAIN flag (also needs iot:RetainPublish).
   */
  retain?: boolean;
  /**
   * SUBSCRIBE with this topic filter (iot:Subscribe on topicfilter/…).
   */
  subscribe?: string;
  /**
   * Delivery of a message on this topic (iot:Receive on topic/…).
   */
  receive?: string;
  /**
   * Any action, with resource.
   */
  action?: string;
  /**
   * With action: the full resource ARN (or *).
   */
  resource?: string;
  context?: {
    [k: string]: ContextValue;
  };
  expect?: Expectation;
}
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "FlowStep".
 */
export interface FlowStep {
  name?: string;
  flow: {
    /**
     * The publishing identity.
     */
    from: string;
    /**
     * The topic it publishes to.
     */
    topic: string;
    /**
     * The subscribing identity.
     */
    to: string;
    /**
     * The subscriber's topic filter (defaults to the topic).
     */
    filter?: string;
  };
  expect?: 'delivered' | 'blocked';
}
/**
 * Isolation: every topic an identity of the class may publish to, every topic filter it may subscribe with, and every topic it may receive (through a filter it may subscribe with, under MQTT matching) lies under its own prefix or matches a shared pattern.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "IsolationProperty".
 */
export interface IsolationProperty {
  kind: 'isolation';
  /**
   * A short title shown in reports.
   */
  name?: string;
  description?: string;
  identities: IdentitySelector;
  /**
   * The per-identity topic prefix, e.g. users/${cognito-identity.amazonaws.com:sub}/ (* and ? are wildcards, + and # literal).
   */
  prefix: string;
  /**
   * Topic (and filter) patterns every identity may use besides its prefix, e.g. broadcast/*; * and ? are wildcards, + and # literal.
   */
  shared?: string[];
  /**
   * What to check (default: all three).
   *
   * @minItems 1
   */
  operations?: ['publish' | 'subscribe' | 'receive', ...('publish' | 'subscribe' | 'receive')[]];
}
/**
 * No access: no identity of the class may perform any of the actions on any resource matching one of the patterns.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "NoAccessProperty".
 */
export interface NoAccessProperty {
  kind: 'no-access';
  /**
   * A short title shown in reports.
   */
  name?: string;
  description?: string;
  identities: IdentitySelector;
  /**
   * Actions, e.g. iot:Publish; wildcards such as iot:*Shadow expand to the known actions.
   *
   * @minItems 1
   */
  actions: [string, ...string[]];
  /**
   * Resource patterns: full ARNs, or relative to the scenario's region and account (topic/$aws/*, client/${other:cognito-identity.amazonaws.com:sub}). ${cognito-identity.amazonaws.com:sub} is the identity's own ID, ${other:cognito-identity.amazonaws.com:sub} any other identity's.
   *
   * @minItems 1
   */
  resources: [string, ...string[]];
}
/**
 * No flow: no message published by an identity of one class reaches a different identity of another (or the same) class — through any topic and any filter it may subscribe with, under MQTT matching, by reading a retained message, or through a device shadow it writes and the other reads (docs/prove.md lists the channels followed).
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "NoFlowProperty".
 */
export interface NoFlowProperty {
  kind: 'no-flow';
  /**
   * A short title shown in reports.
   */
  name?: string;
  description?: string;
  from: IdentitySelector;
  to: IdentitySelector;
  /**
   * Only flows through topics matching one of these patterns (default: every topic). ${cognito-identity.amazonaws.com:sub} is the publisher's ID, ${other:cognito-identity.amazonaws.com:sub} the receiver's.
   */
  topics?: string[];
}
