import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_QUERY, whoMayDo, type Files, type Query } from '../../playground/src/engine';
import { templateClasses } from '../../playground/src/policy-sets';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

const blank = (file: string) => ({ path: file, text: '' });
const withTemplate = (text: string): Files => ({
  authRole: blank('auth-role.json'),
  unauthRole: blank('guest-role.json'),
  iotPolicy: blank('user.iot.json'),
  scenario: blank('scenario.json'),
  template: { path: 'template.yaml', text },
});

/** The verdicts of "who may do what" for one class of the template's app, as `verb=decision`. */
function verdicts(files: Files, query: Partial<Query>): string[] {
  const analysis = analyze(files);
  const who = whoMayDo(files, { ...DEFAULT_QUERY, ...query }, analysis.scope, analysis.apps);
  return who.rows.map((r) => `${r.verb}=${r.decision}`);
}

describe('playground: who may do what, per identity class of a template’s app', () => {
  // Guests disabled; a token-based mapping: the authenticated role, two group roles, and roles a token may name outside the files.
  const tokenApp = withTemplate(read('test/fixtures/token-app/template.yaml'));

  it('offers every class of the pool: signed-in, each mapped role, and the unknown role a token may name', () => {
    const choices = templateClasses(analyze(tokenApp).apps);
    assert.deepEqual(
      choices.map((c) => `${c.key} ${c.appClass.type} unknowns=${c.appClass.unknowns.length}`),
      [
        'template.yaml#Pool|signed-in authenticated unknowns=0',
        'template.yaml#Pool|role:AdminRole authenticated unknowns=0',
        'template.yaml#Pool|role:OpsRole authenticated unknowns=0',
        'template.yaml#Pool|role:token authenticated unknowns=1',
      ],
    );
  });

  it("simulates against the picked class's role and the IoT policies, not the authenticated role's", () => {
    const target = (topic: string, appClass?: string) => ({ target: topic, ...(appClass && { appClass: `template.yaml#Pool|${appClass}` }) });
    // The first class of the type when none is picked: the authenticated role allows users/*, not ops/*.
    assert.deepEqual(verdicts(tokenApp, target('users/alice')).slice(1), ['publish=allow', 'subscribe=deny', 'receive=deny']);
    assert.deepEqual(verdicts(tokenApp, target('ops/alice')).slice(1, 2), ['publish=deny']);
    // Users whose token names OpsRole get OpsRole instead: ops/* only.
    assert.deepEqual(verdicts(tokenApp, target('ops/alice', 'role:OpsRole')).slice(1, 2), ['publish=allow']);
    assert.deepEqual(verdicts(tokenApp, target('users/alice', 'role:OpsRole')).slice(1, 2), ['publish=deny']);
  });

  it('says UNKNOWN for a class whose role the files do not define, with what the known policies decide', () => {
    const analysis = analyze(tokenApp);
    const who = whoMayDo(tokenApp, { ...DEFAULT_QUERY, target: 'users/alice', appClass: 'template.yaml#Pool|role:token' }, analysis.scope, analysis.apps);
    const publish = who.rows.find((r) => r.verb === 'publish')!;
    assert.equal(publish.decision, 'unknown');
    assert.match(publish.explanation[0], /^UNKNOWN: the files do not say everything that decides this \(signed-in users whose token names a role/);
    assert.equal(publish.explanation[1], 'The policies the files do give decide DENY:');
  });

  it('a class picked for another identity type is not used: guests of a pool that disables them get no verdict', () => {
    const rows = verdicts(tokenApp, { identityType: 'unauthenticated', appClass: 'template.yaml#Pool|signed-in', target: 'users/alice' });
    assert.deepEqual(rows, ['connect=n/a', 'publish=n/a', 'subscribe=n/a', 'receive=n/a']);
  });

  it('a guest class whose role is defined gets verdicts; a signed-in class with no authenticated role in the files is unknown', () => {
    const fixture = withTemplate(read('extension/test-fixtures/template.yaml'));
    assert.deepEqual(
      templateClasses(analyze(fixture).apps).map((c) => c.key),
      ['template.yaml#Pool|guests', 'template.yaml#Pool|signed-in'],
    );
    assert.deepEqual(verdicts(fixture, { identityType: 'unauthenticated', target: 'users/alice' }), [
      'connect=deny',
      'publish=deny',
      'subscribe=deny',
      'receive=deny',
    ]);
    assert.deepEqual(verdicts(fixture, { target: 'users/alice' }), ['connect=unknown', 'publish=unknown', 'subscribe=unknown', 'receive=unknown']);
  });
});
