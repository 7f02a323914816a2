import { strict as assert } from 'node:assert';
import type { Flow } from '../../analyzer/summary';
import { formatSummaryText } from '../../cli/format/summary-text';
import { summaryHtml } from '../../playground/src/summary-html';
import { ARN, decide, kindsSummary, SUB, type KindPolicies } from './apps';

/**
 * A flow's example connects each side that picks its client ID with one its Connect allows and its
 * patterns need, as the prover searches them (tester's flow-unconfirmed-but-proved): every request of it
 * is then allowed by the evaluator, and the flow confirmed.
 */
const READINGS = { A1: 'unrestricted', A14: 'resolves' };
const CLIENT_ID = '${iot:ClientId}';
const SIGNED_IN: KindPolicies = { 'auth.json': { kind: 'auth-role', statements: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] } };

/** Signed-in users whose IoT policy lets them connect with any client ID, and these statements. */
function pickingClientIds(...statements: object[]): KindPolicies {
  return {
    ...SIGNED_IN,
    'user.iot.json': { kind: 'iot', statements: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/*` }, ...statements] },
  };
}

/** Every request of a subscription flow's example, as the evaluator decides it with the example's client IDs. */
function exampleRequests(policies: KindPolicies, flow: Flow, types: { from: 'authenticated' | 'unauthenticated'; to: 'authenticated' | 'unauthenticated' }) {
  const { topic, filter, sender, receiver, senderClientId = sender, receiverClientId = receiver } = flow.example;
  const request = (type: typeof types.from, identityId: string, clientId: string, action: string, resource: string) =>
    decide(policies, READINGS, { type, identityId, clientId, action, resource }).decision;
  return [
    request(types.from, sender, senderClientId, 'iot:Connect', `${ARN}:client/${senderClientId}`),
    request(types.from, sender, senderClientId, 'iot:Publish', `${ARN}:topic/${topic}`),
    request(types.to, receiver, receiverClientId, 'iot:Connect', `${ARN}:client/${receiverClientId}`),
    request(types.to, receiver, receiverClientId, 'iot:Subscribe', `${ARN}:topicfilter/${filter}`),
    request(types.to, receiver, receiverClientId, 'iot:Receive', `${ARN}:topic/${topic}`),
  ];
}

describe('summary flows with client IDs the client picks', () => {
  it('a guest that subscribes to rooms/${iot:ClientId}: the example connects as the room, confirmed', () => {
    const policies: KindPolicies = {
      ...SIGNED_IN,
      'user.iot.json': {
        kind: 'iot',
        statements: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
          { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/rooms/*` },
        ],
      },
      'guest.json': {
        kind: 'unauth-role',
        statements: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/*` },
          { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/rooms/${CLIENT_ID}` },
          { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/rooms/*` },
        ],
      },
    };
    const summary = kindsSummary(policies, READINGS);
    const flows = summary.flows.filter((f) => f.from === 'signed-in' && f.to === 'guests');
    assert.deepEqual(
      flows.map((f) => [f.pattern, f.status]),
      [['rooms/*', 'confirmed']],
    );
    const [flow] = flows;
    assert.equal(`rooms/${flow.example.receiverClientId}`, flow.example.filter);
    assert.deepEqual(exampleRequests(policies, flow, { from: 'authenticated', to: 'unauthenticated' }), ['allow', 'allow', 'allow', 'allow', 'allow']);
    const connecting = `the receiver connecting as ${flow.example.receiverClientId}`;
    assert.ok(formatSummaryText({ apps: [summary] }).includes(connecting));
    assert.ok(summaryHtml({ apps: [summary] }).includes(`the receiver connecting as <code>${flow.example.receiverClientId}</code>`));
  });

  it('a sender that publishes to inbox/${iot:ClientId}: the example connects as the receiver’s inbox, confirmed', () => {
    const policies = pickingClientIds(
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/inbox/${CLIENT_ID}` },
      { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/inbox/${SUB}` },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/inbox/${SUB}` },
    );
    const flows = kindsSummary(policies, READINGS).flows.filter((f) => f.via === 'subscription');
    assert.deepEqual(
      flows.map((f) => [f.pattern, f.status]),
      [["inbox/<receiver's identity ID>", 'confirmed']],
    );
    const [flow] = flows;
    assert.equal(flow.example.senderClientId, flow.example.receiver);
    assert.deepEqual(exampleRequests(policies, flow, { from: 'authenticated', to: 'authenticated' }), ['allow', 'allow', 'allow', 'allow', 'allow']);
  });

  it('a sender that updates $aws/things/${iot:ClientId}/shadow/update: the example connects as the thing, confirmed', () => {
    const policies = pickingClientIds(
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/things/${CLIENT_ID}/shadow/update` },
      { Effect: 'Allow', Action: 'iot:GetThingShadow', Resource: `${ARN}:thing/*` },
    );
    const readings = { ...READINGS, A2: 'role-alone' };
    const shadow = kindsSummary(policies, readings).flows.filter((f) => f.via === 'shadow');
    assert.deepEqual(
      shadow.map((f) => [f.pattern, f.status]),
      [["$aws/things/<sender's client ID>/shadow/update", 'confirmed']],
    );
    const { topic, sender, receiver, senderClientId } = shadow[0].example;
    assert.ok(senderClientId !== undefined && topic === `thing/${senderClientId}`, topic);
    const request = (identityId: string, clientId: string | undefined, action: string, resource: string) =>
      decide(policies, readings, { type: 'authenticated', identityId, clientId, action, resource }).decision;
    assert.deepEqual(
      [
        request(sender, senderClientId, 'iot:Connect', `${ARN}:client/${senderClientId}`),
        request(sender, senderClientId, 'iot:Publish', `${ARN}:topic/$aws/things/${senderClientId}/shadow/update`),
        request(receiver, undefined, 'iot:GetThingShadow', `${ARN}:${topic}`),
      ],
      ['allow', 'allow', 'allow'],
    );
  });
});
