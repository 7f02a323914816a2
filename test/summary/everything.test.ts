import { strict as assert } from 'node:assert';
import { ARN, classOf, decide, grantsFor, kindsSummary, SUB, type KindPolicies } from './apps';

/**
 * A grant is *everything* only when it covers every name of its type for the identity: a per-identity
 * prefix such as `${…:sub}*` is not, though an identity letter could stand for any text (tester's
 * own-id-prefix-everything).
 */
// A14: ${iot:ClientId} resolves in role policies, so the client-ID grants are decided, not ambiguous.
const READINGS = { A1: 'unrestricted', A14: 'resolves' };
const IDENTITY_ID = 'us-east-1:00000001-0000-4000-8000-000000000001';
const CLIENT_ID = '${iot:ClientId}';

function guestGrants(policies: KindPolicies, action: string) {
  return grantsFor(classOf(kindsSummary(policies, READINGS), 'guests'), action).map((g) => [g.pattern, g.everything, g.status]);
}

const guest = (statements: unknown[]): KindPolicies => ({
  'guest.json': { kind: 'unauth-role', statements: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` }, ...statements] },
});

describe('summary: grants of every resource', () => {
  const prefixes = guest([
    { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/${SUB}*` },
    { Effect: 'Allow', Action: 'iot:UpdateThingShadow', Resource: `${ARN}:thing/${SUB}*` },
    { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/${CLIENT_ID}*` },
  ]);

  it('${…:sub}* and a pinned ${iot:ClientId}* are the identity’s own prefix, not everything: the evaluator denies other names', () => {
    assert.deepEqual(guestGrants(prefixes, 'iot:Publish'), [['<own identity ID>*', false, 'confirmed']]);
    assert.deepEqual(guestGrants(prefixes, 'iot:UpdateThingShadow'), [['<own identity ID>*', false, 'confirmed']]);
    assert.deepEqual(guestGrants(prefixes, 'iot:Subscribe'), [['<client ID>*', false, 'confirmed']]);
    const request = (action: string, resource: string) =>
      decide(prefixes, READINGS, { type: 'unauthenticated', identityId: IDENTITY_ID, clientId: IDENTITY_ID, action, resource }).decision;
    assert.deepEqual(
      [
        request('iot:Publish', `${ARN}:topic/lamp`),
        request('iot:UpdateThingShadow', `${ARN}:thing/lamp`),
        request('iot:Subscribe', `${ARN}:topicfilter/lamp`),
        request('iot:Publish', `${ARN}:topic/${IDENTITY_ID}x`),
      ],
      ['deny', 'deny', 'deny', 'allow'],
    );
  });

  it('an IoT policy’s client/${…:sub}* with the role’s client/* is the identity’s own prefix, not *', () => {
    const policies: KindPolicies = {
      'auth.json': { kind: 'auth-role', statements: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/*` }] },
      'user.iot.json': { kind: 'iot', statements: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}*` }] },
    };
    const connect = grantsFor(classOf(kindsSummary(policies, READINGS), 'signed-in'), 'iot:Connect');
    assert.deepEqual(
      connect.map((g) => [g.pattern, g.everything, g.status]),
      [['<own identity ID>*', false, 'confirmed']],
    );
    const request = (clientId: string) =>
      decide(policies, READINGS, { type: 'authenticated', identityId: IDENTITY_ID, clientId, action: 'iot:Connect', resource: `${ARN}:client/${clientId}` })
        .decision;
    assert.deepEqual([request('lamp'), request(`${IDENTITY_ID}-2`)], ['deny', 'allow']);
  });

  it('* and a client ID the client picks are everything', () => {
    const policies: KindPolicies = {
      'guest.json': {
        kind: 'unauth-role',
        statements: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/*` },
          { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` },
          { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/${CLIENT_ID}*` },
        ],
      },
    };
    assert.deepEqual(guestGrants(policies, 'iot:Connect'), [['*', true, 'confirmed']]);
    assert.deepEqual(guestGrants(policies, 'iot:Publish'), [['*', true, 'confirmed']]);
    // A client that connects as `lamp` may subscribe to `lamp`: every filter, for some client ID it picks.
    assert.deepEqual(guestGrants(policies, 'iot:Subscribe'), [['* (<client ID>*)', true, 'confirmed']]);
    assert.equal(
      decide(policies, READINGS, {
        type: 'unauthenticated',
        identityId: IDENTITY_ID,
        clientId: 'lamp',
        action: 'iot:Subscribe',
        resource: `${ARN}:topicfilter/lamp`,
      }).decision,
      'allow',
    );
  });

  it('a flow to an identity’s own prefix is shown as that prefix, not as the sender’s *', () => {
    const policies: KindPolicies = {
      ...guest([{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` }]),
      'auth.json': { kind: 'auth-role', statements: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] },
      'user.iot.json': {
        kind: 'iot',
        statements: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
          { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/${SUB}*` },
          { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/${SUB}*` },
        ],
      },
    };
    const flows = kindsSummary(policies, READINGS).flows.filter((f) => f.from === 'guests' && f.to === 'signed-in' && f.via === 'subscription');
    assert.deepEqual(
      flows.map((f) => [f.pattern, f.status]),
      [["<receiver's identity ID>*", 'confirmed']],
    );
    const { topic, receiver } = flows[0].example;
    assert.ok(topic.startsWith(receiver), topic);
  });
});
