import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LineIndex, parsePolicy } from '../../analyzer';
import { readPolicyDirectly } from '../../analyzer/policy/direct-read';
import { readPolicyNatively } from '../../analyzer/policy/native-read';
import { parsePolicyThroughTree } from '../../analyzer/policy/parse';
import type { ParsedPolicy } from '../../analyzer/policy/model';

/** A parsed policy as plain data: every value and every range (file, line, column, offset, length), no tree. */
function plain(policy: ParsedPolicy): unknown {
  return JSON.parse(JSON.stringify(policy, (key, value) => (key === 'root' || key === 'lines' ? undefined : value)));
}

const strings = fc.oneof(
  fc.constantFrom('iot:Publish', 'iot:*', 'arn:aws:iot:us-east-1:123456789012:topic/${cognito-identity.amazonaws.com:sub}/*', '*', 'a"b\\c/d', 'é\u2028'),
  fc.string({ maxLength: 8 }),
);
const oneOrMany = <T>(item: fc.Arbitrary<T>) => fc.oneof(item, fc.array(item, { minLength: 1, maxLength: 3 }));
const conditionValue = fc.oneof(strings, fc.integer({ min: -5, max: 100 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
const condition = fc.dictionary(
  fc.constantFrom('StringEquals', 'StringLike', 'IpAddress', 'ForAnyValue:StringEquals', 'Bool', 'NumericLessThan', 'Null'),
  fc.dictionary(
    // `7` and `10`: JSON.parse lists integer-like keys first, not where they are written.
    fc.constantFrom('aws:SourceIp', 'iot:ClientId', 'iot:ConnectAttributes', 'aws:SecureTransport', '7', '10'),
    fc.oneof(conditionValue, fc.array(conditionValue, { maxLength: 3 })),
  ),
);
const statement = fc.record(
  {
    Sid: fc.string({ maxLength: 6 }),
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: oneOrMany(strings),
    NotAction: oneOrMany(strings),
    Resource: oneOrMany(strings),
    NotResource: oneOrMany(strings),
    Condition: condition,
  },
  { requiredKeys: [] },
);
const policy = fc.record(
  {
    Version: fc.constantFrom('2012-10-17', '2008-10-17', '2012-10-18'),
    Id: fc.string({ maxLength: 4 }),
    Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })),
  },
  { requiredKeys: [] },
);
/** Policies AWS would accept (one Action and one Resource element each, distinct Sids) and others, in several layouts. */
const layouts = fc.oneof(
  policy.map((p) => JSON.stringify(p)),
  policy.map((p) => JSON.stringify(p, null, 2)),
  policy.map((p) => JSON.stringify(p, null, '\t').replace(/\n/g, '\r\n')),
  // Escapes in keys and values: `"\u0053id"` is Sid, `\/` is `/`.
  policy.map((p) =>
    JSON.stringify(p, null, 1)
      .replace(/"Sid":/g, '"\\u0053id":')
      .replace(/\//g, '\\/'),
  ),
  fc.array(fc.tuple(fc.boolean(), fc.constantFrom('iot:Publish', 'iot:Receive'), strings), { minLength: 1, maxLength: 4 }).map((entries) =>
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: entries.map(([allow, action, resource], i) => ({ Sid: `S${i}`, Effect: allow ? 'Allow' : 'Deny', Action: action, Resource: [resource] })),
      },
      null,
      2,
    ),
  ),
);
const texts = fc.oneof(
  layouts,
  fc
    .tuple(
      layouts,
      fc.nat(),
      fc.constantFrom(' ', ',', '}', ']', '"', '\\', '\ufeff', '{}', '[]', 'null', '1', '"Sid":"x",', '"Effect":"Allow",', '"Resource":"*",'),
    )
    .map(([text, at, insert]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i);
    }),
);

describe('reading a policy straight from its text', () => {
  it('gives exactly what the parser builds through the syntax tree, and leaves every document with a problem to it', () => {
    let direct = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const lines = new LineIndex('p.json', text);
        const read = readPolicyDirectly(lines);
        const reference = parsePolicyThroughTree(new LineIndex('p.json', text));
        if (read === undefined) return;
        direct++;
        assert.deepEqual(reference.problems, [], text);
        assert.deepStrictEqual(plain(read), plain(reference), text);
      }),
      { numRuns: 4000, seed: 17 },
    );
    // The generators reach the direct path often enough for the comparison to mean something.
    assert.ok(direct > 300, `${direct} policies read directly`);
  });

  it('reading with JSON.parse gives exactly what the direct reader builds, ranges worked out when first read, and takes nothing it leaves', () => {
    let native = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const read = readPolicyNatively(new LineIndex('p.json', text));
        if (read === undefined) return;
        native++;
        const direct = readPolicyDirectly(new LineIndex('p.json', text));
        assert.ok(direct, `read natively but not directly: ${text}`);
        assert.deepStrictEqual(plain(read), plain(direct), text);
      }),
      { numRuns: 4000, seed: 19 },
    );
    assert.ok(native > 300, `${native} policies read natively`);
  });

  it('leaves to the direct reader what JSON.parse does not keep: repeated keys, numbers in conditions, the order of integer-like keys', () => {
    const statement = (inner: string) => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"${inner}}]}`;
    const cases = {
      'repeated Effect': statement(',"Effect":"Deny"'),
      'repeated condition key': statement(',"Condition":{"StringEquals":{"iot:ClientId":"a","iot:ClientId":"b"}}'),
      'repeated operator': statement(',"Condition":{"Bool":{"aws:SecureTransport":true},"Bool":{"aws:SecureTransport":false}}'),
      'a number': statement(',"Condition":{"NumericLessThan":{"k":1.0}}'),
      'integer-like keys': statement(',"Condition":{"StringEquals":{"b":"x","2":"y"}}'),
    };
    for (const [name, text] of Object.entries(cases)) {
      assert.equal(readPolicyNatively(new LineIndex('p.json', text)), undefined, name);
      const parsed = parsePolicy(text, 'p.json');
      const reference = parsePolicyThroughTree(new LineIndex('p.json', text));
      assert.deepStrictEqual(plain(parsed), plain(reference), name);
    }
    assert.deepEqual(
      parsePolicy(cases['repeated Effect'], 'p.json').problems.map((p) => p.code),
      ['duplicate-key'],
    );
    // A quote and colon inside a string value look like one key more: read directly, never wrongly.
    const quoted = statement(',"Sid":"a\\":b"');
    assert.equal(readPolicyNatively(new LineIndex('p.json', quoted)), undefined);
    assert.equal(parsePolicy(quoted, 'p.json').statements[0].sid?.value, 'a":b');
  });

  it('reads every well-formed policy without problems (the ones AWS accepts), whatever the layout', () => {
    fc.assert(
      fc.property(layouts, (text) => {
        const reference = parsePolicyThroughTree(new LineIndex('p.json', text));
        assert.equal(readPolicyDirectly(new LineIndex('p.json', text)) !== undefined, reference.problems.length === 0 && reference.root !== undefined, text);
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it('parsePolicy: the tree of a policy read directly is parsed when first read; a policy with problems keeps its tree', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"*"}]}';
    const policy = parsePolicy(text, 'p.json', { keepTree: true });
    assert.equal(policy.root?.type, 'object');
    assert.equal(policy.root, policy.root, 'parsed once');
    const broken = parsePolicy(text.replace('"Allow"', '"allow"'), 'q.json', { keepTree: true });
    assert.equal(broken.problems[0].code, 'invalid-effect');
    assert.equal(broken.root?.type, 'object');
  });
});
