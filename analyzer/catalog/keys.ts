import type { ValueType } from '../conditions/operators';

/**
 * Context keys that matter for Cognito identities in AWS IoT, usable as condition keys and (single-valued
 * ones) as `${…}` policy variables. Sources: docs/iot-authorization.md §3–§4.
 */
export interface ContextKeyInfo {
  name: string;
  type: ValueType;
  multiValued: boolean;
  description: string;
  /** What the key holds for Cognito identities over AWS IoT. */
  cognito: {
    authenticated: string;
    unauthenticated: string;
  };
  /** Keys that never have a value for Cognito identities (certificate keys). */
  neverForCognito?: boolean;
  /** Keys that have a value only when a thing is attached and the client ID is the thing name. */
  thingOnly?: boolean;
}

const always = (value: string) => ({ authenticated: value, unauthenticated: value });

export const CONTEXT_KEYS: readonly ContextKeyInfo[] = [
  {
    name: 'cognito-identity.amazonaws.com:sub',
    type: 'string',
    multiValued: false,
    description: 'The Cognito identity ID (`region:uuid`) — the per-user namespace key.',
    cognito: always("the caller's identity ID, e.g. `us-east-1:1111…`"),
  },
  {
    name: 'cognito-identity.amazonaws.com:aud',
    type: 'string',
    multiValued: false,
    description: 'The identity pool ID. Documented for IAM role policies; undocumented in IoT policies (A3).',
    cognito: always('the identity pool ID'),
  },
  {
    name: 'cognito-identity.amazonaws.com:amr',
    type: 'string',
    multiValued: true,
    description:
      'Authentication methods: `unauthenticated`, or `authenticated` plus the provider. Multi-valued: use it in conditions with ForAnyValue:, never as a variable.',
    cognito: { authenticated: '["authenticated", <provider>]', unauthenticated: '["unauthenticated"]' },
  },
  {
    name: 'iot:ClientId',
    type: 'string',
    multiValued: false,
    description: 'The MQTT client ID of the connection. Chosen by the client: never trust it as an identity unless Connect pins it.',
    cognito: always('the MQTT client ID the app chose; absent over HTTPS'),
  },
  {
    name: 'iot:DomainName',
    type: 'string',
    multiValued: false,
    description: 'The domain name the client connected to.',
    cognito: always('the endpoint domain name'),
  },
  {
    name: 'iot:Connection.Thing.ThingName',
    type: 'string',
    multiValued: false,
    thingOnly: true,
    description: 'The thing attached to the identity, when the client ID is the thing name.',
    cognito: {
      authenticated: "the attached thing's name, if the client ID equals it (MQTT only)",
      unauthenticated: 'unresolved (inferred: thing association is documented for authenticated identities)',
    },
  },
  {
    name: 'iot:Connection.Thing.ThingTypeName',
    type: 'string',
    multiValued: false,
    thingOnly: true,
    description: "The attached thing's type.",
    cognito: { authenticated: "the attached thing's type (MQTT only)", unauthenticated: 'unresolved (inferred)' },
  },
  {
    name: 'iot:Connection.Thing.IsAttached',
    type: 'bool',
    multiValued: false,
    description: '`true` when the connecting thing (thing name = client ID) is attached to the identity.',
    cognito: { authenticated: '"true" when the client ID is an attached thing\'s name, else "false"', unauthenticated: '"false" (inferred)' },
  },
  {
    name: 'iot:ConnectAttributes',
    type: 'string',
    multiValued: true,
    description: 'Connection attributes: `PersistentConnect`, `LastWill`. Multi-valued: use ForAnyValue:/ForAllValues:.',
    cognito: always("the CONNECT packet's attributes (empty for a clean connect without will)"),
  },
  {
    name: 'iot:LastWillTopic',
    type: 'arn',
    multiValued: false,
    description: 'The ARN of the will topic on CONNECT.',
    cognito: always('the will topic ARN, when the CONNECT has a will'),
  },
  {
    name: 'aws:SourceIp',
    type: 'ip',
    multiValued: false,
    description: "The client's IP address; compare with IpAddress/NotIpAddress.",
    cognito: always("the client's IP address"),
  },
  {
    name: 'aws:CurrentTime',
    type: 'date',
    multiValued: false,
    description: 'The request time (undocumented for IoT data-plane actions, A9).',
    cognito: always('the request time'),
  },
  {
    name: 'aws:EpochTime',
    type: 'date',
    multiValued: false,
    description: 'The request time in epoch seconds (undocumented for IoT data-plane actions, A9).',
    cognito: always('the request time'),
  },
  {
    name: 'aws:SecureTransport',
    type: 'bool',
    multiValued: false,
    description: 'Whether the request used TLS (undocumented for IoT data-plane actions, A9).',
    cognito: always('"true"'),
  },
  { name: 'aws:RequestedRegion', type: 'string', multiValued: false, description: 'The region of the request.', cognito: always('the region') },
  {
    name: 'aws:PrincipalAccount',
    type: 'string',
    multiValued: false,
    description: 'The account of the caller.',
    cognito: always('the account of the identity pool role'),
  },
  {
    name: 'aws:userid',
    type: 'string',
    multiValued: false,
    description: "The caller's unique ID (for a Cognito role session: role ID:session name).",
    cognito: always('`<role id>:CognitoIdentityCredentials`'),
  },
  {
    name: 'aws:username',
    type: 'string',
    multiValued: false,
    description: 'The IAM user name; never present for role sessions.',
    cognito: always('absent (role sessions have no user name)'),
  },
];

