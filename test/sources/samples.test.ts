import { strict as assert } from 'node:assert';
import { runCli } from '../cli/run-cli';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
}

/** The JSON samples' policies and the names the same policies have in the IaC versions of the apps. */
const CLOUDFORMATION_NAMES: Record<string, Record<string, string>> = {
  'per-user-app': { 'auth-role.json': 'AuthRole.Policies[IotDataPlane]', 'guest-role.json': 'GuestRole.Policies[GuestBroadcasts]', 'user.iot.json': 'UserIotPolicy' },
  'broken-app': { 'auth-role.json': 'AuthRole.Policies[AppRole]', 'guest-role.json': 'GuestRole.Policies[Guest]', 'typos.iot.json': 'TyposPolicy', 'user.iot.json': 'UserIotPolicy' },
};
const TERRAFORM_NAMES: Record<string, Record<string, string>> = {
  'per-user-app': { 'auth-role.json': 'aws_iam_role_policy.auth', 'guest-role.json': 'aws_iam_role_policy.guest', 'user.iot.json': 'aws_iot_policy.user' },
  'broken-app': { 'auth-role.json': 'aws_iam_role.auth.Policies[app]', 'guest-role.json': 'aws_iam_policy.guest', 'typos.iot.json': 'aws_iot_policy.typos', 'user.iot.json': 'aws_iot_policy.user' },
};
const IAC_VERSIONS: Array<[string, Record<string, Record<string, string>>]> = [
  ['cloudformation/template.yaml', CLOUDFORMATION_NAMES],
  ['serverless/serverless.yml', CLOUDFORMATION_NAMES],
  ['terraform/main.tf', TERRAFORM_NAMES],
];

describe('IaC samples agree with the JSON samples', function () {
  this.timeout(60_000);
  const report = JSON.parse(runCli(['check', 'samples', '--format', 'json', '--fail-on', 'none']).stdout) as { findings: JsonFinding[]; files: Array<{ path: string; name?: string; kind?: string }> };
  const rulesOf = (findings: JsonFinding[]) => findings.map((f) => `${f.severity} ${f.ruleId}`).sort();

  for (const app of Object.keys(CLOUDFORMATION_NAMES)) {
    for (const [version, names] of IAC_VERSIONS) {
      const policies = names[app];
      const iacFile = `samples/${app}/${version}`;
      it(`${iacFile}: the same findings and kinds, policy by policy`, () => {
        for (const [jsonName, iacName] of Object.entries(policies)) {
          const jsonFile = `samples/${app}/policies/${jsonName}`;
          const fromJson = rulesOf(report.findings.filter((f) => f.file === jsonFile));
          const fromIac = rulesOf(report.findings.filter((f) => f.file === iacFile && f.message.startsWith(`${iacName}: `)));
          assert.deepEqual(fromIac, fromJson, `${iacFile} ${iacName} vs ${jsonFile}`);
          const jsonKind = report.files.find((f) => f.path === jsonFile)?.kind;
          const iacKind = report.files.find((f) => f.path === iacFile && f.name === iacName)?.kind;
          assert.equal(iacKind, jsonKind, `kind of ${iacName}`);
        }
      });
    }
  }
});
