import { strict as assert } from 'node:assert';
import { ARN, classOf, decide, grantsFor, kindsSummary, SUB, type KindPolicies } from './apps';

/**
 * A Resource with fewer than six ARN parts ending in `*` (R-short-arn) whose `*` matches nothing when it
 * stays within its part (A6 within-part): a Deny or a NotResource so written must never hide the access the
 * evaluator gives under those readings (tester's short-arn-deny-hides-access, short-arn-notresource-allow-hidden).
 */
const PINNED = { A1: 'unrestricted', A6: 'within-part', 'R-short-arn': 'stored' };
const UNPINNED = { A1: 'unrestricted' };
const IDENTITY_ID = 'us-east-1:00000001-0000-4000-8000-000000000001';

function guestRole(publish: Record<string, unknown>[]): KindPolicies {
  const connect = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` };
  return { 'guest.json': { kind: 'unauth-role', statements: [connect, ...publish] } };
}

/** The guests' Publish grants and the evaluator's verdict on their example and on `topic/secret`, under the readings. */
function publishUnder(policies: KindPolicies, readings: Record<string, string>) {
  const grants = grantsFor(classOf(kindsSummary(policies, readings), 'guests'), 'iot:Publish');
  const verdict = (resource: string) =>
    decide(policies, readings, { type: 'unauthenticated', identityId: IDENTITY_ID, clientId: IDENTITY_ID, action: 'iot:Publish', resource }).decision;
  return { grants, secret: verdict(`${ARN}:topic/secret`), examples: grants.map((g) => verdict(`${ARN}:topic/${g.example.resource}`)) };
}

const SHORT_DENIES = ['arn:aws:iot:us-east-1:*', 'arn:aws:iot:*', 'arn:aws:*', 'arn:*', 'arn:aws:iot:us-east-1:123*', 'arn:aws:iot:us-east-1:123456789012*'];

describe('summary of a short-ARN Resource (R-short-arn, A6)', () => {
  for (const deny of SHORT_DENIES) {
    const policies = guestRole([
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` },
      { Effect: 'Deny', Action: 'iot:Publish', Resource: deny },
    ]);

    it(`a Deny on ${deny} denies nothing under within-part and stored: every topic, confirmed, as the evaluator allows`, () => {
      const { grants, secret, examples } = publishUnder(policies, PINNED);
      assert.equal(secret, 'allow');
      assert.deepEqual(
        grants.map((g) => [g.pattern, g.everything, g.status, g.except]),
        [['*', true, 'confirmed', []]],
      );
      assert.deepEqual(examples, ['allow']);
    });

    it(`a Deny on ${deny} unpinned: every topic, ambiguous, allowed only if AWS stores the policy and reads the * within its part`, () => {
      const { grants, secret, examples } = publishUnder(policies, UNPINNED);
      assert.equal(secret, 'ambiguous');
      assert.deepEqual(
        grants.map((g) => [g.pattern, g.status]),
        [['*', 'ambiguous']],
      );
      assert.deepEqual(examples, ['ambiguous']);
      assert.equal(grants[0].readings?.length, 1);
      assert.match(grants[0].readings![0], /R-short-arn.*stores.*A6.*confined to its colon-separated part/);
    });
  }

  const notResource = guestRole([{ Effect: 'Allow', Action: 'iot:Publish', NotResource: 'arn:aws:iot:*topic/*' }]);

  it('an Allow with NotResource arn:aws:iot:*topic/* excludes nothing under within-part and stored: every topic, confirmed', () => {
    const { grants, secret, examples } = publishUnder(notResource, PINNED);
    assert.equal(secret, 'allow');
    assert.deepEqual(
      grants.map((g) => [g.everything, g.status]),
      [[true, 'confirmed']],
    );
    assert.deepEqual(examples, ['allow']);
  });

  it('an Allow with NotResource arn:aws:iot:*topic/* unpinned: ambiguous, naming both readings', () => {
    const { grants, secret, examples } = publishUnder(notResource, UNPINNED);
    assert.equal(secret, 'ambiguous');
    assert.deepEqual(
      grants.map((g) => g.status),
      ['ambiguous'],
    );
    assert.deepEqual(examples, ['ambiguous']);
    assert.match(grants[0].readings![0], /R-short-arn.*A6/);
  });
});
