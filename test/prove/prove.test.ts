import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { authorize, compileGlob, filterMatchesTopic, matchGlob, RequestContext, topicFilterProblem, topicNameProblem, type FileHost } from '../../analyzer';
import { loadProvableScenario, OTHER_SUB, proveScenario, type Counterexample, type PropertyResult, type ProvableScenario } from '../../analyzer/prove';
import { parseTemplate } from '../../analyzer/variables/template';
import { diskFileHost } from '../../cli/node-host';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ARN = 'arn:aws:iot:us-east-1:123456789012';
const SUB = '${cognito-identity.amazonaws.com:sub}';
const CLIENT = '${iot:ClientId}';
const ID_A = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';
const ID_B = 'us-east-1:0a1b2c3d-2222-4a5b-8c9d-0123456789ab';
const ID_G = 'us-east-1:0a1b2c3d-9999-4a5b-8c9d-0123456789ab';

const diskHost = diskFileHost();

function loadFile(file: string): ProvableScenario {
  const absolute = path.join(ROOT, file);
  return loadProvableScenario(fs.readFileSync(absolute, 'utf8'), absolute, diskHost);
}

/** A scenario in memory: files by name, the scenario as an object. */
function loadMemory(files: Record<string, unknown>, scenario: object): ProvableScenario {
  const texts: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) texts[name] = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
  texts['scenario.json'] = JSON.stringify(scenario, null, 2);
  const host: FileHost = { readFile: (file) => texts[file], resolve: (_from, reference) => reference };
  return loadProvableScenario(texts['scenario.json'], 'scenario.json', host);
}

