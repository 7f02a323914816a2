import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { appPolicy, checkProject, DEFAULT_SCOPE, parsePolicy, projectFilesOf, type App, type PolicyKind } from '../../analyzer';
import { summarizeApp, summarizeApps } from '../../analyzer/summary';
import { nodeFileHost } from '../../cli/node-host';
import { discoverFiles, findConfigFile, loadConfig } from '../../cli/project-files';
import { ROOT } from '../cli/run-cli';

const ARN = 'arn:aws:iot:us-east-1:123456789012';
const SUB = '${cognito-identity.amazonaws.com:sub}';
const AUD = '${cognito-identity.amazonaws.com:aud}';

function sampleApps(sample: string): App[] {
  const { config } = loadConfig(findConfigFile(path.join(ROOT, 'iot-policy-lens.config.json')));
  const discovery = discoverFiles([path.join(ROOT, 'samples', sample)], config, ROOT);
  return checkProject(projectFilesOf(discovery.files), { config, host: nodeFileHost, rules: false }).apps;
}

const policy = (name: string, kind: PolicyKind, statements: unknown[]) =>
  appPolicy(name, kind, () => parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), name));

/** Signed-in users of a pool whose IoT policy gives each pool its own topics. */
function poolApp(identityPoolId: string): App {
  return {
    name: identityPoolId,
    file: `${identityPoolId}.json`,
    origin: 'scenario',
    scope: DEFAULT_SCOPE,
    identityPoolId,
    notes: [],
    classes: [
      {
        id: 'signed-in',
        label: 'signed-in users',
        type: 'authenticated',
        rolePolicies: [policy('auth.json', 'auth-role', [{ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish'], Resource: '*' }])],
        iotPolicies: [
          policy('user.iot.json', 'iot', [
            { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
            { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/pools/${AUD}/*` },
          ]),
        ],
        certain: true,
        unknowns: [],
      },
    ],
  };
}

// The apps of one run share their automata (analyzer/summary/shared-automata.ts): sharing must change nothing.
describe('access summary of several apps', () => {
  for (const sample of ['per-user-app', 'broken-app']) {
    it(`samples/${sample}: each app's summary is the same summarised with the others as alone`, () => {
      const apps = sampleApps(sample);
      assert.ok(apps.length > 1);
      assert.deepEqual(
        summarizeApps(apps).apps,
        apps.map((app) => summarizeApp(app)),
      );
    });
  }

  it('apps that differ only by the identity pool ID their policies read keep their own grants', () => {
    // Pool IDs of the same characters (the same alphabet): only the pool ID tells the apps' sets apart. Ambiguous:
    // whether an IoT policy sees the Cognito keys is not documented (reading A3).
    const apps = [poolApp('pool-one'), poolApp('pool-neo')];
    const together = summarizeApps(apps).apps;
    assert.deepEqual(
      together,
      apps.map((app) => summarizeApp(app)),
    );
    const examples = together.map((app) => app.classes[0].actions.find((a) => a.action === 'iot:Publish')!.grants.map((g) => [g.example.resource, g.status]));
    assert.deepEqual(examples, [[['pools/pool-one/x', 'ambiguous']], [['pools/pool-neo/x', 'ambiguous']]]);
  });
});
