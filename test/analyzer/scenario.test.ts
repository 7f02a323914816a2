import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadScenario, runScenario, type LoadResult, type ScenarioResult } from '../../analyzer';
import { memoryHost, positionOf } from './helpers';
import { STEP_KINDS } from '../../analyzer/scenario/load';
import { diskFileHost } from '../../cli/node-host';

/** The repository root: tests run from dist/test/analyzer (or wherever mocha is started in the repo). */
function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'samples', 'per-user-app', 'scenario.json'))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`samples/ not found above ${__dirname} or ${process.cwd()}`);
}

const fsHost = diskFileHost();

function loaded(result: LoadResult) {
  const errors = result.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(
    errors.map((p) => p.message),
    [],
  );
  assert.ok(result.scenario, 'scenario loaded');
  return result.scenario;
}

const SUB = 'cognito-identity.amazonaws.com:sub';
const ARN = 'arn:aws:iot:us-east-1:123456789012';

/** An IoT policy letting identities use their own namespace, the broadcasts and the shadow topics. */
const OPEN_ROLE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] });
const DEVICE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${${SUB}}` },
    { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: [`${ARN}:topic/$aws/things/*`, `${ARN}:topic/sensors`, `${ARN}:topic/sensors/*`] },
    {
      Effect: 'Allow',
      Action: 'iot:Subscribe',
      Resource: [
        `${ARN}:topicfilter/$aws/things/+/shadow/update`,
        `${ARN}:topicfilter/#`,
        `${ARN}:topicfilter/+/things/lamp/shadow/update`,
        `${ARN}:topicfilter/sensors/#`,
      ],
    },
  ],
});

function scenarioText(steps: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      name: 'inline',
      roles: { authenticated: ['roles/open.json'], unauthenticated: ['roles/open.json'] },
      identities: {
        alice: { type: 'authenticated', identityId: 'us-east-1:0a1b-1111', iotPolicies: ['policies/device.json'] },
        bob: { type: 'authenticated', identityId: 'us-east-1:0a1b-2222', iotPolicies: ['policies/device.json'] },
        web: { type: 'authenticated', identityId: 'us-east-1:0a1b-3333', protocol: 'https', iotPolicies: ['policies/device.json'] },
      },
      steps,
      ...extra,
    },
    null,
    2,
  );
}

const FILES = { 'app/roles/open.json': OPEN_ROLE, 'app/policies/device.json': DEVICE_POLICY };

function run(steps: unknown[]): ScenarioResult {
  return runScenario(loaded(loadScenario(scenarioText(steps), 'app/scenario.json', memoryHost(FILES))));
}

describe('scenarios', () => {
  describe('samples/per-user-app/scenario.json', () => {
    const file = path.join(repoRoot(), 'samples', 'per-user-app', 'scenario.json');
    const result = loadScenario(fs.readFileSync(file, 'utf8'), file, fsHost);

    it('loads without problems, with its identities and policies', () => {
      assert.deepEqual(result.problems, []);
      const scenario = loaded(result);
      assert.equal(scenario.name, 'per-user namespaces');
      assert.deepEqual([...scenario.identities.keys()], ['alice', 'bob', 'newcomer', 'guest']);
      assert.equal(scenario.steps.length, 19);
      assert.equal(scenario.roles.authenticated.length, 1);
      assert.equal(scenario.roles.unauthenticated.length, 1);
      assert.equal(scenario.identities.get('newcomer')?.iotPolicies.length, 0);
      // user.iot.json is read once and shared by alice and bob.
      assert.equal(scenario.identities.get('alice')?.iotPolicies[0], scenario.identities.get('bob')?.iotPolicies[0]);
      assert.deepEqual(
        scenario.policies.map((p) => [path.basename(p.policy.source.file), p.kind]),
        [
          ['auth-role.json', 'auth-role'],
          ['guest-role.json', 'unauth-role'],
          ['user.iot.json', 'iot'],
        ],
      );
    });

    it('every step passes', () => {
      const outcome = runScenario(loaded(result));
      const failed = outcome.steps.filter((s) => s.pass !== true).map((s) => `${s.index}: ${s.label} → ${s.decision}`);
      assert.deepEqual(failed, []);
      assert.deepEqual(outcome.summary, { steps: 19, passed: 19, failed: 0, unchecked: 0 });
      assert.equal(outcome.pass, true);
    });

    it('gives the expected verdict for each step', () => {
      const outcome = runScenario(loaded(result));
      assert.deepEqual(
        outcome.steps.map((s) => s.decision),
        [
          'allow',
          'deny',
          'allow',
          'allow',
          'deny',
          'deny',
          'allow',
          'deny',
          'deny',
          'allow',
          'deny',
          'deny',
          'allow',
          'allow',
          'deny',
          'deny',
          'delivered',
          'blocked',
          'blocked',
        ],
      );
    });

    it('retained publish checks both iot:Publish and iot:RetainPublish', () => {
      const outcome = runScenario(loaded(result));
      const retained = outcome.steps[4];
      assert.deepEqual(
        retained.checks.map((c) => [c.action, c.decision]),
        [
          ['iot:Publish', 'allow'],
          ['iot:RetainPublish', 'deny'],
        ],
      );
      assert.equal(retained.checks[1].iotPolicyRole, 'required-inferred');
    });

    it('the newcomer is denied because no IoT policy is attached', () => {
      const step = runScenario(loaded(result)).steps[11];
      assert.equal(step.checks[0].role.outcome, 'allow');
      assert.equal(step.checks[0].iotPolicies?.attached, 0);
      assert.ok(
        step.explanation.some((line) => line.includes('attached IoT policies: none')),
        step.explanation.join('\n'),
      );
    });

    it('flows: alice reaches alice; bob and the guest are blocked by Subscribe though the filter matches', () => {
      const outcome = runScenario(loaded(result));
      const [self, toBob, toGuest] = outcome.steps.slice(16);
      assert.equal(self.kind, 'flow');
      assert.equal(self.decision, 'delivered');
      assert.equal(self.filterMatches, true);
      assert.deepEqual(
        self.checks.map((c) => c.action),
        ['iot:Connect', 'iot:Publish', 'iot:Connect', 'iot:Subscribe', 'iot:Receive'],
      );
      assert.ok(self.checks.every((c) => c.decision === 'allow'));

      assert.equal(toBob.decision, 'blocked');
      assert.equal(toBob.filterMatches, true);
      const bobSubscribe = toBob.checks.find((c) => c.action === 'iot:Subscribe')!;
      assert.equal(bobSubscribe.identity, 'bob');
      assert.equal(bobSubscribe.decision, 'deny');
      assert.equal(bobSubscribe.resource, `${ARN}:topicfilter/users/+/out`);

      assert.equal(toGuest.decision, 'blocked');
      const guestSubscribe = toGuest.checks.find((c) => c.action === 'iot:Subscribe')!;
      assert.equal(guestSubscribe.iotPolicyRole, 'ignored-for-guests');
      assert.equal(guestSubscribe.role.outcome, 'implicit-deny');
    });

    it('steps and explanations point back into the scenario file', () => {
      const outcome = runScenario(loaded(result));
      const text = fs.readFileSync(file, 'utf8');
      assert.deepEqual(outcome.steps[0].range.start, positionOf(text, '{ "name": "alice connects'));
      assert.ok(
        outcome.steps[1].explanation[0].startsWith('alice connect us-east-1:0a1b2c3d-2222-4a5b-8c9d-0123456789ab: DENY (expected deny: pass)'),
        outcome.steps[1].explanation[0],
      );
    });
  });

  describe('inline scenarios (in-memory files)', () => {
    it('resolves policy files relative to the scenario and reads each once', () => {
      const host = memoryHost(FILES);
      loaded(loadScenario(scenarioText([{ as: 'alice', publish: 'sensors/1' }]), 'app/scenario.json', host));
      assert.deepEqual(host.reads.sort(), ['app/policies/device.json', 'app/roles/open.json']);
    });

    it('steps without expectations are unchecked', () => {
      const result = run([
        { as: 'alice', publish: 'sensors/1' },
        { as: 'alice', publish: 'elsewhere' },
      ]);
      assert.deepEqual(
        result.steps.map((s) => [s.decision, s.pass]),
        [
          ['allow', undefined],
          ['deny', undefined],
        ],
      );
      assert.deepEqual(result.summary, { steps: 2, passed: 0, failed: 0, unchecked: 2 });
      assert.equal(result.pass, true);
    });

    it('a failed expectation fails the scenario', () => {
      const result = run([{ as: 'alice', publish: 'elsewhere', expect: 'allow' }]);
      assert.equal(result.steps[0].pass, false);
      assert.equal(result.pass, false);
      assert.ok(result.steps[0].explanation[0].endsWith('DENY (expected allow: FAIL)'), result.steps[0].explanation[0]);
    });

    it('an unknown identity is an error on its name', () => {
      const text = scenarioText([{ as: 'mallory', publish: 'sensors/1' }]);
      const result = loadScenario(text, 'app/scenario.json', memoryHost(FILES));
      assert.equal(result.scenario, undefined);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0].severity, 'error');
      assert.equal(result.problems[0].message, 'unknown identity "mallory" (defined: "alice", "bob", "web")');
      assert.deepEqual(result.problems[0].range.start, positionOf(text, '"mallory"'));
    });

    it('an unknown identity in a flow is reported on `from` / `to`', () => {
      const text = scenarioText([{ flow: { from: 'alice', to: 'eve', topic: 'sensors/1' } }]);
      const result = loadScenario(text, 'app/scenario.json', memoryHost(FILES));
      assert.equal(result.problems[0].message, 'unknown identity "eve" (defined: "alice", "bob", "web")');
      assert.deepEqual(result.problems[0].range.start, positionOf(text, '"eve"'));
    });

    it('a missing policy file is an error on the reference', () => {
      const text = scenarioText([{ as: 'alice', publish: 'sensors/1' }]);
      const result = loadScenario(text, 'app/scenario.json', memoryHost({ 'app/roles/open.json': OPEN_ROLE }));
      assert.equal(result.scenario, undefined);
      const problem = result.problems.find((p) => p.message.startsWith('cannot read policy file'))!;
      assert.equal(problem.message, 'cannot read policy file "policies/device.json" (resolved to app/policies/device.json)');
      assert.deepEqual(problem.range.start, positionOf(text, '"policies/device.json"'));
      // Read once, reported once, although alice, bob and web all name it.
      assert.equal(result.problems.filter((p) => p.message.startsWith('cannot read policy file')).length, 1);
    });

    it('a policy file with invalid JSON is an error naming where the JSON breaks', () => {
      const result = loadScenario(scenarioText([]), 'app/scenario.json', memoryHost({ ...FILES, 'app/policies/device.json': '{\n  "Statement": [\n' }));
      assert.equal(result.scenario, undefined);
      assert.ok(
        result.problems.some(
          (p) => p.severity === 'error' && p.message.startsWith('policy "policies/device.json" is not valid JSON: app/policies/device.json:3:1: invalid JSON'),
        ),
        JSON.stringify(result.problems.map((p) => p.message)),
      );
    });

    it('a policy with grammar problems is a warning, and its Allow statements grant nothing', () => {
      const broken = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:*', Resource: '*' },
          { Effect: 'Allow', Action: 'iot:Connect', Resource: '*', Principal: '*' },
        ],
      });
      const result = loadScenario(
        scenarioText([{ as: 'alice', publish: 'sensors/1', expect: 'deny' }]),
        'app/scenario.json',
        memoryHost({ ...FILES, 'app/policies/device.json': broken }),
      );
      const warning = result.problems.find((p) => p.severity === 'warning')!;
      assert.ok(warning.message.startsWith('policy "policies/device.json" has 1 problem(s) AWS would reject'), warning.message);
      const outcome = runScenario(loaded(result));
      assert.equal(outcome.steps[0].decision, 'deny');
      assert.equal(
        outcome.steps[0].checks[0].iotPolicies?.considered[0].ignoredBecause,
        'its policy has errors AWS would reject, so it is never deployed and grants nothing',
      );
    });

    it('inline policies are compiled in place, with ranges in the scenario file', () => {
      const text = JSON.stringify(
        {
          roles: {
            unauthenticated: [
              { Version: '2012-10-17', Statement: [{ Sid: 'GuestPublish', Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/open/*` }] },
            ],
          },
          identities: { guest: { type: 'unauthenticated', identityId: 'us-east-1:0a1b-9999' } },
          steps: [
            { as: 'guest', publish: 'open/1', expect: 'allow' },
            { as: 'guest', publish: 'closed/1', expect: 'deny' },
          ],
        },
        null,
        2,
      );
      const outcome = runScenario(loaded(loadScenario(text, 'inline.json', memoryHost({}))));
      assert.equal(outcome.pass, true);
      const deciding = outcome.steps[0].checks[0].role.deciding!;
      assert.equal(deciding.sid, 'GuestPublish');
      assert.equal(deciding.range.file, 'inline.json');
      assert.deepEqual(deciding.range.start, positionOf(text, '{', '"Statement"'));
    });

    it('a guest with IoT policies gets a warning on them', () => {
      const text = JSON.stringify(
        { identities: { guest: { type: 'unauthenticated', identityId: 'us-east-1:0a1b-9999', iotPolicies: ['policies/device.json'] } }, steps: [] },
        null,
        2,
      );
      const result = loadScenario(text, 'app/scenario.json', memoryHost(FILES));
      assert.ok(result.scenario);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0].severity, 'warning');
      assert.ok(result.problems[0].message.startsWith('"guest" is unauthenticated: AWS IoT ignores IoT policies'));
      assert.deepEqual(result.problems[0].range.start, positionOf(text, '[', '"iotPolicies"'));
    });

    it('connect steps evaluate thing keys for the client ID they connect with', () => {
      const thingPolicy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: '*', Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } } },
          { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/things/\${iot:Connection.Thing.ThingName}/*` },
        ],
      });
      const text = JSON.stringify({
        roles: { authenticated: ['roles/open.json'] },
        identities: {
          lamp: { type: 'authenticated', identityId: 'us-east-1:0a1b-4444', clientId: 'lamp-1', thingName: 'lamp-1', iotPolicies: ['policies/thing.json'] },
        },
        steps: [
          { as: 'lamp', connect: 'lamp-1', expect: 'allow' },
          { as: 'lamp', connect: 'phone', expect: 'deny' },
          { as: 'lamp', publish: 'things/lamp-1/state', expect: 'allow' },
          { as: 'lamp', publish: 'things/lamp-1/state', clientId: 'phone', expect: 'deny' },
        ],
      });
      const outcome = runScenario(loaded(loadScenario(text, 'app/scenario.json', memoryHost({ ...FILES, 'app/policies/thing.json': thingPolicy }))));
      assert.deepEqual(
        outcome.steps.map((s) => s.decision),
        ['allow', 'deny', 'allow', 'deny'],
      );
      assert.equal(outcome.pass, true);
      const unresolved = outcome.steps[3].checks[0];
      assert.ok(unresolved.variables.some((v) => v.variable === '${iot:Connection.Thing.ThingName}' && v.value === undefined));
      assert.ok(
        unresolved.notes.some((n) => n.includes('"phone" is not the thing name "lamp-1"')),
        JSON.stringify(unresolved.notes),
      );
    });

    describe('schema errors, each at the right line and column', () => {
      const text = [
        '{',
        '  "identites": {},',
        '  "identities": {',
        '    "alice": { "type": "guest", "identityId": "us-east-1:0a1b" }',
        '  },',
        '  "steps": [',
        '    { "as": "alice", "publsh": "a/b" },',
        '    { "as": "alice", "publish": "a", "expect": "allowed" },',
        '    { "flow": { "from": "alice", "to": "alice", "topic": "a", "filtre": "x" }, "expect": "allow" }',
        '  ]',
        '}',
      ].join('\n');
      const result = loadScenario(text, 'schema.json', memoryHost({}));
      const find = (message: string) => {
        const problem = result.problems.find((p) => p.message === message);
        assert.ok(problem, `${message} not in ${JSON.stringify(result.problems.map((p) => p.message))}`);
        return [problem.severity, problem.range.start.line, problem.range.start.column];
      };

      it('nothing is loaded', () => {
        assert.equal(result.scenario, undefined);
        assert.ok(result.problems.every((p) => p.severity === 'error'));
      });

      it('unknown property at the top level, on the key', () => {
        assert.deepEqual(find('unknown property "identites"'), ['error', 2, 3]);
      });

      it('wrong enum value for an identity type, on the value', () => {
        assert.deepEqual(find('identities.alice.type: must be one of "authenticated", "unauthenticated"'), ['error', 4, 24]);
      });

      it('unknown property in a request step', () => {
        assert.deepEqual(find('steps[0]: unknown property "publsh"'), ['error', 7, 22]);
      });

      it('wrong enum value for a request step expectation', () => {
        assert.deepEqual(find('steps[1].expect: must be one of "allow", "deny"'), ['error', 8, 48]);
      });

      it('unknown property in a flow and wrong enum for a flow expectation', () => {
        assert.deepEqual(find('steps[2].flow: unknown property "filtre"'), ['error', 9, 63]);
        assert.deepEqual(find('steps[2].expect: must be one of "delivered", "blocked"'), ['error', 9, 90]);
      });

      it('reports exactly these problems', () => {
        assert.equal(result.problems.length, 6, JSON.stringify(result.problems.map((p) => p.message)));
      });
    });

    it('a missing required property and a wrong type', () => {
      const text = '{\n  "identities": { "a": { "type": "authenticated" } },\n  "steps": {}\n}';
      const result = loadScenario(text, 's.json', memoryHost({}));
      const messages = result.problems.map((p) => `${p.range.start.line}:${p.range.start.column} ${p.message}`);
      assert.ok(messages.includes('2:24 identities.a: missing required property "identityId"'), messages.join('\n'));
      assert.ok(messages.includes('3:12 steps: must be an array'), messages.join('\n'));
    });

    it('invalid JSON in the scenario is reported with its position', () => {
      const result = loadScenario('{\n  "steps": [\n}', 's.json', memoryHost({}));
      assert.equal(result.scenario, undefined);
      assert.equal(result.problems[0].message, 'invalid JSON: value expected');
      assert.deepEqual(result.problems[0].range.start, { line: 3, column: 1 });
    });

    it('an invalid topic filter in a subscribe step is an error on the filter', () => {
      const text = scenarioText([{ as: 'alice', subscribe: 'sensors/#/x' }]);
      const result = loadScenario(text, 'app/scenario.json', memoryHost(FILES));
      assert.equal(result.scenario, undefined);
      assert.equal(result.problems[0].message, 'in "sensors/#/x", "#" must be a whole level and the last one');
      assert.deepEqual(result.problems[0].range.start, positionOf(text, '"sensors/#/x"'));
    });

    it('an invalid filter or topic in a flow is an error on that field', () => {
      const text = scenarioText([{ flow: { from: 'alice', to: 'bob', topic: 'sensors/+', filter: 'sensors+' } }]);
      const result = loadScenario(text, 'app/scenario.json', memoryHost(FILES));
      const messages = result.problems.map((p) => [p.message, p.range.start.line, p.range.start.column]);
      assert.deepEqual(messages, [
        ['"sensors/+" contains an MQTT wildcard; topic names to publish to cannot', ...Object.values(positionOf(text, '"sensors/+"'))],
        ['in "sensors+", "+" must be a whole level', ...Object.values(positionOf(text, '"sensors+"'))],
      ]);
    });

    it('a publish step with a wildcard topic is an error', () => {
      const result = loadScenario(scenarioText([{ as: 'alice', publish: 'sensors/#' }]), 'app/scenario.json', memoryHost(FILES));
      assert.equal(result.problems[0].message, '"sensors/#" contains an MQTT wildcard; topic names to publish to cannot');
    });

    it('a step with two request kinds, or `resource` without `action`, is an error', () => {
      const two = loadScenario(scenarioText([{ as: 'alice', publish: 'a', subscribe: 'b' }]), 'app/scenario.json', memoryHost(FILES));
      assert.equal(
        two.problems[0].message,
        'steps[0]: a step needs exactly one of "connect", "publish", "subscribe", "receive" or "action" (found publish, subscribe)',
      );
      const stray = loadScenario(scenarioText([{ as: 'alice', publish: 'a', resource: '*' }]), 'app/scenario.json', memoryHost(FILES));
      assert.equal(stray.problems[0].message, 'steps[0]: "resource" goes with "action" only; "publish" builds its own ARN');
    });

    describe('flows with `$aws/...` topics and `+` / `#` filters', () => {
      const shadow = '$aws/things/lamp/shadow/update';

      it('a `#` subscription does not receive `$aws` topics even when every check allows', () => {
        const [step] = run([{ flow: { from: 'alice', to: 'bob', topic: shadow, filter: '#' }, expect: 'blocked' }]).steps;
        assert.equal(step.decision, 'blocked');
        assert.equal(step.pass, true);
        assert.equal(step.filterMatches, false);
        assert.ok(step.checks.every((c) => c.decision === 'allow'));
        assert.ok(step.explanation.includes(`  the filter "#" does not match the topic "${shadow}" under MQTT rules`), step.explanation.join('\n'));
      });

      it('a leading `+` does not match a `$aws` topic either', () => {
        const [step] = run([{ flow: { from: 'alice', to: 'bob', topic: shadow, filter: '+/things/lamp/shadow/update' } }]).steps;
        assert.equal(step.decision, 'blocked');
        assert.equal(step.filterMatches, false);
      });

      it('a filter naming `$aws` with `+` inside is delivered', () => {
        const [step] = run([{ flow: { from: 'alice', to: 'bob', topic: shadow, filter: '$aws/things/+/shadow/update' }, expect: 'delivered' }]).steps;
        assert.equal(step.decision, 'delivered');
        assert.equal(step.filterMatches, true);
        const subscribe = step.checks.find((c) => c.action === 'iot:Subscribe')!;
        assert.equal(subscribe.resource, `${ARN}:topicfilter/$aws/things/+/shadow/update`);
        assert.equal(step.checks.find((c) => c.action === 'iot:Receive')!.resource, `${ARN}:topic/${shadow}`);
      });

      it('the filter defaults to the topic', () => {
        const [step] = run([{ flow: { from: 'alice', to: 'bob', topic: shadow } }]).steps;
        assert.equal(step.filterMatches, true);
        assert.equal(step.checks.find((c) => c.action === 'iot:Subscribe')!.resource, `${ARN}:topicfilter/${shadow}`);
        // The policy allows the literal filter `$aws/things/+/shadow/update` only, not the topic as a filter.
        assert.equal(step.decision, 'blocked');
      });

      it('`sensors/#` receives the parent topic `sensors`; `sensors/+` does not', () => {
        const steps = run([
          { flow: { from: 'alice', to: 'bob', topic: 'sensors', filter: 'sensors/#' } },
          { flow: { from: 'alice', to: 'bob', topic: 'sensors', filter: 'sensors/+' } },
        ]).steps;
        assert.deepEqual(
          steps.map((s) => [s.decision, s.filterMatches]),
          [
            ['delivered', true],
            ['blocked', false],
          ],
        );
      });

      it('an HTTPS subscriber cannot receive; an HTTPS publisher needs no Connect', () => {
        const [toWeb, fromWeb] = run([
          { flow: { from: 'alice', to: 'web', topic: 'sensors/1', filter: 'sensors/#' } },
          { flow: { from: 'web', to: 'bob', topic: 'sensors/1', filter: 'sensors/#' } },
        ]).steps;
        assert.equal(toWeb.decision, 'blocked');
        assert.ok(
          toWeb.explanation.some((line) => /not possible: iot:Subscribe happens only over MQTT; this identity uses HTTPS/.test(line)),
          toWeb.explanation.join('\n'),
        );
        assert.equal(fromWeb.decision, 'delivered');
        assert.deepEqual(
          fromWeb.checks.map((c) => `${c.identity} ${c.action}`),
          ['web iot:Publish', 'bob iot:Connect', 'bob iot:Subscribe', 'bob iot:Receive'],
        );
      });
    });
  });
});

describe('HTTPS identities', () => {
  it('can publish but never connect, subscribe or receive, whatever the policies allow', () => {
    const allowAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] });
    const scenario = JSON.stringify({
      roles: { unauthenticated: ['role.json'] },
      readings: { A1: 'unrestricted' },
      identities: { web: { type: 'unauthenticated', identityId: 'us-east-1:1', protocol: 'https' } },
      steps: [
        { as: 'web', publish: 'a/b' },
        { as: 'web', connect: 'c1' },
        { as: 'web', subscribe: 'a/#' },
        { as: 'web', receive: 'a/b' },
        { flow: { from: 'web', topic: 'a/b', to: 'web' } },
      ],
    });
    const { scenario: loaded } = loadScenario(scenario, 'scenario.json', memoryHost({ 'role.json': allowAll }));
    const result = runScenario(loaded!);
    assert.deepEqual(
      result.steps.map((s) => s.decision),
      ['allow', 'deny', 'deny', 'deny', 'blocked'],
    );
    assert.match(result.steps[2].explanation.join('\n'), /not possible: iot:Subscribe happens only over MQTT; this identity uses HTTPS/);
  });
});

describe('scenario step kinds', () => {
  it('come from the schema, and each names a property a request step has', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'schemas', 'scenario.schema.json'), 'utf8'));
    assert.deepEqual(STEP_KINDS, schema.definitions.StepKind.enum);
    assert.deepEqual(
      STEP_KINDS.filter((kind) => !(kind in schema.definitions.RequestStep.properties)),
      [],
    );
  });
});
