import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { RULES } from '../../analyzer';
import { artifactLocation } from '../../cli/format/sarif';
import { ROOT, runCli } from './run-cli';

// The official OASIS SARIF 2.1.0 schema (rtm.5, as published by SchemaStore and shipped in @microsoft/jest-sarif).
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif-2.1.0-rtm.5.json'), 'utf8'));

describe('SARIF output of every command', function () {
  // prove and diff search automata in a child process: generous on a busy machine.
  this.timeout(120_000);
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
  const commands = [
    ['check', 'samples'],
    ['prove', 'samples'],
    ['diff', 'samples/per-user-app', 'samples/broken-app', '--fail-on-new-access'],
    ['diff', 'samples/per-user-app', 'samples/broken-app'],
  ];
  for (const args of commands)
    it(`${args.join(' ')}: validates against the official SARIF 2.1.0 schema, every result's rule in the catalog`, () => {
      const { status, stdout, stderr } = runCli([...args, '--format', 'sarif']);
      assert.ok(status === 0 || status === 1, stderr);
      const sarif = JSON.parse(stdout);
      assert.equal(validate(sarif), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      const [run] = sarif.runs;
      assert.ok(run.results.length > 0, 'the samples give results');
      for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    });
});

describe('SARIF output', () => {
  const { status, stdout } = runCli(['check', 'samples', '--format', 'sarif']);
  const sarif = JSON.parse(stdout);

  it('check exits 1 on the samples', () => assert.equal(status, 1));

  it('has what GitHub code scanning needs: rule metadata, help URIs, levels and relative locations', () => {
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'iot-policy-lens');
    assert.ok(run.tool.driver.rules.length >= RULES.length);
    for (const rule of run.tool.driver.rules) {
      assert.match(rule.helpUri, /^https:\/\//);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text);
    }
    const takeover = run.results.find(
      (r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        r.ruleId === 'app-client-id-takeover' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith('user.iot.json'),
    );
    assert.equal(run.tool.driver.rules[takeover.ruleIndex].id, 'app-client-id-takeover');
    assert.equal(takeover.level, 'error');
    assert.deepEqual(takeover.locations[0].physicalLocation, {
      artifactLocation: { uri: 'samples/broken-app/policies/user.iot.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 8, startColumn: 19, endLine: 8, endColumn: 78 },
    });
    // The statements that also take part (the authenticated role's Connect) are related locations.
    assert.ok(
      takeover.relatedLocations.some((l: { physicalLocation: { artifactLocation: { uri: string } } }) =>
        l.physicalLocation.artifactLocation.uri.endsWith('auth-role.json'),
      ),
    );
    // The literal "+" of topicfilter/users/+/status is reported as info: a note in SARIF.
    const info = run.results.find(
      (r: { ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) =>
        r.ruleId === 'mqtt-wildcard-in-allow' && r.locations[0].physicalLocation.region.startLine === 27,
    );
    assert.equal(info.level, 'note');
  });
});

describe('SARIF file locations', () => {
  it('are relative to %SRCROOT% under the working folder and file:// URIs elsewhere, every segment encoded', () => {
    assert.deepEqual(artifactLocation('policies/user #1.iot.json'), { uri: 'policies/user%20%231.iot.json', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('/tmp/sp ace/a#b.json'), { uri: 'file:///tmp/sp%20ace/a%23b.json' });
    for (const { uri } of [artifactLocation('/tmp/sp ace/a#b.json'), artifactLocation('a b/c.json')]) assert.doesNotThrow(() => new URL(uri, 'file:///root/'));
  });
});