const doc = (statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const ROLE_ALL = doc([{ Effect: 'Allow', Action: 'iot:*', Resource: `${ARN}:*` }]);
const identities = {
  alice: { type: 'authenticated', identityId: ID_A, iotPolicies: ['user.iot.json'] },
  bob: { type: 'authenticated', identityId: ID_B, iotPolicies: ['user.iot.json'] },
  guest: { type: 'unauthenticated', identityId: ID_G },
};

function prove(iotStatements: unknown[], properties: object[], guestRole: unknown = ROLE_ALL, extra: object = {}): PropertyResult[] {
  const loaded = loadMemory(
    { 'user.iot.json': doc(iotStatements), 'auth.json': ROLE_ALL, 'guest.json': guestRole },
    { roles: { authenticated: ['auth.json'], unauthenticated: ['guest.json'] }, identities, steps: [], properties, ...extra },
  );
  assert.ok(loaded.scenario, loaded.problems.map((p) => p.message).join('; '));
  return proveScenario(loaded.scenario, loaded.properties);
}

/**
 * Re-decides every request of a counterexample with the evaluator, independently of the prover: the
 * identity (or receiver) named by each check, its client ID and transport.
 */
function recheck(loaded: ProvableScenario, counterexample: Counterexample): void {
  const scenario = loaded.scenario!;
  for (const check of counterexample.checks) {
    const witness = [counterexample.identity, counterexample.receiver].find((w) => w && w.name === check.identity)!;
    assert.ok(witness, `no witness named ${check.identity}`);
    const member = [...scenario.identities.values()].find((i) => i.identity.identityId === witness.identityId);
    const iotPolicies =
      member?.iotPolicies ?? [...scenario.identities.values()].find((i) => i.identity.type === witness.type && i.iotPolicies.length > 0)?.iotPolicies ?? [];
    const identity = {
      type: witness.type,
      identityId: witness.identityId,
      protocol: witness.protocol,
      ...(check.clientId !== undefined && { clientId: check.clientId }),
    };
    const decision = authorize(scenario.roles, { identity, iotPolicies }, { action: check.action, resource: check.resource });
    // Allowed, or allowed under a documented reading (a possible leak the prover names).
    const allowed = decision.decision === 'allow' || (decision.outcomes ?? []).some((o) => o.decision === 'allow');
    assert.equal(allowed ? 'allow' : decision.decision, 'allow', `${check.action} on ${check.resource} for ${check.identity}`);
  }
}

describe('prove: the samples', () => {
  it('proves every property of samples/per-user-app', () => {
    const loaded = loadFile('samples/per-user-app/scenario.json');
    assert.deepEqual(loaded.problems, []);
    const results = proveScenario(loaded.scenario!, loaded.properties);
    assert.ok(results.length >= 3);
    assert.deepEqual(
      results.map((r) => [r.kind, r.verdict]),
      results.map((r) => [r.kind, 'proved']),
    );
    assert.deepEqual(new Set(results.map((r) => r.kind)), new Set(['isolation', 'no-access', 'no-flow']));
  });

  it('refutes samples/broken-app with counterexamples the evaluator confirms', () => {
    const loaded = loadFile('samples/broken-app/scenario.json');
    const results = proveScenario(loaded.scenario!, loaded.properties);
    assert.ok(results.some((r) => r.verdict === 'refuted'));
    for (const result of results.filter((r) => r.verdict === 'refuted')) {
      const cx = result.counterexample!;
      assert.ok(cx.checks.length > 0);
      recheck(loaded, cx);
    }
    const isolation = results.find((r) => r.kind === 'isolation')!;
    assert.equal(isolation.verdict, 'refuted');
    assert.equal(isolation.counterexample!.identity.name, 'alice');
    assert.equal(isolation.counterexample!.identity.identityId, ID_A);
    assert.equal(isolation.counterexample!.topic, 'chat/x');
    const spoofing = results.find((r) => r.name === "nobody connects with another identity's client ID")!;
    assert.equal(spoofing.counterexample!.resource, `${ARN}:client/${ID_B}`);
  });
});

describe('prove: verdicts', () => {
  const isolation = { kind: 'isolation', identities: 'authenticated', prefix: `users/${SUB}/`, shared: ['news/*'] };

  it('a counterexample the evaluator refuses (a condition the model reads as not denying) is unknown, never refuted or proved', () => {
    const results = prove(
      [
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` },
        {
          Effect: 'Deny',
          Action: 'iot:Publish',
          NotResource: `${ARN}:topic/users/${SUB}/*`,
          Condition: { StringLike: { 'cognito-identity.amazonaws.com:sub': 'us-east-1:*' } },
        },
      ],
      [{ ...isolation, operations: ['publish'] }],
    );
    assert.equal(results[0].verdict, 'unknown');
    assert.match(results[0].reasons.join('\n'), /not confirmed by the evaluator: iot:Publish on .* is denied: the IoT policies deny it \(a statement, /);
    assert.equal(results[0].reasons.length, 1, 'stated once, whatever the transports and client IDs tried');
    assert.match(results[0].notes.join('\n'), /has conditions: read as not holding/);
  });

  it('an identity variable next to ID characters makes a proof unknown, not proved', () => {
    const statements = [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}-data/*` },
      // Undelimited, but on a resource type Publish never names: it does not matter.
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topicfilter/x${SUB}` },
    ];
    const [result] = prove(statements, [{ ...isolation, prefix: `users/${SUB}-data/`, operations: ['publish'] }]);
    assert.equal(result.verdict, 'unknown');
    assert.deepEqual(
      result.reasons.map((r) => r.replace(/ is not delimited.*/, '')),
      [`\${cognito-identity.amazonaws.com:sub} in "${ARN}:topic/users/${SUB}-data/*"`],
    );
    const leaky = prove(
      [...statements, { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/*-data/x` }],
      [{ ...isolation, prefix: `users/${SUB}-data/`, operations: ['publish'] }],
    )[0];
    assert.equal(leaky.verdict, 'refuted');
  });

  it('client IDs the identity may choose are searched for (client/${iot:ClientId} spoofing)', () => {
    const results = prove(
      [
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${CLIENT}` },
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${CLIENT}/*` },
      ],
      [{ ...isolation, operations: ['publish'] }],
    );
    assert.equal(results[0].verdict, 'refuted');
    const cx = results[0].counterexample!;
    assert.notEqual(cx.identity.clientId, ID_A);
    assert.ok(cx.topic!.startsWith(`users/${cx.identity.clientId}/`));
  });

  it('HTTPS publishing needs no connection and has no client ID', () => {
    const results = prove([{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` }], [{ ...isolation, operations: ['publish'] }]);
    assert.equal(results[0].verdict, 'refuted');
    assert.equal(results[0].counterexample!.identity.protocol, 'https');
    assert.equal(results[0].counterexample!.identity.clientId, undefined);
  });

  it('receiving needs a subscription that matches under MQTT rules ($ topics, +, # and its parent level)', () => {
    const base = [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/*` },
    ];
    const only = (filter: string) =>
      prove(
        [...base, { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/${filter}` }],
        [{ ...isolation, shared: [], operations: ['receive'] }],
      )[0];
    assert.equal(only(`users/${SUB}/+`).verdict, 'proved');
    // "users/<id>/#" also delivers "users/<id>" itself, which is not under "users/<id>/".
    const parent = only(`users/${SUB}/#`);
    assert.equal(parent.verdict, 'refuted');
    assert.equal(parent.counterexample!.topic, `users/${ID_A}`);
    assert.equal(parent.counterexample!.filter, `users/${ID_A}/#`);
    const wide = only('#');
    assert.equal(wide.verdict, 'refuted');
    assert.equal(wide.counterexample!.filter, '#');
    assert.ok(!wide.counterexample!.topic!.startsWith('$'), '"#" never delivers $ topics');
    assert.equal(only('$aws/#').counterexample!.filter, '$aws/#');
  });

  it('MQTT shared subscriptions ($share/<group>/<filter>) make a subscription-based proof unknown, never proved', () => {
    const statements = [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/*` },
    ];
    const noFlow = { kind: 'no-flow', from: 'authenticated', to: 'authenticated' };
    // The role (iot:* everywhere) would let a retained message through if AWS decides RetainPublish and
    // GetRetainedMessage by the role alone (reading A2): pinned here, so only subscriptions are in question.
    const pinned = { readings: { A2: 'iot-policy-required' } };
    const shared = prove([...statements, { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/$share/*` }], [noFlow], ROLE_ALL, pinned)[0];
    assert.equal(shared.verdict, 'unknown');
    assert.match(shared.reasons.join(' '), /shared subscriptions/);
    const ownFilter = { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/${SUB}/*` };
    assert.equal(prove([...statements, ownFilter], [noFlow], ROLE_ALL, pinned)[0].verdict, 'proved');
    const unpinned = prove([...statements, ownFilter], [noFlow])[0];
    assert.equal(unpinned.verdict, 'refuted');
    assert.equal(unpinned.counterexample!.operation, 'retained-read');
    assert.ok(unpinned.counterexample!.checks.some((c) => c.decidedBy.some((line) => /\(A2\)/.test(line))));
  });

  it('a Deny in a policy AWS would reject proves nothing: the policy is never deployed, so the leak it seems to block is found', () => {
    const allowAll = [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` },
    ];
    const denyOthers = { Effect: 'Deny', Action: 'iot:Publish', NotResource: `${ARN}:topic/users/${SUB}/*` };
    const property = { ...isolation, shared: [], operations: ['publish'] };
    const both = (denyDoc: object) => {
      const loaded = loadMemory(
        { 'user.iot.json': doc(allowAll), 'deny.iot.json': denyDoc, 'auth.json': ROLE_ALL },
        {
          roles: { authenticated: ['auth.json'] },
          identities: {
            alice: { type: 'authenticated', identityId: ID_A, iotPolicies: ['user.iot.json', 'deny.iot.json'] },
            bob: { type: 'authenticated', identityId: ID_B, iotPolicies: ['user.iot.json', 'deny.iot.json'] },
          },
          steps: [],
          properties: [property],
        },
      );
      assert.ok(loaded.scenario, loaded.problems.map((p) => p.message).join('; '));
      return proveScenario(loaded.scenario, loaded.properties)[0];
    };
    assert.equal(both(doc([denyOthers])).verdict, 'proved');
    // The same Deny, in a document with an element AWS does not know: AWS refuses the document.
    const rejected = both({ ...doc([denyOthers]), Statment: [] });
    assert.equal(rejected.verdict, 'refuted');
    assert.ok(!rejected.counterexample!.topic!.startsWith(`users/${rejected.counterexample!.identity.identityId}/`));
  });

  it('MQTT shared subscriptions make an isolation proof over receive unknown, never proved', () => {
    // Read as plain filters, "$share/…" filters only match "$share/…" topics, which Receive does not allow, so
    // the automata alone would prove isolation; but "$share/g/users/+/x" delivers every user's "users/…/x".
    const statements = [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/*` },
    ];
    const receiving = { ...isolation, shared: [], operations: ['receive'] };
    const shared = prove([...statements, { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/$share/*` }], [receiving])[0];
    assert.equal(shared.verdict, 'unknown');
    assert.match(shared.reasons.join(' '), /shared subscriptions/);
    const own = prove([...statements, { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/${SUB}/+` }], [receiving])[0];
    assert.equal(own.verdict, 'proved');
  });

  it('no-flow follows retained messages read over HTTPS', () => {
    const results = prove(
      [
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
        { Effect: 'Allow', Action: ['iot:Publish', 'iot:RetainPublish'], Resource: `${ARN}:topic/users/${SUB}/*` },
        { Effect: 'Allow', Action: 'iot:GetRetainedMessage', Resource: `${ARN}:topic/users/*` },
      ],
      [{ kind: 'no-flow', from: 'authenticated', to: 'authenticated' }],
    );
    assert.equal(results[0].verdict, 'refuted');
    assert.equal(results[0].counterexample!.operation, 'retained-read');
    assert.equal(results[0].counterexample!.receiver!.protocol, 'https');
    assert.ok(results[0].counterexample!.topic!.startsWith(`users/${ID_A}/`));
  });

  describe('no-flow follows device shadows (docs/prove.md)', () => {
    const connectOwn = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` };
    const guestWrites = doc([{ Effect: 'Allow', Action: 'iot:UpdateThingShadow', Resource: `${ARN}:thing/lamp-1` }]);
    const guestsToUsers = { kind: 'no-flow', from: 'unauthenticated', to: 'authenticated' };
    const refuted = (result: PropertyResult) => {
      assert.equal(result.verdict, 'refuted', result.reasons.join('; '));
      assert.equal(result.counterexample!.operation, 'shadow');
      return result.counterexample!.checks.map((c) => `${c.action} ${c.resource.slice(ARN.length + 1)}`);
    };

    it('a guest updating a shadow over HTTPS reaches users subscribed to its update replies', () => {
      const checks = refuted(
        prove(
          [
            connectOwn,
            { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/$aws/things/lamp-1/shadow/*` },
            { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/$aws/things/lamp-1/shadow/*` },
          ],
          [guestsToUsers],
          guestWrites,
        )[0],
      );
      assert.equal(checks[0], 'iot:UpdateThingShadow thing/lamp-1');
      assert.match(checks[checks.length - 1], /^iot:Receive topic\/\$aws\/things\/lamp-1\/shadow\/update\/(documents|accepted|delta)$/);
    });

    it('a named shadow written over MQTT reaches a reader asking for it with get', () => {
      const guestPublishes = doc([connectOwn, { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/things/lamp-1/shadow/name/cfg/update` }]);
      const checks = refuted(
        prove(
          [
            connectOwn,
            { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/things/lamp-1/shadow/name/cfg/get` },
            { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: `${ARN}:topicfilter/$aws/things/lamp-1/shadow/name/cfg/get/accepted` },
            { Effect: 'Allow', Action: ['iot:Receive'], Resource: `${ARN}:topic/$aws/things/lamp-1/shadow/name/cfg/get/accepted` },
          ],
          [guestsToUsers],
          guestPublishes,
        )[0],
      );
      assert.ok(checks.includes('iot:Publish topic/$aws/things/lamp-1/shadow/name/cfg/update'), checks.join(', '));
      assert.ok(checks.includes('iot:Publish topic/$aws/things/lamp-1/shadow/name/cfg/get'), checks.join(', '));
      assert.equal(checks[checks.length - 1], 'iot:Receive topic/$aws/things/lamp-1/shadow/name/cfg/get/accepted');
    });

    it('GetThingShadow reads what another identity wrote', () => {
      const checks = refuted(prove([{ Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `${ARN}:thing/*` }], [guestsToUsers], guestWrites)[0]);
      assert.deepEqual(checks, ['iot:UpdateThingShadow thing/lamp-1', 'iot:GetThingShadow thing/lamp-1']);
    });

    it('shadows of things named after each identity are no flow between identities', () => {
      const own = [
        connectOwn,
        { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${ARN}:topic/$aws/things/${SUB}/shadow/*` },
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/$aws/things/${SUB}/shadow/*` },
        { Effect: 'Allow', Action: ['iot:UpdateThingShadow', 'iot:GetThingShadow'], Resource: [`${ARN}:thing/${SUB}`, `${ARN}:thing/${SUB}/*`] },
      ];
      // Retained messages are another flow: the IoT policy, which grants none, decides them too (A2).
      const results = prove(own, [{ kind: 'no-flow', from: 'authenticated', to: 'authenticated' }], doc([]), { readings: { A2: 'iot-policy-required' } });
      assert.equal(results[0].verdict, 'proved', results[0].counterexample?.summary ?? results[0].reasons.join('; '));
    });
  });

  it('"another identity" patterns in no-access', () => {
    const guestRole = doc([{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` }]);
    const property = { kind: 'no-access', identities: 'unauthenticated', actions: ['iot:Connect'], resources: [`client/\${${OTHER_SUB}}`] };
    assert.equal(prove([], [property], guestRole)[0].verdict, 'proved');
    const open = prove([], [property], doc([{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/*` }]))[0];
    assert.equal(open.verdict, 'refuted');
    assert.notEqual(open.counterexample!.resource, `${ARN}:client/${open.counterexample!.identity.identityId}`);
  });
});

describe('prove: under every reading (docs/readings.md)', function () {
  this.timeout(60_000);
  const noShadowList = { kind: 'no-access', identities: 'authenticated', actions: ['iot:ListNamedShadowsForThing'], resources: ['*'] };
  const connectOwn = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` };

  it('no-access over an A2 action the role allows is not proved: refuted, naming the reading, confirmed by the evaluator', () => {
    const loaded = loadMemory(
      { 'user.iot.json': doc([connectOwn]), 'auth.json': doc([{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }]), 'guest.json': ROLE_ALL },
      { roles: { authenticated: ['auth.json'], unauthenticated: ['guest.json'] }, identities, steps: [], properties: [noShadowList] },
    );
    const [result] = proveScenario(loaded.scenario!, loaded.properties);
    assert.equal(result.verdict, 'refuted');
    const cx = result.counterexample!;
    assert.equal(cx.action, 'iot:ListNamedShadowsForThing');
    assert.ok(
      cx.checks.some((c) => c.decidedBy.some((line) => /allowed if AWS reads .*\(A2\) as an action the authenticated role decides alone/.test(line))),
      JSON.stringify(cx.checks),
    );
    recheck(loaded, cx);
  });

  it('readings that agree: proved when the role denies it too; pinned role-alone still refutes, pinned iot-policy-required proves', () => {
    const files = (role: unknown) => ({ 'user.iot.json': doc([connectOwn]), 'auth.json': role, 'guest.json': ROLE_ALL });
    const base = { roles: { authenticated: ['auth.json'], unauthenticated: ['guest.json'] }, identities, steps: [], properties: [noShadowList] };
    const run = (role: unknown, extra: object = {}) => {
      const loaded = loadMemory(files(role), { ...base, ...extra });
      return proveScenario(loaded.scenario!, loaded.properties)[0].verdict;
    };
    const roleDenies = doc([{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }]);
    assert.equal(run(roleDenies), 'proved');
    const roleAllows = doc([{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }]);
    assert.equal(run(roleAllows, { readings: { A2: 'role-alone' } }), 'refuted');
    assert.equal(run(roleAllows, { readings: { A2: 'iot-policy-required' } }), 'proved');
  });

  it('isolation that only an unknown operator in a Deny protects is not proved', () => {
    const results = prove(
      [
        connectOwn,
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` },
        { Effect: 'Deny', Action: 'iot:Publish', NotResource: `${ARN}:topic/users/${SUB}/*`, Condition: { StringEqualz: { 'iot:ClientId': 'x' } } },
      ],
      [{ kind: 'isolation', identities: 'authenticated', prefix: `users/${SUB}/`, operations: ['publish'] }],
    );
    assert.notEqual(results[0].verdict, 'proved');
  });
});

describe('prove: the readings of ARN wildcards, short ARNs, defaults and the guest session policy', function () {
  this.timeout(60_000);
  const connectOwn = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` };
  const publishAll = { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` };
  const noPublish = (topic: string, identitiesClass = 'authenticated') => ({
    kind: 'no-access',
    identities: identitiesClass,
    actions: ['iot:Publish'],
    resources: [`topic/${topic}`],
  });
  const verdictOf = (iot: unknown[], property: object, guestRole: unknown = ROLE_ALL, extra: object = {}) => {
    const loaded = loadMemory(
      { 'user.iot.json': doc(iot), 'auth.json': ROLE_ALL, 'guest.json': guestRole },
      { roles: { authenticated: ['auth.json'], unauthenticated: ['guest.json'] }, identities, steps: [], properties: [property], ...extra },
    );
    const [result] = proveScenario(loaded.scenario!, loaded.properties);
    if (result.counterexample) recheck(loaded, result.counterexample);
    return result;
  };
  const names = (result: PropertyResult, id: string) => result.counterexample!.checks.some((c) => c.decidedBy.some((line) => line.includes(`(${id})`)));

  it('A6: a Deny with * in the region part proves what both readings deny, and refutes a look-alike topic only a colon-spanning * denies', () => {
    const iot = [connectOwn, publishAll, { Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:*:123456789012:topic/secret' }];
    assert.equal(verdictOf(iot, noPublish('secret')).verdict, 'proved');
    const lookalike = verdictOf(iot, noPublish('a:123456789012:topic/secret'));
    assert.equal(lookalike.verdict, 'refuted');
    assert.ok(names(lookalike, 'A6'), JSON.stringify(lookalike.counterexample!.checks));
  });

  it('R-short-arn: a Deny with five ARN parts never protects; a stored policy allows', () => {
    const iot = [connectOwn, publishAll, { Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:topic/secret' }];
    const result = verdictOf(iot, noPublish('secret'));
    assert.equal(result.verdict, 'refuted');
    assert.ok(names(result, 'R-short-arn'), JSON.stringify(result.counterexample!.checks));
    assert.equal(verdictOf(iot, noPublish('secret'), ROLE_ALL, { readings: { 'R-short-arn': 'rejected' } }).verdict, 'proved');
  });

  it("R-default-spacing: a Deny that relies on ${key,'x'} is not proved; written with the space, it is", () => {
    const deny = (variable: string) => [connectOwn, publishAll, { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/${variable}/secret` }];
    const ownSecret = noPublish(`${SUB}/secret`);
    const compact = verdictOf(deny("${cognito-identity.amazonaws.com:sub,'x'}"), ownSecret);
    assert.equal(compact.verdict, 'refuted');
    assert.ok(names(compact, 'R-default-spacing'), JSON.stringify(compact.counterexample!.checks));
    assert.equal(verdictOf(deny("${cognito-identity.amazonaws.com:sub, 'x'}"), ownSecret).verdict, 'proved');
  });

  it('A1: a guest role that allows is refuted under the unrestricted reading; pinned restricted, guests reach nothing', () => {
    const guestRole = doc([{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/open/*` }]);
    assert.equal(verdictOf([connectOwn], noPublish('open/*', 'unauthenticated'), guestRole).verdict, 'refuted');
    assert.equal(verdictOf([connectOwn], noPublish('open/*', 'unauthenticated'), guestRole, { readings: { A1: 'restricted' } }).verdict, 'proved');
    assert.equal(verdictOf([connectOwn], noPublish('closed/*', 'unauthenticated'), guestRole).verdict, 'proved');
  });
});

describe('prove: in every region and account the policies and the property name (role credentials are not bound to the pool’s region)', function () {
  this.timeout(60_000);
  const EU = 'arn:aws:iot:eu-west-1:123456789012';
  // Guests connect as themselves in both regions, and publish and subscribe to chat/* only in eu-west-1.
  const guestRole = doc([
    { Effect: 'Allow', Action: 'iot:Connect', Resource: [`${ARN}:client/${SUB}`, `${EU}:client/${SUB}`] },
    { Effect: 'Allow', Action: ['iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: [`${EU}:topic/chat/*`, `${EU}:topicfilter/chat/*`] },
  ]);
  const CONNECT_ONLY = [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` }];
  const noGuestPublish = (resource: string) => ({ kind: 'no-access', identities: 'unauthenticated', actions: ['iot:Publish'], resources: [resource] });

  it('refutes no-access and no-flow with a counterexample in eu-west-1 though the scenario is in us-east-1', () => {
    const results = prove(
      CONNECT_ONLY,
      [
        noGuestPublish(`${EU}:topic/*`),
        noGuestPublish('arn:aws:iot:*:123456789012:topic/*'),
        { kind: 'no-flow', from: 'unauthenticated', to: 'unauthenticated' },
      ],
      guestRole,
    );
    assert.deepEqual(
      results.map((r) => r.verdict),
      ['refuted', 'refuted', 'refuted'],
    );
    for (const result of results) {
      assert.ok(
        result.counterexample!.checks.every((c) => c.resource.startsWith('arn:aws:iot:eu-west-1:')),
        JSON.stringify(result.counterexample!.checks),
      );
      assert.match(result.notes.join('\n'), /asked in each of 2 scopes/);
    }
  });

  it('refutes where an Allow’s NotResource leaves out only the scenario’s region', () => {
    const elsewhere = doc([{ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish'], NotResource: 'arn:aws:iot:us-east-1:*:*' }]);
    const [result] = prove(CONNECT_ONLY, [noGuestPublish('arn:aws:iot:*:123456789012:topic/*')], elsewhere);
    assert.equal(result.verdict, 'refuted');
    assert.doesNotMatch(result.counterexample!.checks[0].resource, /^arn:aws:iot:us-east-1:/);
  });

  it('still proves what holds in every scope', () => {
    const [result] = prove(CONNECT_ONLY, [noGuestPublish(`${EU}:topic/admin/*`)], guestRole);
    assert.equal(result.verdict, 'proved');
  });
});

describe('prove: counterexample identities', function () {
  this.timeout(60_000);
  it('a receiver of a class without members is a synthetic identity of that class, never a scenario identity of another', () => {
    const user = doc([
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` },
    ]);
    const loaded = loadMemory(
      { 'user.iot.json': user, 'auth.json': ROLE_ALL, 'guest.json': ROLE_ALL },
      {
        roles: { authenticated: ['auth.json'], unauthenticated: ['guest.json'] },
        identities: { alice: identities.alice, bob: identities.bob },
        steps: [],
        properties: [{ kind: 'no-flow', from: 'authenticated', to: 'unauthenticated' }],
      },
    );
    const [result] = proveScenario(loaded.scenario!, loaded.properties);
    assert.equal(result.verdict, 'refuted');
    const receiver = result.counterexample!.receiver!;
    assert.equal(receiver.type, 'unauthenticated');
    assert.ok(![ID_A, ID_B].includes(receiver.identityId), `named ${receiver.name} (${receiver.identityId})`);
    recheck(loaded, result.counterexample!);
  });
});

describe('prove: the identity pool ID', function () {
  this.timeout(60_000);
  const POOL = 'us-east-1:9f8e7d6c-0000-4b3a-9c8d-abcdefabcdef';
  const statements = [
    { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
    { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/pools/\${cognito-identity.amazonaws.com:aud}/*` },
  ];
  const noOtherPool = { kind: 'no-access', identities: 'authenticated', actions: ['iot:Publish'], resources: ['topic/pools/other/*'] };
  const run = (withPool: boolean) => {
    const who = { type: 'authenticated', identityId: ID_A, iotPolicies: ['user.iot.json'], ...(withPool && { identityPoolId: POOL }) };
    const loaded = loadMemory(
      { 'user.iot.json': doc(statements), 'auth.json': ROLE_ALL },
      { roles: { authenticated: ['auth.json'] }, identities: { alice: who }, steps: [], properties: [noOtherPool] },
    );
    return proveScenario(loaded.scenario!, loaded.properties)[0];
  };
  it("${cognito-identity.amazonaws.com:aud} is the scenario's identityPoolId: the property is proved", () => {
    assert.equal(run(true).verdict, 'proved');
  });
  it('without an identityPoolId it may be anything: not proved', () => {
    assert.notEqual(run(false).verdict, 'proved');
  });

  // The pool ID has the documented identity-ID form (REGION:GUID): the search no longer takes it for σA.
  const pooled = (iot: unknown[], property: object) => {
    const who = (id: string) => ({ type: 'authenticated', identityId: id, identityPoolId: POOL, iotPolicies: ['user.iot.json'] });
    const loaded = loadMemory(
      { 'user.iot.json': doc(iot), 'auth.json': ROLE_ALL },
      { roles: { authenticated: ['auth.json'] }, identities: { alice: who(ID_A), bob: who(ID_B) }, steps: [], properties: [property] },
    );
    const [result] = proveScenario(loaded.scenario!, loaded.properties);
    if (result.counterexample) recheck(loaded, result.counterexample);
    return result;
  };
  const AUD = '${cognito-identity.amazonaws.com:aud}';

  it('an isolation prefix holding the pool ID is proved, the identity whose ID is that text covered on its own', () => {
    const iot = [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${ARN}:topic/pools/${AUD}/users/${SUB}/*` },
      { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/pools/${AUD}/users/${SUB}/*` },
    ];
    const result = pooled(iot, {
      kind: 'isolation',
      identities: 'authenticated',
      prefix: `pools/${POOL}/users/${SUB}/`,
      operations: ['publish', 'subscribe', 'receive'],
    });
    assert.equal(result.verdict, 'proved', JSON.stringify(result.reasons));
    assert.ok(result.notes.some((n) => n.includes(`identity whose ID is "${POOL}"`)));
  });

  it('refuted when only the identity whose ID is that text gets in, naming it', () => {
    const iot = [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/open/${SUB}/*` },
    ];
    const result = pooled(iot, { kind: 'no-access', identities: 'authenticated', actions: ['iot:Publish'], resources: [`topic/open/${POOL}/*`] });
    assert.equal(result.verdict, 'refuted');
    assert.equal(result.counterexample!.identity.identityId, POOL);
  });
});

describe('prove: reading properties', () => {
  const scenario = (properties: unknown) => ({ roles: { authenticated: ['auth.json'] }, identities, steps: [], properties });
  const problems = (properties: unknown) =>
    loadMemory({ 'auth.json': ROLE_ALL, 'user.iot.json': doc([{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }]) }, scenario(properties)).problems;

  it('reports each problem once, where it is, in words', () => {
    const [missing] = problems([{ kind: 'isolation', identities: 'authenticated' }]);
    assert.equal(missing.message, 'properties[0]: missing required property "prefix"');
    const text = JSON.stringify(scenario([{ kind: 'isolation', identities: 'authenticated' }]), null, 2);
    assert.deepEqual(missing.range.start, { line: text.slice(0, text.indexOf('"kind": "isolation"')).split('\n').length - 1, column: 5 });
    assert.equal(problems([{ kind: 'nope' }])[0].message, 'properties[0].kind: must be one of "isolation", "no-access", "no-flow"');
    assert.match(
      problems([{ kind: 'no-flow', from: 'carol', to: 'guest' }])[0].message,
      /properties\[0\]\.from: unknown identity "carol" \(use "authenticated", "unauthenticated", "alice"/,
    );
    assert.match(problems([{ kind: 'no-access', identities: 'guest', actions: ['iot:Publsh'], resources: ['*'] }])[0].message, /"iot:Publsh" is not a known/);
    assert.match(
      problems([{ kind: 'isolation', identities: 'alice', prefix: 'users/${iot:ClientId}/' }])[0].message,
      /the variable \$\{iot:ClientId\} cannot be used here/,
    );
  });

  it('a scenario with properties still loads and simulates as before', () => {
    const loaded = loadFile('samples/per-user-app/scenario.json');
    assert.equal(loaded.scenario!.steps.length, 19);
    assert.equal(loaded.properties.length, 5);
  });
});

// ---------------------------------------------------------------------------------------------------
// Brute force: every topic, filter and client ID up to a few tokens, decided by the real evaluator.

const PIECES = ['a', 'b', '/', '+', '#', '$', '*', '?', SUB, CLIENT, `a/${SUB}/`, `a/${SUB}/*`];
const body = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
const ACTIONS = ['iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:RetainPublish', 'iot:GetRetainedMessage'];
const randomStatement = fc.record({
  effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
  actions: fc.subarray(ACTIONS, { minLength: 1 }),
  resources: fc.array(fc.tuple(fc.constantFrom('topic/', 'topicfilter/'), body), { minLength: 1, maxLength: 2 }),
  notResource: fc.constantFrom(false, false, false, false, true),
});
const randomPolicy = fc
  .tuple(fc.constantFrom(`client/${SUB}`, 'client/*', `client/${CLIENT}`, 'client/a'), fc.array(randomStatement, { minLength: 1, maxLength: 3 }))
  .map(([connect, statements]) => [
    { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:${connect}` },
    ...statements.map((s) => ({
      Effect: s.effect,
      Action: s.actions,
      [s.notResource ? 'NotResource' : 'Resource']: s.resources.map(([type, b]) => `${ARN}:${type}${b}`),
    })),
  ]);

function tokenStrings(tokens: readonly string[], max: number): string[] {
  const out = new Set<string>();
  let layer = [''];
  for (let n = 1; n <= max; n++) {
    layer = layer.flatMap((s) => tokens.map((t) => s + t));
    for (const s of layer) out.add(s);
  }
  return [...out];
}

const TOPICS = tokenStrings(['a', 'b', '/', '$', ID_A, ID_B], 4).filter((t) => !topicNameProblem(t));
const FILTERS = tokenStrings(['a', '/', '+', '#', ID_A, ID_B], 4).filter((f) => !topicFilterProblem(f));
const CLIENT_IDS = [ID_A, ID_B, 'a', 'a/b', '+', '#'];

class BruteForce {
  constructor(private readonly loaded: ProvableScenario) {}
  private readonly memo = new Map<string, boolean>();

  allows(name: string, action: string, resource: string, clientId: string | undefined): boolean {
    const key = `${name}|${action}|${resource}|${clientId}`;
    let found = this.memo.get(key);
    if (found === undefined) {
      const subject = this.loaded.scenario!.identities.get(name)!;
      const identity = {
        ...subject.identity,
        protocol: clientId === undefined ? ('https' as const) : ('mqtt-wss' as const),
        ...(clientId !== undefined && { clientId }),
      };
      found = authorize(this.loaded.scenario!.roles, { identity, iotPolicies: subject.iotPolicies }, { action, resource }).decision === 'allow';
      this.memo.set(key, found);
    }
    return found;
  }

  connectable(name: string): string[] {
    return CLIENT_IDS.filter((c) => this.allows(name, 'iot:Connect', `${ARN}:client/${c}`, c));
  }

  /** Topics the identity may publish to, over HTTPS or over MQTT with some client ID it may connect with. */
  published(name: string, retained = false): string[] {
    const ways = [undefined, ...this.connectable(name)];
    return TOPICS.filter((t) =>
      ways.some(
        (c) => this.allows(name, 'iot:Publish', `${ARN}:topic/${t}`, c) && (!retained || this.allows(name, 'iot:RetainPublish', `${ARN}:topic/${t}`, c)),
      ),
    );
  }

  subscribed(name: string, clientId: string): string[] {
    return FILTERS.filter((f) => this.allows(name, 'iot:Subscribe', `${ARN}:topicfilter/${f}`, clientId));
  }

  /** Topics delivered to the identity: some client ID, a filter it may subscribe with that matches, Receive. */
  delivered(name: string, topics: readonly string[]): string[] {
    const result = new Set<string>();
    for (const c of this.connectable(name)) {
      const filters = this.subscribed(name, c);
      for (const t of topics)
        if (!result.has(t) && this.allows(name, 'iot:Receive', `${ARN}:topic/${t}`, c) && filters.some((f) => filterMatchesTopic(f, t))) result.add(t);
    }
    return [...result];
  }
}

const inside = (text: string, patterns: readonly string[], id: string) => {
  const context = new RequestContext([['cognito-identity.amazonaws.com:sub', id]]);
  return patterns.some((p) => matchGlob(compileGlob(parseTemplate(p, true, true).parts, p), text, context));
};

describe('prove: against brute force over short topics, filters and client IDs', () => {
  it('isolation: never proved when enumeration finds a violation; every refutation confirmed', function () {
    this.timeout(120_000);
    const goal = [`a/${SUB}/*`, 'b*'];
    const tally = { proved: 0, refuted: 0, unknown: 0, violations: 0, unknownWithViolation: 0 };
    fc.assert(
      fc.property(randomPolicy, (statements) => {
        const loaded = loadMemory(
          { 'user.iot.json': doc(statements), 'auth.json': ROLE_ALL },
          {
            roles: { authenticated: ['auth.json'] },
            identities,
            steps: [],
            properties: [{ kind: 'isolation', identities: 'authenticated', prefix: `a/${SUB}/`, shared: ['b*'] }],
          },
        );
        const [result] = proveScenario(loaded.scenario!, loaded.properties);
        const bf = new BruteForce(loaded);
        const outside = (t: string) => !inside(t, goal, ID_A);
        const violation =
          bf.published('alice').some(outside) ||
          bf.connectable('alice').some((c) => bf.subscribed('alice', c).some(outside)) ||
          bf.delivered('alice', TOPICS.filter(outside)).length > 0;
        tally[result.verdict]++;
        if (violation) tally.violations++;
        if (violation) assert.notEqual(result.verdict, 'proved', `enumeration finds a violation for ${JSON.stringify(statements)}`);
        if (violation && result.verdict === 'unknown') tally.unknownWithViolation++;
        if (result.verdict === 'refuted') {
          const cx = result.counterexample!;
          recheck(loaded, cx);
          const target = cx.operation === 'subscribe' ? cx.filter! : cx.topic!;
          assert.ok(!inside(target, goal, cx.identity.identityId), `${target} is outside the goal`);
          if (cx.operation === 'receive') assert.ok(filterMatchesTopic(cx.filter!, cx.topic!));
        }
      }),
      { numRuns: Number(process.env.PROVE_RUNS ?? 60), seed: Number(process.env.PROVE_SEED ?? 29) },
    );
    assert.ok(tally.proved >= 3 && tally.refuted >= 10, JSON.stringify(tally));
    assert.ok(tally.unknownWithViolation <= tally.violations / 5, JSON.stringify(tally));
    if (process.env.DEBUG_PROVE) console.log(tally);
  });

  it('no-flow: never proved when enumeration finds a delivery from alice to bob; every refutation confirmed', function () {
    this.timeout(120_000);
    const tally = { proved: 0, refuted: 0, unknown: 0 };
    fc.assert(
      fc.property(randomPolicy, (statements) => {
        const loaded = loadMemory(
          { 'user.iot.json': doc(statements), 'auth.json': ROLE_ALL },
          { roles: { authenticated: ['auth.json'] }, identities, steps: [], properties: [{ kind: 'no-flow', from: 'alice', to: 'bob' }] },
        );
        const [result] = proveScenario(loaded.scenario!, loaded.properties);
        const bf = new BruteForce(loaded);
        const sent = bf.published('alice');
        const delivered = bf.delivered('bob', sent).length > 0;
        const retained = bf.published('alice', true).some((t) => bf.allows('bob', 'iot:GetRetainedMessage', `${ARN}:topic/${t}`, undefined));
        tally[result.verdict]++;
        if (delivered || retained) assert.notEqual(result.verdict, 'proved', `enumeration finds a flow for ${JSON.stringify(statements)}`);
        if (result.verdict === 'refuted') {
          recheck(loaded, result.counterexample!);
          assert.notEqual(result.counterexample!.identity.identityId, result.counterexample!.receiver!.identityId);
        }
      }),
      { numRuns: Number(process.env.PROVE_RUNS ?? 80), seed: Number(process.env.PROVE_SEED ?? 31) },
    );
    assert.ok(tally.proved >= 3 && tally.refuted >= 8, JSON.stringify(tally));
  });
});
