import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  compilePolicy,
  evaluatePolicySet,
  makeRequest,
  parsePolicy,
  RequestContext,
  tracePolicySet,
  type CompiledPolicy,
  type ContextValue,
} from '../../analyzer';
import { arn, context, evaluate, outcome, policy, policyText } from './helpers';

const T = (name: string) => arn('topic', name);

describe('policy-set evaluation (IAM logic)', () => {
  describe('explicit Deny > Allow > implicit deny', () => {
    const allowAll = { Sid: 'AllowAll', Effect: 'Allow', Action: 'iot:*', Resource: '*' };
    const denySecret = { Sid: 'DenySecret', Effect: 'Deny', Action: 'iot:Publish', Resource: T('secret/*') };

    it('an Allow that matches allows, and is reported as deciding', () => {
      const result = evaluate(policy([allowAll]), 'iot:Publish', T('a'));
      assert.equal(result.outcome, 'allow');
      assert.equal(result.deciding?.source.sid?.value, 'AllowAll');
    });

    it('a matching Deny wins over an Allow in the same policy, in either order', () => {
      for (const statements of [
        [allowAll, denySecret],
        [denySecret, allowAll],
      ]) {
        const result = evaluate(policy(statements), 'iot:Publish', T('secret/x'));
        assert.equal(result.outcome, 'explicit-deny');
        assert.equal(result.deciding?.source.sid?.value, 'DenySecret');
        assert.equal(outcome(policy(statements), 'iot:Publish', T('public/x')), 'allow');
      }
    });

    it('a Deny in one policy wins over an Allow in another', () => {
      const allowing = policy([allowAll]);
      const denying = policy([denySecret]);
      assert.equal(outcome([allowing, denying], 'iot:Publish', T('secret/x')), 'explicit-deny');
      assert.equal(outcome([denying, allowing], 'iot:Publish', T('secret/x')), 'explicit-deny');
      assert.equal(outcome([denying, allowing], 'iot:Publish', T('open')), 'allow');
    });

    it('nothing matching, or no policies at all, is an implicit deny', () => {
      assert.equal(outcome(policy([denySecret]), 'iot:Publish', T('open')), 'implicit-deny');
      assert.equal(outcome([], 'iot:Publish', T('open')), 'implicit-deny');
      assert.equal(evaluate([], 'iot:Publish', T('open')).deciding, undefined);
      assert.equal(outcome(policy([{ Effect: 'Allow', Action: 'iot:Subscribe', Resource: '*' }]), 'iot:Publish', T('open')), 'implicit-deny');
    });

    it('the first matching Deny decides when several deny, in evaluation and in the trace', () => {
      const first = policy([
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'DenyOne', Effect: 'Deny', Action: 'iot:Publish', Resource: T('x/*') },
      ]);
      const second = policy([{ Sid: 'DenyTwo', Effect: 'Deny', Action: 'iot:*', Resource: '*' }]);
      const request = makeRequest('iot:Publish', T('x/1'), context());
      assert.equal(evaluatePolicySet([first, second], request).deciding?.source.sid?.value, 'DenyOne');
      const trace = tracePolicySet([first, second], request);
      assert.equal(trace.outcome, 'explicit-deny');
      assert.equal(trace.deciding?.sid, 'DenyOne');
      assert.deepEqual(
        trace.considered.map((t) => [t.statement.effect, t.applies]),
        [
          ['Allow', true],
          ['Deny', true],
          ['Deny', true],
        ],
      );
      assert.equal(evaluatePolicySet([second, first], request).deciding?.source.sid?.value, 'DenyTwo');
      assert.equal(tracePolicySet([second, first], request).deciding?.sid, 'DenyTwo');
    });

    it('the first matching Allow decides when several allow', () => {
      const p = policy([
        { Sid: 'First', Effect: 'Allow', Action: 'iot:Publish', Resource: T('*') },
        { Sid: 'Second', Effect: 'Allow', Action: 'iot:*', Resource: '*' },
      ]);
      assert.equal(evaluate(p, 'iot:Publish', T('a')).deciding?.source.sid?.value, 'First');
      assert.equal(evaluate(p, 'iot:Subscribe', arn('topicfilter', 'a')).deciding?.source.sid?.value, 'Second');
    });
  });

  describe('actions: case-insensitive, with wildcards', () => {
    const allowing = (action: string | string[]) => policy([{ Effect: 'Allow', Action: action, Resource: '*' }]);

    it('`IOT:publish` in a policy is `iot:Publish`, and requests are read case-insensitively too', () => {
      assert.equal(outcome(allowing('IOT:publish'), 'iot:Publish', T('a')), 'allow');
      assert.equal(outcome(allowing('iot:Publish'), 'IoT:PUBLISH', T('a')), 'allow');
      assert.equal(outcome(allowing('iot:Publish'), 'iot:Subscribe', arn('topicfilter', 'a')), 'implicit-deny');
    });

    it('`iot:*` covers every iot action but not other services', () => {
      const p = allowing('iot:*');
      for (const action of ['iot:Connect', 'iot:Publish', 'iot:Receive', 'iot:AttachPolicy', 'iot:DescribeEndpoint'])
        assert.equal(outcome(p, action, '*'), 'allow', action);
      assert.equal(outcome(p, 'iotjobsdata:DescribeJobExecution', arn('thing', 'x')), 'implicit-deny');
      assert.equal(outcome(p, 's3:GetObject', '*'), 'implicit-deny');
      assert.equal(outcome(allowing('*'), 's3:GetObject', '*'), 'allow');
    });

    it('`iot:*Shadow` covers the three shadow actions only', () => {
      const p = allowing('iot:*Shadow');
      for (const action of ['iot:GetThingShadow', 'iot:UpdateThingShadow', 'iot:DeleteThingShadow'])
        assert.equal(outcome(p, action, arn('thing', 'lamp')), 'allow', action);
      assert.equal(outcome(p, 'iot:ListNamedShadowsForThing', '*'), 'implicit-deny');
      assert.equal(outcome(p, 'iot:Publish', T('a')), 'implicit-deny');
    });

    it('`?` stands for one character in an action', () => {
      const p = allowing('iot:?ublish');
      assert.equal(outcome(p, 'iot:Publish', T('a')), 'allow');
      assert.equal(outcome(p, 'iot:RetainPublish', T('a')), 'implicit-deny');
    });
  });

  describe('resources: case-sensitive', () => {
    it('a topic differing only in case is not covered', () => {
      const p = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('Room/*') }]);
      assert.equal(outcome(p, 'iot:Publish', T('Room/1')), 'allow');
      assert.equal(outcome(p, 'iot:Publish', T('room/1')), 'implicit-deny');
      assert.equal(outcome(p, 'iot:Publish', T('Room/1').replace('arn:aws:iot', 'ARN:AWS:IOT')), 'implicit-deny');
    });

    it('an exact Resource (no wildcard, no variable) is compared case-sensitively too', () => {
      const p = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('Room/1') }]);
      assert.equal(outcome(p, 'iot:Publish', T('Room/1')), 'allow');
      assert.equal(outcome(p, 'iot:Publish', T('room/1')), 'implicit-deny');
      assert.equal(outcome(p, 'iot:Publish', T('ROOM/1')), 'implicit-deny');
      const deny = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: T('*') },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: T('Room/1') },
      ]);
      assert.equal(outcome(deny, 'iot:Publish', T('Room/1')), 'explicit-deny');
      assert.equal(outcome(deny, 'iot:Publish', T('room/1')), 'allow');
    });

    it('the resource type matters: `topic/*` does not authorize a Subscribe on `topicfilter/…`', () => {
      const p = policy([{ Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: T('*') }]);
      assert.equal(outcome(p, 'iot:Subscribe', arn('topicfilter', 'a/b')), 'implicit-deny');
      assert.equal(outcome(p, 'iot:Receive', T('a/b')), 'allow');
    });
  });

  describe('a wildcard in the resource type (AWS does not allow one there)', () => {
    const PREFIX = 'arn:aws:iot:us-east-1:123456789012:';
    it('an Allow with it grants nothing, for IoT and for other typed services', () => {
      const p = policy([
        {
          Effect: 'Allow',
          Action: ['iot:Publish', 'ec2:StartInstances'],
          Resource: [`${PREFIX}*/a/b`, `${PREFIX}t?pic/c`, 'arn:aws:ec2:us-east-1:123456789012:*/12345'],
        },
      ]);
      assert.equal(outcome(p, 'iot:Publish', T('a/b')), 'implicit-deny');
      assert.equal(outcome(p, 'iot:Publish', T('c')), 'implicit-deny');
      assert.equal(outcome(p, 'ec2:StartInstances', 'arn:aws:ec2:us-east-1:123456789012:instance/12345'), 'implicit-deny');
    });
    it('a Deny with it still denies where its pattern reaches, and `…:*` without a type still grants', () => {
      const p = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${PREFIX}*` },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${PREFIX}*/secret` },
      ]);
      assert.equal(outcome(p, 'iot:Publish', T('a')), 'allow');
      assert.equal(outcome(p, 'iot:Publish', T('secret')), 'explicit-deny');
    });
    it('names after the type keep their wildcards; services without a type are untouched', () => {
      const p = policy([{ Effect: 'Allow', Action: ['iot:Publish', 's3:GetObject'], Resource: [`${PREFIX}topic/*/x`, 'arn:aws:s3:::logs-*/x'] }]);
      assert.equal(outcome(p, 'iot:Publish', T('a/x')), 'allow');
      assert.equal(outcome(p, 's3:GetObject', 'arn:aws:s3:::logs-1/x'), 'allow');
    });
  });

  describe('NotAction / NotResource', () => {
    it('NotAction applies to every action except those listed', () => {
      const p = policy([{ Effect: 'Allow', NotAction: ['iot:Publish', 'iot:*Shadow'], Resource: '*' }]);
      assert.equal(outcome(p, 'iot:Subscribe', arn('topicfilter', 'a')), 'allow');
      assert.equal(outcome(p, 'iot:Publish', T('a')), 'implicit-deny');
      assert.equal(outcome(p, 'IOT:PUBLISH', T('a')), 'implicit-deny');
      assert.equal(outcome(p, 'iot:GetThingShadow', arn('thing', 'x')), 'implicit-deny');
    });

    it('a Deny with NotAction denies everything else', () => {
      const p = policy([
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', NotAction: 'iot:Receive', Resource: '*' },
      ]);
      assert.equal(outcome(p, 'iot:Receive', T('a')), 'allow');
      assert.equal(outcome(p, 'iot:Publish', T('a')), 'explicit-deny');
    });

    it('Allow iot:Receive with NotResource: every topic except the restricted ones (pub-sub-policy.html)', () => {
      const p = policy([{ Effect: 'Allow', Action: 'iot:Receive', NotResource: T('a/restricted/*') }]);
      assert.equal(outcome(p, 'iot:Receive', T('a/open')), 'allow');
      assert.equal(outcome(p, 'iot:Receive', T('a/restricted/x')), 'implicit-deny');
    });

    it('Deny with NotResource denies outside the listed resources', () => {
      const p = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
        { Effect: 'Deny', Action: 'iot:Publish', NotResource: [T('safe/*'), T('also-safe')] },
      ]);
      assert.equal(outcome(p, 'iot:Publish', T('safe/1')), 'allow');
      assert.equal(outcome(p, 'iot:Publish', T('also-safe')), 'allow');
      assert.equal(outcome(p, 'iot:Publish', T('other')), 'explicit-deny');
    });
  });

  describe('policies with grammar problems never allow', () => {
    const valid = '{ "Effect": "Allow", "Action": "iot:*", "Resource": "*" }';
    const broken: Record<string, string> = {
      'Effect in the wrong case': `{ "Version": "2012-10-17", "Statement": [${valid}, { "Effect": "allow", "Action": "iot:Publish", "Resource": "*" }] }`,
      'an unknown element': `{ "Version": "2012-10-17", "Statement": [${valid}, { "Effect": "Allow", "Action": "iot:Publish", "Resource": "*", "Conditon": {} }] }`,
      'a duplicate key': `{ "Version": "2012-10-17", "Version": "2012-10-17", "Statement": [${valid}] }`,
      'a Principal': `{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Principal": "*", "Action": "iot:*", "Resource": "*" } }`,
      'a missing Resource': `{ "Version": "2012-10-17", "Statement": [${valid}, { "Effect": "Allow", "Action": "iot:Publish" }] }`,
      'an unknown policy element': `{ "Version": "2012-10-17", "Statment": [], "Statement": [${valid}] }`,
      'invalid JSON': `{ "Version": "2012-10-17", "Statement": [${valid}] `,
    };

    for (const [problem, text] of Object.entries(broken)) {
      it(`${problem}: not accepted, and no allow`, () => {
        const p = policyText(text);
        assert.equal(p.accepted, false);
        for (const action of ['iot:Publish', 'iot:Connect', 'iot:Subscribe']) assert.notEqual(outcome(p, action, '*'), 'allow', action);
      });
    }

    it('the Deny statements of a rejected policy deny nothing: AWS never deploys the policy, so a gate cannot rest on them', () => {
      const rejected = policyText(`{ "Version": "2012-10-17", "Statement": [
        { "Effect": "Deny", "Action": "iot:Publish", "Resource": "${T('secret/*')}" },
        { "Effect": "Allow", "Action": "iot:*", "Resource": "*", "Bogus": 1 } ] }`);
      const allowing = policy([{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }]);
      assert.equal(outcome([allowing, rejected], 'iot:Publish', T('secret/x')), 'allow');
      assert.equal(outcome([allowing, rejected], 'iot:Publish', T('open')), 'allow');
      assert.equal(outcome(rejected, 'iot:Publish', T('open')), 'implicit-deny');
    });
  });

  describe('properties on random small policies and requests', function () {
    // Hundreds of random cases each: generous, so a busy machine cannot fail them.
    this.timeout(60_000);
    const ACTIONS = ['iot:Publish', 'IOT:publish', 'iot:*', 'iot:*Shadow', '*', 'iot:Subscribe', 'iot:Rec?ive', 'iot:Connect'];
    const RESOURCES = [
      T('a/*'),
      T('a/${iot:ClientId}'),
      arn('client', '${iot:ClientId}'),
      arn('topicfilter', 'a/#'),
      '*',
      T('?'),
      arn('thing', '${iot:Connection.Thing.ThingName}'),
      T('b/${cognito-identity.amazonaws.com:sub}'),
      T("c/${iot:ClientId, 'none'}"),
    ];
    const CONDITIONS: Array<Record<string, Record<string, unknown>>> = [
      { StringEquals: { 'iot:ClientId': 'c1' } },
      { StringNotLike: { 'iot:ClientId': 'c*' } },
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } },
      { 'ForAnyValue:StringEquals': { 'iot:ConnectAttributes': 'LastWill' } },
      { 'ForAllValues:StringEquals': { 'iot:ConnectAttributes': ['PersistentConnect'] } },
      { Null: { 'iot:ClientId': 'true' } },
      { StringEqualz: { 'iot:ClientId': 'c1' } },
      { BoolIfExists: { 'iot:Connection.Thing.IsAttached': 'true' } },
      { StringEquals: { 'iot:ClientId': '${cognito-identity.amazonaws.com:sub}' } },
    ];
    const PROBLEMS: Array<Record<string, unknown>> = [{ Principal: '*' }, { Bogus: 1 }, { Effect: 'allow' }];

    const statementArb = fc.record({
      effect: fc.constantFrom('Allow', 'Deny'),
      notAction: fc.boolean(),
      actions: fc.subarray(ACTIONS, { minLength: 1, maxLength: 3 }),
      notResource: fc.boolean(),
      resources: fc.subarray(RESOURCES, { minLength: 1, maxLength: 3 }),
      conditions: fc.subarray(CONDITIONS, { maxLength: 2 }),
      problem: fc.option(fc.constantFrom(...PROBLEMS), { freq: 8 }),
    });
    const policyArb = fc.record({
      version: fc.constantFrom('2012-10-17', '2012-10-17', '2008-10-17'),
      statements: fc.array(statementArb, { minLength: 1, maxLength: 4 }),
    });
    const requestArb = fc.record({
      action: fc.constantFrom('iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:Connect', 'iot:GetThingShadow', 'IOT:PUBLISH', 'iot:DescribeEndpoint'),
      resource: fc.constantFrom(
        T('a/c1'),
        T('a/x'),
        arn('client', 'c1'),
        arn('topicfilter', 'a/#'),
        T('b/us-east-1:1'),
        arn('thing', 'lamp'),
        T('z'),
        T('c/none'),
        T('c/c1'),
      ),
      clientId: fc.option(fc.constantFrom('c1', 'x', '*')),
      sourceIp: fc.option(fc.constantFrom('10.1.1.1', '8.8.8.8', '2001:db8::5')),
      attributes: fc.option(fc.constantFrom([], ['LastWill'], ['PersistentConnect'], ['PersistentConnect', 'LastWill'])),
      thing: fc.option(fc.constantFrom('lamp', 'c1')),
    });

    type StatementSpec = typeof statementArb extends fc.Arbitrary<infer S> ? S : never;
    type PolicySpec = { version: string; statements: StatementSpec[] };

    function build(spec: PolicySpec, file: string): CompiledPolicy {
      const statements = spec.statements.map((s) => {
        const statement: Record<string, unknown> = { Effect: s.effect };
        statement[s.notAction ? 'NotAction' : 'Action'] = s.actions;
        statement[s.notResource ? 'NotResource' : 'Resource'] = s.resources;
        if (s.conditions.length > 0) statement.Condition = Object.assign({}, ...s.conditions);
        return { ...statement, ...(s.problem ?? {}) };
      });
      return policy(statements, spec.version, file);
    }

    function requestContext(r: typeof requestArb extends fc.Arbitrary<infer R> ? R : never) {
      const values: Record<string, ContextValue> = { 'cognito-identity.amazonaws.com:sub': 'us-east-1:1' };
      if (r.clientId !== null) values['iot:ClientId'] = r.clientId;
      if (r.sourceIp !== null) values['aws:SourceIp'] = r.sourceIp;
      if (r.attributes !== null) values['iot:ConnectAttributes'] = r.attributes;
      if (r.thing !== null) {
        values['iot:Connection.Thing.ThingName'] = r.thing;
        values['iot:Connection.Thing.IsAttached'] = 'true';
      }
      return context(values);
    }

    it('tracePolicySet(...).outcome always equals evaluatePolicySet(...).outcome, with the same deciding statement', () => {
      fc.assert(
        fc.property(fc.array(policyArb, { minLength: 1, maxLength: 3 }), requestArb, (specs, r) => {
          const policies = specs.map((spec, i) => build(spec, `p${i}.json`));
          const request = makeRequest(r.action, r.resource, requestContext(r));
          const fast = evaluatePolicySet(policies, request);
          const traced = tracePolicySet(policies, request);
          assert.equal(traced.outcome, fast.outcome);
          if (fast.deciding) {
            assert.equal(traced.deciding?.file, fast.deciding.policy.file);
            assert.equal(traced.deciding?.index, fast.deciding.source.index);
            assert.equal(traced.deciding?.effect, fast.deciding.effect);
          } else {
            assert.equal(traced.deciding, undefined);
          }
        }),
        { numRuns: 1500 },
      );
    });

    it('the outcome does not depend on the order of policies or of statements', () => {
      fc.assert(
        fc.property(fc.array(policyArb, { minLength: 1, maxLength: 3 }), requestArb, (specs, r) => {
          const forward = specs.map((spec, i) => build(spec, `p${i}.json`));
          const backward = [...specs].reverse().map((spec, i) => build({ ...spec, statements: [...spec.statements].reverse() }, `q${i}.json`));
          const ctx = requestContext(r);
          assert.equal(
            evaluatePolicySet(backward, makeRequest(r.action, r.resource, ctx)).outcome,
            evaluatePolicySet(forward, makeRequest(r.action, r.resource, ctx)).outcome,
          );
        }),
        { numRuns: 1000 },
      );
    });

    it('a policy with a grammar problem never allows on its own', () => {
      fc.assert(
        fc.property(policyArb, requestArb, fc.constantFrom(...PROBLEMS), (spec, r, problem) => {
          const broken = { ...spec, statements: [...spec.statements, { ...spec.statements[0], problem }] };
          const compiled = build(broken, 'broken.json');
          assert.equal(compiled.accepted, false);
          assert.notEqual(evaluatePolicySet([compiled], makeRequest(r.action, r.resource, requestContext(r))).outcome, 'allow');
        }),
        { numRuns: 1000 },
      );
    });

    it('adding an accepted `Deny * *` policy always gives an explicit deny; removing every Deny never does', () => {
      fc.assert(
        fc.property(fc.array(policyArb, { minLength: 1, maxLength: 2 }), requestArb, (specs, r) => {
          const policies = specs.map((spec, i) => build(spec, `p${i}.json`));
          const ctx = requestContext(r);
          const denyAll = policy([{ Effect: 'Deny', Action: '*', Resource: '*' }]);
          assert.equal(evaluatePolicySet([...policies, denyAll], makeRequest(r.action, r.resource, ctx)).outcome, 'explicit-deny');
          const allowsOnly = specs.map((spec, i) => build({ ...spec, statements: spec.statements.map((s) => ({ ...s, effect: 'Allow' })) }, `a${i}.json`));
          assert.notEqual(evaluatePolicySet(allowsOnly, makeRequest(r.action, r.resource, ctx)).outcome, 'explicit-deny');
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('policies AWS would reject grant nothing', () => {
  const allowConnect = { Effect: 'Allow', Action: 'iot:Connect', Resource: '*' };
  for (const [name, text] of [
    ['a Version that does not exist', JSON.stringify({ Version: '2012-10-18', Statement: [allowConnect] })],
    [
      'two statements with the same Sid',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'A', ...allowConnect },
          { Sid: 'A', ...allowConnect },
        ],
      }),
    ],
    ['a repeated Action key', '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iot:Connect","Action":"iot:Publish","Resource":"*"}}'],
  ]) {
    it(name, () => {
      const compiled = compilePolicy(parsePolicy(text, 'p.json'));
      assert.equal(compiled.accepted, false);
      assert.equal(
        evaluatePolicySet([compiled], makeRequest('iot:Connect', 'arn:aws:iot:us-east-1:123456789012:client/c', new RequestContext())).outcome,
        'implicit-deny',
      );
    });
  }

  it('reports a repeated key once, without a second "cannot have both" message', () => {
    const parsed = parsePolicy(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iot:Connect","Action":"iot:Publish","Resource":"*"}}',
      'p.json',
    );
    assert.deepEqual(
      parsed.problems.map((p) => p.message),
      ['duplicate key "Action": AWS rejects documents with repeated keys'],
    );
  });

  it('reads numbers in conditions as written, even when JavaScript cannot', () => {
    const parsed = parsePolicy(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iot:Connect","Resource":"*","Condition":{"NumericLessThan":{"k":1e999999}}}}',
      'p.json',
    );
    assert.equal(parsed.statements[0].conditions[0].values[0].value, '1e999999');
  });

  it('turns deep nesting and a byte order mark into problems, not crashes', () => {
    const deep = parsePolicy('['.repeat(100_000), 'deep.json');
    assert.match(deep.problems[0].message, /nested more than 64 levels/);
    const bom = parsePolicy('\ufeff{"Version":"2012-10-17","Statement":[]}', 'bom.json');
    assert.match(bom.problems[0].message, /byte order mark/);
  });
});
