import { strict as assert } from 'node:assert';
import { LAMP_LITERAL, LAMP_SUBSTITUTED } from '../project/lamp-template';
import { runCli, tempProject } from './run-cli';

const CONFIG = { parameters: { 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '999988887777' } };
const GUEST_ROLE = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:UpdateThingShadow'],
      Resource: ['client/*', 'topic/*', 'topicfilter/*', 'thing/*'].map((r) => `arn:aws:iot:eu-west-1:999988887777:${r}`),
    },
  ],
};

const guestFindings = (stdout: string) => stdout.split('\n').filter((line) => / error app-guest-reaches-devices /.test(line)).length;

describe('CLI: a stack in another region and account (scope-literal-region-account)', function () {
  this.timeout(120_000);

  it('check fails on the guests reaching the lamp and summary lists their access in eu-west-1 (literal ARNs)', () => {
    const dir = tempProject({ 'template.yaml': LAMP_LITERAL });
    const check = runCli(['check', 'template.yaml'], dir);
    assert.equal(check.status, 1, check.stdout + check.stderr);
    assert.equal(guestFindings(check.stdout), 2, check.stdout);
    const summary = runCli(['summary', 'template.yaml'], dir);
    assert.equal(summary.status, 0, summary.stderr);
    assert.match(summary.stdout, /note: the questions are asked in region eu-west-1, account 999988887777/);
    assert.match(summary.stdout, /guests —[^]*client ID: own identity ID[^]*iot:Publish +\$aws\/things\/lamp-1\/shadow\/update/);
  });

  it('the config’s AWS::Region/AWS::AccountId with !Sub ARNs fail check as without them (was: exit 0 with the config)', () => {
    const withConfig = tempProject({ 'template.yaml': LAMP_SUBSTITUTED, 'iot-policy-lens.config.json': CONFIG });
    const configured = runCli(['check', '.'], withConfig);
    assert.equal(configured.status, 1, configured.stdout + configured.stderr);
    assert.equal(guestFindings(configured.stdout), 2, configured.stdout);
    const unconfigured = runCli(['check', '.'], tempProject({ 'template.yaml': LAMP_SUBSTITUTED }));
    assert.equal(unconfigured.status, 1, unconfigured.stdout + unconfigured.stderr);
    assert.equal(guestFindings(unconfigured.stdout), 2, unconfigured.stdout);
  });

  it('a JSON guest role with --kind unauth-role: the app rule fires and summary lists the grants', () => {
    const dir = tempProject({ 'guest-role.json': GUEST_ROLE });
    const check = runCli(['check', 'guest-role.json', '--kind', 'unauth-role'], dir);
    assert.equal(check.status, 1, check.stdout + check.stderr);
    assert.equal(guestFindings(check.stdout), 2, check.stdout);
    const summary = runCli(['summary', 'guest-role.json', '--kind', 'unauth-role'], dir);
    assert.equal(summary.status, 0, summary.stderr);
    assert.doesNotMatch(summary.stdout, /cannot connect/);
    assert.match(summary.stdout, /iot:UpdateThingShadow +\*/);
  });
});
