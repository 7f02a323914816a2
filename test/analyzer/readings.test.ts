import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  authorize,
  evaluatePolicySet,
  IdentityPool,
  identityContext,
  iotPolicyRoleFor,
  makeRequest,
  policyUnder,
  READINGS,
  toCompiledPolicy,
  type CognitoDecision,
  type CompiledPolicy,
  type ContextValue,
} from '../../analyzer';
import { ROLE_POLICY_OPTIONS } from '../../analyzer/cognito/role-policies';
import { RequestContext } from '../../analyzer/evaluate/context';
import { compileResourceMatcher, matchResource } from '../../analyzer/evaluate/resource-matcher';
import { parseTemplate } from '../../analyzer/variables/template';
import { arn } from './helpers';

const ALICE = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';
const PREFIX = 'arn:aws:iot:us-east-1:123456789012:';
const T = (name: string) => arn('topic', name);
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };

/** Alice (signed in, client ID c1) under this role and IoT policy. */
function alice(role: object[], iot: object[] = [ALLOW_ALL], extra: Record<string, ContextValue> = {}) {
  const pool = new IdentityPool({ authenticatedRole: [doc(...role)] });
  return pool.identity({ type: 'authenticated', identityId: ALICE, clientId: 'c1', context: extra }, [doc(...iot)]);
}

/** [reading outcome, decision] for each outcome of an ambiguous decision. */
const outcomesOf = (decision: CognitoDecision, id: string) => decision.outcomes!.map((o) => [o.readings[id], o.decision]);

