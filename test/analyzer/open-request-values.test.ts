import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { authorize, type CognitoIdentity } from '../../analyzer';
import { OPEN_REQUEST_KEYS, openRequestValues, type ComparedValue } from '../../analyzer/cognito/open-request-values';
import { makeRequest } from '../../analyzer/evaluate/evaluate';
import type { CompiledPolicy } from '../../analyzer/evaluate/compile';
import { instantiate } from '../../analyzer/variables/template';
import { arn, context, policy } from './helpers';

const GUEST: CognitoIdentity = { type: 'unauthenticated', identityId: 'us-east-1:1' };
const USER: CognitoIdentity = { type: 'authenticated', identityId: 'us-east-1:2' };
const PINNED = { readings: new Map([['A1', 'unrestricted']]) };

/**
 * The decisions a request can get over every combination of open values, the candidates made from the
 * values of every statement of the policies (whatever its action or resource): the answer the engine,
 * which reads only the statements that can apply to the request, must give.
 */
function everyDecision(role: CompiledPolicy, iot: CompiledPolicy, identity: CognitoIdentity, action: string, resource: string): Set<string> {
  const conditions = [role, iot].flatMap((p) => p.statements.flatMap((s) => s.conditions));
  const combinations = OPEN_REQUEST_KEYS.reduce<Array<Record<string, string>>>(
    (partial, key) => {
      const compared = conditions
        .filter((c) => c.key.toLowerCase() === key.name.toLowerCase())
        .flatMap((c) => c.values.map((v): ComparedValue => ({ operator: c.operator!.spec, tokens: instantiate(v.template, context())! })));
      return partial.flatMap((values) => key.candidates(compared).candidates.map((c) => ({ ...values, [key.name]: c.value })));
    },
    [{}],
  );
  return new Set(
    combinations.map(
      (values) =>
        authorize({ authenticated: [role], unauthenticated: [role] }, { identity, iotPolicies: [iot] }, { action, resource, context: values }, PINNED).decision,
    ),
  );
}

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.constantFrom('iot:Publish', 'iot:Subscribe', 'iot:*'),
  resource: fc.constantFrom(
    { Resource: arn('topic', 'a') },
    { Resource: arn('topic', '*') },
    { Resource: arn('topicfilter', 'a') },
    { Resource: '*' },
    { NotResource: arn('topic', 'a') },
  ),
  domain: fc.option(
    fc.tuple(
      fc.constantFrom('StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'),
      fc.subarray(['d1', 'D1', '*.x', 'd?', 'a*'], { minLength: 1, maxLength: 2 }),
    ),
  ),
  address: fc.option(fc.tuple(fc.constantFrom('IpAddress', 'NotIpAddress'), fc.subarray(['10.0.0.0/8', '10.1.0.0/16'], { minLength: 1 }))),
});
type Statement = typeof statement extends fc.Arbitrary<infer T> ? T : never;
const toPolicy = (statements: Statement[]) =>
  policy(
    statements.map(({ Effect, Action, resource, domain, address }) => ({
      Effect,
      Action,
      ...resource,
      ...((domain || address) && {
        Condition: { ...(domain && { [domain[0]]: { 'iot:DomainName': domain[1] } }), ...(address && { [address[0]]: { 'aws:SourceIp': address[1] } }) },
      }),
    })),
  );

describe('open request values are read only from statements that can apply to the request', () => {
  it('a statement whose Resource or NotResource leaves the request out is not read; one naming the key as a variable is', () => {
    const deny = (resource: Record<string, string>, Condition: unknown) => policy([{ Effect: 'Deny', Action: 'iot:Publish', ...resource, Condition }]);
    const onDomain = { StringNotEquals: { 'iot:DomainName': 'iot.example.com' } };
    const read = (p: CompiledPolicy, topic: string, values: Record<string, string> = {}) =>
      openRequestValues([p], makeRequest('iot:Publish', arn('topic', topic), context(values)))?.map((k) => [k.key.name, k.complete]);
    assert.deepEqual(read(deny({ Resource: arn('topic', 'office/*') }, onDomain), 'office/1'), [['iot:DomainName', true]]);
    assert.equal(read(deny({ Resource: arn('topic', 'office/*') }, onDomain), 'public'), undefined);
    assert.equal(read(deny({ NotResource: arn('topic', 'public') }, onDomain), 'public'), undefined);
    assert.equal(read(deny({ Resource: arn('topic', 'office/*') }, onDomain), 'office/1', { 'iot:DomainName': 'iot.example.com' }), undefined);
    // Which topics `${iot:DomainName}` matches depends on the domain: the candidates cannot say, so they are not complete.
    assert.deepEqual(read(deny({ Resource: arn('topic', '${iot:DomainName}') }, { Bool: { 'aws:SecureTransport': 'true' } }), 'public'), [
      ['iot:DomainName', false],
    ]);
  });

  it('decides as if every statement of the policies were read (random policies and requests)', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 1, maxLength: 4 }),
        fc.array(statement, { minLength: 0, maxLength: 3 }),
        fc.constantFrom(GUEST, USER),
        fc.constantFrom(['iot:Publish', arn('topic', 'a')], ['iot:Publish', arn('topic', 'b')], ['iot:Subscribe', arn('topicfilter', 'a')]),
        (roleStatements, iotStatements, identity, [action, resource]) => {
          const [role, iot] = [toPolicy(roleStatements), toPolicy(iotStatements)];
          const decision = authorize({ authenticated: [role], unauthenticated: [role] }, { identity, iotPolicies: [iot] }, { action, resource }, PINNED);
          const expected = everyDecision(role, iot, identity, action, resource);
          const got = decision.outcomes ? new Set(decision.outcomes.map((o) => o.decision)) : new Set([decision.decision]);
          assert.deepEqual(got, expected);
          assert.equal(decision.decision, expected.size === 1 ? [...expected][0] : 'ambiguous');
        },
      ),
      { numRuns: 300 },
    );
  });
});
