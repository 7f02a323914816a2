import { strict as assert } from 'node:assert';
import {
  appFromKinds,
  appPolicy,
  appScopes,
  checkProject,
  DEFAULT_SCOPE,
  describeScope,
  parsePolicy,
  ResolvedConfig,
  type App,
  type CheckReport,
  type LensConfig,
} from '../../analyzer';
import { diffApps } from '../../analyzer/project/diff-apps';
import { summarizeApp } from '../../analyzer/summary';
import { LAMP_LITERAL, LAMP_SUBSTITUTED } from './lamp-template';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[]) => ({ Effect: 'Allow', Action: action, Resource: resource });
const noFiles = { readFile: () => undefined, resolve: (_from: string, reference: string) => reference };

/** The app of one guest role (an unauth-role policy), as the config's kinds give it. */
function guestApp(policy: string, deployment?: App['deployment']): App {
  const app = appFromKinds('guests', 'guest-role.json', DEFAULT_SCOPE, [
    appPolicy('guest-role.json', 'unauth-role', () => parsePolicy(policy, 'guest-role.json')),
  ]);
  assert.ok(app);
  return deployment ? { ...app, deployment } : app;
}

const scopesOf = (app: App) => appScopes(app).scopes.map(describeScope);

const EU_PARAMETERS: LensConfig = { parameters: { 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '999988887777' } };

function checkTemplate(text: string, config: LensConfig = {}): CheckReport {
  return checkProject([{ path: 'template.yaml', configPath: 'template.yaml', text, role: 'template', format: 'cloudformation' }], {
    config: new ResolvedConfig(config),
    host: noFiles,
  });
}

function checkGuestRole(policy: string, config: LensConfig = {}): CheckReport {
  const file = { path: 'guest-role.json', configPath: 'guest-role.json', text: policy, role: 'policy' as const };
  return checkProject([file], { config: new ResolvedConfig(config), host: noFiles, kind: 'unauth-role' });
}

/** `1:column` of the JSON string holding `needle` (a one-line policy). */
const at = (text: string, needle: string) => `1:${text.lastIndexOf('"', text.indexOf(needle)) + 1}`;

const guestFindings = (report: CheckReport) =>
  report.findings.filter((f) => f.ruleId === 'app-guest-reaches-devices').map((f) => `${f.range.start.line}:${f.range.start.column} ${f.messageId}`);

