/**
 * "New policy from template": a coherent set for per-identity fine-grained access with Cognito — the IoT
 * policy scoped by ${cognito-identity.amazonaws.com:sub}, the authenticated role that delegates the
 * fine-grained control to it, an optional read-only guest role, optional per-identity shadow access, a
 * scenario that proves the isolation, and the snippet an app runs on sign-in to attach the policy.
 */
import type { TemplateOptions } from './options';

export interface TemplateFile {
  path: string;
  content: string;
}

const SUB = '${cognito-identity.amazonaws.com:sub}';
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Why the options cannot make a template (shown next to the input), or undefined. */
export function templateOptionsProblem(options: TemplateOptions): string | undefined {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region)) return `"${options.region}" is not a region such as us-east-1`;
  if (!/^\d{12}$/.test(options.account)) return 'the account ID has 12 digits';
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(options.topicPrefix))
    return 'the topic prefix is one or more levels of letters, digits, _ and - (no wildcards)';
  if (options.sharedReadPrefix && !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(options.sharedReadPrefix))
    return 'the shared topic prefix is one or more levels of letters, digits, _ and - (no wildcards)';
  if (options.sharedReadPrefix && options.sharedReadPrefix === options.topicPrefix) return 'the shared prefix must differ from the per-identity prefix';
  if (!/^[\w+=,.@-]{1,128}$/.test(options.policyName)) return 'policy names are 1-128 characters of letters, digits and +=,.@-_';
  if (options.guest === 'read-shared' && !options.sharedReadPrefix) return 'a read-only guest role needs shared topics to read';
  return undefined;
}

export function perIdentityTemplate(options: TemplateOptions): TemplateFile[] {
  const problem = templateOptionsProblem(options);
  if (problem) throw new Error(problem);
  const arn = (resource: string) => `arn:aws:iot:${options.region}:${options.account}:${resource}`;
  const own = `${options.topicPrefix}/${SUB}`;
  const shared = options.sharedReadPrefix;
  const files: TemplateFile[] = [
    { path: 'policies/user.iot.json', content: json(iotPolicy(options, arn, own, shared)) },
    { path: 'policies/auth-role.json', content: json(authRole(options, arn)) },
  ];
  if (options.guest === 'read-shared') files.push({ path: 'policies/guest-role.json', content: json(guestRole(arn, shared)) });
  files.push({ path: 'scenario.json', content: json(scenario(options)) }, { path: 'attach-on-sign-in.md', content: attachSnippet(options) });
  return files;
}

type Arn = (resource: string) => string;

function iotPolicy(options: TemplateOptions, arn: Arn, own: string, shared: string) {
  const statements: object[] = [{ Sid: 'ConnectWithOwnIdentityId', Effect: 'Allow', Action: 'iot:Connect', Resource: arn(`client/${SUB}`) }];
  if (options.publish) statements.push({ Sid: 'PublishInOwnNamespace', Effect: 'Allow', Action: 'iot:Publish', Resource: arn(`topic/${own}/*`) });
  if (options.subscribe) {
    statements.push({
      Sid: 'SubscribeOwnNamespace',
      Effect: 'Allow',
      Action: 'iot:Subscribe',
      Resource: [arn(`topicfilter/${own}/*`), ...(shared ? [arn(`topicfilter/${shared}/*`)] : [])],
    });
    statements.push({
      Sid: 'ReceiveOwnNamespace',
      Effect: 'Allow',
      Action: 'iot:Receive',
      Resource: [arn(`topic/${own}/*`), ...(shared ? [arn(`topic/${shared}/*`)] : [])],
    });
  }
  if (options.shadows) {
    statements.push({ Sid: 'OwnShadowOverMqtt', Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: arn(`topic/$aws/things/${SUB}/shadow/*`) });
    statements.push({ Sid: 'OwnShadowSubscriptions', Effect: 'Allow', Action: 'iot:Subscribe', Resource: arn(`topicfilter/$aws/things/${SUB}/shadow/*`) });
    statements.push({ Sid: 'OwnShadowOverHttps', Effect: 'Allow', Action: ['iot:GetThingShadow', 'iot:UpdateThingShadow'], Resource: arn(`thing/${SUB}`) });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The role grants the data-plane actions on this account's IoT resources; the attached IoT policy scopes them per identity. */
function authRole(options: TemplateOptions, arn: Arn) {
  const statements: object[] = [{ Sid: 'ConnectWithOwnIdentityId', Effect: 'Allow', Action: 'iot:Connect', Resource: arn(`client/${SUB}`) }];
  const topicActions = [...(options.publish || options.shadows ? ['iot:Publish'] : []), ...(options.subscribe || options.shadows ? ['iot:Receive'] : [])];
  if (topicActions.length > 0) statements.push({ Sid: 'TopicsScopedByIotPolicy', Effect: 'Allow', Action: topicActions, Resource: arn('topic/*') });
  if (options.subscribe || options.shadows)
    statements.push({ Sid: 'FiltersScopedByIotPolicy', Effect: 'Allow', Action: 'iot:Subscribe', Resource: arn('topicfilter/*') });
  if (options.shadows)
    statements.push({ Sid: 'OwnShadowOverHttps', Effect: 'Allow', Action: ['iot:GetThingShadow', 'iot:UpdateThingShadow'], Resource: arn(`thing/${SUB}`) });
  return { Version: '2012-10-17', Statement: statements };
}

function guestRole(arn: Arn, shared: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'GuestConnectsAsItself', Effect: 'Allow', Action: 'iot:Connect', Resource: arn(`client/${SUB}`) },
      { Sid: 'GuestSubscribesToSharedTopics', Effect: 'Allow', Action: 'iot:Subscribe', Resource: arn(`topicfilter/${shared}/*`) },
      { Sid: 'GuestReceivesSharedTopics', Effect: 'Allow', Action: 'iot:Receive', Resource: arn(`topic/${shared}/*`) },
    ],
  };
}