describe('verdicts under readings (docs/readings.md)', function () {
  this.timeout(30_000);
  describe('A14: ${iot:ClientId} in a role policy', () => {
    const role = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('${iot:ClientId}/*') }];
    it('differ: ambiguous, with each outcome', () => {
      const d = alice(role).decide('iot:Publish', T('c1/x'), { 'iot:ClientId': 'c1' });
      assert.equal(d.decision, 'ambiguous');
      assert.deepEqual(outcomesOf(d, 'A14'), [
        ['never-resolves', 'deny'],
        ['resolves', 'allow'],
      ]);
      assert.equal(d.outcomes![1].role.deciding?.source.index, 0);
    });
    it('agree: the common verdict', () => {
      assert.equal(alice(role).decide('iot:Publish', T('other/x'), { 'iot:ClientId': 'c1' }).decision, 'deny');
    });
    it('a role Deny on topic/${iot:ClientId}/admin: ambiguous where it would deny', () => {
      const deny = [
        { Effect: 'Allow', Action: 'iot:Publish', Resource: T('*') },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: T('${iot:ClientId}/admin') },
      ];
      assert.deepEqual(outcomesOf(alice(deny).decide('iot:Publish', T('c1/admin'), { 'iot:ClientId': 'c1' }), 'A14'), [
        ['never-resolves', 'allow'],
        ['resolves', 'deny'],
      ]);
      assert.equal(alice(deny).decide('iot:Publish', T('c1/open'), { 'iot:ClientId': 'c1' }).decision, 'allow');
    });
    it('a request the transport cannot make is denied, with no outcomes', () => {
      const subscribe = doc({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: arn('topicfilter', '${iot:ClientId}/*') });
      const identity = (protocol: 'mqtt-wss' | 'https') =>
        new IdentityPool({ authenticatedRole: [subscribe] }).identity({ type: 'authenticated', identityId: ALICE, protocol }, [doc(ALLOW_ALL)]);
      assert.equal(identity('mqtt-wss').decide('iot:Subscribe', arn('topicfilter', 'c1/x'), { 'iot:ClientId': 'c1' }).decision, 'ambiguous');
      const d = identity('https').decide('iot:Subscribe', arn('topicfilter', 'c1/x'), { 'iot:ClientId': 'c1' });
      assert.deepEqual([d.decision, d.outcomes], ['deny', undefined]);
    });
    it('in an IoT policy it is documented: no reading', () => {
      const iot = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('${iot:ClientId}/*') }];
      assert.equal(alice([ALLOW_ALL], iot).decide('iot:Publish', T('c1/x'), { 'iot:ClientId': 'c1' }).decision, 'allow');
    });
  });

  describe('A3: Cognito aud/amr keys in an IoT policy', () => {
    const POOL = 'us-east-1:9f8e7d6c-0000-4b3a-9c8d-abcdefabcdef';
    const AUD = 'cognito-identity.amazonaws.com:aud';
    const withPool = (iot: object[]) => {
      const pool = new IdentityPool({ authenticatedRole: [doc(ALLOW_ALL)] });
      return pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL, clientId: 'c1' }, [doc(...iot)]);
    };
    it('a condition on aud: ambiguous when it matches, denied under both when it does not', () => {
      const iot = (pool: string) => [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringEquals: { [AUD]: pool } } }];
      assert.deepEqual(outcomesOf(withPool(iot(POOL)).decide('iot:Publish', T('a')), 'A3'), [
        ['present', 'allow'],
        ['absent', 'deny'],
      ]);
      assert.equal(withPool(iot('us-east-1:other')).decide('iot:Publish', T('a')).decision, 'deny');
    });
    it('${…:aud} in an IoT policy resource: ambiguous; in the role policy it is documented', () => {
      const iot = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T(`\${${AUD}}/*`) }];
      assert.deepEqual(outcomesOf(withPool(iot).decide('iot:Publish', T(`${POOL}/x`)), 'A3'), [
        ['present', 'allow'],
        ['absent', 'deny'],
      ]);
      const pool = new IdentityPool({ authenticatedRole: [doc({ Effect: 'Allow', Action: 'iot:Publish', Resource: T(`\${${AUD}}/*`) })] });
      const view = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL, clientId: 'c1' }, [doc(ALLOW_ALL)]);
      assert.equal(view.decide('iot:Publish', T(`${POOL}/x`)).decision, 'allow');
    });
  });

  describe('A2: newer data-plane actions', () => {
    it('differ when the role allows and the IoT policy does not; agree when both allow', () => {
      const noShadows = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*' }];
      const d = alice([ALLOW_ALL], noShadows).decide('iot:ListNamedShadowsForThing', '*');
      assert.deepEqual(outcomesOf(d, 'A2'), [
        ['iot-policy-required', 'deny'],
        ['role-alone', 'allow'],
      ]);
      assert.equal(alice([ALLOW_ALL]).decide('iot:ListNamedShadowsForThing', '*').decision, 'allow');
    });
  });

  describe('R-malformed-value', () => {
    it('a negated operator with a value that does not parse: ambiguous', () => {
      const role = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0/8' } } }];
      const d = alice(role).decide('iot:Publish', T('a'), { 'aws:SourceIp': '10.1.1.1' });
      assert.deepEqual(outcomesOf(d, 'R-malformed-value'), [
        ['value-ignored', 'allow'],
        ['condition-fails', 'deny'],
      ]);
    });
    it('the same value in a Deny: ambiguous; a positive operator: both deny', () => {
      const deny = [ALLOW_ALL, { Effect: 'Deny', Action: 'iot:Publish', Resource: '*', Condition: { DateNotEquals: { 'aws:CurrentTime': 'soon' } } }];
      assert.equal(alice(deny).decide('iot:Publish', T('a')).decision, 'ambiguous');
      const positive = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0/8' } } }];
      assert.equal(alice(positive).decide('iot:Publish', T('a'), { 'aws:SourceIp': '10.1.1.1' }).decision, 'deny');
    });
  });

  describe('R-unknown-operator', () => {
    it('an Allow with one: ambiguous; with another condition false: both deny', () => {
      const role = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringEqualz: { 'iot:ClientId': 'c1' } } }];
      assert.deepEqual(outcomesOf(alice(role).decide('iot:Publish', T('a')), 'R-unknown-operator'), [
        ['condition-fails', 'deny'],
        ['condition-ignored', 'allow'],
      ]);
      const never = [
        {
          Effect: 'Allow',
          Action: 'iot:Publish',
          Resource: '*',
          Condition: { StringEqualz: { 'iot:ClientId': 'c1' }, StringEquals: { 'iot:ClientId': 'not-alice' } },
        },
      ];
      assert.equal(alice(never).decide('iot:Publish', T('a')).decision, 'deny');
    });
  });

  describe('R-multi-single', () => {
    const AMR = 'cognito-identity.amazonaws.com:amr';
    it('StringEquals on amr with two request values: ambiguous; ForAnyValue: decided', () => {
      const role = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringEquals: { [AMR]: 'authenticated' } } }];
      const two = { [AMR]: ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/pool'] };
      assert.deepEqual(outcomesOf(alice(role).decide('iot:Publish', T('a'), two), 'R-multi-single'), [
        ['any-value', 'allow'],
        ['every-value', 'deny'],
      ]);
      assert.equal(alice(role).decide('iot:Publish', T('a'), { [AMR]: ['authenticated'] }).decision, 'allow', 'one value: the readings agree');
      const anyValue = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { [AMR]: 'authenticated' } } }];
      assert.equal(alice(anyValue).decide('iot:Publish', T('a'), two).decision, 'allow');
    });
  });

  describe('R-type-wildcard-deny', () => {
    it('a Deny with a wildcard in the resource type: ambiguous where its pattern reaches', () => {
      const role = [ALLOW_ALL, { Effect: 'Deny', Action: 'iot:Publish', Resource: `${PREFIX}*/secret` }];
      assert.deepEqual(outcomesOf(alice(role).decide('iot:Publish', T('secret')), 'R-type-wildcard-deny'), [
        ['denies-pattern', 'deny'],
        ['denies-nothing', 'allow'],
      ]);
      assert.equal(alice(role).decide('iot:Publish', T('open')).decision, 'allow');
    });
  });

  describe('A6: a wildcard before the resource part', () => {
    const anyRegion = `arn:aws:iot:*:123456789012:topic/x`;
    // A topic whose name repeats the pattern's tail across colons: only a * that spans colons reaches it.
    const lookalike = T('a:123456789012:topic/x');
    it('an Allow: ambiguous on a resource only a colon-spanning * reaches; both allow the plain one', () => {
      const role = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: anyRegion }];
      assert.deepEqual(outcomesOf(alice(role).decide('iot:Publish', lookalike), 'A6'), [
        ['spans-colons', 'allow'],
        ['within-part', 'deny'],
      ]);
      assert.equal(alice(role).decide('iot:Publish', T('x')).decision, 'allow');
    });
    it('a Deny: ambiguous (a possible leak) where only the colon-spanning reading denies', () => {
      const role = [ALLOW_ALL, { Effect: 'Deny', Action: 'iot:Publish', Resource: anyRegion }];
      assert.deepEqual(outcomesOf(alice(role).decide('iot:Publish', lookalike), 'A6'), [
        ['spans-colons', 'deny'],
        ['within-part', 'allow'],
      ]);
      assert.equal(alice(role).decide('iot:Publish', T('x')).decision, 'deny');
    });
    it('within-part matching equals a regular expression whose wildcards stop at colons before the fifth one', () => {
      const reference = (pattern: string, resource: string) => {
        let colons = 0;
        let source = '^';
        for (const ch of pattern) {
          if (ch === '*') source += colons < 5 ? '[^:]*' : '.*';
          else if (ch === '?') source += colons < 5 ? '[^:]' : '.';
          else source += ch === ':' ? (colons++, ':') : ch;
        }
        return new RegExp(`${source}$`, 's').test(resource);
      };
      const text = (chars: string) => fc.array(fc.constantFrom(...chars), { maxLength: 14 }).map((cs) => cs.join(''));
      fc.assert(
        fc.property(text('a:*?'), text('a:'), (pattern, resource) => {
          const matcher = compileResourceMatcher(parseTemplate(pattern, true, false).parts, pattern, true);
          assert.equal(matchResource(matcher, resource, new RequestContext()), reference(pattern, resource), `${pattern} vs ${resource}`);
        }),
        { numRuns: 2000, seed: 6 },
      );
    });
    it('a * in the resource part (after the fifth colon) or alone is not a reading', () => {
      const role = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('*') }];
      assert.deepEqual(
        [alice(role).decide('iot:Publish', lookalike).decision, alice([ALLOW_ALL]).decide('iot:Publish', lookalike).decision],
        ['allow', 'allow'],
      );
    });
  });

  describe('R-short-arn: fewer than six ARN parts', () => {
    const shortDeny = { Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:topic/secret' };
    it("differ: the policy's own Allows grant only if AWS stores it", () => {
      const d = alice([ALLOW_ALL], [ALLOW_ALL, shortDeny]).decide('iot:Publish', T('secret'));
      assert.deepEqual(outcomesOf(d, 'R-short-arn'), [
        ['stored', 'allow'],
        ['rejected', 'deny'],
      ]);
    });
    it('agree: a Deny so written denies nothing under either outcome, and another policy still allows', () => {
      const pool = new IdentityPool({ authenticatedRole: [doc(ALLOW_ALL)] });
      const view = pool.identity({ type: 'authenticated', identityId: ALICE, clientId: 'c1' }, [doc(ALLOW_ALL), doc(shortDeny)]);
      assert.equal(view.decide('iot:Publish', T('secret')).decision, 'allow');
    });
    it('with a * it also touches A6: it matches only where the * spans colons and AWS stores it', () => {
      const role = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:*/x' }];
      const d = alice(role).decide('iot:Publish', T('x'));
      assert.deepEqual(
        d.outcomes!.filter((o) => o.decision === 'allow').map((o) => o.readings),
        [{ A6: 'spans-colons', 'R-short-arn': 'stored' }],
      );
    });
  });

  describe("R-default-spacing: ${key,'default'} without the space", () => {
    const iot = (variable: string) => [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T(`${variable}/*`) }];
    it('differ: ambiguous where the entry would match; agree where it does not', () => {
      const compact = alice([ALLOW_ALL], iot("${iot:ClientId,'none'}"));
      assert.deepEqual(outcomesOf(compact.decide('iot:Publish', T('c1/x')), 'R-default-spacing'), [
        ['default', 'allow'],
        ['unresolved', 'deny'],
      ]);
      assert.equal(compact.decide('iot:Publish', T('other/x')).decision, 'deny');
    });
    it('the documented spelling, with the space, is no reading', () => {
      assert.equal(alice([ALLOW_ALL], iot("${iot:ClientId, 'none'}")).decide('iot:Publish', T('c1/x')).decision, 'allow');
    });
  });

  describe("A1: the guest session policy of Cognito's enhanced flow", () => {
    const guestPool = (role: object[], readings?: Record<string, string>) =>
      new IdentityPool({ unauthenticatedRole: [doc(...role)], readings }).identity({ type: 'unauthenticated', identityId: ALICE, clientId: 'c1' });
    const publishOpen = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('open/*') }];
    it('differ: a guest allow is ambiguous (AWS may refuse it); agree: what the role denies is denied', () => {
      assert.deepEqual(outcomesOf(guestPool(publishOpen).decide('iot:Publish', T('open/a')), 'A1'), [
        ['unrestricted', 'allow'],
        ['restricted', 'deny'],
      ]);
      const denied = guestPool(publishOpen).decide('iot:Publish', T('closed'));
      assert.deepEqual([denied.decision, denied.outcomes], ['deny', undefined]);
    });
    it('pinned: the basic flow decides by the role; a restricted session policy refuses everything', () => {
      assert.equal(guestPool(publishOpen, { A1: 'unrestricted' }).decide('iot:Publish', T('open/a')).decision, 'allow');
      assert.equal(guestPool(publishOpen, { A1: 'restricted' }).decide('iot:Publish', T('open/a')).decision, 'deny');
    });
    it('a misspelt pin is refused, never read as some outcome', () => {
      assert.throws(() => guestPool(publishOpen, { A1: 'unrestrcited' }), /reading A1 has no outcome "unrestrcited" \(outcomes: unrestricted, restricted\)/);
      assert.throws(() => guestPool(publishOpen, { A5: 'literal-text' }), /unknown reading "A5"/);
    });
    it('signed-in identities are not concerned', () => {
      assert.equal(alice(publishOpen).decide('iot:Publish', T('open/a')).decision, 'allow');
    });
  });

  describe('pinned readings', () => {
    it('a pinned outcome decides, and the others are still enumerated', () => {
      const role = [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('${iot:ClientId}/*') }];
      const view = alice(role);
      const decide = (readings: Map<string, string>) =>
        authorize(view['pool'].roles, view, { action: 'iot:Publish', resource: T('c1/x'), clientId: 'c1' }, { readings }).decision;
      assert.equal(decide(new Map([['A14', 'resolves']])), 'allow');
      assert.equal(decide(new Map([['A14', 'never-resolves']])), 'deny');
    });
  });

  describe('the catalog', () => {
    it('every reading has an id, a statement, https sources and at least two outcomes', () => {
      const ids = new Set<string>();
      for (const reading of READINGS) {
        assert.ok(!ids.has(reading.id), reading.id);
        ids.add(reading.id);
        assert.ok(reading.unknown.length > 20 && reading.applied.length > 10, reading.id);
        assert.ok(reading.sources.length > 0 && reading.sources.every((s) => s.startsWith('https://')), reading.id);
        assert.ok(new Set(reading.outcomes.map((o) => o.id)).size >= 2, reading.id);
      }
      for (const id of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14', 'A15']) assert.ok(ids.has(id), id);
    });
    it('the scenario schema accepts exactly the evaluated readings and their outcomes', () => {
      const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../schemas/scenario.schema.json'), 'utf8'));
      const pins = schema.properties.readings.properties as Record<string, { enum: string[] }>;
      const evaluated = Object.fromEntries(READINGS.filter((r) => r.evaluated).map((r) => [r.id, r.outcomes.map((o) => o.id)]));
      assert.deepEqual(Object.fromEntries(Object.entries(pins).map(([id, p]) => [id, p.enum])), evaluated);
    });
  });

  describe('properties on random policies', () => {
    const RESOURCES = [
      '*',
      T('*'),
      T('a/*'),
      T('${iot:ClientId}/*'),
      `${PREFIX}*/a`,
      T('a/b'),
      'arn:aws:iot:*:123456789012:topic/b',
      'arn:aws:iot:us-east-1:*/a/b',
      'arn:aws:iot:us-east-1:topic/a/b',
      T("${iot:ClientId,'a'}/*"),
    ];
    const CONDITIONS: Array<Record<string, Record<string, unknown>>> = [
      { NotIpAddress: { 'aws:SourceIp': '10.0.0/8' } },
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { StringEqualz: { 'iot:ClientId': 'c1' } },
      { StringEquals: { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
      { StringNotEquals: { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } },
      { 'ForAllValues:StringEquals': { 'x:tags': 'a' } },
      { Bool: { 'aws:SecureTransport': '${aws:PrincipalTag/t}' } },
    ];
    const statementArb = fc.record({
      Effect: fc.constantFrom('Allow', 'Deny'),
      Action: fc.subarray(['iot:Publish', 'iot:RetainPublish', 'iot:*'], { minLength: 1 }),
      Resource: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
      Condition: fc.subarray(CONDITIONS, { maxLength: 2 }).map((cs) => Object.assign({}, ...cs)),
    });
    const policyArb = fc.array(statementArb, { minLength: 1, maxLength: 3 });
    const requestArb = fc.record({
      action: fc.constantFrom('iot:Publish', 'iot:RetainPublish'),
      resource: fc.constantFrom(T('a/b'), T('c1/x'), T('a'), T('z'), T('a:123456789012:topic/b')),
      guest: fc.boolean(),
      sourceIp: fc.constantFrom('10.1.1.1', '8.8.8.8'),
      amr: fc.constantFrom(['authenticated'], ['authenticated', 'cognito-idp'], ['unauthenticated']),
      tags: fc.constantFrom('', 'a', 'b'),
      secure: fc.constantFrom('true', 'false'),
    });

    it('a decided verdict equals the single-answer evaluator; each ambiguous outcome equals the evaluator with that reading fixed', function () {
      this.timeout(60_000);
      fc.assert(
        fc.property(policyArb, policyArb, requestArb, (role, iot, r) => {
          const rolePolicy = toCompiledPolicy(doc(...role), ROLE_POLICY_OPTIONS);
          const iotPolicy = toCompiledPolicy(doc(...iot));
          const values: Array<[string, ContextValue]> = [
            ['aws:SourceIp', r.sourceIp],
            ['cognito-identity.amazonaws.com:amr', r.amr],
            ['x:tags', r.tags],
            ['aws:SecureTransport', r.secure],
            ['aws:PrincipalTag/t', 'true'],
            ['iot:ClientId', 'c1'],
          ];
          const type = r.guest ? ('unauthenticated' as const) : ('authenticated' as const);
          const identity = { type, identityId: ALICE, clientId: 'c1', context: Object.fromEntries(values) };
          const { context } = identityContext(identity);
          const roles = { authenticated: [rolePolicy], unauthenticated: [rolePolicy] };
          const decision = authorize(roles, { identity, iotPolicies: [iotPolicy] }, r);
          // The Cognito model written out once more, with each reading fixed by hand.
          const verdict = (choices: ReadonlyMap<string, string> | undefined) => {
            const under = (p: CompiledPolicy) => policyUnder(p, choices);
            const request = makeRequest(r.action, r.resource, context);
            const roleAllows = evaluatePolicySet([under(rolePolicy)], request).outcome === 'allow';
            if (r.guest) return roleAllows && choices?.get('A1') !== 'restricted' ? 'allow' : 'deny';
            const roleAlone = iotPolicyRoleFor('authenticated', r.action) === 'required-inferred' && choices?.get('A2') === 'role-alone';
            return roleAllows && (roleAlone || evaluatePolicySet([under(iotPolicy)], request).outcome === 'allow') ? 'allow' : 'deny';
          };
          if (decision.decision !== 'ambiguous') {
            assert.equal(decision.decision, verdict(undefined));
            return;
          }
          assert.ok(decision.outcomes!.some((o) => o.decision === 'allow') && decision.outcomes!.some((o) => o.decision === 'deny'));
          for (const outcome of decision.outcomes!)
            assert.equal(outcome.decision, verdict(new Map(Object.entries(outcome.readings))), JSON.stringify(outcome.readings));
        }),
        { numRuns: 400, seed: 12 },
      );
    });
  });
});
