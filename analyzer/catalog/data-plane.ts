/**
 * The AWS IoT data-plane actions a Cognito identity uses, with the resource type each one checks
 * (docs/iot-authorization.md §2.1) and how the authenticated-identity scope-down applies to it (§1.2, reading A2 in docs/readings.md).
 */
export type IotResourceType = 'client' | 'topic' | 'topicfilter' | 'thing' | 'any';

export type ScopeDown =
  /** Documented: the authenticated role AND an attached IoT policy must both allow. */
  | 'documented'
  /**
   * Not in AWS's (older) scope-down list: whether the attached IoT policy must allow it too is reading A2
   * (docs/readings.md), and decisions are made under both outcomes.
   */
  | 'inferred';

export interface DataPlaneAction {
  name: string;
  resourceType: IotResourceType;
  scopeDown: ScopeDown;
  summary: string;
  /** Over MQTT these are checked per message or per connection; the HTTPS-only ones have no client ID. */
  transport: 'mqtt' | 'mqtt-or-https' | 'https';
}

export const DATA_PLANE_ACTIONS: readonly DataPlaneAction[] = [
  {
    name: 'iot:Connect',
    resourceType: 'client',
    scopeDown: 'documented',
    transport: 'mqtt',
    summary: 'Connect to the message broker with a client ID; checked on every CONNECT.',
  },
  {
    name: 'iot:Publish',
    resourceType: 'topic',
    scopeDown: 'documented',
    transport: 'mqtt-or-https',
    summary: 'Publish a message to a topic; checked on every PUBLISH.',
  },
  {
    name: 'iot:Subscribe',
    resourceType: 'topicfilter',
    scopeDown: 'documented',
    transport: 'mqtt',
    summary: 'Subscribe with a topic filter; checked once per filter at SUBSCRIBE time. `+` and `#` in the policy are literal.',
  },
  {
    name: 'iot:Receive',
    resourceType: 'topic',
    scopeDown: 'documented',
    transport: 'mqtt',
    summary: 'Receive a message on a topic; checked on every delivery, so it can cut off existing subscriptions.',
  },
  {
    name: 'iot:RetainPublish',
    resourceType: 'topic',
    scopeDown: 'inferred',
    transport: 'mqtt-or-https',
    summary: 'Publish with the RETAIN flag; iot:Publish is needed as well.',
  },
  { name: 'iot:GetRetainedMessage', resourceType: 'topic', scopeDown: 'inferred', transport: 'https', summary: 'Read the retained message of a topic.' },
  {
    name: 'iot:ListRetainedMessages',
    resourceType: 'any',
    scopeDown: 'inferred',
    transport: 'https',
    summary: 'List the topics that have retained messages; the resource must be `*`.',
  },
  { name: 'iot:DeleteConnection', resourceType: 'client', scopeDown: 'inferred', transport: 'https', summary: 'Disconnect an MQTT client by client ID.' },
  {
    name: 'iot:GetThingShadow',
    resourceType: 'thing',
    scopeDown: 'documented',
    transport: 'https',
    summary: 'Read a device shadow through the HTTPS shadow API (`thing/<name>` or `thing/<name>/<shadow>`).',
  },
  {
    name: 'iot:UpdateThingShadow',
    resourceType: 'thing',
    scopeDown: 'documented',
    transport: 'https',
    summary: 'Update a device shadow through the HTTPS shadow API.',
  },
  {
    name: 'iot:DeleteThingShadow',
    resourceType: 'thing',
    scopeDown: 'documented',
    transport: 'https',
    summary: 'Delete a device shadow through the HTTPS shadow API.',
  },
  {
    name: 'iot:ListNamedShadowsForThing',
    resourceType: 'any',
    scopeDown: 'inferred',
    transport: 'https',
    summary: 'List the named shadows of a thing; the resource is `*`.',
  },
  {
    name: 'iotjobsdata:DescribeJobExecution',
    resourceType: 'thing',
    scopeDown: 'inferred',
    transport: 'https',
    summary: 'Jobs HTTPS API: describe a job execution of a thing.',
  },
  {
    name: 'iotjobsdata:GetPendingJobExecutions',
    resourceType: 'thing',
    scopeDown: 'inferred',
    transport: 'https',
    summary: 'Jobs HTTPS API: list pending job executions of a thing.',
  },
  {
    name: 'iotjobsdata:StartNextPendingJobExecution',
    resourceType: 'thing',
    scopeDown: 'inferred',
    transport: 'https',
    summary: 'Jobs HTTPS API: start the next pending job execution of a thing.',
  },
  {
    name: 'iotjobsdata:UpdateJobExecution',
    resourceType: 'thing',
    scopeDown: 'inferred',
    transport: 'https',
    summary: 'Jobs HTTPS API: update a job execution of a thing.',
  },
];

const BY_KEY = new Map(DATA_PLANE_ACTIONS.map((a) => [a.name.toLowerCase(), a]));

/** Looks up a data-plane action by name, case-insensitively (action names are case-insensitive). */
export function findDataPlaneAction(action: string): DataPlaneAction | undefined {
  return BY_KEY.get(action) ?? BY_KEY.get(action.toLowerCase());
}

/** Device Defender's thing-admin write actions (UNAUTH/AUTH Cognito role checks, §5.1–5.2). */
export const THING_ADMIN_WRITE_ACTIONS = [
  'AddThingToThingGroup',
  'AttachThingPrincipal',
  'CreateThing',
  'DeleteThing',
  'DetachThingPrincipal',
  'ListThings',
  'ListThingsInThingGroup',
  'RegisterThing',
  'RemoveThingFromThingGroup',
  'UpdateThing',
  'UpdateThingGroupsForThing',
].map((a) => `iot:${a}`);

/** Device Defender's thing-admin read actions. */
export const THING_ADMIN_READ_ACTIONS = ['DescribeThing', 'ListJobExecutionsForThing', 'ListThingGroupsForThing', 'ListThingPrincipals'].map((a) => `iot:${a}`);
