import type { IdentityType } from '../cognito/identity';
import type { ArnScope } from '../scenario/arn';
import type { SourceRange } from '../source/range';

/**
 * What each identity class of an app can do (docs/summary.md). Computed over every identity and every
 * resource by the prover's automata; every grant carries a concrete request the evaluator decided.
 */
export interface AccessSummary {
  apps: AppSummary[];
}

export interface AppSummary {
  name: string;
  file: string;
  origin: 'template' | 'scenario' | 'kinds';
  /** Where the requests were asked (partition, region, account): access found in any of them is listed (docs/summary.md). */
  scopes: ArnScope[];
  notes: string[];
  classes: ClassSummary[];
  /** Who can reach whom: messages one class publishes that another receives. */
  flows: Flow[];
  /** Where flows could not be decided (too many automaton states): flows there are unknown, not absent. */
  undecidedFlows: UndecidedFlow[];
}

export type AccessCategory = 'connect' | 'publish' | 'subscribe' | 'receive' | 'retained' | 'shadow' | 'jobs' | 'connections';

export interface ClassSummary {
  id: string;
  label: string;
  type: IdentityType;
  /** False when the files leave open whether such identities exist. */
  certain: boolean;
  /** What the files do not say: the class may be granted more than listed (AppClass.unknowns). */
  unknowns: string[];
  /** The client IDs it connects with: only its own identity ID, any it picks, or none. */
  clientId: 'own identity ID' | 'chosen by the client' | 'cannot connect';
  /** One entry per AWS IoT data-plane action, in catalog order (empty grants: no access, unless `unknowns`). */
  actions: ActionAccess[];
  /** What the role grants beyond the IoT data plane (control plane, other services). */
  otherActions: OtherGrant[];
  notes: string[];
}

export interface ActionAccess {
  action: string;
  category: AccessCategory;
  /** What the resource names: client IDs, topics, topic filters, things, or `*`. */
  resourceType: string;
  grants: Grant[];
  /** Set when the computation could not finish (too many automaton states): access unknown. */
  undecided?: string;
}

/** Whether the evaluator allowed the grant's example request. */
export type GrantStatus =
  /** Allowed. */
  | 'confirmed'
  /** Allowed under some documented readings, denied under others (docs/readings.md). */
  | 'ambiguous'
  /** Denied for the example because a condition did not hold: the grant depends on the request context. */
  | 'conditional'
  /** Denied for the example although the automata allow it: shown, never dropped (fail closed). */
  | 'unconfirmed';

export interface Grant {
  /**
   * The resources, as the policies write them after `<type>/`, with the identity's own ID shown as
   * `<own identity ID>` and its client ID as `<client ID>`; `A ∩ B` when neither policy layer's pattern
   * contains the other's.
   */
  pattern: string;
  /** True when it covers every resource of the type (any topic, any client ID…). */
  everything: boolean;
  /** Deny patterns (and the other layer's limits) carving parts out of it; empty when all of `pattern` is granted. */
  except: string[];
  /** Conditions the granting statements put on it, as written. */
  conditions: string[];
  example: GrantExample;
  status: GrantStatus;
  /** For `ambiguous`: under which readings it is allowed, in words. */
  readings?: string[];
  /** The Allow statements granting it (role first, then IoT policy). */
  sources: StatementSource[];
}

export interface GrantExample {
  /** The resource name (after `<type>/`), or the whole ARN for untyped resources. */
  resource: string;
  identityId: string;
  clientId?: string;
  decision: 'allow' | 'deny' | 'ambiguous';
}

export interface StatementSource {
  /** `statement "Sid" (file:line:col)` */
  statement: string;
  range: SourceRange;
}

export interface OtherGrant {
  /** The Action entries as written, or `every action except …` for NotAction. */
  actions: string[];
  /** The Resource entries as written, or `every resource except …`. */
  resources: string[];
  conditions: string[];
  /** Deny statements of the role that cover some of these actions. */
  except: string[];
  example: { action: string; resource: string; decision: 'allow' | 'deny' | 'ambiguous' };
  status: GrantStatus;
  source: StatementSource;
}

/** A pair of classes and a channel whose flows the computation could not decide. */
export interface UndecidedFlow {
  from: string;
  to: string;
  via: Flow['via'];
  reason: string;
}

export interface Flow {
  from: string;
  to: string;
  /**
   * Messages published with MQTT/HTTPS and delivered to a subscription, retained and read over HTTPS, or a
   * device shadow one identity writes and the other reads (the pattern is then the writing grant, the
   * example's topic what the receiver reads: a reply topic, or `thing/<key>` for GetThingShadow).
   */
  via: 'subscription' | 'retained message' | 'shadow';
  /** The topics, with `<sender's identity ID>` and `<receiver's identity ID>` for the per-identity parts. */
  pattern: string;
  /** `senderClientId`/`receiverClientId`: the client ID a class that picks one connects with, when not `client-1` (a pattern built from `${iot:ClientId}` needs it). */
  example: { topic: string; filter?: string; sender: string; receiver: string; senderClientId?: string; receiverClientId?: string };
  /** Whether the evaluator allowed every request of the example (publish, subscribe, receive): `ambiguous` when only under some readings. */
  status: 'confirmed' | 'ambiguous' | 'unconfirmed';
}
