import { strict as assert } from 'node:assert';
import { authorize, IdentityPool, loadScenario, runScenario, type CognitoIdentity } from '../../analyzer';
import { parseOperator } from '../../analyzer/conditions/operators';
import { stringCandidates } from '../../analyzer/cognito/domain-name';
import { loadProvableScenario, proveScenario } from '../../analyzer/prove';
import { tokenizeWildcards } from '../../analyzer/match/glob';
import { runCli, tempProject } from '../cli/run-cli';
import { ARN, classOf, kindsSummary } from '../summary/apps';
import { arn, memoryHost } from './helpers';

const GUEST: CognitoIdentity = { type: 'unauthenticated', identityId: 'us-east-1:11111111-1111-1111-1111-111111111111' };
const statements = (...denies: unknown[]) => [
  { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
  ...denies.map((Condition) => ({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/secret`, Condition })),
];
const guestRole = (...denies: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements(...denies) });
const publish = (role: string, context?: Record<string, string>, topic = 'secret') =>
  // A1 pinned: guests' session policy (docs/readings.md) is not what these tests are about.
  authorize(
    new IdentityPool({ unauthenticatedRole: [role] }).roles,
    { identity: GUEST, iotPolicies: [] },
    { action: 'iot:Publish', resource: arn('topic', topic), ...(context && { context }) },
    { readings: new Map([['A1', 'unrestricted']]) },
  );
const outcomes = (decision: ReturnType<typeof publish>) => decision.outcomes!.map((o) => `${o.readings['iot:DomainName']} ${o.decision}`);

const ONLY_VIA_CUSTOM_DOMAIN = { StringNotEquals: { 'iot:DomainName': 'iot.example.com' } };
const NOT_VIA_AWS_ENDPOINT = { StringLike: { 'iot:DomainName': '*.amazonaws.com' } };

const compared = (operator: string, ...values: string[]) =>
  values.map((value) => {
    const { spec } = parseOperator(operator)!;
    return { operator: spec, tokens: spec.wildcards ? tokenizeWildcards(value) : [{ kind: 'literal' as const, text: value }] };
  });
const labels = (values: ReturnType<typeof compared>) => stringCandidates(values).candidates.map((c) => c.label);

describe('iot:DomainName: every real request has one; a question that does not give it is decided for every domain the conditions tell apart', () => {
  it('candidates: each value written, its wildcards filled in, each case ignoring case allows, and any other value', () => {
    assert.deepEqual(labels(compared('StringEquals', 'iot.example.com')), ['iot.example.com', 'any other value']);
    assert.deepEqual(labels(compared('StringLike', '*.amazonaws.com')), ['x.amazonaws.com (like *.amazonaws.com)', 'any other value']);
    // Both patterns and neither, one alone each: four cases, one value each.
    assert.deepEqual(labels(compared('StringLike', 'a*', '*b')).length, 4);
    // The written casing, another casing ignoring case matches, and neither.
    const cased = stringCandidates([...compared('StringEquals', 'ab'), ...compared('StringEqualsIgnoreCase', 'ab')]).candidates;
    assert.equal(cased.length, 3);
    assert.deepEqual(cased[0], { value: 'ab', label: 'ab' });
    assert.match(cased[1].label, /^(aB|Ab|AB) \(ab in any case\)$/);
    assert.equal(stringCandidates(compared('StringLike', 'x?')).complete, true);
    // An ARN operator on a domain: its value is tried, but the set may not separate everything.
    assert.equal(stringCandidates(compared('ArnLike', 'arn:aws:iot:*')).complete, false);
  });

  it('candidates: an allow-list of exact domains is each domain and any other; a search over hundreds of patterns stops at its budget, incomplete', () => {
    const domains = Array.from({ length: 66 }, (_, i) => `device-${i}.iot.example.com`);
    const listed = stringCandidates(compared('StringEquals', ...domains));
    assert.deepEqual(
      [listed.complete, listed.candidates.length, listed.candidates[65].label, listed.candidates[66].label],
      [true, 67, 'device-65.iot.example.com', 'any other value'],
    );
    assert.ok(!domains.includes(listed.candidates[66].value));
    // 270 short patterns over 36 characters: more combinations than the budget walks (untried values are then an outcome of their own).
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 36;
    const patterns = Array.from({ length: 270 }, () => `*${'abcdefghijklmnopqrstuvwxyz0123456789'[next()]}?${'abcdefghijklmnopqrstuvwxyz0123456789'[next()]}*`);
    assert.equal(stringCandidates(compared('StringLike', ...patterns)).complete, false);
  });

  it('candidates ignoring case include the Kelvin sign for k (the engine lower-cases whole values), and values outside ASCII leave the set incomplete', () => {
    const kelvin = stringCandidates([...compared('StringEquals', 'k', 'K'), ...compared('StringEqualsIgnoreCase', 'k')]).candidates;
    assert.ok(
      kelvin.some((c) => c.value === '\u212a'),
      JSON.stringify(kelvin.map((c) => c.value)),
    );
    assert.equal(stringCandidates(compared('StringEqualsIgnoreCase', 'ΣΑΣ')).complete, false);
  });

  it('a Deny "only via our custom domain" is ambiguous without the domain: allowed via iot.example.com, denied via any other', () => {
    const decision = publish(guestRole(ONLY_VIA_CUSTOM_DOMAIN));
    assert.equal(decision.decision, 'ambiguous');
    assert.deepEqual(outcomes(decision), ['iot.example.com allow', 'any other value deny']);
    // With the domain given, the condition decides exactly.
    assert.deepEqual(
      [
        publish(guestRole(ONLY_VIA_CUSTOM_DOMAIN), { 'iot:DomainName': 'iot.example.com' }).decision,
        publish(guestRole(ONLY_VIA_CUSTOM_DOMAIN), { 'iot:DomainName': 'a1b2-ats.iot.us-east-1.amazonaws.com' }).decision,
      ],
      ['allow', 'deny'],
    );
  });

  it('a positive Deny on the AWS endpoint applies to clients connecting there: ambiguous, not allowed', () => {
    const decision = publish(guestRole(NOT_VIA_AWS_ENDPOINT));
    assert.equal(decision.decision, 'ambiguous');
    assert.deepEqual(outcomes(decision), ['x.amazonaws.com (like *.amazonaws.com) deny', 'any other value allow']);
    assert.equal(publish(guestRole(NOT_VIA_AWS_ENDPOINT), { 'iot:DomainName': 'a1b2-ats.iot.us-east-1.amazonaws.com' }).decision, 'deny');
    assert.equal(publish(guestRole(NOT_VIA_AWS_ENDPOINT), { 'iot:DomainName': 'iot.example.com' }).decision, 'allow');
  });

  it('IgnoreCase: any casing of the domain is the same value', () => {
    const role = guestRole({ StringNotEqualsIgnoreCase: { 'iot:DomainName': 'IoT.Example.com' } });
    assert.deepEqual(outcomes(publish(role)), ['IoT.Example.com (IoT.Example.com in any case) allow', 'any other value deny']);
    assert.equal(publish(role, { 'iot:DomainName': 'iot.EXAMPLE.com' }).decision, 'allow');
  });

  it('a Deny no domain can meet never applies, one every domain meets always does: Null iot:DomainName', () => {
    assert.deepEqual(
      [publish(guestRole({ Null: { 'iot:DomainName': 'true' } })).decision, publish(guestRole({ Null: { 'iot:DomainName': 'false' } })).decision],
      ['allow', 'deny'],
    );
  });

  it('the library does not answer false for a client on the custom domain', () => {
    const guest = new IdentityPool({ unauthenticatedRole: [guestRole(ONLY_VIA_CUSTOM_DOMAIN)], readings: { A1: 'unrestricted' } }).identity(GUEST);
    assert.throws(() => guest.canPublish('secret'));
    const via = new IdentityPool({ unauthenticatedRole: [guestRole(ONLY_VIA_CUSTOM_DOMAIN)], readings: { A1: 'unrestricted' } }).identity({
      ...GUEST,
      context: { 'iot:DomainName': 'iot.example.com' },
    });
    assert.equal(via.canPublish('secret'), true);
  });

  it('a value with a variable is compared as the request resolves it; one naming the domain itself leaves an untried outcome', () => {
    const resolved = publish(guestRole({ StringNotEquals: { 'iot:DomainName': '${cognito-identity.amazonaws.com:sub}.example.com' } }));
    assert.deepEqual(outcomes(resolved), [`${GUEST.identityId}.example.com allow`, 'any other value deny']);
    const itself = publish(guestRole({ StringNotEquals: { 'iot:ClientId': '${iot:DomainName}' } }));
    assert.equal(itself.decision, 'ambiguous');
    assert.deepEqual(outcomes(itself), ['any value deny', 'a value the tried ones may not stand for, not tried allow']);
  });

  it('both open keys together: every combination, each outcome naming both values', () => {
    const decision = publish(guestRole({ ...ONLY_VIA_CUSTOM_DOMAIN, NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }));
    const allowed = decision.outcomes!.filter((o) => o.decision === 'allow').map((o) => o.readings);
    // The Deny applies only from outside 10.0.0.0/8 via another domain.
    assert.deepEqual(allowed, [
      { 'aws:SourceIp': '0.0.0.0–9.255.255.255', 'iot:DomainName': 'iot.example.com' },
      { 'aws:SourceIp': '10.0.0.0–10.255.255.255', 'iot:DomainName': 'iot.example.com' },
      { 'aws:SourceIp': '11.0.0.0–255.255.255.255', 'iot:DomainName': 'iot.example.com' },
      { 'aws:SourceIp': '::–ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'iot:DomainName': 'iot.example.com' },
      { 'aws:SourceIp': '10.0.0.0–10.255.255.255', 'iot:DomainName': 'any other value' },
    ]);
    assert.equal(decision.outcomes!.length, 8);
  });

  describe('in scenarios', () => {
    const scenario = (expect: string, context?: Record<string, string>) =>
      JSON.stringify({
        region: 'us-east-1',
        account: '123456789012',
        readings: { A1: 'unrestricted' },
        roles: { unauthenticated: ['role.json'] },
        identities: { g: { type: 'unauthenticated', identityId: GUEST.identityId, ...(context && { context }) } },
        steps: [{ as: 'g', publish: 'secret', expect }],
      });
    const run = (role: string, expect: string, context?: Record<string, string>) => {
      const { scenario: loaded } = loadScenario(scenario(expect, context), 'scenario.json', memoryHost({ 'role.json': role }));
      return runScenario(loaded!).steps[0];
    };

    it('expect deny over "only via our custom domain" fails: the step is ambiguous, both outcomes named', () => {
      const step = run(guestRole(ONLY_VIA_CUSTOM_DOMAIN), 'deny');
      assert.deepEqual([step.decision, step.pass], ['ambiguous', false]);
      const text = step.explanation.join('\n');
      assert.match(text, /allowed if the request's iot:DomainName is iot\.example\.com/);
      assert.match(text, /denied if the request's iot:DomainName is any other value/);
      assert.deepEqual([run(guestRole(ONLY_VIA_CUSTOM_DOMAIN), 'allow', { 'iot:DomainName': 'iot.example.com' }).pass], [true]);
    });

    it('expect allow over a Deny on the AWS endpoint passes only with a warning naming the domain', () => {
      const step = run(guestRole(NOT_VIA_AWS_ENDPOINT), 'allow');
      assert.deepEqual([step.decision, step.pass], ['ambiguous', true]);
      assert.equal(step.warning, 'passes, but AWS may refuse it for some values of iot:DomainName (the step does not give it) (see the outcomes)');
      assert.match(step.explanation.join('\n'), /denied if the request's iot:DomainName is x\.amazonaws\.com \(like \*\.amazonaws\.com\)/);
    });

    it('the CLI fails the run on the now ambiguous expectation, and passes once the step gives the domain', function () {
      this.timeout(60_000);
      const project = (context?: Record<string, string>) =>
        tempProject({ 'role.json': guestRole(ONLY_VIA_CUSTOM_DOMAIN), 'scenario.json': scenario(context ? 'allow' : 'deny', context) });
      const ambiguous = runCli(['simulate', 'scenario.json'], project());
      assert.equal(ambiguous.status, 1);
      assert.match(ambiguous.stdout, /AMBIGUOUS \(expected deny: FAIL\)/);
      assert.equal(runCli(['simulate', 'scenario.json'], project({ 'iot:DomainName': 'iot.example.com' })).status, 0);
    });
  });

  it('prove: "guests never publish to secret" is refuted by a client on the custom domain, the value named (no reading cited)', () => {
    const scenario = {
      region: 'us-east-1',
      account: '123456789012',
      readings: { A1: 'unrestricted' },
      roles: { unauthenticated: ['role.json'] },
      identities: {},
      steps: [],
      properties: [{ kind: 'no-access', identities: 'unauthenticated', actions: ['iot:Publish'], resources: ['topic/secret'] }],
    };
    const host = memoryHost({ 'role.json': guestRole(ONLY_VIA_CUSTOM_DOMAIN), 'scenario.json': JSON.stringify(scenario) });
    const loaded = loadProvableScenario(JSON.stringify(scenario), 'scenario.json', host);
    const [result] = proveScenario(loaded.scenario!, loaded.properties);
    assert.equal(result.verdict, 'refuted');
    assert.equal(result.counterexample!.checks[0].decidedBy.at(-1), "allowed if the request's iot:DomainName is iot.example.com");
  });

  it('the summary: a grant only clients on some domains have is conditional, or ambiguous with the domain named when a Deny limits it', () => {
    const guests = (...statements: unknown[]) => {
      const app = kindsSummary({ 'guest.json': { kind: 'unauth-role', statements } }, { A1: 'unrestricted' });
      return classOf(app, 'guests').actions.find((a) => a.action === 'iot:Publish')!.grants;
    };
    const [allowed] = guests({
      Effect: 'Allow',
      Action: 'iot:Publish',
      Resource: `${ARN}:topic/office/*`,
      Condition: { StringEquals: { 'iot:DomainName': 'iot.example.com' } },
    });
    assert.deepEqual(
      [allowed.status, allowed.conditions, allowed.example.decision],
      ['conditional', ['StringEquals iot:DomainName "iot.example.com"'], 'ambiguous'],
    );
    const [limited] = guests(
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/office/*` },
      { Effect: 'Deny', Action: 'iot:Publish', Resource: '*', Condition: ONLY_VIA_CUSTOM_DOMAIN },
    );
    assert.deepEqual([limited.status, limited.readings], ['ambiguous', ["allowed if the request's iot:DomainName is iot.example.com"]]);
  });

  it('a statement whose Resource matches only under a reading (`${iot:ClientId}` in a role policy, A14) has its domain condition read too, pinned or not', () => {
    const role = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iot:Publish',
          Resource: `${ARN}:topic/\${iot:ClientId}/*`,
          Condition: { StringEquals: { 'iot:DomainName': 'iot.example.com' } },
        },
      ],
    });
    const ask = (readings: Array<[string, string]>, context?: Record<string, string>) =>
      authorize(
        new IdentityPool({ unauthenticatedRole: [role] }).roles,
        { identity: GUEST, iotPolicies: [] },
        { action: 'iot:Publish', resource: arn('topic', `${GUEST.identityId}/t`), ...(context && { context }) },
        { readings: new Map([['A1', 'unrestricted'], ...readings]) },
      );
    const open = ask([]);
    assert.equal(open.decision, 'ambiguous');
    assert.deepEqual(
      open.outcomes!.map((o) => `${o.readings.A14 ?? ''} ${o.readings['iot:DomainName']} ${o.decision}`),
      ['never-resolves iot.example.com deny', 'resolves iot.example.com allow', ' any other value deny'],
    );
    // Pinned, the reading no longer splits the outcomes: the domain still does (it was a plain DENY).
    const pinned = ask([['A14', 'resolves']]);
    assert.deepEqual(outcomes(pinned), ['iot.example.com allow', 'any other value deny']);
    assert.equal(ask([['A14', 'resolves']], { 'iot:DomainName': 'iot.example.com' }).decision, 'allow');
  });
});
