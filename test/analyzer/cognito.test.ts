import { strict as assert } from 'node:assert';
import { AmbiguousVerdictError, explainCheck, IdentityPool, identityContext, iotPolicyRoleFor, type CompiledPolicy, type RolePolicies } from '../../analyzer';
// The policy layers alone, given a context; authorize() adds the context and the transport (tested below).
import { decideForIdentity } from '../../analyzer/cognito/authorize';
import { arn, context, policy } from './helpers';

const SUB = 'cognito-identity.amazonaws.com:sub';
const AUD = 'cognito-identity.amazonaws.com:aud';
const AMR = 'cognito-identity.amazonaws.com:amr';
const ALICE = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';
const POOL = 'us-east-1:9f8e7d6c-0000-4b3a-9c8d-abcdefabcdef';

const allowAll = () => policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
const denyAll = () => policy([{ Effect: 'Deny', Action: '*', Resource: '*' }]);
const nothing = () => policy([{ Effect: 'Allow', Action: 'iot:DescribeEndpoint', Resource: 'arn:aws:iot:us-east-1:123456789012:nothing' }]);

function roles(authenticated: CompiledPolicy[], unauthenticated: CompiledPolicy[]): RolePolicies {
  return { authenticated, unauthenticated };
}

/** The seven actions AWS documents as scoped down by the attached IoT policy, with a resource for each. */
const SCOPED: Array<[string, string]> = [
  ['iot:Connect', arn('client', ALICE)],
  ['iot:Publish', arn('topic', 'a')],
  ['iot:Subscribe', arn('topicfilter', 'a/#')],
  ['iot:Receive', arn('topic', 'a')],
  ['iot:GetThingShadow', arn('thing', 'lamp')],
  ['iot:UpdateThingShadow', arn('thing', 'lamp')],
  ['iot:DeleteThingShadow', arn('thing', 'lamp/named')],
];

