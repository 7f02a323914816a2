import type { ValidCase } from './rule-tester';

/** Shared values and the documented good patterns every rule must stay quiet on. */
export const ARN = 'arn:aws:iot:us-east-1:123456789012';
export const SUB = '${cognito-identity.amazonaws.com:sub}';
export const THING = '${iot:Connection.Thing.ThingName}';
export const VERSION = '2012-10-17';
export const IS_ATTACHED = { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } };

export function policy(...statements: object[]): object {
  return { Version: VERSION, Statement: statements };
}

/** The per-user IoT policy attached to every signed-in identity (samples/per-user-app/policies/user.iot.json). */
export const perUserIotPolicy = policy(
  { Sid: 'ConnectWithOwnIdentityId', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
  { Sid: 'PublishInOwnNamespace', Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` },
  { Sid: 'RetainOnlyStatus', Effect: 'Allow', Action: 'iot:RetainPublish', Resource: `${ARN}:topic/users/${SUB}/status` },
  {
    Sid: 'SubscribeOwnNamespaceAndBroadcasts',
    Effect: 'Allow',
    Action: 'iot:Subscribe',
    Resource: [`${ARN}:topicfilter/users/${SUB}/*`, `${ARN}:topicfilter/broadcast/*`],
  },
  { Sid: 'ReceiveOwnNamespaceAndBroadcasts', Effect: 'Allow', Action: 'iot:Receive', Resource: [`${ARN}:topic/users/${SUB}/*`, `${ARN}:topic/broadcast/*`] },
  { Sid: 'NoOneReceivesAdminBroadcasts', Effect: 'Deny', Action: 'iot:Receive', Resource: `${ARN}:topic/broadcast/admin/*` },
);

/** The authenticated role: data plane delegated to the attached IoT policy, Connect pinned to the identity. */
export const authRole = policy({
  Sid: 'IotDataPlaneDelegatedToIotPolicy',
  Effect: 'Allow',
  Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:RetainPublish'],
  Resource: [`${ARN}:client/${SUB}`, `${ARN}:topic/*`, `${ARN}:topicfilter/*`],
});

/** A minimal guest role: connect as itself, read broadcasts. */
export const guestRole = policy(
  { Sid: 'GuestConnectsAsItself', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
  { Sid: 'GuestSubscribesToBroadcasts', Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/broadcast/*` },
  { Sid: 'GuestReceivesBroadcasts', Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/broadcast/*` },
);

/** Device Defender's compliant thing-scoped form, for an authenticated identity attached to a thing. */
export const thingPolicy = policy(
  { Sid: 'ConnectAsAttachedThing', Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${THING}`, Condition: IS_ATTACHED },
  { Sid: 'OwnShadowPublish', Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/things/${THING}/shadow/*` },
  {
    Sid: 'OwnShadowAndJobsSubscribe',
    Effect: 'Allow',
    Action: 'iot:Subscribe',
    Resource: [`${ARN}:topicfilter/$aws/things/${THING}/shadow/*`, `${ARN}:topicfilter/$aws/things/${THING}/jobs/*`],
  },
  {
    Sid: 'OwnShadowAndJobsReceive',
    Effect: 'Allow',
    Action: 'iot:Receive',
    Resource: [`${ARN}:topic/$aws/things/${THING}/shadow/*`, `${ARN}:topic/$aws/things/${THING}/jobs/*`],
  },
);

/** A narrow carve-out: a shared tree minus a restricted branch, denied for both Subscribe and Receive. */
export const carveOutPolicy = policy(
  { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
  { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` },
  { Effect: 'Allow', Action: 'iot:Subscribe', Resource: [`${ARN}:topicfilter/users/${SUB}/*`, `${ARN}:topicfilter/building/*`] },
  { Effect: 'Allow', Action: 'iot:Receive', Resource: [`${ARN}:topic/users/${SUB}/*`, `${ARN}:topic/building/*`] },
  { Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/building/control_room/*` },
  { Effect: 'Deny', Action: 'iot:Receive', Resource: `${ARN}:topic/building/control_room/*` },
);

/** The good patterns, each with the kind it is written for. */
export const GOOD: ValidCase[] = [
  { name: 'good: per-user IoT policy', policy: perUserIotPolicy, kind: 'iot' },
  { name: 'good: authenticated role', policy: authRole, kind: 'auth-role' },
  { name: 'good: minimal guest role', policy: guestRole, kind: 'unauth-role' },
  { name: 'good: thing-scoped IoT policy with IsAttached', policy: thingPolicy, kind: 'iot' },
  { name: 'good: narrow Deny carve-out', policy: carveOutPolicy, kind: 'iot' },
];
