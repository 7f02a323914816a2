import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../cli/run-cli';

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported: boolean | string; restrictedConfigurations?: string[] } };
  contributes: { commands: Array<{ command: string; enablement?: string }>; configuration: { properties: Record<string, unknown> } };
}

const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', 'package.json'), 'utf8'));

/** Commands that call AWS, compare with git or write files: never in Restricted Mode. */
const NEEDS_TRUST = ['attachPolicy', 'listAttachedPolicies', 'detachPolicy', 'reviewIdentityPool', 'whatDoesThisChangeGrant', 'newFromTemplate', 'setKind'];

describe('extension manifest: Restricted Mode', () => {
  it('supports untrusted workspaces in a limited way, and a workspace cannot set the AWS endpoint or profile', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.deepEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), ['iotPolicyLens.aws.endpoint', 'iotPolicyLens.aws.profile']);
    for (const setting of untrusted!.restrictedConfigurations!)
      assert.ok(manifest.contributes.configuration.properties[setting], `${setting} is a declared setting`);
  });

  it('enables AWS, git and file-writing commands in trusted workspaces only; lint and simulate stay available', () => {
    const trusted = manifest.contributes.commands.filter((c) => c.enablement === 'isWorkspaceTrusted').map((c) => c.command.replace('iotPolicyLens.', ''));
    assert.deepEqual(trusted.sort(), [...NEEDS_TRUST].sort());
    for (const open of ['runScenario', 'openSimulator', 'explainStatement', 'proveScenario']) assert.ok(!trusted.includes(open), open);
  });
});