function scenario(options: TemplateOptions) {
  const alice = `${options.region}:11111111-1111-4111-8111-111111111111`;
  const bob = `${options.region}:22222222-2222-4222-8222-222222222222`;
  const guest = `${options.region}:99999999-9999-4999-8999-999999999999`;
  const prefix = options.topicPrefix;
  const identities: Record<string, object> = {
    alice: { type: 'authenticated', identityId: alice, iotPolicies: ['policies/user.iot.json'] },
    bob: { type: 'authenticated', identityId: bob, iotPolicies: ['policies/user.iot.json'] },
    newcomer: { type: 'authenticated', identityId: `${options.region}:33333333-3333-4333-8333-333333333333`, iotPolicies: [] },
    guest: { type: 'unauthenticated', identityId: guest },
  };
  const steps: object[] = [
    { name: 'each identity connects with its own identity ID', as: 'alice', connect: alice, expect: 'allow' },
    { name: "nobody takes another identity's client ID", as: 'alice', connect: bob, expect: 'deny' },
    { name: 'signed in, but no IoT policy attached yet', as: 'newcomer', connect: `${options.region}:33333333-3333-4333-8333-333333333333`, expect: 'deny' },
  ];
  if (options.publish) {
    steps.push(
      { as: 'alice', publish: `${prefix}/${alice}/telemetry`, expect: 'allow' },
      { as: 'alice', publish: `${prefix}/${bob}/telemetry`, expect: 'deny' },
    );
  }
  if (options.subscribe) {
    steps.push(
      { as: 'alice', subscribe: `${prefix}/${alice}/#`, expect: 'allow' },
      { name: 'no wildcard subscription across identities', as: 'alice', subscribe: `${prefix}/+/telemetry`, expect: 'deny' },
      { as: 'alice', subscribe: `${prefix}/${bob}/#`, expect: 'deny' },
    );
  }
  if (options.publish && options.subscribe) {
    steps.push(
      {
        name: 'messages stay with their identity',
        flow: { from: 'alice', topic: `${prefix}/${alice}/out`, to: 'alice', filter: `${prefix}/${alice}/#` },
        expect: 'delivered',
      },
      { flow: { from: 'alice', topic: `${prefix}/${alice}/out`, to: 'bob', filter: `${prefix}/+/out` }, expect: 'blocked' },
    );
  }
  if (options.subscribe && options.sharedReadPrefix) steps.push({ as: 'alice', receive: `${options.sharedReadPrefix}/news`, expect: 'allow' });
  if (options.guest === 'read-shared') {
    steps.push(
      { as: 'guest', connect: guest, expect: 'allow' },
      { as: 'guest', subscribe: `${options.sharedReadPrefix}/#`, expect: 'allow' },
      { as: 'guest', publish: `${options.sharedReadPrefix}/news`, expect: 'deny' },
    );
  } else {
    steps.push({ name: 'guests get nothing', as: 'guest', connect: guest, expect: 'deny' });
  }
  steps.push({ as: 'guest', subscribe: `${prefix}/${alice}/#`, expect: 'deny' });
  if (options.shadows) {
    steps.push(
      { as: 'alice', publish: `$aws/things/${alice}/shadow/update`, expect: 'allow' },
      { as: 'alice', publish: `$aws/things/${bob}/shadow/update`, expect: 'deny' },
      { as: 'alice', action: 'iot:GetThingShadow', resource: `arn:aws:iot:${options.region}:${options.account}:thing/${alice}`, expect: 'allow' },
      { as: 'alice', action: 'iot:GetThingShadow', resource: `arn:aws:iot:${options.region}:${options.account}:thing/${bob}`, expect: 'deny' },
    );
  }
  return {
    name: `per-identity ${prefix}/<identity ID> namespaces`,
    region: options.region,
    account: options.account,
    roles: { authenticated: ['policies/auth-role.json'], ...(options.guest === 'read-shared' ? { unauthenticated: ['policies/guest-role.json'] } : {}) },
    identities,
    steps,
  };
}

function attachSnippet(options: TemplateOptions): string {
  return `# Attaching the IoT policy on sign-in

An authenticated Cognito identity gets nothing from AWS IoT until \`${options.policyName}\` is attached to its identity ID.
Attach it once per identity, from a backend (never give the app's role \`iot:AttachPolicy\` on \`*\`):

\`\`\`ts
import { IoTClient, AttachPolicyCommand } from '@aws-sdk/client-iot';

const iot = new IoTClient({ region: '${options.region}' });
// identityId: the caller's Cognito identity ID, e.g. from GetId or the ID token exchange.
await iot.send(new AttachPolicyCommand({ policyName: '${options.policyName}', target: identityId }));
\`\`\`

Then connect over MQTT with the identity ID as client ID: the policy allows only \`client/\${cognito-identity.amazonaws.com:sub}\`.
Check the set with \`iot-policy-lens check .\`; \`scenario.json\` states the isolation it guarantees.
`;
}
