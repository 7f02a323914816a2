import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appFromScenario, AppQuestions, checkProject, authorize, loadScenario, ResolvedConfig, type Finding } from '../../analyzer';
import { MAX_IOT_POLICIES_PER_IDENTITY } from '../../analyzer/project/app';
import { ROOT } from '../cli/run-cli';
import type { ConfirmedCheck } from '../../analyzer/prove';
import { identityNamespaces, otherNamespaces, othersClientIdPatterns } from '../../analyzer/rules/app/policy-statements';

const ARN = 'arn:aws:iot:us-east-1:123456789012';
const SUB = '${cognito-identity.amazonaws.com:sub}';
const noFiles = { readFile: () => undefined, resolve: (_from: string, reference: string) => reference };
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const ROLE = policy({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: '*' });
const CONNECT = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` };

/** `check` over policy files whose kinds the config gives: `*.iot.json` IoT policies, `role.json` the authenticated role. */
function check(files: Record<string, string>): { findings: Finding[]; notes: string[] } {
  const config = new ResolvedConfig({ kinds: { '*.iot.json': 'iot', 'role.json': 'auth-role' } }, 'iot-policy-lens.config.json');
  const project = Object.entries(files).map(([file, text]) => ({ path: file, configPath: file, text, role: 'policy' as const }));
  return checkProject(project, { config, host: noFiles });
}
const ruleIds = (findings: readonly Finding[]) => findings.map((f) => `${f.range.file} ${f.ruleId}`);

describe('check: rules over identity classes', function () {
  this.timeout(60_000);

  it('gives no subscribe/receive finding when Subscribe and Receive are split across two IoT policies the same identities get', () => {
    const subscribe = policy(CONNECT, { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/news/*` });
    const receive = policy({ Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/news/*` });
    const split = check({ 'role.json': ROLE, 'subscribe.iot.json': subscribe, 'receive.iot.json': receive });
    assert.deepEqual(
      ruleIds(split.findings).filter((f) => /subscribe|receive/.test(f)),
      [],
    );
    // Alone, each is what the rules say it is.
    const alone = check({ 'role.json': ROLE, 'subscribe.iot.json': subscribe });
    assert.deepEqual(ruleIds(alone.findings), ['subscribe.iot.json subscribe-without-receive']);
  });

  it('broad-data-plane-access claims only what a Deny in another policy of the same identities leaves (broad-ignores-deny)', () => {
    const kinds = { kinds: { 'guest-*.json': 'unauth-role' as const } };
    const run = (files: Record<string, string>) =>
      checkProject(
        Object.entries(files).map(([file, text]) => ({ path: file, configPath: file, text, role: 'policy' as const })),
        { config: new ResolvedConfig(kinds, 'iot-policy-lens.config.json'), host: noFiles },
      ).findings.filter((f) => f.ruleId === 'broad-data-plane-access');
    const allow = policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/*` });
    const denyShadow = policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/things/*/shadow/*` });
    const denyReserved = policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/*` });
    assert.deepEqual(
      run({ 'guest-allow.json': allow }).map((f) => f.message),
      [`"${ARN}:topic/*" lets each identity update the shadow of every thing, and publish to the job topics of every thing`],
    );
    assert.deepEqual(
      run({ 'guest-allow.json': allow, 'guest-deny.json': denyShadow }).map((f) => `${f.range.file} ${f.message}`),
      [`guest-allow.json "${ARN}:topic/*" lets each identity publish to the job topics of every thing`],
    );
    assert.deepEqual(run({ 'guest-allow.json': allow, 'guest-deny.json': denyReserved }), []);
  });

  it('reports what it could not decide instead of passing (an identity variable run into other text)', () => {
    const { findings } = check({
      'role.json': ROLE,
      'user.iot.json': policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/app-${SUB}` }),
    });
    const undecided = findings.filter((f) => f.messageId === 'undecided');
    assert.deepEqual(ruleIds(undecided), ['role.json app-client-id-takeover']);
    assert.equal(undecided[0].severity, 'error');
    assert.match(
      undecided[0].message,
      /could not decide whether a signed-in user may connect with a client ID another signed-in user may use: .* is not delimited/,
    );
  });

  it('reads an IoT policy without an authenticated role in the files as the role allowing data-plane actions, and says so', () => {
    const { findings } = check({ 'user.iot.json': policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/user-*` }) });
    assert.deepEqual(ruleIds(findings), ['user.iot.json app-client-id-takeover']);
    assert.match(
      findings[0].message,
      /^assuming the authenticated role \(not in the files\) allows IoT data-plane actions: signed-in user 1 .* may connect with client ID "user-/,
    );
    assert.equal(findings[0].related, undefined, 'the assumed role has no place in the files');
  });

  it("runs on each role a token-based mapping may give: a user pool group's role by its policies, a role outside the files as assumed", () => {
    const template = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'token-app', 'template.yaml'), 'utf8');
    const { findings } = checkProject([{ path: 'template.yaml', configPath: 'template.yaml', text: template, role: 'template', format: 'cloudformation' }], {
      config: new ResolvedConfig(),
      host: noFiles,
    });
    const messages = findings.filter((f) => f.ruleId.startsWith('app-')).map((f) => `${f.ruleId} ${f.message}`);
    // The group's role is a class of its own: its admin action is found on it, by its policy.
    assert.ok(
      messages.some((m) => /^app-admin-action AdminRole\.Policies\[Admin\]: role:AdminRole user 1 .* may call iot:CreateThing/.test(m)),
      messages.join('\n'),
    );
    // A role the token may name outside the files: what it grants is unknown, so the IoT policy alone decides, said as assumed.
    assert.ok(
      messages.some((m) =>
        /^app-client-id-takeover UserPolicy: assuming their role \(not in the files\) allows IoT data-plane actions: role:token user 1/.test(m),
      ),
      messages.join('\n'),
    );
  });

  it('reads an IoT policy alone without Connect as used with the usual Connect on the identity ID, and says so', () => {
    const readsEveryone = policy(
      { Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: [`${ARN}:topicfilter/users/*`, `${ARN}:topic/users/*`] },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/users/${SUB}/*` },
    );
    const { findings } = check({ 'user.iot.json': readsEveryone });
    assert.deepEqual(ruleIds(findings), ['user.iot.json app-cross-identity-read']);
    assert.match(
      findings[0].message,
      /; assuming users connect with their identity ID as client ID \(no Connect in the files\): signed-in user 1 .* may subscribe with "users\/.*" and receive "users\/us-east-1:0+2-/,
    );
  });

  it('takes an IoT policy naming a literal identity ID as that identity’s own, not every user’s', () => {
    const own = policy({
      Effect: 'Allow',
      Action: ['iot:Connect', 'iot:Publish'],
      Resource: [`${ARN}:client/us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab`, `${ARN}:topic/x`],
    });
    const { findings, notes } = check({ 'role.json': ROLE, 'alice.iot.json': own });
    assert.deepEqual(ruleIds(findings), []);
    assert.ok(notes.some((n) => /alice\.iot\.json names a Cognito identity ID: it is taken as generated for that identity/.test(n)));
  });

  it('does not run the class rules on more IoT policies than one identity can carry, and says so', () => {
    const files: Record<string, string> = { 'role.json': ROLE };
    // Two regions: were any class asked about, the questions would be asked in two scopes, and said so.
    const regions = ['us-east-1', 'eu-west-1'];
    for (let i = 0; i <= MAX_IOT_POLICIES_PER_IDENTITY; i++)
      files[`p${i}.iot.json`] = policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `arn:aws:iot:${regions[i % 2]}:123456789012:client/${i}-*` });
    const { findings, notes } = check(files);
    assert.deepEqual(
      ruleIds(findings).filter((f) => / app-/.test(f)),
      [],
    );
    assert.ok(
      notes.some((n) => /taken to carry 11 IoT policies, more than AWS lets attach to one identity \(10\)/.test(n)),
      notes.join('\n'),
    );
    // No question was asked, so no scope is said to have been asked in.
    assert.ok(!notes.some((n) => /questions are asked/.test(n)), notes.join('\n'));
  });

  it('a finding of the config’s severity "off" is not reported, and the single-file rule it supersedes comes back', () => {
    const config = new ResolvedConfig(
      { kinds: { '*.iot.json': 'iot', 'role.json': 'auth-role' }, rules: { 'app-client-id-takeover': 'off' } },
      'iot-policy-lens.config.json',
    );
    const files = [
      { path: 'role.json', configPath: 'role.json', text: ROLE, role: 'policy' as const },
      {
        path: 'user.iot.json',
        configPath: 'user.iot.json',
        text: policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${iot:ClientId}` }),
        role: 'policy' as const,
      },
    ];
    assert.deepEqual(ruleIds(checkProject(files, { config, host: noFiles }).findings), ['user.iot.json client-id-spoofing']);
  });
});

describe('app questions on the broken sample', function () {
  this.timeout(60_000);
  const file = 'samples/broken-app/scenario.json';
  const host = {
    readFile: (f: string) => (fs.existsSync(path.join(ROOT, f)) ? fs.readFileSync(path.join(ROOT, f), 'utf8') : undefined),
    resolve: (from: string, reference: string) => path.posix.join(path.posix.dirname(from), reference),
  };
  const { scenario } = loadScenario(host.readFile(file)!, file, host);
  const app = appFromScenario(scenario!);
  const signedIn = app.classes.find((c) => c.type === 'authenticated')!;
  const questions = new AppQuestions(app, signedIn);

  /** Every request of a witness, decided again by the evaluator for the identity it names. */
  function recheck(checks: readonly ConfirmedCheck[]): void {
    assert.ok(checks.length > 0);
    for (const check of checks) {
      const member = [...questions.scenario.identities.values()].find((m) => m.name === check.identity)!;
      const identity = { ...member.identity, ...(check.clientId === undefined ? { protocol: 'https' as const } : { clientId: check.clientId }) };
      const decision = authorize(questions.scenario.roles, { identity, iotPolicies: member.iotPolicies }, { action: check.action, resource: check.resource });
      assert.notEqual(decision.decision, 'deny', `${check.identity} ${check.action} ${check.resource}`);
      assert.ok(check.responsible.length > 0);
    }
  }

  it('a signed-in user takes another user’s client ID, confirmed', () => {
    const answer = questions.canAccess('authenticated', ['iot:Connect'], othersClientIdPatterns(signedIn));
    assert.equal(answer.verdict, 'yes');
    if (answer.verdict === 'yes') recheck(answer.witness.checks);
  });

  it('reads and writes another user’s status topic, confirmed', () => {
    const others = otherNamespaces(identityNamespaces(signedIn));
    const read = questions.canReach('authenticated', ['receive'], others);
    const write = questions.canFlow('authenticated', 'authenticated', others);
    assert.ok(read.verdict === 'yes' && write.verdict === 'yes');
    if (read.verdict === 'yes') {
      assert.equal(read.witness.filter, 'users/+/status');
      recheck(read.witness.checks);
    }
    if (write.verdict === 'yes') recheck(write.witness.checks);
  });
});
