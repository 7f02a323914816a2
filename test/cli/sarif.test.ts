import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { RULES } from '../../analyzer';
import { artifactLocation } from '../../cli/format/sarif';
import { ROOT, runCli } from './run-cli';

// The official OASIS SARIF 2.1.0 schema (rtm.5, as published by SchemaStore and shipped in @microsoft/jest-sarif).
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif-2.1.0-rtm.5.json'), 'utf8'));

describe('SARIF output', () => {
  const { status, stdout } = runCli(['check', 'samples', '--format', 'sarif']);
  const sarif = JSON.parse(stdout);

  it('validates against the official SARIF 2.1.0 schema', () => {
    assert.equal(status, 1);
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.equal(validate(sarif), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });

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