describe('Cognito identity model', () => {
  describe('guests (unauthenticated identities)', () => {
    it('are decided by the unauthenticated role alone; attached IoT policies are ignored', () => {
      const pool = roles([denyAll()], [allowAll()]);
      for (const [action, resource] of SCOPED) {
        const decision = decideForIdentity('unauthenticated', pool, [denyAll()], action, resource, context({ [SUB]: ALICE }));
        // Allowed by the role; a session policy of the enhanced flow may refuse it (A1).
        assert.deepEqual(
          decision.outcomes?.map((o) => [o.readings.A1, o.decision]),
          [
            ['unrestricted', 'allow'],
            ['restricted', 'deny'],
          ],
          action,
        );
        assert.equal(decision.iotPolicyRole, 'ignored-for-guests');
        assert.equal(decision.iot, undefined);
      }
    });

    it('an IoT policy cannot grant a guest anything the unauthenticated role does not', () => {
      const pool = roles([allowAll()], [nothing()]);
      const decision = decideForIdentity('unauthenticated', pool, [allowAll()], 'iot:Publish', arn('topic', 'a'), context());
      assert.equal(decision.decision, 'deny');
      assert.equal(decision.role.outcome, 'implicit-deny');
    });

    it('an explicit deny in the unauthenticated role denies', () => {
      const decision = decideForIdentity('unauthenticated', roles([], [allowAll(), denyAll()]), [], 'iot:Connect', arn('client', 'c'), context());
      assert.equal(decision.decision, 'deny');
      assert.equal(decision.role.outcome, 'explicit-deny');
    });
  });

  describe('authenticated identities', () => {
    it('need both the role and an IoT policy for each scoped-down action', () => {
      for (const [action, resource] of SCOPED) {
        const ctx = context({ [SUB]: ALICE });
        const both = decideForIdentity('authenticated', roles([allowAll()], []), [allowAll()], action, resource, ctx);
        assert.equal(both.decision, 'allow', action);
        assert.equal(both.iotPolicyRole, 'required', action);
        assert.equal(both.iot?.outcome, 'allow');
        assert.equal(both.attachedIotPolicies, 1);
        assert.equal(
          decideForIdentity('authenticated', roles([nothing()], []), [allowAll()], action, resource, ctx).decision,
          'deny',
          `${action}: role does not allow`,
        );
        assert.equal(
          decideForIdentity('authenticated', roles([allowAll()], []), [nothing()], action, resource, ctx).decision,
          'deny',
          `${action}: IoT policy does not allow`,
        );
        assert.equal(
          decideForIdentity('authenticated', roles([allowAll()], []), [allowAll(), denyAll()], action, resource, ctx).decision,
          'deny',
          `${action}: IoT policy denies`,
        );
        assert.equal(
          decideForIdentity('authenticated', roles([allowAll(), denyAll()], []), [allowAll()], action, resource, ctx).decision,
          'deny',
          `${action}: role denies`,
        );
      }
    });

    it('with no IoT policy attached are denied every scoped-down action', () => {
      for (const [action, resource] of SCOPED) {
        const decision = decideForIdentity('authenticated', roles([allowAll()], [allowAll()]), [], action, resource, context());
        assert.equal(decision.decision, 'deny', action);
        assert.equal(decision.role.outcome, 'allow');
        assert.equal(decision.iot?.outcome, 'implicit-deny');
        assert.equal(decision.attachedIotPolicies, 0);
      }
    });

    it('are decided by the role alone for actions AWS does not scope down (AttachPolicy, DescribeEndpoint)', () => {
      for (const action of ['iot:AttachPolicy', 'iot:DescribeEndpoint', 'iot:CreateThing']) {
        const allowed = decideForIdentity('authenticated', roles([allowAll()], []), [], action, '*', context());
        assert.equal(allowed.decision, 'allow', action);
        assert.equal(allowed.iotPolicyRole, 'not-scoped-down');
        assert.equal(allowed.iot, undefined);
        assert.equal(
          decideForIdentity('authenticated', roles([allowAll()], []), [denyAll()], action, '*', context()).decision,
          'allow',
          `${action}: IoT deny is not consulted`,
        );
        assert.equal(
          decideForIdentity('authenticated', roles([nothing()], []), [allowAll()], action, '*', context()).decision,
          'deny',
          `${action}: IoT allow is not enough`,
        );
      }
    });

    it('iot:RetainPublish is ambiguous when the role allows it and the IoT policy does not (A2)', () => {
      const resource = arn('topic', 'status');
      const roleOnly = decideForIdentity('authenticated', roles([allowAll()], []), [], 'iot:RetainPublish', resource, context());
      assert.equal(roleOnly.decision, 'ambiguous');
      assert.equal(roleOnly.iotPolicyRole, 'required-inferred');
      assert.deepEqual(
        roleOnly.outcomes!.map((o) => [o.readings.A2, o.decision]),
        [
          ['iot-policy-required', 'deny'],
          ['role-alone', 'allow'],
        ],
      );
      assert.equal(decideForIdentity('authenticated', roles([allowAll()], []), [nothing()], 'iot:RetainPublish', resource, context()).decision, 'ambiguous');
      assert.equal(
        decideForIdentity('authenticated', roles([allowAll()], []), [allowAll()], 'iot:RetainPublish', resource, context()).decision,
        'allow',
        'both readings allow',
      );
      assert.equal(
        decideForIdentity('authenticated', roles([nothing()], []), [allowAll()], 'iot:RetainPublish', resource, context()).decision,
        'deny',
        'both readings deny',
      );
      const pinned = decideForIdentity(
        'authenticated',
        roles([allowAll()], []),
        [],
        'iot:RetainPublish',
        resource,
        context(),
        new Map([['A2', 'iot-policy-required']]),
      );
      assert.equal(pinned.decision, 'deny', 'a pinned reading decides');
    });

    it('the scope-down applies whatever the spelling of the action', () => {
      assert.equal(iotPolicyRoleFor('authenticated', 'IOT:PUBLISH'), 'required');
      assert.equal(iotPolicyRoleFor('authenticated', 'iot:deletethingshadow'), 'required');
      assert.equal(iotPolicyRoleFor('authenticated', 'iotjobsdata:DescribeJobExecution'), 'required-inferred');
      assert.equal(iotPolicyRoleFor('authenticated', 'iot:ListThings'), 'not-scoped-down');
      assert.equal(iotPolicyRoleFor('unauthenticated', 'iot:Publish'), 'ignored-for-guests');
      assert.equal(decideForIdentity('authenticated', roles([allowAll()], []), [], 'IOT:PUBLISH', arn('topic', 'a'), context()).decision, 'deny');
    });
  });

  describe('identityContext', () => {
    it('sets sub, aud and amr, and the identity ID as default client ID', () => {
      const { context: ctx } = identityContext({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL });
      assert.equal(ctx.get(SUB), ALICE);
      assert.equal(ctx.get(AUD), POOL);
      assert.deepEqual(ctx.get(AMR), ['authenticated']);
      assert.equal(ctx.get('iot:ClientId'), ALICE);
      const guest = identityContext({ type: 'unauthenticated', identityId: ALICE }).context;
      assert.deepEqual(guest.get(AMR), ['unauthenticated']);
      assert.equal(guest.get(AUD), undefined);
    });

    it('amr can be overridden, and extra context keys override derived ones', () => {
      const amr = ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:CognitoSignIn:123'];
      const { context: ctx } = identityContext({
        type: 'authenticated',
        identityId: ALICE,
        amr,
        context: { 'aws:SourceIp': '10.0.0.1', 'iot:ClientId': 'forced' },
      });
      assert.deepEqual(ctx.get(AMR), amr);
      assert.equal(ctx.get('aws:SourceIp'), '10.0.0.1');
      assert.equal(ctx.get('iot:ClientId'), 'forced');
    });

    it('HTTPS has no iot:ClientId and no thing keys, with a note saying why', () => {
      const { context: ctx, notes } = identityContext({ type: 'authenticated', identityId: ALICE, clientId: 'c1', protocol: 'https', thingName: 'c1' });
      assert.equal(ctx.get('iot:ClientId'), undefined);
      assert.equal(ctx.get('iot:Connection.Thing.IsAttached'), undefined);
      assert.equal(ctx.get('iot:Connection.Thing.ThingName'), undefined);
      assert.ok(notes.some((n) => n.key === 'iot:ClientId' && n.note.includes('HTTPS requests carry no client ID')));
      assert.ok(notes.some((n) => n.key === 'iot:Connection.Thing.*' && n.note.includes('only over MQTT')));
      assert.equal(identityContext({ type: 'authenticated', identityId: ALICE, protocol: 'https' }, 'override').context.get('iot:ClientId'), undefined);
    });

    it('thing keys resolve for an authenticated identity whose client ID is the thing name, over MQTT', () => {
      for (const protocol of ['mqtt', 'mqtt-wss', undefined] as const) {
        const { context: ctx } = identityContext({
          type: 'authenticated',
          identityId: ALICE,
          clientId: 'lamp-1',
          protocol,
          thingName: 'lamp-1',
          thingTypeName: 'Lamp',
          thingAttributes: { room: 'kitchen' },
        });
        assert.equal(ctx.get('iot:Connection.Thing.ThingName'), 'lamp-1', String(protocol));
        assert.equal(ctx.get('iot:Connection.Thing.ThingTypeName'), 'Lamp');
        assert.equal(ctx.get('iot:Connection.Thing.Attributes[room]'), 'kitchen');
        assert.equal(ctx.get('iot:Connection.Thing.IsAttached'), 'true');
      }
    });

    it('thing keys do not resolve when the client ID differs from the thing name', () => {
      const { context: ctx, notes } = identityContext({
        type: 'authenticated',
        identityId: ALICE,
        clientId: 'other',
        thingName: 'lamp-1',
        thingTypeName: 'Lamp',
      });
      assert.equal(ctx.get('iot:Connection.Thing.ThingName'), undefined);
      assert.equal(ctx.get('iot:Connection.Thing.ThingTypeName'), undefined);
      assert.equal(ctx.get('iot:Connection.Thing.IsAttached'), 'false');
      assert.ok(notes.some((n) => n.note.includes('"other" is not the thing name "lamp-1"')));
      // The client ID of one connection can be given explicitly.
      const overridden = identityContext({ type: 'authenticated', identityId: ALICE, clientId: 'lamp-1', thingName: 'lamp-1' }, 'other').context;
      assert.equal(overridden.get('iot:ClientId'), 'other');
      assert.equal(overridden.get('iot:Connection.Thing.IsAttached'), 'false');
      assert.equal(overridden.get('iot:Connection.Thing.ThingName'), undefined);
    });

    it('thing keys do not resolve for guests, even with a matching client ID', () => {
      const { context: ctx, notes } = identityContext({ type: 'unauthenticated', identityId: ALICE, clientId: 'lamp-1', thingName: 'lamp-1' });
      assert.equal(ctx.get('iot:Connection.Thing.ThingName'), undefined);
      assert.equal(ctx.get('iot:Connection.Thing.IsAttached'), 'false');
      assert.ok(notes.some((n) => n.note.includes('authenticated identities only')));
    });
  });

  describe('IdentityPool API', () => {
    const authRole = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AuthIot',
          Effect: 'Allow',
          Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:GetThingShadow'],
          Resource: '*',
          Condition: { StringEquals: { [AUD]: POOL }, 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } },
        },
        { Sid: 'AttachOwnPolicy', Effect: 'Allow', Action: 'iot:AttachPolicy', Resource: '*' },
      ],
    });
    const guestRole = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'GuestConnect', Effect: 'Allow', Action: 'iot:Connect', Resource: `arn:aws:iot:us-east-1:123456789012:client/\${${SUB}}` },
        {
          Sid: 'GuestRead',
          Effect: 'Allow',
          Action: ['iot:Subscribe', 'iot:Receive'],
          Resource: ['arn:aws:iot:us-east-1:123456789012:topicfilter/broadcast/*', 'arn:aws:iot:us-east-1:123456789012:topic/broadcast/*'],
        },
      ],
    });
    const userPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `arn:aws:iot:us-east-1:123456789012:client/\${${SUB}}` },
        { Sid: 'OwnTopics', Effect: 'Allow', Action: 'iot:Publish', Resource: `arn:aws:iot:us-east-1:123456789012:topic/users/\${${SUB}}/*` },
        { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: `arn:aws:iot:us-east-1:123456789012:topicfilter/users/\${${SUB}}/*` },
        { Effect: 'Allow', Action: ['iot:Receive'], Resource: `arn:aws:iot:us-east-1:123456789012:topic/users/\${${SUB}}/*` },
        {
          Sid: 'DeviceByThing',
          Effect: 'Allow',
          Action: 'iot:Publish',
          Resource: 'arn:aws:iot:us-east-1:123456789012:topic/things/${iot:Connection.Thing.ThingName}/*',
        },
        { Sid: 'OwnClientTopic', Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:123456789012:topic/clients/${iot:ClientId}' },
        { Sid: 'OwnShadow', Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `arn:aws:iot:us-east-1:123456789012:thing/\${${SUB}}` },
      ],
    });
    const pool = new IdentityPool({ authenticatedRole: [authRole], unauthenticatedRole: [guestRole] });

    it('an authenticated identity with the user policy: own namespace only', () => {
      const alice = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL }, [userPolicy], 'alice');
      assert.equal(alice.canConnect(), true);
      assert.equal(alice.canConnect('someone-else'), false);
      assert.equal(alice.canPublish(`users/${ALICE}/telemetry`), true);
      assert.equal(alice.canPublish('users/us-east-1:other/telemetry'), false);
      assert.equal(alice.canSubscribe(`users/${ALICE}/#`), true);
      assert.equal(alice.canSubscribe('users/+/telemetry'), false);
      assert.equal(alice.canReceive(`users/${ALICE}/x`), true);
      assert.equal(alice.canReceive('broadcast/news'), false);
      assert.equal(alice.decide('iot:AttachPolicy', '*').decision, 'allow');
    });

    it('the same identity without an IoT policy can call AttachPolicy but not connect', () => {
      const newcomer = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL });
      assert.equal(newcomer.canConnect(), false);
      assert.equal(newcomer.decide('iot:AttachPolicy', '*').decision, 'allow');
      assert.equal(newcomer.decide('iot:DescribeEndpoint', '*').decision, 'deny');
    });

    it('aud and amr conditions in the role: an identity from another pool is denied', () => {
      const stranger = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: 'us-east-1:other-pool' }, [userPolicy]);
      assert.equal(stranger.canPublish(`users/${ALICE}/telemetry`), false);
      const noPool = pool.identity({ type: 'authenticated', identityId: ALICE }, [userPolicy]);
      assert.equal(noPool.canPublish(`users/${ALICE}/telemetry`), false);
      const oddAmr = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL, amr: ['unauthenticated'] }, [userPolicy]);
      assert.equal(oddAmr.canPublish(`users/${ALICE}/telemetry`), false);
    });

    it('a guest gets the unauthenticated role only, even with an IoT policy attached', () => {
      const unpinned = pool.identity({ type: 'unauthenticated', identityId: ALICE, identityPoolId: POOL }, [userPolicy]);
      assert.equal(unpinned.decide('iot:Connect', pool.arn('client', ALICE)).decision, 'ambiguous', 'a session policy may refuse it (A1)');
      assert.throws(
        () => unpinned.canConnect(),
        /iot:Connect on .* is ambiguous: allowed under A1=unrestricted, denied under A1=restricted/,
        'neither yes nor no',
      );
      const basicFlow = new IdentityPool({ authenticatedRole: [authRole], unauthenticatedRole: [guestRole], readings: { A1: 'unrestricted' } });
      const guest = basicFlow.identity({ type: 'unauthenticated', identityId: ALICE, identityPoolId: POOL }, [userPolicy]);
      assert.equal(guest.canConnect(), true);
      assert.equal(guest.canSubscribe('broadcast/#'), true);
      assert.equal(guest.canReceive('broadcast/news'), true);
      assert.equal(guest.canPublish(`users/${ALICE}/telemetry`), false);
      assert.equal(guest.decide('iot:Publish', pool.arn('topic', `users/${ALICE}/telemetry`)).iotPolicyRole, 'ignored-for-guests');
    });

    it('thing variables resolve only for an authenticated identity connected with the thing name as client ID', () => {
      const device = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL, clientId: 'lamp-1', thingName: 'lamp-1' }, [userPolicy]);
      assert.equal(device.canPublish('things/lamp-1/state'), true);
      const mismatched = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL, clientId: 'phone', thingName: 'lamp-1' }, [
        userPolicy,
      ]);
      assert.equal(mismatched.canPublish('things/lamp-1/state'), false);
      const overHttps = pool.identity(
        { type: 'authenticated', identityId: ALICE, identityPoolId: POOL, clientId: 'lamp-1', thingName: 'lamp-1', protocol: 'https' },
        [userPolicy],
      );
      assert.equal(overHttps.canPublish('things/lamp-1/state'), false);
    });

    it('over HTTPS `${iot:ClientId}` is unresolved while `${cognito-identity.amazonaws.com:sub}` still works', () => {
      const https = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL, clientId: 'c1', protocol: 'https' }, [userPolicy]);
      assert.equal(https.canPublish('clients/c1'), false);
      assert.equal(https.canPublish(`users/${ALICE}/x`), true);
      assert.equal(https.decide('iot:GetThingShadow', pool.arn('thing', ALICE)).decision, 'allow');
      const mqtt = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL, clientId: 'c1' }, [userPolicy]);
      assert.equal(mqtt.canPublish('clients/c1'), true);
    });

    it('explain gives the decision, the deciding statements and the variable values', () => {
      const alice = pool.identity({ type: 'authenticated', identityId: ALICE, identityPoolId: POOL }, [userPolicy], 'alice');
      const allowed = alice.explain('iot:Publish', pool.arn('topic', `users/${ALICE}/telemetry`));
      assert.equal(allowed.decision, 'allow');
      assert.equal(allowed.identity, 'alice');
      assert.equal(allowed.role.deciding?.sid, 'AuthIot');
      assert.equal(allowed.iotPolicies?.deciding?.sid, 'OwnTopics');
      assert.equal(allowed.iotPolicies?.attached, 1);
      assert.ok(allowed.variables.some((v) => v.variable === `\${${SUB}}` && v.value === ALICE));
      const denied = alice.explain('iot:Publish', pool.arn('topic', 'elsewhere'));
      assert.equal(denied.decision, 'deny');
      assert.equal(denied.iotPolicies?.outcome, 'implicit-deny');
    });

    it('builds ARNs in its scope', () => {
      assert.equal(pool.arn('topicfilter', 'a/#'), 'arn:aws:iot:us-east-1:123456789012:topicfilter/a/#');
      const other = new IdentityPool({ scope: { region: 'eu-west-1' } });
      assert.equal(other.arn('client', 'c'), 'arn:aws:iot:eu-west-1:123456789012:client/c');
    });
  });
});

