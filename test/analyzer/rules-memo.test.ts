import { strict as assert } from 'node:assert';
import { parsePolicy } from '../../analyzer/policy/parse';
import { variableUses } from '../../analyzer/rules/helpers';
import { lastKeyMemo } from '../../analyzer/rules/memo';

describe('lastKeyMemo', () => {
  it('computes once per run of the same key, again for another key, and again when the first comes back', () => {
    const computed: string[] = [];
    const a = { name: 'a' };
    const b = { name: 'b' };
    const nameOf = lastKeyMemo((key: { name: string }) => {
      computed.push(key.name);
      return key.name.toUpperCase();
    });
    assert.deepEqual([nameOf(a), nameOf(a), nameOf(b), nameOf(a)], ['A', 'A', 'B', 'A']);
    assert.deepEqual(computed, ['a', 'b', 'a']);
  });

  it('gives each policy its own variable uses, whichever was asked about last', () => {
    const policy = (resource: string) =>
      parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: resource }] }), 'p.json');
    const sub = policy('arn:aws:iot:us-east-1:123456789012:client/${cognito-identity.amazonaws.com:sub}');
    const none = policy('arn:aws:iot:us-east-1:123456789012:client/fixed');
    assert.deepEqual(
      variableUses(sub).map((u) => u.name),
      ['cognito-identity.amazonaws.com:sub'],
    );
    assert.deepEqual(variableUses(none), []);
    assert.equal(variableUses(sub)[0].entry, sub.statements[0].resources!.values[0]);
  });
});
