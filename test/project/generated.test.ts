import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const run = (script: string, ...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('generated artifacts stay in step with their sources', () => {
  it('analyzer/generated types match schemas/ (npm run schemas:types)', function () {
    const result = run('scripts/generate-schema-types.js', '--check');
    assert.equal(result.status, 0, result.stderr);
  });

  it("docs/rules (the catalog and a page per rule) matches the rules' metadata (npm run docs:rules)", () => {
    const result = run('scripts/generate-rule-docs.js', '--check');
    assert.equal(result.status, 0, result.stderr);
  });

  it('docs/readings.md matches the reading catalog (npm run docs:readings)', () => {
    const result = run('scripts/generate-readings-doc.js', '--check');
    assert.equal(result.status, 0, result.stderr);
  });

  it('the README library example runs and prints real verdicts', () => {
    const result = run('examples/library-api.js');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /alice may publish to her telemetry topic: true/);
    assert.match(result.stdout, /alice may subscribe to users\/\+\/telemetry: false/);
    assert.match(result.stdout, /alice receives broadcast\/admin\/rotate-keys: deny \(IoT policy: explicit-deny\)/);
    assert.match(result.stdout, /alice subscribes over HTTPS: deny \(iot:Subscribe happens only over MQTT/);
  });
});
