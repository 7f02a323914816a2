import { strict as assert } from 'node:assert';
import { authorize, IdentityPool, toCompiledPolicy, type CognitoIdentity, type RolePolicies } from '../../analyzer';
import { arn } from './helpers';

const ALICE = 'us-east-1:11111111-1111-1111-1111-111111111111';
const everything = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] });
const overHttps: CognitoIdentity = { type: 'authenticated', identityId: ALICE, protocol: 'https' };
const overMqtt: CognitoIdentity = { type: 'authenticated', identityId: ALICE };
const MQTT_ONLY = [
  ['iot:Connect', arn('client', ALICE)],
  ['iot:Subscribe', arn('topicfilter', 'users/#')],
  ['iot:Receive', arn('topic', 'users/x')],
] as const;

describe('authorize: the whole Cognito model in one call', () => {
  // Role and IoT policy allow every IoT action on everything: only the transport can refuse.
  const pool = new IdentityPool({ authenticatedRole: [everything] });
  const roles: RolePolicies = pool.roles;
  const iotPolicies = [toCompiledPolicy(everything)];

  it('denies Connect, Subscribe and Receive over HTTPS even when every policy allows them, and says why', () => {
    for (const [action, resource] of MQTT_ONLY) {
      const decision = authorize(roles, { identity: overHttps, iotPolicies }, { action, resource });
      assert.equal(decision.decision, 'deny', action);
      assert.match(decision.refusedBecause ?? '', /only over MQTT; this identity uses HTTPS/, action);
      // The policies themselves allow: the refusal is the transport's, not theirs.
      assert.deepEqual([decision.role.outcome, decision.iot?.outcome], ['allow', 'allow'], action);
    }
  });

  it('allows the same requests over MQTT, and Publish over HTTPS', () => {
    for (const [action, resource] of MQTT_ONLY) {
      const decision = authorize(roles, { identity: overMqtt, iotPolicies }, { action, resource });
      assert.deepEqual([decision.decision, decision.refusedBecause], ['allow', undefined], action);
    }
    assert.equal(authorize(roles, { identity: overHttps, iotPolicies }, { action: 'iot:Publish', resource: arn('topic', 'users/x') }).decision, 'allow');
  });

  it('the library API answers the same: decide, can…, explain', () => {
    const https = pool.identity(overHttps, [everything]);
    for (const [action, resource] of MQTT_ONLY) {
      assert.equal(https.decide(action, resource).decision, 'deny', action);
      assert.ok(https.decide(action, resource).refusedBecause, action);
      const explained = https.explain(action, resource);
      assert.deepEqual([explained.decision, !!explained.refusedBecause], ['deny', true], action);
    }
    assert.deepEqual(
      [https.canConnect(), https.canSubscribe('users/#'), https.canReceive('users/x'), https.canPublish('users/x')],
      [false, false, false, true],
    );
  });

  it('a refused request is not ambiguous, whatever readings its statements touch', () => {
    // ${iot:ClientId} in a role policy touches reading A14; over HTTPS the request is refused before any reading matters.
    const clientScoped = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:Subscribe', Resource: 'arn:aws:iot:us-east-1:123456789012:topicfilter/${iot:ClientId}/*' }],
    });
    const ambiguousPool = new IdentityPool({ authenticatedRole: [clientScoped] });
    const mqtt = authorize(ambiguousPool.roles, { identity: overMqtt, iotPolicies }, { action: 'iot:Subscribe', resource: arn('topicfilter', `${ALICE}/x`) });
    assert.equal(mqtt.decision, 'ambiguous');
    const https = authorize(ambiguousPool.roles, { identity: overHttps, iotPolicies }, { action: 'iot:Subscribe', resource: arn('topicfilter', `${ALICE}/x`) });
    assert.deepEqual([https.decision, https.outcomes], ['deny', undefined]);
  });

  it('returns the trace on demand, from the pass that decided', () => {
    const request = { action: 'iot:Publish', resource: arn('topic', 'users/x') };
    assert.equal(authorize(roles, { identity: overMqtt, iotPolicies }, request).trace, undefined);
    const traced = authorize(roles, { identity: overMqtt, iotPolicies }, request, { trace: true });
    assert.equal(traced.trace?.role.result, traced.role);
    assert.equal(traced.trace?.iot?.result, traced.iot);
    assert.equal(traced.trace?.role.deciding?.effect, 'Allow');
    assert.equal(traced.trace?.role.considered.length, 1);
  });

  it('uses the request client ID and context over the identity’s', () => {
    const pinned = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iot:Connect',
          Resource: 'arn:aws:iot:us-east-1:123456789012:client/${iot:ClientId}',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ],
    });
    const iot = [toCompiledPolicy(pinned)];
    const connect = (clientId: string, sourceIp: string) =>
      authorize(
        roles,
        { identity: overMqtt, iotPolicies: iot },
        { action: 'iot:Connect', resource: arn('client', 'lamp'), clientId, context: { 'aws:SourceIp': sourceIp } },
      ).decision;
    assert.deepEqual([connect('lamp', '203.0.113.9'), connect('other', '203.0.113.9'), connect('lamp', '198.51.100.1')], ['allow', 'deny', 'deny']);
  });
});
