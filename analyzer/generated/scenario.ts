/* Generated from schemas/scenario.schema.json by scripts/generate-schema-types.js. Do not edit. */

/**
 * A path to a policy file (relative to the scenario file) or an inline policy document.
 */
export type PolicyRef = string | InlinePolicy;
/**
 * Policy files (paths relative to the scenario file) or inline policy documents.
 */
export type PolicyRefs = PolicyRef[];
/**
 * A context key's value: a string, or several strings for a multi-valued key.
 */
export type ContextValue = string | string[];
export type Step = RequestStep | FlowStep;
export type Expectation = 'allow' | 'deny';

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
   * Exactly `Allow` or `Deny` (case-sensitive).
   */
  Effect: 'Allow' | 'Deny';
  /**
   * Actions, case-insensitive, with `*` and `?` wildcards.
   */
  Action?: string | string[];
  /**
   * Every action except these.
   */
  NotAction?: string | string[];
  /**
   * Resource ARNs, case-sensitive, with `*` and `?` wildcards and policy variables.
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
export interface Identity {
  type: 'authenticated' | 'unauthenticated';
  /**
   * The Cognito identity ID (`region:uuid`), the value of `${cognito-identity.amazonaws.com:sub}`.
   */
  identityId: string;
  /**
   * The identity pool ID, the value of `cognito-identity.amazonaws.com:aud`.
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
   * Overrides `cognito-identity.amazonaws.com:amr` (default: ["authenticated"] or ["unauthenticated"]).
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
   * Extra request context keys, e.g. `aws:SourceIp` or `iot:ConnectAttributes`.
   */
  context?: {
    [k: string]: ContextValue;
  };
}
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
   * MQTT CONNECT with this client ID (`iot:Connect` on `client/…`).
   */
  connect?: string;
  /**
   * PUBLISH to this topic (`iot:Publish` on `topic/…`).
   */
  publish?: string;
  /**
   * With publish: the RETAIN flag (also needs `iot:RetainPublish`).
   */
  retain?: boolean;
  /**
   * SUBSCRIBE with this topic filter (`iot:Subscribe` on `topicfilter/…`).
   */
  subscribe?: string;
  /**
   * Delivery of a message on this topic (`iot:Receive` on `topic/…`).
   */
  receive?: string;
  /**
   * Any action, with `resource`.
   */
  action?: string;
  /**
   * With action: the full resource ARN (or `*`).
   */
  resource?: string;
  context?: {
    [k: string]: ContextValue;
  };
  expect?: Expectation;
}
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
