import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appFromScenario, appPolicy, authorize, checkProject, loadScenario, parsePolicy, ResolvedConfig, type FileHost } from '../../analyzer';
import { summarizeApp, unsettled, type AppSummary, type ClassSummary } from '../../analyzer/summary';
import { ROOT } from '../cli/run-cli';
import { ARN, classOf, doc, kindsSummary, SUB } from './apps';

const diskHost: FileHost = {
  readFile: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
  resolve: (from, reference) => path.join(path.dirname(from), reference),
};

function sampleSummary(sample: string): AppSummary {
  const file = path.join(ROOT, 'samples', sample, 'scenario.json');
  const { scenario } = loadScenario(fs.readFileSync(file, 'utf8'), file, diskHost);
  assert.ok(scenario);
  return summarizeApp(appFromScenario(scenario));
}

/** `action pattern` for every grant of the class, in order. */
function grants(cls: ClassSummary): string[] {
  return cls.actions.flatMap((a) => a.grants.map((g) => `${a.action} ${g.pattern}`));
}

describe('access summary', () => {
  it('per-user-app: guests subscribe and receive broadcast/* and nothing else; signed-in users publish to their own namespace', () => {
    const app = sampleSummary('per-user-app');
    const guests = classOf(app, 'guests');
    assert.deepEqual(grants(guests), ['iot:Connect <own identity ID>', 'iot:Subscribe broadcast/*', 'iot:Receive broadcast/*']);
    assert.deepEqual(guests.otherActions, []);
    assert.equal(guests.clientId, 'own identity ID');
    const signedIn = classOf(app, 'signed-in');
    assert.deepEqual(grants(signedIn), [
      'iot:Connect <own identity ID>',
      'iot:Publish users/<own identity ID>/*',
      'iot:Subscribe users/<own identity ID>/*',
      'iot:Subscribe broadcast/*',
      'iot:Receive users/<own identity ID>/*',
      'iot:Receive broadcast/*',
      'iot:RetainPublish users/<own identity ID>/status',
    ]);
    const broadcast = signedIn.actions.find((a) => a.action === 'iot:Receive')!.grants[1];
    assert.deepEqual(broadcast.except, ['broadcast/admin/*']);
    // Every grant was allowed by the evaluator for its example request, with a real-looking identity ID.
    for (const grant of [...guests.actions, ...signedIn.actions].flatMap((a) => a.grants)) {
      assert.equal(grant.status, 'confirmed', grant.pattern);
      assert.equal(grant.example.decision, 'allow');
    }
    assert.match(signedIn.actions[1].grants[0].example.resource, /^users\/us-east-1:[0-9a-f-]+\/\w+$/);
    // Per-identity namespaces: no identity's messages reach a different identity.
    assert.deepEqual(app.flows, []);
  });

  it('per-user-app: a signed-in user with no IoT policy gets only what reading A2 leaves open, marked ambiguous', () => {
    const newcomer = classOf(sampleSummary('per-user-app'), 'signed-in#2');
    assert.equal(newcomer.clientId, 'cannot connect');
    const retained = newcomer.actions.flatMap((a) => a.grants);
    assert.deepEqual(
      retained.map((g) => [g.pattern, g.status]),
      [['users/<own identity ID>/status', 'ambiguous']],
    );
    assert.match(retained[0].readings![0], /A2/);
  });

  it('broken-app: shows the leaks — guests connect as anyone and read every shadow; signed-in users reach each other through chat/*', () => {
    const app = sampleSummary('broken-app');
    const guests = classOf(app, 'guests');
    assert.equal(guests.clientId, 'chosen by the client');
    const connect = guests.actions.find((a) => a.action === 'iot:Connect')!.grants;
    assert.equal(connect.length, 1);
    assert.equal(connect[0].everything, true);
    assert.equal(guests.actions.find((a) => a.action === 'iot:GetThingShadow')!.grants[0].everything, true);
    assert.deepEqual(
      guests.actions.find((a) => a.action === 'iot:Subscribe')!.grants.map((g) => g.pattern),
      ['$aws/things/*'],
    );
    const signedIn = classOf(app, 'signed-in');
    // The typo'd Publish and the topic/ resource for Subscribe grant nothing: only everyone's status and chat/* are published.
    assert.deepEqual(
      signedIn.actions.find((a) => a.action === 'iot:Publish')!.grants.map((g) => g.pattern),
      ['users/*/status', 'chat/*'],
    );
    assert.deepEqual(
      signedIn.otherActions.map((o) => o.actions),
      [['iot:AttachPolicy', 'iot:DescribeThing']],
    );
    const chat = app.flows.find((f) => f.from === 'signed-in' && f.to === 'signed-in' && f.pattern === 'chat/*');
    assert.ok(chat, JSON.stringify(app.flows));
    assert.equal(chat.pattern, 'chat/*');
    assert.equal(chat.status, 'confirmed');
  });

  it('a class whose role the files do not give is marked unknown, and the summary is not settled', () => {
    const app = kindsSummary({ 'user.iot.json': { kind: 'iot', statements: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] } });
    const signedIn = classOf(app, 'signed-in');
    assert.equal(signedIn.unknowns.length, 1);
    assert.ok(unsettled(app).some((u) => u.startsWith('signed-in:')));
  });

  it('a token-based role mapping: each user pool group role is a class with its grants; a role outside the files is unknown, naming the candidates', () => {
    const template = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'token-app', 'template.yaml'), 'utf8');
    const [app] = checkProject([{ path: 'template.yaml', configPath: 'template.yaml', text: template, role: 'template', format: 'cloudformation' }], {
      config: new ResolvedConfig(),
      host: diskHost,
    }).apps;
    const summary = summarizeApp(app);
    assert.deepEqual(
      summary.classes.map((c) => c.id),
      ['signed-in', 'role:AdminRole', 'role:OpsRole', 'role:token'],
    );
    assert.deepEqual(grants(classOf(summary, 'role:OpsRole')), ['iot:Publish ops/*']);
    assert.deepEqual(classOf(summary, 'role:OpsRole').unknowns, []);
    const outside = classOf(summary, 'role:token');
    assert.match(outside.label, /whose token names a role the files do not define .*: AdminRole, OpsRole\)$/);
    assert.ok(unsettled(summary).some((u) => u.startsWith('role:token: ')));
    assert.ok(!unsettled(summary).some((u) => u.startsWith('role:OpsRole')));
  });

  it('intersects the role with the IoT policy: the narrower pattern, or both when neither contains the other', () => {
    const app = kindsSummary({
      'auth.json': { kind: 'auth-role', statements: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: [`${ARN}:topic/a/*`, `${ARN}:topic/users/*`] }] },
      'user.iot.json': { kind: 'iot', statements: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: [`${ARN}:topic/*/b`, `${ARN}:topic/users/${SUB}/*`] }] },
    });
    assert.deepEqual(grants(classOf(app, 'signed-in')), ['iot:Publish a/* ∩ */b', 'iot:Publish users/* ∩ */b', 'iot:Publish users/<own identity ID>/*']);
  });

  it('reads NotResource, marks conditional grants and finds flows from guests to signed-in users', () => {
    const app = kindsSummary({
      'guest.json': {
        kind: 'unauth-role',
        statements: [
          { Effect: 'Allow', Action: 'iot:Publish', NotResource: `${ARN}:topic/admin/*` },
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}`, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        ],
      },
      'auth.json': { kind: 'auth-role', statements: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] },
      'user.iot.json': {
        kind: 'iot',
        statements: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
          { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/broadcast/*`, `${ARN}:topic/broadcast/*`] },
          { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/office/*`, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        ],
      },
    });
    // Allowed from some client addresses: conditional (the request's address is open, not an AWS reading).
    const office = classOf(app, 'signed-in').actions.find((a) => a.action === 'iot:Publish')!.grants[0];
    assert.deepEqual([office.status, office.conditions], ['conditional', ['IpAddress aws:SourceIp "203.0.113.0/24"']]);
    const guests = classOf(app, 'guests');
    const publish = guests.actions.find((a) => a.action === 'iot:Publish')!.grants;
    // The NotResource names us-east-1: in a region it does not name (asked too, docs/app-model.md) it leaves out nothing.
    assert.deepEqual(
      publish.map((g) => [g.pattern, g.everything]),
      [
        [`every resource except ${ARN}:topic/admin/*`, false],
        [`* (every resource except ${ARN}:topic/admin/*)`, true],
      ],
    );
    const connect = guests.actions.find((a) => a.action === 'iot:Connect')!.grants[0];
    // For guests the address and Cognito's flow (A1, not pinned for an app read from kinds) both decide.
    assert.equal(connect.status, 'ambiguous');
    assert.match(connect.readings!.join('\n'), /\(A1\) as .*, and the request's aws:SourceIp is 203\.0\.113\.0/);
    assert.deepEqual(connect.conditions, ['IpAddress aws:SourceIp "203.0.113.0/24"']);
    const flow = app.flows.find((f) => f.from === 'guests' && f.to === 'signed-in');
    assert.ok(flow, JSON.stringify(app.flows));
    assert.equal(flow.pattern, 'broadcast/*');
    assert.ok(flow.example.filter !== undefined);
    // Nothing pins A1 for an app read from kinds: whether a guest may publish depends on Cognito's flow.
    assert.equal(flow.status, 'ambiguous');
  });
  it('who can reach whom through a device shadow: a guest updates it, signed-in users read its update replies or GetThingShadow', () => {
    const shadowRead = (statements: unknown[]) =>
      kindsSummary({
        'guest.json': { kind: 'unauth-role', statements: [{ Effect: 'Allow', Action: 'iot:UpdateThingShadow', Resource: `${ARN}:thing/lamp-1` }] },
        'auth.json': { kind: 'auth-role', statements: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] },
        'user.iot.json': { kind: 'iot', statements: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` }, ...statements] },
      }).flows.filter((f) => f.from === 'guests' && f.to === 'signed-in');
    const [subscribed] = shadowRead([
      { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/$aws/things/lamp-1/shadow/*` },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/$aws/things/lamp-1/shadow/*` },
    ]);
    assert.ok(subscribed);
    assert.deepEqual([subscribed.via, subscribed.pattern], ['shadow', 'thing/lamp-1']);
    assert.match(subscribed.example.topic, /^\$aws\/things\/lamp-1\/shadow\/update\/(documents|accepted|delta)$/);
    assert.equal(subscribed.example.filter, subscribed.example.topic);
    const [byApi] = shadowRead([{ Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `${ARN}:thing/lamp-*` }]);
    assert.deepEqual([byApi.via, byApi.example.topic], ['shadow', 'thing/lamp-1']);
    // Only another thing's shadow: no flow.
    assert.deepEqual(shadowRead([{ Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `${ARN}:thing/lamp-2` }]), []);
  });
  it('examples of patterns with text before or after * in a level lie inside the pattern, confirmed', () => {
    const patterns = ['chat/room-*', 'a*', 'chat/*-room', '$aws/things/lamp-*/shadow/update'];
    const app = kindsSummary({
      'auth.json': { kind: 'auth-role', statements: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] },
      'user.iot.json': {
        kind: 'iot',
        statements: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
          { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: patterns.map((p) => `${ARN}:topic/${p}`) },
          { Effect: 'Allow', Action: 'iot:Subscribe', Resource: patterns.map((p) => `${ARN}:topicfilter/${p}`) },
        ],
      },
    });
    const inside = (pattern: string) => new RegExp(`^${pattern.replace(/[$.]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    const signedIn = classOf(app, 'signed-in');
    for (const action of ['iot:Publish', 'iot:Subscribe', 'iot:Receive']) {
      const found = signedIn.actions.find((a) => a.action === action)!.grants;
      assert.deepEqual(
        found.map((g) => g.pattern),
        patterns,
      );
      for (const grant of found) {
        assert.match(grant.example.resource, inside(grant.pattern), `${action} ${grant.pattern}`);
        assert.equal(grant.status, 'confirmed', `${action} ${grant.pattern}: e.g. ${grant.example.resource}`);
      }
    }
    // Flows between two patterns that overlap are shown as their intersection.
    const flows = app.flows.filter((f) => f.via === 'subscription');
    for (const pattern of patterns) assert.ok(flows.some((f) => f.pattern === pattern));
    for (const flow of flows) {
      assert.equal(flow.status, 'confirmed', `${flow.pattern}: e.g. ${flow.example.topic}`);
      for (const part of flow.pattern.split(' ∩ ')) assert.match(flow.example.topic, inside(part));
    }
  });

  it('reads each entry under reading A6 as the layering gives it: a Deny whose * spans colons only under spans-colons leaves a grant under within-part', () => {
    // The Deny's * stands for the account, or (spanning colons) for `123456789012:topic/x`, which covers every topic the Allow grants.
    const policies = {
      'auth.json': { kind: 'auth-role' as const, statements: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] },
      'user.iot.json': {
        kind: 'iot' as const,
        statements: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
          { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/x:topic/a/*` },
          { Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:*:topic/a/*' },
        ],
      },
    };
    const publish = classOf(kindsSummary(policies), 'signed-in').actions.find((a) => a.action === 'iot:Publish')!.grants;
    assert.deepEqual(
      publish.map((g) => [g.pattern, g.status]),
      [['x:topic/a/*', 'ambiguous']],
    );
    const [grant] = publish;
    assert.equal(grant.readings?.length, 1);
    assert.match(grant.readings![0], /A6/);
    // The evaluator agrees: the example request is allowed under within-part and denied under spans-colons.
    const compiled = (name: keyof typeof policies) => appPolicy(name, policies[name].kind, () => parsePolicy(doc(policies[name].statements), name)).compiled;
    const role = [compiled('auth.json')];
    const { identityId, resource } = grant.example;
    const verdict = (outcome: string) =>
      authorize(
        { authenticated: role, unauthenticated: role },
        { identity: { type: 'authenticated', identityId, protocol: 'mqtt-wss', clientId: identityId }, iotPolicies: [compiled('user.iot.json')] },
        { action: 'iot:Publish', resource: `${ARN}:topic/${resource}` },
        { readings: new Map([['A6', outcome]]) },
      ).decision;
    assert.deepEqual([verdict('within-part'), verdict('spans-colons')], ['allow', 'deny']);
  });
});