describe('the scope of an app’s questions (issue 10/15: scope-literal-region-account)', function () {
  this.timeout(60_000);

  describe('appScopes', () => {
    it('takes the region and account the policies’ IoT ARNs name', () => {
      assert.deepEqual(scopesOf(guestApp(doc(allow('iot:Publish', 'arn:aws:iot:eu-west-1:999988887777:topic/x')))), ['region eu-west-1, account 999988887777']);
    });

    it('keeps the default when the ARNs name no region or account (wildcards match every scope), and says so', () => {
      const app = guestApp(doc(allow('iot:Publish', ['arn:aws:iot:*:*:topic/x', 'arn:aws:s3:::bucket/*', '*'])));
      assert.deepEqual(scopesOf(app), [describeScope(DEFAULT_SCOPE)]);
      assert.match(appScopes(app).note, /region and account the default, as nothing names one/);
    });

    it('asks in the config’s region and in every other region the policies name', () => {
      const app = guestApp(doc(allow('iot:Publish', 'arn:aws:iot:us-east-1:999988887777:topic/x')), { region: 'eu-west-1', account: '999988887777' });
      assert.deepEqual(scopesOf(app), ['region eu-west-1, account 999988887777', 'region us-east-1, account 999988887777']);
      assert.match(appScopes(app).note, /each of 2 scopes \(region and account from the config’s parameters and the policies’ ARNs\)/);
    });

    it('asks also in a region no Deny names when an Allow leaves the region open', () => {
      const app = guestApp(doc(allow('iot:Publish', '*'), { Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:*:topic/$aws/*' }));
      assert.deepEqual(scopesOf(app), ['region us-east-1, account 123456789012', 'region us-west-2, account 123456789012']);
    });

    it('names a region pattern by an example it matches, and the partition when it is not aws', () => {
      const app = guestApp(doc(allow('iot:Publish', 'arn:aws-cn:iot:cn-*:111122223333:topic/x')));
      assert.deepEqual(scopesOf(app), ['partition aws-cn, region cn-x, account 111122223333']);
    });

    it('names no scope for an account that is not 12 digits, and says what it names matches no request', () => {
      const app = guestApp(doc(allow('iot:Publish', ['arn:aws:iot:eu-west-1:12345678901:topic/x', 'arn:aws:iot:eu-west-1:*:topic/y'])));
      assert.deepEqual(scopesOf(app), ['region eu-west-1, account 123456789012']);
      assert.deepEqual(appScopes(app).unmatched, ['account "12345678901"']);
      assert.match(appScopes(app).note, /ARNs with account "12345678901" match no request/);
    });

    it('asks in at most MAX_SCOPES scopes and counts the others as not asked', () => {
      const regions = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'us-west-1'];
      const accounts = ['111111111111', '222222222222', '333333333333', '444444444444'];
      const app = guestApp(
        doc(
          allow(
            'iot:Publish',
            regions.flatMap((r) => accounts.map((a) => `arn:aws:iot:${r}:${a}:topic/x`)),
          ),
        ),
      );
      const { scopes, notAsked } = appScopes(app);
      assert.deepEqual([scopes.length, notAsked], [16, 4]);
    });
  });

  it('diff of apps compares every region and account: a new grant in eu-west-1 is new access', () => {
    const before = guestApp(doc(allow('iot:Publish', 'arn:aws:iot:eu-west-1:999988887777:topic/a')));
    const after = guestApp(doc(allow('iot:Publish', ['arn:aws:iot:eu-west-1:999988887777:topic/a', 'arn:aws:iot:eu-west-1:999988887777:topic/$aws/things/x'])));
    const granted = diffApps([before], [after], 'guest-role.json').diffs.flatMap((d) => d.diff.changes.flatMap((c) => c.granted?.examples ?? []));
    assert.deepEqual(
      granted.map((e) => e.resource),
      ['arn:aws:iot:eu-west-1:999988887777:topic/$aws/things/x'],
    );
  });

  describe('check', () => {
    it('a template whose ARNs name eu-west-1 / 999988887777: guests reach the lamp (was 0 findings)', () => {
      const report = checkTemplate(LAMP_LITERAL);
      assert.deepEqual(guestFindings(report), ['25:28 publish', '25:105 thingApi']);
      assert.match(report.findings[0].message, /identity ID eu-west-1:/);
    });

    it('the same with !Sub and the config’s AWS::Region/AWS::AccountId, and without them (was: the config silenced it)', () => {
      const text = LAMP_SUBSTITUTED;
      assert.deepEqual(guestFindings(checkTemplate(text, EU_PARAMETERS)), ['25:33 publish', '25:125 thingApi']);
      assert.deepEqual(guestFindings(checkTemplate(text)), ['25:33 publish', '25:125 thingApi']);
    });

    it('a JSON guest role with --kind unauth-role naming eu-west-1 / 999988887777', () => {
      const policy = doc(
        allow(['iot:Publish', 'iot:UpdateThingShadow'], ['arn:aws:iot:eu-west-1:999988887777:topic/*', 'arn:aws:iot:eu-west-1:999988887777:thing/*']),
      );
      assert.deepEqual(guestFindings(checkGuestRole(policy)), [`${at(policy, ':topic/*')} publish`, `${at(policy, ':thing/*')} thingApi`]);
    });

    it('a two-region app: the access in each region is found, and the note says both were asked', () => {
      const policy = doc(
        allow('iot:Publish', 'arn:aws:iot:eu-west-1:999988887777:topic/$aws/things/lamp-1/shadow/update'),
        allow('iot:UpdateThingShadow', 'arn:aws:iot:us-west-2:999988887777:thing/lamp-2'),
      );
      const report = checkGuestRole(policy);
      assert.deepEqual(
        report.findings.filter((f) => f.ruleId === 'app-guest-reaches-devices').map((f) => f.messageId),
        ['publish', 'thingApi'],
      );
      assert.ok(
        report.notes.some((n) => n.includes('each of 2 scopes') && n.includes('region eu-west-1') && n.includes('region us-west-2')),
        report.notes.join('\n'),
      );
    });

    it('a Deny for the configured region does not hide the access an Allow for every region gives elsewhere', () => {
      const policy = doc(allow('iot:Publish', 'arn:aws:iot:*:*:topic/$aws/*'), {
        Effect: 'Deny',
        Action: 'iot:Publish',
        Resource: 'arn:aws:iot:eu-west-1:*:topic/*',
      });
      assert.deepEqual(guestFindings(checkGuestRole(policy, EU_PARAMETERS)), [`${at(policy, 'arn:aws:iot:*:*:topic')} publish`]);
    });

    it('a scenario’s app is asked in the scenario’s scope and in the one its policies name, the finding said once', () => {
      const scenario = {
        roles: { unauthenticated: ['guest.json'] },
        identities: { guest: { type: 'unauthenticated', identityId: 'us-east-1:00000000-0000-4000-8000-000000000009' } },
        steps: [],
      };
      const guest = doc(allow('iot:Publish', 'arn:aws:iot:eu-west-1:999988887777:topic/$aws/things/lamp/shadow/update'));
      const host = { readFile: (file: string) => (file === 'guest.json' ? guest : undefined), resolve: (_from: string, reference: string) => reference };
      const report = checkProject([{ path: 'scenario.json', configPath: 'scenario.json', text: JSON.stringify(scenario), role: 'scenario' }], {
        config: new ResolvedConfig({}),
        host,
      });
      // Every region with every account: which pair the deployment is, nothing says.
      assert.deepEqual(
        appScopes(report.apps[0]).scopes.map((s) => `${s.region} ${s.account}`),
        ['us-east-1 123456789012', 'us-east-1 999988887777', 'eu-west-1 123456789012', 'eu-west-1 999988887777'],
      );
      assert.deepEqual(
        report.findings.filter((f) => f.ruleId === 'app-guest-reaches-devices').map((f) => `${f.range.file} ${f.messageId}`),
        ['guest.json publish'],
      );
    });

    it('scopes past MAX_SCOPES are not asked in: each app rule reports it could not decide (fail closed)', () => {
      const regions = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'us-west-1'];
      const accounts = ['111111111111', '222222222222', '333333333333', '444444444444'];
      const report = checkGuestRole(
        doc(
          allow(
            'iot:Connect',
            regions.flatMap((r) => accounts.map((a) => `arn:aws:iot:${r}:${a}:client/x`)),
          ),
        ),
      );
      const undecided = report.findings.filter((f) => f.messageId === 'undecided');
      assert.ok(undecided.length > 0 && undecided.every((f) => f.severity === 'error' || f.severity === 'warning'), JSON.stringify(report.findings));
      assert.match(undecided[0].message, /4 of them were not asked in/);
    });
  });

  describe('summary', () => {
    it('lists the guests’ access in eu-west-1 and prints the scope it asked in (was: cannot connect, no access)', () => {
      const [app] = checkTemplate(LAMP_LITERAL).apps;
      const summary = summarizeApp(app);
      const guests = summary.classes.find((c) => c.id === 'guests')!;
      assert.equal(guests.clientId, 'own identity ID');
      assert.deepEqual(
        guests.actions.filter((a) => a.grants.length > 0).map((a) => `${a.action} ${a.grants.map((g) => g.pattern).join(', ')}`),
        ['iot:Connect <own identity ID>', 'iot:Publish $aws/things/lamp-1/shadow/update', 'iot:UpdateThingShadow lamp-1'],
      );
      assert.deepEqual(summary.scopes, [{ partition: 'aws', region: 'eu-west-1', account: '999988887777' }]);
      assert.match(summary.notes[0], /asked in region eu-west-1, account 999988887777 \(region and account from the policies’ ARNs\)/);
    });

    it('with the config’s parameters and !Sub, the same access', () => {
      const [app] = checkTemplate(LAMP_SUBSTITUTED, EU_PARAMETERS).apps;
      const guests = summarizeApp(app).classes.find((c) => c.id === 'guests')!;
      assert.deepEqual(
        guests.actions.filter((a) => a.grants.length > 0).map((a) => a.action),
        ['iot:Connect', 'iot:Publish', 'iot:UpdateThingShadow'],
      );
    });

    it('a two-region app: what either region grants, each once, and both scopes', () => {
      const policy = doc(
        allow('iot:Connect', ['arn:aws:iot:eu-west-1:999988887777:client/a', 'arn:aws:iot:us-west-2:999988887777:client/a']),
        allow('iot:Publish', 'arn:aws:iot:eu-west-1:999988887777:topic/eu/*'),
        allow('iot:Publish', 'arn:aws:iot:us-west-2:999988887777:topic/us/*'),
      );
      const summary = summarizeApp(guestApp(policy));
      const guests = summary.classes[0];
      assert.deepEqual(
        guests.actions.flatMap((a) => a.grants.map((g) => `${a.action} ${g.pattern}`)),
        ['iot:Connect a', 'iot:Publish eu/*', 'iot:Publish us/*'],
      );
      assert.deepEqual(
        summary.scopes.map((s) => s.region),
        ['eu-west-1', 'us-west-2'],
      );
      assert.match(summary.notes[0], /each of 2 scopes .*access found in any of them is reported/);
    });
  });
});
