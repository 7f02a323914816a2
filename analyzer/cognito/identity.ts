import { RequestContext, type ContextValue } from '../evaluate/context';

export type Protocol = 'mqtt-wss' | 'mqtt' | 'https';
export type IdentityType = 'authenticated' | 'unauthenticated';

/** A Cognito identity as AWS IoT sees it on one connection. */
export interface CognitoIdentity {
  type: IdentityType;
  /** The identity ID (`region:uuid`): `${cognito-identity.amazonaws.com:sub}`. */
  identityId: string;
  /** `cognito-identity.amazonaws.com:aud`. */
  identityPoolId?: string;
  /** MQTT client ID; defaults to the identity ID (the usual per-identity pattern). Absent over HTTPS. */
  clientId?: string;
  protocol?: Protocol;
  /** Overrides `cognito-identity.amazonaws.com:amr`. */
  amr?: readonly string[];
  /** A thing attached to the identity with AttachThingPrincipal. */
  thingName?: string;
  thingTypeName?: string;
  thingAttributes?: Readonly<Record<string, string>>;
  /** Extra context keys (`aws:SourceIp`, `iot:ConnectAttributes`…); they override derived ones. */
  context?: Readonly<Record<string, ContextValue>>;
}

export const COGNITO_SUB = 'cognito-identity.amazonaws.com:sub';
export const COGNITO_AUD = 'cognito-identity.amazonaws.com:aud';
export const COGNITO_AMR = 'cognito-identity.amazonaws.com:amr';

export function protocolOf(identity: CognitoIdentity): Protocol {
  return identity.protocol ?? 'mqtt-wss';
}

export function clientIdOf(identity: CognitoIdentity): string | undefined {
  return protocolOf(identity) === 'https' ? undefined : (identity.clientId ?? identity.identityId);
}

/** Why a context key has (or lacks) its value; shown in explanations. */
export interface ContextNote {
  key: string;
  note: string;
}

/**
 * The request context AWS IoT builds for this identity: Cognito keys, the client ID over MQTT, and thing
 * keys when a thing is attached and the client ID is the thing name (thing-policy-variables.html).
 */
export function identityContext(identity: CognitoIdentity, clientIdOverride?: string): { context: RequestContext; notes: ContextNote[] } {
  const context = new RequestContext();
  const notes: ContextNote[] = [];
  context.set(COGNITO_SUB, identity.identityId);
  if (identity.identityPoolId) context.set(COGNITO_AUD, identity.identityPoolId);
  context.set(COGNITO_AMR, identity.amr ?? [identity.type]);
  const protocol = protocolOf(identity);
  const clientId = protocol === 'https' ? undefined : (clientIdOverride ?? clientIdOf(identity));
  if (clientId !== undefined) context.set('iot:ClientId', clientId);
  else notes.push({ key: 'iot:ClientId', note: 'HTTPS requests carry no client ID, so ${iot:ClientId} is unresolved (inferred from http.html)' });
  addThingKeys(identity, protocol, clientId, context, notes);
  // Global keys IAM puts in every request. Without them a Deny conditioned on the time would never apply
  // (a wrong allow); scenarios can pin them with "context" for repeatable runs.
  const now = new Date();
  context.set('aws:CurrentTime', now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  context.set('aws:EpochTime', String(Math.floor(now.getTime() / 1000)));
  context.set('aws:SecureTransport', 'true');
  for (const [key, value] of Object.entries(identity.context ?? {})) context.set(key, value);
  return { context, notes };
}

function addThingKeys(identity: CognitoIdentity, protocol: Protocol, clientId: string | undefined, context: RequestContext, notes: ContextNote[]): void {
  if (protocol === 'https') {
    notes.push({ key: 'iot:Connection.Thing.*', note: 'thing variables exist only over MQTT and MQTT over WebSocket' });
    return;
  }
  const attached = identity.type === 'authenticated' && identity.thingName !== undefined && identity.thingName === clientId;
  // IsAttached is "false" on any MQTT connection without an attached thing (inferred: the docs define only the true case).
  context.set('iot:Connection.Thing.IsAttached', attached ? 'true' : 'false');
  if (!attached) {
    if (identity.thingName && identity.type === 'unauthenticated') {
      notes.push({
        key: 'iot:Connection.Thing.*',
        note: 'thing variables are documented for authenticated identities only; unresolved for guests (inferred, A4)',
      });
    } else if (identity.thingName) {
      notes.push({
        key: 'iot:Connection.Thing.*',
        note: `the client ID "${clientId}" is not the thing name "${identity.thingName}", so thing variables are unresolved`,
      });
    }
    return;
  }
  context.set('iot:Connection.Thing.ThingName', identity.thingName!);
  if (identity.thingTypeName) context.set('iot:Connection.Thing.ThingTypeName', identity.thingTypeName);
  for (const [name, value] of Object.entries(identity.thingAttributes ?? {})) context.set(`iot:Connection.Thing.Attributes[${name}]`, value);
}

const MQTT_ONLY = new Set(['iot:connect', 'iot:subscribe', 'iot:receive']);

/**
 * Why the identity's transport cannot make this request at all, or undefined. Over HTTPS a client only
 * publishes (and calls the shadow and retained-message APIs): there is no connection to authorize, no
 * subscription and no delivery (docs/iot-authorization.md §2.1).
 */
export function transportRefusal(identity: CognitoIdentity, action: string): string | undefined {
  if (protocolOf(identity) !== 'https' || !MQTT_ONLY.has(action.toLowerCase())) return undefined;
  return `${action} happens only over MQTT; this identity uses HTTPS, which can only publish`;
}
