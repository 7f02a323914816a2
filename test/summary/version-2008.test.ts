import { strict as assert } from 'node:assert';
import { ARN, classOf, decide, grantsFor, kindsSummary, SUB, type KindPolicies } from './apps';

/**
 * Under Version 2008-10-17 a `${…}` is literal text, not a variable (tester's version-2008-variables-shown-as-identity):
 * the summary shows it as written, never as `<own identity ID>`, and its examples spell it.
 */
const READINGS = { A1: 'unrestricted' };
const IDENTITY_ID = 'us-east-1:00000001-0000-4000-8000-000000000001';

const guest2008 = (statements: unknown[]): KindPolicies => ({
  'guest.json': {
    kind: 'unauth-role',
    version: '2008-10-17',
    statements: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/*` }, ...statements],
  },
});

const guestRequest = (policies: KindPolicies, action: string, resource: string) =>
  decide(policies, READINGS, { type: 'unauthenticated', identityId: IDENTITY_ID, clientId: 'client-1', action, resource }).decision;

describe('summary of a Version 2008-10-17 policy', () => {
  it('a Deny on users/${…:sub}/* carves out the literal text, not the identity’s own namespace, which the evaluator allows', () => {
    const policies = guest2008([
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` },
      { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` },
    ]);
    const publish = grantsFor(classOf(kindsSummary(policies, READINGS), 'guests'), 'iot:Publish');
    assert.deepEqual(
      publish.map((g) => [g.pattern, g.except, g.status]),
      [['*', [`users/${SUB}/*`], 'confirmed']],
    );
    assert.deepEqual(
      [guestRequest(policies, 'iot:Publish', `${ARN}:topic/users/${IDENTITY_ID}/x`), guestRequest(policies, 'iot:Publish', `${ARN}:topic/users/${SUB}/x`)],
      ['allow', 'deny'],
    );
  });

  it('an Allow on users/${…:sub}/* grants the literal text: shown as written, its example spelling it, confirmed', () => {
    const policies = guest2008([
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${SUB}/*` },
    ]);
    const guests = classOf(kindsSummary(policies, READINGS), 'guests');
    const [publish] = grantsFor(guests, 'iot:Publish');
    assert.deepEqual([publish.pattern, publish.status], [`users/${SUB}/*`, 'confirmed']);
    assert.ok(publish.example.resource.startsWith(`users/${SUB}/`), publish.example.resource);
    assert.equal(guestRequest(policies, 'iot:Publish', `${ARN}:topic/${publish.example.resource}`), 'allow');
    assert.equal(guestRequest(policies, 'iot:Publish', `${ARN}:topic/users/${IDENTITY_ID}/x`), 'deny');
    assert.deepEqual(
      guests.otherActions.map((o) => [o.resources, o.example.resource, o.status]),
      [[[`arn:aws:s3:::bucket/${SUB}/*`], `arn:aws:s3:::bucket/${SUB}/x`, 'confirmed']],
    );
  });
});
