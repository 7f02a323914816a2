import { strict as assert } from 'node:assert';
import { AmbiguousVerdictError, authorize, IdentityPool, type CognitoIdentity } from '../../analyzer';
import { addressRanges } from '../../analyzer/cognito/source-ip';
import { arn } from './helpers';

const GUEST: CognitoIdentity = { type: 'unauthenticated', identityId: 'us-east-1:11111111-1111-1111-1111-111111111111' };
const guestRole = (...denies: unknown[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
      ...denies.map((Condition) => ({ Effect: 'Deny', Action: 'iot:Publish', Resource: '*', Condition })),
    ],
  });
const publish = (role: string, context?: Record<string, string>) => {
  const pool = new IdentityPool({ unauthenticatedRole: [role] });
  // A1 pinned: guests' session policy (docs/readings.md) is not what these tests are about.
  return authorize(
    pool.roles,
    { identity: GUEST, iotPolicies: [] },
    { action: 'iot:Publish', resource: arn('topic', 'secret'), ...(context && { context }) },
    { readings: new Map([['A1', 'unrestricted']]) },
  );
};
const ONLY_FROM_CORP = { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } };

describe('aws:SourceIp: every real request has one; a question that does not give it is decided for every client address', () => {
  it('cuts the address spaces at the blocks the policies name (and the addresses string patterns spell): one range each', () => {
    const { ranges, complete } = addressRanges(['10.0.0.0/8', '10.1.0.0/16', '2001:db8::/32', '1.2.3.4', '203.0.113.*']);
    assert.equal(complete, true);
    assert.deepEqual(
      ranges.map((r) => r.label),
      [
        '0.0.0.0–1.2.3.3',
        '1.2.3.4',
        '1.2.3.5–9.255.255.255',
        '10.0.0.0–10.0.255.255',
        '10.1.0.0–10.1.255.255',
        '10.2.0.0–10.255.255.255',
        '11.0.0.0–203.0.112.255',
        '203.0.113.0',
        '203.0.113.1–255.255.255.255',
        '::–2001:db7:ffff:ffff:ffff:ffff:ffff:ffff',
        '2001:db8::–2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
        '2001:db9::–ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      ],
    );
    assert.equal(addressRanges(['${aws:username}']).complete, false);
  });

  it('a Deny "only from the corporate network" is ambiguous without an address: allowed from inside, denied from outside', () => {
    const decision = publish(guestRole(ONLY_FROM_CORP));
    assert.equal(decision.decision, 'ambiguous');
    assert.deepEqual(
      decision.outcomes!.map((o) => `${o.readings['aws:SourceIp']} ${o.decision}`),
      ['0.0.0.0–9.255.255.255 deny', '10.0.0.0–10.255.255.255 allow', '11.0.0.0–255.255.255.255 deny', '::–ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff deny'],
    );
    // With the address given, the condition decides.
    assert.equal(publish(guestRole(ONLY_FROM_CORP), { 'aws:SourceIp': '10.1.2.3' }).decision, 'allow');
    assert.equal(publish(guestRole(ONLY_FROM_CORP), { 'aws:SourceIp': '192.0.2.1' }).decision, 'deny');
  });

  it('the library does not answer false for a client inside the range (it was "denied under every reading")', () => {
    const guest = new IdentityPool({ unauthenticatedRole: [guestRole(ONLY_FROM_CORP)], readings: { A1: 'unrestricted' } }).identity(GUEST);
    assert.throws(() => guest.canPublish('secret'), AmbiguousVerdictError);
  });

  it('a Deny no address can meet never applies: NotIpAddress of every address, Null aws:SourceIp', () => {
    assert.equal(publish(guestRole({ NotIpAddress: { 'aws:SourceIp': ['0.0.0.0/0', '::/0'] } })).decision, 'allow');
    assert.equal(publish(guestRole({ Null: { 'aws:SourceIp': 'true' } })).decision, 'allow');
  });

  it('a string operator on aws:SourceIp is ambiguous too: the address its pattern spells is tried', () => {
    const decision = publish(guestRole({ StringNotLike: { 'aws:SourceIp': '203.0.113.*' } }));
    assert.equal(decision.decision, 'ambiguous');
    assert.ok(decision.outcomes!.some((o) => o.decision === 'allow' && o.readings['aws:SourceIp'] === '203.0.113.0'));
  });

  it('past the ranges it tries, the verdict they did not rule out is an outcome of its own (never a plain answer)', () => {
    const blocks = Array.from({ length: 3000 }, (_, i) => `10.${i >> 7}.${(i & 127) * 2}.0/24`);
    const decision = publish(guestRole({ IpAddress: { 'aws:SourceIp': blocks } }));
    assert.equal(decision.decision, 'ambiguous');
    assert.match(decision.outcomes!.at(-1)!.readings['aws:SourceIp'], /^one of \d+ further ranges, not tried$/);
  });

  it('a policy without a condition on aws:SourceIp is decided once, as before', () => {
    const decision = publish(guestRole());
    assert.deepEqual([decision.decision, decision.outcomes], ['allow', undefined]);
  });
});
