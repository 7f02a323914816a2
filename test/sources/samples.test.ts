import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadScenario, runScenario } from '../../analyzer';
import { ROOT, runCli } from '../cli/run-cli';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
}

/** The JSON samples' policies and the names the same policies have in the IaC versions of the apps. */
const CLOUDFORMATION_NAMES: Record<string, Record<string, string>> = {
  'per-user-app': {
    'auth-role.json': 'AuthRole.Policies[IotDataPlane]',
    'guest-role.json': 'GuestRole.Policies[GuestBroadcasts]',
    'user.iot.json': 'UserIotPolicy',
  },
  'broken-app': {
    'auth-role.json': 'AuthRole.Policies[AppRole]',
    'guest-role.json': 'GuestRole.Policies[Guest]',
    'typos.iot.json': 'TyposPolicy',
    'user.iot.json': 'UserIotPolicy',
  },
};
const TERRAFORM_NAMES: Record<string, Record<string, string>> = {
  'per-user-app': { 'auth-role.json': 'aws_iam_role_policy.auth', 'guest-role.json': 'aws_iam_role_policy.guest', 'user.iot.json': 'aws_iot_policy.user' },
  'broken-app': {
    'auth-role.json': 'aws_iam_role.auth.Policies[app]',
    'guest-role.json': 'aws_iam_policy.guest',
    'typos.iot.json': 'aws_iot_policy.typos',
    'user.iot.json': 'aws_iot_policy.user',
  },
};
const IAC_VERSIONS: Array<[string, Record<string, Record<string, string>>]> = [
  ['cloudformation/template.yaml', CLOUDFORMATION_NAMES],
  ['serverless/serverless.yml', CLOUDFORMATION_NAMES],
  ['terraform/main.tf', TERRAFORM_NAMES],
];

describe('IaC samples agree with the JSON samples', function () {
  this.timeout(60_000);
  const report = JSON.parse(runCli(['check', 'samples', '--format', 'json', '--fail-on', 'none']).stdout) as {
    findings: JsonFinding[];
    files: Array<{ path: string; name?: string; kind?: string }>;
  };
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

/** A FileHost over the repository, paths relative to it (as the CLI shows them). */
const repoHost = {
  readFile: (file: string) => (fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), 'utf8') : undefined),
  resolve: (from: string, reference: string) => path.posix.join(path.posix.dirname(from), reference),
};

describe('IaC samples give the same scenario verdicts as the JSON samples', () => {
  for (const app of Object.keys(CLOUDFORMATION_NAMES)) {
    const scenarioFile = `samples/${app}/scenario.json`;
    const original = repoHost.readFile(scenarioFile)!;
    const verdicts = (text: string) => {
      const { scenario, problems } = loadScenario(text, scenarioFile, repoHost);
      assert.deepEqual(
        problems.filter((p) => p.severity === 'error'),
        [],
      );
      return runScenario(scenario!).steps.map((s) => `${s.label}: ${s.decision}`);
    };
    for (const [version, names] of IAC_VERSIONS) {
      it(`${app}'s scenario with its policies taken from ${version} by name (${version}#Name)`, () => {
        // Every reference to a JSON policy becomes the same policy inside the template.
        const rewritten = original.replace(/"policies\/([\w.-]+\.json)"/g, (whole, file: string) =>
          names[app][file] ? JSON.stringify(`${version}#${names[app][file]}`) : whole,
        );
        assert.notEqual(rewritten, original);
        assert.deepEqual(verdicts(rewritten), verdicts(original));
      });
    }
  }

  for (const app of Object.keys(CLOUDFORMATION_NAMES)) {
    for (const [version, names] of IAC_VERSIONS) {
      it(`${app}'s scenario naming the app ("app": "${version}") instead of its role policies`, () => {
        const scenarioFile = `samples/${app}/scenario.json`;
        const original = repoHost.readFile(scenarioFile)!;
        const rest = JSON.parse(original);
        delete rest.roles;
        // The roles come from the pool; each identity's IoT policies are named inside the app ("#Name").
        const identities = Object.fromEntries(
          Object.entries<{ iotPolicies?: string[] }>(rest.identities).map(([name, identity]) => [
            name,
            { ...identity, ...(identity.iotPolicies && { iotPolicies: identity.iotPolicies.map((ref) => `#${names[app][ref.replace('policies/', '')]}`) }) },
          ]),
        );
        const named = JSON.stringify({ ...rest, app: version, identities }, null, 2);
        const { scenario, problems } = loadScenario(named, scenarioFile, repoHost);
        assert.deepEqual(
          problems.filter((p) => p.severity === 'error').map((p) => p.message),
          [],
        );
        const steps = (loaded: NonNullable<typeof scenario>) => runScenario(loaded).steps.map((s) => `${s.label}: ${s.decision}`);
        assert.deepEqual(steps(scenario!), steps(loadScenario(original, scenarioFile, repoHost).scenario!));
      });
    }
  }

  it('refuses a policy whose values the files do not give, names the policies a template has, and keeps ranges in the template', () => {
    const template =
      'Parameters:\n  Arn: { Type: String }\nResources:\n  P:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Effect: Allow, Action: iot:Connect, Resource: !Ref Arn }\n  Q:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Effect: Allow, Action: iot:Connect, Resource: "*" }\n';
    const host = { readFile: (file: string) => (file === 't.yaml' ? template : undefined), resolve: (_from: string, reference: string) => reference };
    const scenario = (reference: string) =>
      JSON.stringify({
        identities: { a: { type: 'authenticated', identityId: 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab', iotPolicies: [reference] } },
        steps: [],
      });
    assert.match(
      loadScenario(scenario('t.yaml#P'), 's.json', host).problems[0]?.message ?? '',
      /^policy "P" depends on Ref Arn \(a parameter without a Default\) that the files do not give/,
    );
    assert.match(loadScenario(scenario('t.yaml#Nope'), 's.json', host).problems[0]?.message ?? '', /^t\.yaml has no policy named "Nope" \(it has "P", "Q"\)$/);
    const loaded = loadScenario(scenario('t.yaml#Q'), 's.json', host);
    assert.deepEqual(loaded.problems, []);
    const statement = loaded.scenario!.policies[0].policy.source.statements[0];
    assert.deepEqual([statement.range.file, statement.range.start.line], ['t.yaml', 17]);
  });
});