describe('IdentityView.canConnect', () => {
  it('drops the thing keys when connecting with a client ID other than the thing name', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iot:Connect',
          Resource: 'arn:aws:iot:us-east-1:123456789012:client/*',
          Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
        },
      ],
    });
    const pool = new IdentityPool({ authenticatedRole: [policy] });
    const device = pool.identity({ type: 'authenticated', identityId: 'us-east-1:1', clientId: 'lamp', thingName: 'lamp' }, [policy]);
    assert.equal(device.canConnect(), true);
    assert.equal(device.canConnect('other'), false);
  });
});

describe('readings the docs leave open', () => {
  const ARN = 'arn:aws:iot:us-east-1:123456789012';
  it('A14: ${iot:ClientId} never resolves in a role policy, and the explanation says why', () => {
    const role = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/devices/\${iot:ClientId}/*` }],
    });
    const pool = new IdentityPool({ unauthenticatedRole: [role] });
    const guest = pool.identity({ type: 'unauthenticated', identityId: 'us-east-1:2', clientId: 'lamp' });
    // Allowed only if ${iot:ClientId} resolves (A14) and the session policy leaves guests IoT (A1): no yes, no no.
    assert.throws(() => guest.canPublish('devices/lamp/state'), AmbiguousVerdictError);
    assert.equal(guest.decide('iot:Publish', pool.arn('topic', 'devices/lamp/state')).decision, 'ambiguous');
    const lines = explainCheck(guest.explain('iot:Publish', pool.arn('topic', 'devices/lamp/state')));
    assert.ok(
      lines.some((l) => /\$\{iot:ClientId\} = unresolved .*A14/.test(l)),
      lines.join('\n'),
    );
    // The same statement in an IoT policy resolves it.
    const iot = new IdentityPool({
      authenticatedRole: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*' }] })],
    });
    assert.equal(iot.identity({ type: 'authenticated', identityId: 'us-east-1:1', clientId: 'lamp' }, [role]).canPublish('devices/lamp/state'), true);
  });

  it('a time-conditioned Deny applies if AWS IoT puts aws:CurrentTime in the context (A9): ambiguous unless pinned', () => {
    const role = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iot:Connect', Resource: '*' },
        { Effect: 'Deny', Action: 'iot:Connect', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } },
      ],
    });
    const pool = new IdentityPool({ unauthenticatedRole: [role], readings: { A1: 'unrestricted' } });
    assert.throws(() => pool.identity({ type: 'unauthenticated', identityId: 'us-east-1:2' }).canConnect(), /A9=absent/);
    const present = new IdentityPool({ unauthenticatedRole: [role], readings: { A1: 'unrestricted', A9: 'present' } });
    assert.equal(present.identity({ type: 'unauthenticated', identityId: 'us-east-1:2' }).canConnect(), false);
    const pinned = pool.identity({ type: 'unauthenticated', identityId: 'us-east-1:2', context: { 'aws:CurrentTime': '2019-06-01T00:00:00Z' } });
    assert.equal(pinned.canConnect(), true);
  });
});
