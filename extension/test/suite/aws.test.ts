import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeAws, type FakeAws } from '../../../test/aws/fake-aws';
import { activateExtension, codeOf, open, revertAllAndClose, waitForDiagnostics, workspaceRoot } from './helpers';

const IDENTITY = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';

describe('one-click AttachPolicy in the editor, against a local AWS (real SDK, SigV4 checked)', () => {
  let aws: FakeAws;
  const good = path.join('policies', 'good.iot.json');

  before(async () => {
    await activateExtension();
    aws = await startFakeAws();
    // The extension host is this process: the SDK's default chain reads these.
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
      AWS_CONFIG_FILE: path.join(os.tmpdir(), 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(os.tmpdir(), 'no-aws-credentials'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    const settings = vscode.workspace.getConfiguration('iotPolicyLens.aws');
    await settings.update('endpoint', aws.endpoint, vscode.ConfigurationTarget.Workspace);
    await settings.update('region', aws.region, vscode.ConfigurationTarget.Workspace);
    const template = JSON.parse(fs.readFileSync(path.join(workspaceRoot(), 'policies', 'user.iot.json'), 'utf8'));
    template.Statement[2].Resource = template.Statement[2].Resource.replace(':topic/', ':topicfilter/');
    fs.writeFileSync(path.join(workspaceRoot(), good), JSON.stringify(template, null, 2));
  });

  after(async () => {
    await aws.close();
    fs.rmSync(path.join(workspaceRoot(), good), { force: true });
  });

  afterEach(revertAllAndClose);

  it('shows the Attach lens on IoT policies only', async () => {
    const editor = await open(good);
    await waitForDiagnostics(editor.document.uri, (d) => d.length === 0);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
    assert.ok(
      lenses.some((l) => l.command?.command === 'iotPolicyLens.attachPolicy'),
      JSON.stringify(lenses.map((l) => l.command?.title)),
    );
    const role = await open('policies/auth-role.json');
    const roleLenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', role.document.uri)) ?? [];
    assert.ok(!roleLenses.some((l) => l.command?.command === 'iotPolicyLens.attachPolicy'));
  });

  it('refuses a policy with error-level findings without calling AWS', async () => {
    const editor = await open('policies/user.iot.json');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'resource-type-mismatch'));
    const outcome = (await vscode.commands.executeCommand('iotPolicyLens.attachPolicy', editor.document.uri, {
      identityId: IDENTITY,
      policyName: 'Bad',
      allowErrors: false,
    })) as { status: string };
    assert.strictEqual(outcome.status, 'refused');
    assert.deepStrictEqual(aws.requests, []);
  });

  it('asked interactively, refuses by default: the first button of the refusal keeps it refused', async () => {
    const editor = await open('policies/user.iot.json');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'resource-type-mismatch'));
    let settled = false;
    const attach = Promise.resolve(
      vscode.commands.executeCommand('iotPolicyLens.attachPolicy', editor.document.uri, { identityId: IDENTITY, policyName: 'Bad' }),
    ).finally(() => (settled = true));
    // The refusal is a notification; press its primary button (as Enter on it would) until the command returns.
    for (let tries = 0; !settled && tries < 300; tries++) {
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const outcome = (await attach) as { status: string };
    assert.strictEqual(outcome.status, 'refused');
    assert.deepStrictEqual(aws.requests, []);
  });

  it('creates and attaches the policy, then a second click is a no-op that says so', async () => {
    const editor = await open(good);
    const uri = editor.document.uri;
    const first = (await vscode.commands.executeCommand('iotPolicyLens.attachPolicy', uri, {
      identityId: IDENTITY,
      policyName: 'AppUsers',
      assumeYes: true,
    })) as { status: string; policy: string };
    assert.deepStrictEqual([first.status, first.policy], ['attached', 'created']);
    assert.deepStrictEqual([...aws.state.iot.attachments.get(IDENTITY)!], ['AppUsers']);
    assert.deepStrictEqual(JSON.parse(aws.state.iot.policies.get('AppUsers')!.versions[0].document), JSON.parse(editor.document.getText()));
    const second = (await vscode.commands.executeCommand('iotPolicyLens.attachPolicy', uri, {
      identityId: IDENTITY,
      policyName: 'AppUsers',
      assumeYes: true,
    })) as { status: string };
    assert.strictEqual(second.status, 'already-attached');
    assert.strictEqual(aws.requests.filter((r) => r.operation === 'AttachPolicy').length, 1);
  });

  it('creates a new default version when the file changed', async () => {
    const editor = await open(good);
    const text = editor.document.getText().replace('"ReceiveOwn"', '"ReceiveOwnTopics"');
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length)), text),
    );
    const outcome = (await vscode.commands.executeCommand('iotPolicyLens.attachPolicy', editor.document.uri, {
      identityId: IDENTITY,
      policyName: 'AppUsers',
      assumeYes: true,
    })) as { status: string; policy: string; versionId: string };
    assert.deepStrictEqual([outcome.status, outcome.policy, outcome.versionId], ['already-attached', 'new-version', '2']);
    assert.deepStrictEqual(
      aws.state.iot.policies.get('AppUsers')!.versions.map((v) => `${v.versionId}${v.isDefault ? '*' : ''}`),
      ['1', '2*'],
    );
  });

  it('lists and detaches the policies of an identity', async () => {
    const listed = await vscode.commands.executeCommand('iotPolicyLens.listAttachedPolicies', IDENTITY);
    assert.deepStrictEqual(listed, ['AppUsers']);
    const result = await vscode.commands.executeCommand('iotPolicyLens.detachPolicy', { identityId: IDENTITY, policyName: 'AppUsers', assumeYes: true });
    assert.strictEqual(result, 'detached');
    assert.deepStrictEqual([...(aws.state.iot.attachments.get(IDENTITY) ?? [])], []);
  });

  it('explains a missing permission in plain words, leaving AWS as it says', async () => {
    aws.denyOperations(['AttachPolicy']);
    const editor = await open(good);
    const outcome = await vscode.commands.executeCommand('iotPolicyLens.attachPolicy', editor.document.uri, {
      identityId: IDENTITY,
      policyName: 'AppUsers',
      assumeYes: true,
    });
    assert.strictEqual(outcome, undefined, 'the command reports the error instead of returning an outcome');
    assert.deepStrictEqual([...(aws.state.iot.attachments.get(IDENTITY) ?? [])], []);
    aws.denyOperations([]);
  });
});