const BY_KEY = new Map(CONTEXT_KEYS.map((k) => [k.name.toLowerCase(), k]));

/** Other IAM global condition keys: valid names, with no special meaning for Cognito identities in AWS IoT. */
const OTHER_GLOBAL_KEYS = new Set(
  [
    'aws:TokenIssueTime',
    'aws:FederatedProvider',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceVpcArn',
    'aws:VpcSourceIp',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalType',
    'aws:PrincipalIsAWSService',
    'aws:PrincipalServiceName',
    'aws:Referer',
    'aws:UserAgent',
    'aws:MultiFactorAuthPresent',
    'aws:MultiFactorAuthAge',
    'aws:ViaAWSService',
    'aws:CalledVia',
    'aws:CalledViaFirst',
    'aws:CalledViaLast',
    'aws:RequestedRegion',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOrgID',
    'aws:SourceIdentity',
    'aws:TagKeys',
    'aws:ResourceAccount',
    'aws:ResourceOrgID',
    'aws:Ec2InstanceSourceVpc',
    'aws:SourceOwner',
  ].map((k) => k.toLowerCase()),
);
const THING_ATTRIBUTE = /^iot:connection\.thing\.attributes\[[^\]]+\]$/;
const CERTIFICATE = /^iot:certificate\./;
const PRINCIPAL_TAG = /^aws:(principaltag|requesttag|resourcetag)\/.+$/;

export type KeyLookup = { known: true; info?: ContextKeyInfo; thingOnly?: boolean; neverForCognito?: boolean } | { known: false };

/** Looks up a key or variable name, case-insensitively, including the families (thing attributes, certificate fields, tags). */
export function lookupContextKey(name: string): KeyLookup {
  const key = name.toLowerCase();
  const info = BY_KEY.get(key);
  if (info) return { known: true, info, thingOnly: info.thingOnly };
  if (THING_ATTRIBUTE.test(key)) return { known: true, thingOnly: true };
  if (CERTIFICATE.test(key)) return { known: true, neverForCognito: true };
  if (PRINCIPAL_TAG.test(key) || OTHER_GLOBAL_KEYS.has(key)) return { known: true };
  return { known: false };
}

export const KNOWN_KEY_NAMES: readonly string[] = CONTEXT_KEYS.map((k) => k.name);
