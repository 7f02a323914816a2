import { strict as assert } from 'node:assert';
import { AmbiguousVerdictError, IdentityPool, toCompiledPolicy } from '../../analyzer';

const GUEST = 'us-east-1:0a1b2c3d-0000-4000-8000-000000000009';
const PUBLISH_ANYWHERE = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iot:Publish'], Resource: '*' }] };

describe('library: answers that cannot be misread', () => {
  it('a can… helper throws on an ambiguous verdict (A1 for guests): neither assert(can…) nor assert(!can…) passes', () => {
    const pool = new IdentityPool({ unauthenticatedRole: [JSON.stringify(PUBLISH_ANYWHERE)] });
    const guest = pool.identity({ type: 'unauthenticated', identityId: GUEST });
    assert.equal(guest.decide('iot:Publish', pool.arn('topic', '$aws/things/lamp/shadow/update')).decision, 'ambiguous');
    assert.throws(
      () => guest.canPublish('$aws/things/lamp/shadow/update'),
      (error: unknown) =>
        error instanceof AmbiguousVerdictError &&
        error.outcomes.length === 2 &&
        /^iot:Publish on arn:aws:iot:us-east-1:123456789012:topic\/\$aws\/things\/lamp\/shadow\/update is ambiguous: allowed under A1=unrestricted, denied under A1=restricted/.test(
          error.message,
        ),
    );
    // Pinned, the same question has one answer.
    const basicFlow = new IdentityPool({ unauthenticatedRole: [JSON.stringify(PUBLISH_ANYWHERE)], readings: { A1: 'unrestricted' } });
    assert.equal(basicFlow.identity({ type: 'unauthenticated', identityId: GUEST }).canPublish('$aws/things/lamp/shadow/update'), true);
  });

  it('policy text that is not JSON throws a SyntaxError at file:line:column, never a policy that grants nothing', () => {
    const trailingComma = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"*",}]}';
    assert.throws(() => new IdentityPool({ unauthenticatedRole: [trailingComma] }), /^SyntaxError: <policy \d+>:1:\d+: invalid JSON/);
    assert.throws(() => new IdentityPool({ unauthenticatedRole: [{ text: '{\n  "Statement": [\n}', file: 'guest.json' }] }), /^SyntaxError: guest\.json:3:1: /);
    assert.throws(() => toCompiledPolicy('not json'), SyntaxError);
  });

  it('a parsed policy object is accepted (as its JSON text); anything else is a TypeError saying what is expected', () => {
    const fromObject = new IdentityPool({ authenticatedRole: [PUBLISH_ANYWHERE], readings: { A1: 'unrestricted' } });
    const alice = fromObject.identity({ type: 'authenticated', identityId: 'us-east-1:0a1b2c3d-0000-4000-8000-000000000001' }, [PUBLISH_ANYWHERE]);
    assert.equal(alice.canPublish('x'), true);
    for (const bad of [42, null, [PUBLISH_ANYWHERE], { Version: '2012-10-17' }])
      assert.throws(
        () => toCompiledPolicy(bad as never),
        (error: unknown) => error instanceof TypeError && /^expected a policy: JSON text, \{ text, file \}, a parsed policy object/.test(error.message),
      );
  });
});
