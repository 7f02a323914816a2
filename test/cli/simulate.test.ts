import { strict as assert } from 'node:assert';
import { runCli, tempProject } from './run-cli';

describe('iot-policy-lens simulate', function () {
  // Each test runs the CLI several times as a child process: generous, so a busy machine cannot fail it.
  this.timeout(60_000);
  it('exits 0 and reports every step on the good sample', () => {
    const { status, stdout } = runCli(['simulate', 'samples/per-user-app/scenario.json']);
    assert.equal(status, 0);
    assert.match(stdout, /19 steps: 19 passed, 0 failed/);
  });

  it('prints the scenario result object with --format json for one file', () => {
    const { status, stdout } = runCli(['simulate', 'samples/per-user-app/scenario.json', '--format', 'json']);
    assert.equal(status, 0);
    const result = JSON.parse(stdout);
    assert.equal(result.name, 'per-user namespaces');
    assert.equal(result.steps.length, 19);
    assert.deepEqual(
      result.steps.slice(0, 2).map((s: { decision: string; expected: string; pass: boolean }) => [s.decision, s.expected, s.pass]),
      [
        ['allow', 'allow', true],
        ['deny', 'deny', true],
      ],
    );
    const flows = result.steps.filter((s: { kind: string }) => s.kind === 'flow').map((s: { decision: string }) => s.decision);
    assert.deepEqual(flows, ['delivered', 'blocked', 'blocked']);
    const connect = result.steps[0].checks[0];
    assert.equal(connect.action, 'iot:Connect');
    assert.equal(connect.resource, 'arn:aws:iot:us-east-1:123456789012:client/us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab');
    assert.equal(connect.iotPolicies.deciding.sid, 'ConnectWithOwnIdentityId');
    assert.equal(connect.iotPolicies.deciding.range.start.line, 4);
    assert.deepEqual(connect.variables, [{ variable: '${cognito-identity.amazonaws.com:sub}', value: 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab' }]);
  });

  it('exits 1 and explains the failures on the broken sample', () => {
    const { status, stdout } = runCli(['simulate', 'samples/broken-app/scenario.json']);
    assert.equal(status, 1);
    assert.match(stdout, /✗ 26:5 alice must not take bob's client ID: .*ALLOW \(expected deny: FAIL\)/);
    assert.match(stdout, /allow by statement "ConnectAnyClientId" \(samples\/broken-app\/policies\/user\.iot\.json:4:5\)/);
    assert.match(stdout, /6 steps: 0 passed, 6 failed/);
  });

  it('exits 2 with file:line:col errors on an invalid scenario, and prints no result', () => {
    const dir = tempProject({
      'scenario.json':
        '{\n  "identities": { "a": { "type": "authenticated", "identityId": "us-east-1:1" } },\n  "steps": [\n    { "as": "b", "publish": "x" }\n  ]\n}\n',
    });
    const { status, stdout, stderr } = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^scenario\.json:4:13: error: unknown identity "b" \(defined: "a"\)$/m);
  });

  it('reports every problem of a scenario in one round: schema errors, missing policy files and unknown identities', () => {
    const dir = tempProject({
      'scenario.json': {
        roles: { authenticated: ['missing-role.json'] },
        identities: { a: { type: 'authenticated', identityId: 'us-east-1:1', iotPolicies: ['missing.iot.json'], colour: 'blue' } },
        steps: [{ as: 'b', publish: 'x' }, { flow: { from: 'a', to: 'c', topic: 't' } }],
      },
    });
    const { status, stdout, stderr } = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /error: identities\.a: unknown property "colour"/);
    assert.match(stderr, /error: cannot read policy file "missing-role\.json"/);
    assert.match(stderr, /error: cannot read policy file "missing\.iot\.json"/);
    assert.match(stderr, /error: unknown identity "b" \(defined: "a"\)/);
    assert.match(stderr, /error: unknown identity "c" \(defined: "a"\)/);
  });

  it('exits 2 on invalid JSON, naming the position', () => {
    const dir = tempProject({ 'scenario.json': '{ "identities": {}, "steps": [ }' });
    const { status, stderr } = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(status, 2);
    assert.match(stderr, /^scenario\.json:1:32: error: invalid JSON: value expected$/m);
  });

  it('exits 2 on a missing policy file, pointing at the reference', () => {
    const dir = tempProject({
      'scenario.json': { roles: { authenticated: ['missing.json'] }, identities: { a: { type: 'authenticated', identityId: 'us-east-1:1' } }, steps: [] },
    });
    const { status, stderr } = runCli(['simulate', 'scenario.json'], dir);
    assert.equal(status, 2);
    assert.match(stderr, /^scenario\.json:4:7: error: cannot read policy file "missing\.json"/m);
  });

  it("on a policy file, says it is a policy and to use check (not the scenario schema's complaints)", () => {
    const { status, stdout, stderr } = runCli(['simulate', 'samples/per-user-app/policies/user.iot.json']);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      'samples/per-user-app/policies/user.iot.json: this is a policy, not a scenario — use "iot-policy-lens check samples/per-user-app/policies/user.iot.json" to check it\n',
    );
  });

  it('exits 2 on a missing file and on bad options, without a stack trace', () => {
    const missing = runCli(['simulate', 'nope.json']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^nope\.json: no such file or folder$/m);
    const badFormat = runCli(['simulate', 'samples/per-user-app/scenario.json', '--format', 'xml']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /--format must be text or json/);
    const unknownOption = runCli(['simulate', '--bogus']);
    assert.equal(unknownOption.status, 2);
    assert.doesNotMatch(unknownOption.stderr, /\n\s+at /);
  });

  describe('readings', function () {
    // Each case runs the real CLI (a Node process or two): generous, not a performance target.
    this.timeout(60_000);
    const ROLE = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:123456789012:topic/${iot:ClientId}/*' }],
    };
    const IOT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] };
    const scenario = (expect: string, extra: object = {}) => ({
      roles: { authenticated: ['role.json'] },
      identities: { a: { type: 'authenticated', identityId: 'us-east-1:1', clientId: 'c1', iotPolicies: ['iot.json'] } },
      steps: [
        { as: 'a', publish: 'c1/x', expect },
        { as: 'a', publish: 'other/x', expect: 'deny' },
      ],
      ...extra,
    });
    const project = (expect: string, extra: object = {}) => tempProject({ 'role.json': ROLE, 'iot.json': IOT, 'scenario.json': scenario(expect, extra) });

    it('JSON: decision "ambiguous" with each outcome; expect deny fails (a possible leak), exit 1', () => {
      const { status, stdout } = runCli(['simulate', 'scenario.json', '--format', 'json'], project('deny'));
      assert.equal(status, 1);
      const [ambiguous, agreed] = JSON.parse(stdout).steps;
      assert.deepEqual([ambiguous.decision, ambiguous.pass, agreed.decision, agreed.pass], ['ambiguous', false, 'deny', true]);
      const check = ambiguous.checks[0];
      assert.equal(check.decision, 'ambiguous');
      assert.deepEqual(
        check.outcomes.map((o: { readings: object; decision: string }) => [o.readings, o.decision]),
        [
          [{ A14: 'never-resolves' }, 'deny'],
          [{ A14: 'resolves' }, 'allow'],
        ],
      );
      assert.equal(check.outcomes[1].deciding[0].file, 'role.json');
      assert.deepEqual(check.outcomes[0].deciding, [], 'denied because nothing allows: no Allow is named as deciding a deny');
    });

    it('text: says in words which reading allows and which denies', () => {
      const { stdout } = runCli(['simulate', 'scenario.json'], project('deny'));
      assert.match(stdout, /AMBIGUOUS \(expected deny: FAIL\)/);
      assert.match(
        stdout,
        /denied if AWS reads \$\{iot:ClientId\} in identity-pool role policies \(A14\) as \$\{iot:ClientId\} as never resolving in role policies/,
      );
      assert.match(
        stdout,
        /allowed if AWS reads \$\{iot:ClientId\} in identity-pool role policies \(A14\) as \$\{iot:ClientId\} as the client ID in role policies \(by statement #1 \(role\.json:/,
      );
    });

    it('expect allow on an ambiguous verdict passes, with a warning', () => {
      const { status, stdout } = runCli(['simulate', 'scenario.json', '--format', 'json'], project('allow'));
      assert.equal(status, 0);
      const [step] = JSON.parse(stdout).steps;
      assert.deepEqual([step.decision, step.pass], ['ambiguous', true]);
      assert.match(step.warning, /AWS may refuse it/);
    });

    it('a pinned reading decides the verdict', () => {
      const resolves = runCli(['simulate', 'scenario.json', '--format', 'json'], project('allow', { readings: { A14: 'resolves' } }));
      assert.equal(resolves.status, 0);
      assert.equal(JSON.parse(resolves.stdout).steps[0].decision, 'allow');
      const never = runCli(['simulate', 'scenario.json', '--format', 'json'], project('deny', { readings: { A14: 'never-resolves' } }));
      assert.equal(never.status, 0);
      assert.equal(JSON.parse(never.stdout).steps[0].decision, 'deny');
    });

    it('every evaluated reading, through simulate JSON and text: ambiguous where readings differ, decided where they agree', function () {
      this.timeout(120_000);
      const T = (name: string) => `arn:aws:iot:us-east-1:123456789012:topic/${name}`;
      const AMR = 'cognito-identity.amazonaws.com:amr';
      const allowWhen = (condition: object) => ({ Effect: 'Allow', Action: 'iot:Publish', Resource: T('*'), Condition: condition });
      // Each reading: the role's statements, then [topic, extra context, verdict] where readings differ and where they agree.
      const table: Array<{
        id: string;
        role: object[];
        iot?: object[];
        retain?: boolean;
        pool?: string;
        guest?: boolean;
        differ: [string, object];
        agree: [string, object, string];
      }> = [
        // An IoT policy that tests the pool ID (aud): documented for role policies only.
        {
          id: 'A3',
          role: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('*') }],
          iot: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:pool' } } }],
          pool: 'us-east-1:pool',
          differ: ['a', {}],
          agree: ['a', { 'cognito-identity.amazonaws.com:aud': 'us-east-1:other' }, 'deny'],
        },
        // The IoT policy allows publishing everywhere but retaining only under status/.
        {
          id: 'A2',
          role: [{ Effect: 'Allow', Action: ['iot:Publish', 'iot:RetainPublish'], Resource: T('*') }],
          iot: [
            { Effect: 'Allow', Action: 'iot:*', Resource: '*' },
            { Effect: 'Deny', Action: 'iot:RetainPublish', NotResource: T('status/*') },
          ],
          retain: true,
          differ: ['a', {}],
          agree: ['status/a', {}, 'allow'],
        },
        {
          id: 'A14',
          role: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('${iot:ClientId}/*') }],
          differ: ['c1/x', {}],
          agree: ['other/x', {}, 'deny'],
        },
        // With a second condition on the client ID: another client ID makes both readings deny.
        {
          id: 'R-malformed-value',
          role: [allowWhen({ NotIpAddress: { 'aws:SourceIp': '10.0.0/8' }, StringEquals: { 'iot:ClientId': 'c1' } })],
          differ: ['a', { 'aws:SourceIp': '10.1.1.1' }],
          agree: ['a', { 'aws:SourceIp': '10.1.1.1', 'iot:ClientId': 'c2' }, 'deny'],
        },
        {
          id: 'R-unknown-operator',
          role: [allowWhen({ StringEqualz: { 'x:k': 'v' }, StringEquals: { 'iot:ClientId': 'c1' } })],
          differ: ['a', {}],
          agree: ['a', { 'iot:ClientId': 'c2' }, 'deny'],
        },
        {
          id: 'R-multi-single',
          role: [allowWhen({ StringEquals: { [AMR]: 'authenticated' } })],
          differ: ['a', { [AMR]: ['authenticated', 'cognito-idp'] }],
          agree: ['a', { [AMR]: ['authenticated'] }, 'allow'],
        },
        {
          id: 'R-type-wildcard-deny',
          role: [
            { Effect: 'Allow', Action: 'iot:Publish', Resource: T('*') },
            { Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:123456789012:*/secret' },
          ],
          differ: ['secret', {}],
          agree: ['open', {}, 'allow'],
        },
        // A * in the region part: only a colon-spanning * reaches a topic that repeats the ARN's tail.
        {
          id: 'A6',
          role: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:*:123456789012:topic/x' }],
          differ: ['a:123456789012:topic/x', {}],
          agree: ['x', {}, 'allow'],
        },
        // The IoT policy's own Allow grants only if AWS stores a policy with a five-part ARN.
        {
          id: 'R-short-arn',
          role: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('open/*') }],
          iot: [
            { Effect: 'Allow', Action: 'iot:*', Resource: '*' },
            { Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:topic/secret' },
          ],
          differ: ['open/secret', {}],
          agree: ['closed', {}, 'deny'],
        },
        {
          id: 'R-default-spacing',
          role: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('*') }],
          iot: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T("${iot:ClientId,'none'}/*") }],
          differ: ['c1/x', {}],
          agree: ['other/x', {}, 'deny'],
        },
        // A Deny that holds only if AWS IoT puts aws:SecureTransport in the request context.
        {
          id: 'A9',
          role: [
            { Effect: 'Allow', Action: 'iot:Publish', Resource: T('open/*') },
            { Effect: 'Deny', Action: 'iot:Publish', Resource: T('open/secret'), Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
          ],
          differ: ['open/secret', {}],
          agree: ['closed', {}, 'deny'],
        },
        // A guest: the unauthenticated role allows open/*; a session policy may refuse it.
        {
          id: 'A1',
          guest: true,
          role: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('open/*') }],
          differ: ['open/a', {}],
          agree: ['closed', {}, 'deny'],
        },
      ];
      // One scenario per reading (each has its own role): a step where the readings differ, one where they agree.
      const results = table.map((row) => {
        const steps = [
          { name: `${row.id} differ`, as: 'u', publish: row.differ[0], context: row.differ[1], ...(row.retain && { retain: true }) },
          { name: `${row.id} agree`, as: 'u', publish: row.agree[0], context: row.agree[1], ...(row.retain && { retain: true }) },
        ];
        const identity = {
          type: row.guest ? 'unauthenticated' : 'authenticated',
          identityId: 'us-east-1:1',
          clientId: 'c1',
          ...(!row.guest && { iotPolicies: ['iot.json'] }),
          ...(row.pool && { identityPoolId: row.pool }),
        };
        const role = { Version: '2012-10-17', Statement: row.role };
        const iot = row.iot ? { Version: '2012-10-17', Statement: row.iot } : IOT;
        const dir = tempProject({
          'iot.json': iot,
          'role.json': role,
          'scenario.json': { roles: { [row.guest ? 'unauthenticated' : 'authenticated']: ['role.json'] }, identities: { u: identity }, steps },
        });
        return {
          row,
          json: JSON.parse(runCli(['simulate', 'scenario.json', '--format', 'json'], dir).stdout),
          text: runCli(['simulate', 'scenario.json', '--explain'], dir).stdout,
        };
      });
      for (const { row, json, text } of results) {
        const [differ, agree] = json.steps;
        assert.equal(differ.decision, 'ambiguous', row.id);
        const check = differ.checks.find((c: { decision: string }) => c.decision === 'ambiguous');
        assert.deepEqual(new Set(check.outcomes.map((o: { decision: string }) => o.decision)), new Set(['allow', 'deny']), row.id);
        assert.ok(
          check.outcomes.every((o: { readings: object }) => row.id in o.readings),
          row.id,
        );
        assert.equal(agree.decision, row.agree[2], row.id);
        assert.match(text, new RegExp(`allowed if AWS reads .*\\(${row.id}\\) as `), row.id);
        assert.match(text, new RegExp(`denied if AWS reads .*\\(${row.id}\\) as `), row.id);
      }
    });

    it('an unknown reading or outcome is a schema error (exit 2)', () => {
      const { status, stderr } = runCli(['simulate', 'scenario.json'], project('allow', { readings: { A14: 'maybe', A99: 'x' } }));
      assert.equal(status, 2);
      assert.match(stderr, /scenario\.json:\d+:\d+: error: /);
    });
  });
});
