import { strict as assert } from 'node:assert';
import { diffFileVersions, diffPolicyVersions, formatLocation, ResolvedConfig, type ProjectFile } from '../../analyzer';
import { accessFindings } from '../../analyzer/prove';

const CLIENT = 'arn:aws:iot:us-east-1:123456789012:client/${cognito-identity.amazonaws.com:sub}';
const TOPIC = 'arn:aws:iot:us-east-1:123456789012:topic/';
const policy = (topic: string) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Connect', Effect: 'Allow', Action: 'iot:Connect', Resource: CLIENT },
        { Sid: 'Publish', Effect: 'Allow', Action: 'iot:Publish', Resource: `${TOPIC}${topic}` },
      ],
    },
    null,
    2,
  );
const OWN = policy('users/${cognito-identity.amazonaws.com:sub}/*');
const options = { config: new ResolvedConfig({}), host: { readFile: () => undefined, resolve: (_f: string, r: string) => r } };
const version = (path: string, text: string, kind?: ProjectFile['kind']): ProjectFile => ({
  path,
  configPath: path,
  text,
  role: 'policy',
  ...(kind && { kind }),
});

describe('diffFileVersions: one file against an older text of it (the CLI’s diff and the editor’s command)', () => {
  it('a widened topic is new access at the Resource entry that grants it, as the CLI reports it', () => {
    const compared = diffFileVersions({ old: version('HEAD:user.iot.json', OWN, 'iot'), new: version('user.iot.json', policy('*'), 'iot') }, options);
    assert.deepEqual(compared.kindUnknown, []);
    assert.deepEqual(compared.invalid, []);
    assert.deepEqual(
      compared.diffs.map((d) => [d.old, d.new, d.location, d.diff.identityType]),
      [['HEAD:user.iot.json', 'user.iot.json', 'user.iot.json', 'authenticated']],
    );
    const findings = accessFindings(compared.diffs, [], undefined, compared.unknowns);
    assert.deepEqual(
      findings.map((f) => `${formatLocation(f.range)} ${f.severity} ${f.ruleId} ${f.message}`),
      [`user.iot.json:14:19 warning new-access authenticated identities now may iot:Publish on ${TOPIC}* (e.g. ${TOPIC}x)`],
    );
  });

  it('a file not in the old version: everything it allows is new', () => {
    const compared = diffFileVersions({ new: version('user.iot.json', OWN, 'iot') }, options);
    assert.deepEqual(
      compared.diffs[0].diff.changes.map((c) => [c.actions.join(), Boolean(c.granted), Boolean(c.removed)]),
      [
        ['iot:Connect', true, false],
        ['iot:Publish', true, false],
      ],
    );
    assert.equal(compared.diffs[0].old, undefined);
  });

  it('compares nothing without a kind, or when a version is not JSON (with its place)', () => {
    const untyped = diffFileVersions({ old: version('HEAD:p.json', OWN), new: version('p.json', policy('*')) }, options);
    assert.deepEqual([untyped.kindUnknown, untyped.diffs.length], [['p.json'], 0]);
    const broken = diffFileVersions({ old: version('HEAD:p.json', '{ "Statement": [', 'iot'), new: version('p.json', OWN, 'iot') }, options);
    assert.deepEqual(
      broken.invalid.map((p) => formatLocation(p.range)),
      ['HEAD:p.json:1:17'],
    );
    assert.deepEqual(broken.diffs, []);
  });
});

describe('diffPolicyVersions: policy files compared by the identity class they form', () => {
  const ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${TOPIC}*` }] });
  const deny = (topic: string) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iot:Publish', Resource: `${TOPIC}${topic}` }] });
  const guest = (path: string, text: string) => version(path, text, 'unauth-role');
  const grantedOf = (files: Parameters<typeof diffPolicyVersions>[0]) =>
    diffPolicyVersions(files).diffs.flatMap((d) =>
      d.diff.changes.flatMap((c) => (c.granted ? [`${d.old ?? '-'} → ${d.new ?? '-'}: ${c.granted.examples[0]?.resource ?? ''}`] : [])),
    );

  it('deleting the Deny file of a class is new access for the class, though that file granted nothing', () => {
    assert.deepEqual(
      grantedOf([{ old: guest('HEAD:guest.json', ALLOW_ALL), new: guest('guest.json', ALLOW_ALL) }, { old: guest('HEAD:guardrail.json', deny('$aws/*')) }]),
      // Each file alone shows nothing new (the guardrail granted nothing); the class they form does.
      [`guests: HEAD:guest.json + HEAD:guardrail.json → guests: guest.json: ${TOPIC}$aws/x`],
    );
  });

  it('narrowing the Deny is new access; the same two files unchanged are no change', () => {
    const before = [guest('HEAD:guest.json', ALLOW_ALL), guest('HEAD:guardrail.json', deny('$aws/*'))];
    const narrowed = grantedOf([
      { old: before[0], new: guest('guest.json', ALLOW_ALL) },
      { old: before[1], new: guest('guardrail.json', deny('$aws/nothing')) },
    ]);
    assert.equal(narrowed.length, 1);
    assert.match(narrowed[0], /^guests: HEAD:guest\.json \+ HEAD:guardrail\.json → guests: guest\.json \+ guardrail\.json: .*topic\/\$aws\//);
    assert.deepEqual(
      grantedOf([
        { old: before[0], new: guest('guest.json', ALLOW_ALL) },
        { old: before[1], new: guest('guardrail.json', deny('$aws/*')) },
      ]),
      [],
    );
  });

  it('two IoT policies are one class too', () => {
    const iot = (path: string, text: string) => version(path, text, 'iot');
    const files = [
      { old: iot('HEAD:user.iot.json', ALLOW_ALL), new: iot('user.iot.json', ALLOW_ALL) },
      { old: iot('HEAD:user-deny.iot.json', deny('$aws/*')), new: iot('user-deny.iot.json', deny('$aws/nothing')) },
    ];
    assert.equal(grantedOf(files).length, 1);
  });

  it('a Deny removed from one IoT policy is new access for identities with it and an allowing one, though a third still denies', () => {
    const iot = (path: string, text: string) => version(path, text, 'iot');
    const files = [
      { old: iot('HEAD:user.iot.json', ALLOW_ALL), new: iot('user.iot.json', ALLOW_ALL) },
      { old: iot('HEAD:user-deny.iot.json', deny('$aws/*')), new: iot('user-deny.iot.json', deny('$aws/nothing')) },
      { old: iot('HEAD:guardrail.iot.json', deny('$aws/*')), new: iot('guardrail.iot.json', deny('$aws/*')) },
    ];
    // All three together still deny $aws/*; an identity with only the first two attached now may publish there.
    const granted = grantedOf(files);
    assert.equal(granted.length, 1);
    assert.match(
      granted[0],
      /^signed-in users \(IoT policies\): HEAD:user\.iot\.json \+ HEAD:user-deny\.iot\.json → signed-in users \(IoT policies\): user\.iot\.json \+ user-deny\.iot\.json: .*topic\/\$aws\//,
    );
  });
});
