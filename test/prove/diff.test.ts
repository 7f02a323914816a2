import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { evaluatePolicySet, identityContext, makeRequest, type CompiledPolicy } from '../../analyzer';
import { compilePolicyFor, diffAccess, type AccessDelta } from '../../analyzer/prove';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HEAD = 'arn:aws:iot:us-east-1:123456789012:topic/';
const SUB = '${cognito-identity.amazonaws.com:sub}';
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

let counter = 0;
function policy(statements: unknown[], kind: 'iot' | 'auth-role' | 'unauth-role' = 'iot'): CompiledPolicy {
  return compilePolicyFor(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), `p${++counter}.json`, kind);
}

function change(oldStatements: unknown[], newStatements: unknown[], action: string, kind: 'iot' | 'auth-role' | 'unauth-role' = 'iot') {
  return diffAccess([policy(oldStatements, kind)], [policy(newStatements, kind)], kind).changes.find((c) => c.actions.includes(action));
}

describe('prove: diffAccess', () => {
  it('reports what the broken sample grants and removes, with exact patterns and confirmed examples', () => {
    const oldFile = 'samples/per-user-app/policies/user.iot.json';
    const newFile = 'samples/broken-app/policies/user.iot.json';
    const diff = diffAccess([compilePolicyFor(read(oldFile), oldFile, 'iot')], [compilePolicyFor(read(newFile), newFile, 'iot')], 'iot');
    assert.equal(diff.identityType, 'authenticated');
    const connect = diff.changes.find((c) => c.actions.includes('iot:Connect'))!;
    assert.equal(connect.granted!.certain, true);
    assert.deepEqual(
      connect.granted!.patterns.map((p) => [p.pattern, p.whole]),
      [['arn:aws:iot:us-east-1:123456789012:client/${iot:ClientId}', true]],
    );
    assert.match(connect.granted!.patterns[0].statement, /ConnectAnyClientId.*user\.iot\.json:4:5/);
    assert.equal(connect.granted!.examples[0].confirmed, true);
    assert.equal(connect.removed!.patterns[0].pattern, `arn:aws:iot:us-east-1:123456789012:client/${SUB}`);
    const subscribe = diff.changes.find((c) => c.actions.includes('iot:Subscribe'))!;
    assert.ok(subscribe.granted!.patterns.some((p) => p.pattern.endsWith('topicfilter/users/+/status') && p.whole));
    const chat = subscribe.granted!.patterns.find((p) => p.pattern.endsWith('topicfilter/chat/*'))!;
    assert.equal(chat.whole, false, 'the Deny on chat/moderators/# carves a part out');
    assert.ok(subscribe.granted!.except.some((e) => e.effect === 'Deny' && e.pattern.endsWith('chat/moderators/#')));
    // Publish on a topicfilter ARN is never requested: not reported.
    const publish = diff.changes.find((c) => c.actions.includes('iot:Publish'))!;
    assert.deepEqual(
      publish.granted!.patterns.map((p) => p.pattern),
      ['arn:aws:iot:us-east-1:123456789012:topic/users/*/status', 'arn:aws:iot:us-east-1:123456789012:topic/chat/*'],
    );
  });

  it('an unchanged, reordered or reformatted policy grants and removes nothing', () => {
    const text = read('samples/per-user-app/policies/user.iot.json');
    const parsed = JSON.parse(text) as { Statement: unknown[] };
    const reordered = JSON.stringify({ ...parsed, Statement: [...parsed.Statement].reverse() });
    for (const other of [text, reordered, JSON.stringify(parsed)]) {
      assert.deepEqual(diffAccess([compilePolicyFor(text, 'a.json', 'iot')], [compilePolicyFor(other, 'b.json', 'iot')], 'iot').changes, []);
    }
  });

  it('splitting a statement, or moving a resource between statements, changes nothing', () => {
    const before = [{ Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: [`${HEAD}a/*`, `${HEAD}b/*`] }];
    const after = [
      { Effect: 'Allow', Action: 'iot:Publish', Resource: [`${HEAD}a/*`, `${HEAD}b/*`] },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: `${HEAD}b/*` },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: `${HEAD}a/*` },
    ];
    assert.deepEqual(diffAccess([policy(before)], [policy(after)], 'iot').changes, []);
  });

  it('NotResource, Deny carve-outs and variables are compared exactly', () => {
    const granted = change(
      [{ Effect: 'Allow', Action: 'iot:Receive', Resource: `${HEAD}users/${SUB}/*` }],
      [{ Effect: 'Allow', Action: 'iot:Receive', NotResource: `${HEAD}admin/*` }],
      'iot:Receive',
    )!.granted!;
    assert.equal(granted.patterns[0].pattern, `NOT [${HEAD}admin/*]`);
    assert.equal(granted.patterns[0].whole, false);
    assert.ok(granted.except.some((e) => e.pattern === `${HEAD}users/${SUB}/*`));
    const narrowed = change(
      [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${HEAD}*` }],
      [
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${HEAD}*` },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${HEAD}$aws/*` },
      ],
      'iot:Publish',
    )!;
    assert.equal(narrowed.granted, undefined);
    assert.match(narrowed.removed!.examples[0].resource, /topic\/\$aws\//);
  });

  it('a difference that depends on conditions is not certain', () => {
    const office = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
    const conditional = change([], [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${HEAD}office/*`, Condition: office }], 'iot:Publish')!.granted!;
    assert.equal(conditional.certain, false);
    const same = change(
      [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${HEAD}*`, Condition: office }],
      [
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${HEAD}*`, Condition: office },
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${HEAD}x`, Condition: office },
      ],
      'iot:Publish',
    );
    assert.equal(same, undefined, 'the same condition block holds or fails in both versions');
  });

  it('IoT policies are compared only on the actions they take part in; roles on every action', () => {
    const statements = [{ Effect: 'Allow', Action: ['iot:AttachPolicy', 'iot:Publish'], Resource: '*' }];
    assert.deepEqual(
      diffAccess([], [policy(statements)], 'iot').changes.flatMap((c) => c.actions),
      ['iot:Publish'],
    );
    const role = diffAccess([], [policy(statements, 'auth-role')], 'auth-role');
    assert.deepEqual(role.changes.flatMap((c) => c.actions).sort(), ['iot:AttachPolicy', 'iot:Publish']);
    assert.equal(diffAccess([], [policy(statements, 'unauth-role')], 'unauth-role').identityType, 'unauthenticated');
  });

  describe('against brute force over short topics', () => {
    // Bodies over a small alphabet; the identity ID is the single fresh character Q, so every concrete
    // string over {a, b, /, Q} is the spelling of exactly one symbolic word.
    const TOKENS = ['a', 'b', '/', 'Q'];
    const bodies = (() => {
      const out = [''];
      let layer = [''];
      for (let n = 1; n <= 4; n++) {
        layer = layer.flatMap((s) => TOKENS.map((t) => s + t));
        out.push(...layer);
      }
      return out;
    })();
    const CONDITION = { StringEquals: { 'iot:DomainName': 'd1' } };
    const statement = (pieces: readonly string[]) =>
      fc.record({
        effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
        bodies: fc.array(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
        conditional: fc.boolean(),
      });
    const version = (pieces: readonly string[]) => fc.array(statement(pieces), { minLength: 0, maxLength: 3 });
    // `?` next to a variable's value is outside the opaque-value model (documented), so the two generators
    // use either `?` or the variable.
    const piecesWithAnyChar = ['a', 'b', '/', '*', '?'];
    const piecesWithVariable = ['a', 'b', '/', '*', SUB];

    const toPolicy = (version: Array<{ effect: string; bodies: string[][]; conditional: boolean }>) =>
      policy(
        version.map((s) => ({
          Effect: s.effect,
          Action: 'iot:Publish',
          Resource: s.bodies.map((b) => HEAD + b.join('')),
          ...(s.conditional && { Condition: CONDITION }),
        })),
      );

    const allows = (compiled: CompiledPolicy, resource: string, domain: string) => {
      const { context } = identityContext({ type: 'authenticated', identityId: 'Q' });
      context.set('iot:DomainName', domain);
      return evaluatePolicySet([compiled], makeRequest('iot:Publish', resource, context)).outcome === 'allow';
    };

    const check = (delta: AccessDelta | undefined, gaining: CompiledPolicy, losing: CompiledPolicy, label: string) => {
      const inContext = (domain: string) => new Set(bodies.filter((b) => allows(gaining, HEAD + b, domain) && !allows(losing, HEAD + b, domain)));
      const [d1, d2] = [inContext('d1'), inContext('d2')];
      const possible = d1.size > 0 || d2.size > 0;
      const certain = [...d1].some((b) => d2.has(b));
      assert.equal(
        delta !== undefined,
        possible,
        `${label}: brute force ${possible ? 'finds' : 'finds no'} difference (${[...d1, ...d2].slice(0, 3).join(', ')})`,
      );
      if (delta) {
        assert.equal(delta.certain, certain, `${label}: certain`);
        if (delta.certain) assert.ok(delta.examples[0].confirmed, `${label}: a certain difference has a confirmed example`);
      }
    };

    for (const [name, pieces] of [
      ['with ?', piecesWithAnyChar],
      ['with the identity variable', piecesWithVariable],
    ] as const) {
      it(`granted and removed access match enumeration (${name})`, function () {
        this.timeout(60_000);
        fc.assert(
          fc.property(version(pieces), version(pieces), (oldVersion, newVersion) => {
            const [oldPolicy, newPolicy] = [toPolicy(oldVersion), toPolicy(newVersion)];
            const found = diffAccess([oldPolicy], [newPolicy], 'iot').changes.find((c) => c.actions.includes('iot:Publish'));
            check(found?.granted, newPolicy, oldPolicy, 'granted');
            check(found?.removed, oldPolicy, newPolicy, 'removed');
          }),
          { numRuns: 100, seed: 23 },
        );
      });
    }
  });
});

describe('diffAccess and variables that old wildcards reached', () => {
  const ARN_ = 'arn:aws:iot:us-east-1:123456789012';
  const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const connect = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN_}:client/*` };
  it('reports possible new access when a variable replaces a wildcard an old Deny carved out (the CI gate must not pass)', () => {
    const before = compilePolicyFor(
      doc(
        connect,
        { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN_}:topic/dev/*` },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN_}:topic/dev/us-east-1:*` },
      ),
      'old.json',
      'iot',
    );
    const after = compilePolicyFor(
      doc(connect, { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN_}:topic/dev/\${cognito-identity.amazonaws.com:sub}` }),
      'new.json',
      'iot',
    );
    const granted = diffAccess([before], [after], 'iot').changes.filter((c) => c.granted && c.actions.includes('iot:Publish'));
    assert.equal(granted.length, 1);
    assert.equal(granted[0].granted!.certain, false);
    assert.match(granted[0].granted!.uncertainBecause!, /for identities whose \$\{cognito-identity\.amazonaws\.com:sub\} is like "us-east-1:x"/);
    assert.ok(granted[0].granted!.examples.some((e) => e.resource.endsWith('topic/dev/us-east-1:x')));
  });
  it('adds nothing when the variable stays inside what the old version allowed', () => {
    const before = compilePolicyFor(doc(connect, { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN_}:topic/dev/*` }), 'old.json', 'iot');
    const after = compilePolicyFor(
      doc(connect, { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN_}:topic/dev/\${cognito-identity.amazonaws.com:sub}` }),
      'new.json',
      'iot',
    );
    assert.deepEqual(
      diffAccess([before], [after], 'iot').changes.filter((c) => c.granted),
      [],
    );
  });
});

describe('diffAccess under readings (docs/readings.md)', function () {
  this.timeout(60_000);
  const T = (name: string) => `${HEAD}${name}`;
  it('counts access new under any reading: a role Allow on topic/${iot:ClientId}/* is new if AWS resolves it (A14)', () => {
    const granted = change(
      [{ Effect: 'Allow', Action: 'iot:Publish', Resource: T('fixed/*') }],
      [{ Effect: 'Allow', Action: 'iot:Publish', Resource: [T('fixed/*'), T('${iot:ClientId}/*')] }],
      'iot:Publish',
      'auth-role',
    )?.granted;
    assert.ok(granted, 'new access under the A14 "resolves" reading');
    assert.equal(granted.certain, false);
    assert.match(
      granted.uncertainBecause!,
      /new only if AWS reads \$\{iot:ClientId\} in identity-pool role policies \(A14\) as \$\{iot:ClientId\} as the client ID in role policies/,
    );
  });
  it('removing a Deny that holds under one reading only is new access; readings that agree add nothing', () => {
    const allow = { Effect: 'Allow', Action: 'iot:Publish', Resource: T('*') };
    const unknownDeny = { Effect: 'Deny', Action: 'iot:Publish', Resource: T('secret/*'), Condition: { StringEqualz: { 'iot:ClientId': 'x' } } };
    assert.ok(change([allow, unknownDeny], [allow], 'iot:Publish')?.granted, 'the Deny applied under condition-ignored');
    const notTouched = { Effect: 'Deny', Action: 'iot:Publish', Resource: T('secret/*') };
    assert.equal(change([allow, notTouched, unknownDeny], [allow, notTouched], 'iot:Publish')?.granted, undefined);
  });
});
