import { strict as assert } from 'node:assert';
import { parseTree } from 'jsonc-parser';
import { compilePolicy, LineIndex, parsePolicy } from '../../analyzer';

const ARN = 'arn:aws:iot:us-east-1:123456789012';
const policyText = (topic: string) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Own', Effect: 'Allow', Action: ['iot:Publish', 'IOT:publish'], Resource: `${ARN}:topic/${topic}/\${cognito-identity.amazonaws.com:sub}/*` },
      ],
    },
    null,
    2,
  );

describe('the compact compiled form', () => {
  it('identical actions and Resource entries share one compiled pattern across policies; different ones do not', () => {
    const [a, b, c] = ['shared', 'shared', 'other'].map((topic, i) => compilePolicy(parsePolicy(policyText(topic), `p${i}.json`)).statements[0]);
    assert.equal(a.actionGlobs[0], b.actionGlobs[0]);
    assert.equal(a.actionGlobs[0], a.actionGlobs[1], 'actions are case-insensitive: one glob for iot:Publish and IOT:publish');
    assert.equal(a.resources[0].matcher, b.resources[0].matcher);
    assert.equal(a.resources[0].template, b.resources[0].template);
    assert.notEqual(a.resources[0].matcher, c.resources[0].matcher);
    // Each statement keeps its own entry and location.
    assert.notEqual(a.resources[0].entry, b.resources[0].entry);
    assert.equal(b.resources[0].entry.range.file, 'p1.json');
  });

  it('a Resource compiled under another Version or another reading of variables gets its own pattern', () => {
    const text = policyText('shared');
    const current = compilePolicy(parsePolicy(text, 'a.json')).statements[0].resources[0];
    const legacy = compilePolicy(parsePolicy(text.replace('2012-10-17', '2008-10-17'), 'b.json')).statements[0].resources[0];
    assert.notEqual(current.template, legacy.template);
    assert.equal(current.template.hasVariables, true);
    assert.equal(legacy.template.hasVariables, false);
    const unavailable = compilePolicy(parsePolicy(text, 'c.json'), { unavailableVariables: new Map([['cognito-identity.amazonaws.com:sub', 'test']]) });
    assert.notEqual(unavailable.statements[0].resources[0].template, current.template);
  });

  it('ranges resolve line and column when read and serialize as plain locations', () => {
    const text = policyText('t');
    const policy = parsePolicy(text, 'p.json');
    const sid = policy.statements[0].sid!;
    const offset = text.indexOf('"Own"');
    assert.equal(sid.range.offset, offset);
    assert.deepEqual(sid.range.start, { line: 5, column: 14 });
    assert.deepEqual(JSON.parse(JSON.stringify(sid.range)), {
      file: 'p.json',
      start: { line: 5, column: 14 },
      end: { line: 5, column: 19 },
      offset,
      length: 5,
    });
    assert.deepEqual(new LineIndex('x', 'a\r\nb\rc\nd').position(7), { line: 4, column: 1 });
  });

  it('the syntax tree of a policy read from text is parsed again when a rule asks for it, the same as the original', () => {
    const text = policyText('t');
    const policy = parsePolicy(text, 'p.json');
    assert.deepEqual(
      JSON.parse(JSON.stringify(policy.root, (key, value) => (key === 'parent' ? undefined : value))),
      JSON.parse(JSON.stringify(parseTree(text), (key, value) => (key === 'parent' ? undefined : value))),
    );
    assert.equal(policy.root, policy.root, 'parsed once');
  });
});
