import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkTemplateFile, describeAction, describeVariable, lintPolicyText, ResolvedConfig, parseConfig } from '../../../analyzer';
import { COMMAND_NAMES, COMMAND_PREFIX, COMMANDS, commandId, type CommandSpec } from '../../src/commands';
import { readAtHead } from '../../src/git-head';
import type { SimulatorPanel } from '../../src/simulator-panel';
import {
  activateExtension,
  codeOf,
  open,
  type LensApi,
  ours,
  readFile,
  replaceInDocument,
  revertAllAndClose,
  screenshot,
  waitForDiagnostics,
  workspaceRoot,
} from './helpers';

/** Polls until `check` is true (for state the extension computes asynchronously), up to a few seconds. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 45_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 100))) {
    if (await check()) return true;
  }
  return false;
}

describe('IoT Policy Lens in a real VS Code extension host', () => {
  let api: LensApi;
  before(async () => {
    console.log(
      `vscode ${vscode.version}, appHost=${vscode.env.appHost}, uiKind=${vscode.env.uiKind === vscode.UIKind.Web ? 'Web' : 'Desktop'}, node ${process.version}`,
    );
    api = await activateExtension();
  });

  after(async () => {
    // Figures for the record (budgets live in npm run bench, not in assertions).
    const editor = await open('policies/user.iot.json');
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0);
    const state = (await api.ready()).lensForTests()?.diagnostics.state(editor.document.uri);
    console.log(
      `activation ${api.activationMs().toFixed(1)} ms; last check of policies/user.iot.json (${editor.document.getText().length} chars) ${state?.elapsedMs.toFixed(2)} ms`,
    );
  });

  afterEach(revertAllAndClose);

  it("shows the CLI's findings on a bad policy, with 0-based ranges and rule codes, and clears them when fixed", async () => {
    const editor = await open('policies/user.iot.json');
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'resource-type-mismatch'));
    // Exactly what the CLI reports for the same file and config (1-based there, 0-based here).
    const config = parseConfig(readFile('iot-policy-lens.config.json'), 'iot-policy-lens.config.json').config ?? new ResolvedConfig();
    const expected = lintPolicyText(editor.document.getText(), 'policies/user.iot.json', config.lintOptionsFor('policies/user.iot.json', 'iot')).findings;
    assert.deepStrictEqual(
      diagnostics
        .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${codeOf(d)}`)
        .sort(),
      expected.map((f) => `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.ruleId}`).sort(),
    );
    const mismatch = diagnostics.find((d) => codeOf(d) === 'resource-type-mismatch')!;
    assert.strictEqual(mismatch.range.start.line, 19);
    assert.strictEqual(mismatch.range.start.character, 18);
    assert.strictEqual(mismatch.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(typeof mismatch.code === 'object' && mismatch.code.target.path.endsWith('/docs/rules/resource-type-mismatch.md'));

    await replaceInDocument(
      editor,
      '"arn:aws:iot:us-east-1:123456789012:topic/users/${cognito-identity.amazonaws.com:sub}/*"\n    },\n    {\n      "Sid": "ReceiveOwn"',
      '"arn:aws:iot:us-east-1:123456789012:topicfilter/users/${cognito-identity.amazonaws.com:sub}/*"\n    },\n    {\n      "Sid": "ReceiveOwn"',
    );
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === 'resource-type-mismatch'));
  });

  it("shows the CLI's findings inside a CloudFormation YAML template, with the kinds its role attachment gives", async () => {
    const editor = await open('template.yaml');
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'client-id-spoofing'));
    const config = parseConfig(readFile('iot-policy-lens.config.json'), 'iot-policy-lens.config.json').config ?? new ResolvedConfig();
    const expected = checkTemplateFile(
      { path: 'template.yaml', configPath: 'template.yaml', text: editor.document.getText(), role: 'template', format: 'cloudformation' },
      { config, host: { readFile: () => undefined, resolve: (_f: string, r: string) => r } },
    ).findings;
    assert.deepStrictEqual(
      diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`).sort(),
      expected.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId}`).sort(),
    );
    // The guest role's policy got the unauth-role rules; the IoT policy's finding is on the variable.
    assert.ok(
      diagnostics.some((d) => codeOf(d) === 'guest-device-access' && d.range.start.line === 22),
      JSON.stringify(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${codeOf(d)}`)),
    );
    const spoofing = diagnostics.find((d) => codeOf(d) === 'client-id-spoofing')!;
    assert.deepStrictEqual([spoofing.range.start.line, spoofing.range.start.character], [31, editor.document.lineAt(31).text.indexOf('${iot:ClientId}')]);
  });

  it('hovers on an action and on policy variables inside a CloudFormation YAML template, as in a JSON policy', async () => {
    const editor = await open('template.yaml');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'client-id-spoofing'));
    const text = editor.document.getText();
    /** Our hover at the `delta`-th character of `needle`: its Markdown and the text its range covers. */
    const hoverAt = async (needle: string, delta: number) => {
      const position = editor.document.positionAt(text.indexOf(needle) + delta);
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position)) ?? [];
      const found = hovers.flatMap((h) => h.contents.map((c) => ({ value: typeof c === 'string' ? c : c.value, range: h.range })));
      const ours = found.find((h) => h.value.startsWith('**'));
      assert.ok(ours?.range, `no hover of ours at ${needle}: ${JSON.stringify(found)}`);
      return { markdown: ours.value, covered: editor.document.getText(ours.range), line: ours.range.start.line };
    };
    const action = await hoverAt('iot:Connect', 4);
    assert.deepEqual(action, { markdown: describeAction('iot:Connect'), covered: 'iot:Connect', line: 30 });
    const plain = await hoverAt('${iot:ClientId}', 3);
    assert.deepEqual(plain, { markdown: describeVariable('iot:ClientId'), covered: '${iot:ClientId}', line: 31 });
    // Inside !Sub a policy variable is written ${!…}.
    const sub = await hoverAt('${!cognito-identity.amazonaws.com:sub}', 5);
    assert.deepEqual(sub, { markdown: describeVariable('cognito-identity.amazonaws.com:sub'), covered: '${!cognito-identity.amazonaws.com:sub}', line: 34 });
  });

  it("applies a rule's quick fix, and the finding goes away", async () => {
    const editor = await open('policies/user.iot.json');
    const [mismatch] = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'resource-type-mismatch')).then((d) =>
      d.filter((x) => codeOf(x) === 'resource-type-mismatch'),
    );
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, mismatch.range)) ?? [];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore resource-type-mismatch for this file'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for resource-type-mismatch'));
    const fix = actions.find((a) => a.title === 'Change "topic/" to "topicfilter/"');
    assert.ok(fix?.edit, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.lineAt(19).text, /:topicfilter\/users\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*"/);
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === 'resource-type-mismatch'));
  });

  describe('quick fixes after an edit, before the next check', () => {
    const settings = () => vscode.workspace.getConfiguration('iotPolicyLens');
    const SUBSCRIBE_ARN = '"iot:Subscribe",\n      "Resource": "arn:aws:iot:us-east-1:';

    /** Opens the policy with its finding, then adds one character inside the flagged ARN, before "topic/": every later offset moves by one. */
    async function editBeforeTheCheck(): Promise<{ editor: vscode.TextEditor; flagged: vscode.Range }> {
      const editor = await open('policies/user.iot.json');
      const lens = (await api.ready()).lensForTests();
      // Checked now: this also drops a check still scheduled from before (the previous test's revert), which would otherwise check the edit.
      lens?.diagnostics.check(editor.document);
      const [mismatch] = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'resource-type-mismatch')).then((d) =>
        d.filter((x) => codeOf(x) === 'resource-type-mismatch'),
      );
      await replaceInDocument(editor, SUBSCRIBE_ARN, SUBSCRIBE_ARN.replace('us-east-1', 'us-east-12'));
      assert.notStrictEqual(lens?.diagnostics.state(editor.document.uri)?.version, editor.document.version, 'the edit is not checked yet');
      return { editor, flagged: mismatch.range };
    }

    const quickFixes = async (editor: vscode.TextEditor, range: vscode.Range) =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        editor.document.uri,
        range,
        vscode.CodeActionKind.QuickFix.value,
      )) ?? [];

    afterEach(async () => {
      await settings().update('run', undefined, vscode.ConfigurationTarget.Global);
      await settings().update('debounceMs', undefined, vscode.ConfigurationTarget.Global);
    });

    it('checking on type: the fix is computed again for the text as it is, never moved from the earlier version', async () => {
      // A check that would come only after a minute: the code actions are asked for before it.
      await settings().update('debounceMs', 60_000, vscode.ConfigurationTarget.Global);
      const { editor, flagged } = await editBeforeTheCheck();
      const actions = await quickFixes(editor, flagged);
      const fixes = actions.filter((a) => a.edit);
      assert.deepStrictEqual(
        fixes.map((a) => a.title),
        ['Change "topic/" to "topicfilter/"'],
        actions.map((a) => a.title).join(' | '),
      );
      assert.ok(await vscode.workspace.applyEdit(fixes[0].edit!));
      assert.strictEqual(
        editor.document.lineAt(19).text,
        '      "Resource": "arn:aws:iot:us-east-12:123456789012:topicfilter/users/${cognito-identity.amazonaws.com:sub}/*"',
      );
    });

    it('checking on save: no fix is offered until the save checks the text, only "ignore" and the documentation', async () => {
      await settings().update('run', 'onSave', vscode.ConfigurationTarget.Global);
      // The extension reads the setting on each keystroke and when a check scheduled before it comes due: edit once it sees it.
      for (const started = Date.now(); settings().get('run') !== 'onSave'; await new Promise((resolve) => setTimeout(resolve, 20))) {
        if (Date.now() - started > 45_000) throw new Error('the run setting never became onSave');
      }
      const { editor, flagged } = await editBeforeTheCheck();
      const actions = await quickFixes(editor, flagged);
      assert.deepStrictEqual(actions.map((a) => a.title).sort(), [
        'Ignore resource-type-mismatch for this file',
        'Show documentation for resource-type-mismatch',
      ]);
      assert.ok(actions.every((a) => !a.edit));
    });
  });

  it('registers exactly the commands of its typed table, and package.json contributes exactly those with a title', async () => {
    const manifest = vscode.extensions.getExtension('iot-policy-lens.iot-policy-lens')!.packageJSON as {
      contributes: { commands: Array<{ command: string; title: string; category?: string; enablement?: string }> };
    };
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    assert.deepStrictEqual(
      manifest.contributes.commands.map((c) => ({ id: c.command, title: c.title, trusted: c.enablement === 'isWorkspaceTrusted' })).sort(byId),
      COMMAND_NAMES.flatMap((name) => {
        const spec: CommandSpec = COMMANDS[name];
        return spec.title ? [{ id: commandId(name), title: spec.title, trusted: spec.trusted === true }] : [];
      }).sort(byId),
    );
    assert.ok(manifest.contributes.commands.every((c) => c.category === 'IoT Policy Lens'));
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith(COMMAND_PREFIX));
    assert.deepStrictEqual(registered.sort(), COMMAND_NAMES.map(commandId).sort());
  });

  it('changes severities when the config file changes, and "ignore this rule" writes the config', async () => {
    const editor = await open('untyped.json');
    // Without a kind only kind-neutral rules run: no app-client-id-takeover yet (the class comes from the kind).
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === 'app-client-id-takeover'));
    const configFile = path.join(workspaceRoot(), 'iot-policy-lens.config.json');
    const original = fs.readFileSync(configFile, 'utf8');
    try {
      fs.writeFileSync(
        configFile,
        JSON.stringify({ kinds: { 'policies/*.iot.json': 'iot', 'untyped.json': 'iot' }, rules: { 'app-client-id-takeover': 'warning' } }, null, 2),
      );
      const warned = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'app-client-id-takeover'));
      assert.strictEqual(warned.find((x) => codeOf(x) === 'app-client-id-takeover')!.severity, vscode.DiagnosticSeverity.Warning);

      await vscode.commands.executeCommand('iotPolicyLens.ignoreRule', editor.document.uri, 'app-client-id-takeover');
      await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === 'app-client-id-takeover'));
      const written = JSON.parse(fs.readFileSync(configFile, 'utf8'));
      assert.deepStrictEqual(written.ignore, [{ files: 'untyped.json', rules: ['app-client-id-takeover'] }]);
      assert.strictEqual(written.rules['app-client-id-takeover'], 'warning', 'the rest of the config is kept');
    } finally {
      fs.writeFileSync(configFile, original);
    }
  });

  it("sets a file's kind in the config from the editor", async () => {
    const configFile = path.join(workspaceRoot(), 'iot-policy-lens.config.json');
    const original = fs.readFileSync(configFile, 'utf8');
    try {
      const editor = await open('untyped.json');
      const offered = await eventually(async () =>
        ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? []).some(
          (l) => l.command?.command === 'iotPolicyLens.setKind',
        ),
      );
      assert.ok(offered, 'an untyped policy offers to set its kind');
      const kind = await vscode.commands.executeCommand('iotPolicyLens.setKind', editor.document.uri, 'iot');
      assert.strictEqual(kind, 'iot');
      assert.deepStrictEqual(JSON.parse(fs.readFileSync(configFile, 'utf8')).kinds, { 'policies/*.iot.json': 'iot', 'untyped.json': 'iot' });
      const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'app-client-id-takeover'));
      assert.strictEqual(diagnostics.find((x) => codeOf(x) === 'app-client-id-takeover')!.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      fs.writeFileSync(configFile, original);
    }
  });

  it("runs a scenario from its code lens and shows each step's verdict", async () => {
    const editor = await open('scenario.json');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'scenario-expectation-failed'));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const run = lenses.find((l) => l.command?.command === 'iotPolicyLens.runScenario');
    assert.ok(run, JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.match(run.command!.title, /▶ Run scenario — 2\/3 expectations hold, 1 failed/);
    const result = (await vscode.commands.executeCommand(run.command!.command, ...(run.command!.arguments ?? []))) as {
      steps: Array<{ decision: string; pass?: boolean }>;
    };
    assert.deepStrictEqual(
      result.steps.map((s) => [s.decision, s.pass]),
      [
        ['allow', true],
        ['deny', false],
        ['deny', true],
      ],
    );
    // Each verdict sits just before its step, on the step's first line: visible without word wrap.
    const marks = (await api.ready()).lensForTests()!.scenarios.verdictMarks(editor.document);
    assert.deepStrictEqual(
      marks.map((m) => `${m.position.line}:${m.position.character} ${m.text}`),
      ['7:4 ✓ ALLOW', '8:4 ✗ DENY (expected allow)', '9:4 ✓ DENY'],
    );
    await screenshot('vscode-scenario-verdicts');
    const failed = ours(uri).find((d) => codeOf(d) === 'scenario-expectation-failed')!;
    assert.strictEqual(failed.range.start.line, 8);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(8, 10))) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(
      text,
      /DENY iot:Subscribe on arn:aws:iot:us-east-1:123456789012:topicfilter\/users\/us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab\/# for alice/,
    );
    assert.match(text, /policies\/(user\.iot|auth-role)\.json/);
    assert.ok(!text.includes(workspaceRoot()), `paths are workspace-relative, as in the CLI:\n${text}`);
  });

  it('explains which scenario steps a statement decides: a code action on the statement under the cursor, named by Sid', async () => {
    await open('scenario.json');
    const editor = await open('policies/user.iot.json');
    const uri = editor.document.uri;
    const explainLenses = async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).filter(
        (l) => l.command?.command === 'iotPolicyLens.explainStatement',
      );
    assert.deepStrictEqual(await explainLenses(), [], 'no Explain lenses by default');
    const cursor = new vscode.Position(12, 20); // inside "PublishOwn"
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(cursor, cursor))) ?? [];
    const explain = actions.find((a) => a.command?.command === 'iotPolicyLens.explainStatement');
    assert.strictEqual(explain?.title, 'Explain statement "PublishOwn": the scenario steps it decides', actions.map((a) => a.title).join(' | '));
    const explained = (await vscode.commands.executeCommand(explain.command!.command, ...(explain.command!.arguments ?? []))) as {
      title: string;
      steps: Array<{ verdict: string }>;
    };
    assert.strictEqual(explained.title, 'Scenario steps decided by statement "PublishOwn"');
    assert.deepStrictEqual(
      explained.steps.map((s) => s.verdict),
      ['allow of iot:Publish for alice'],
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');

    const settings = vscode.workspace.getConfiguration('iotPolicyLens');
    await settings.update('explainLenses', true, vscode.ConfigurationTarget.Workspace);
    try {
      assert.ok(await eventually(async () => (await explainLenses()).length === 4), 'with the setting, one Explain lens per statement');
    } finally {
      await settings.update('explainLenses', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('creates a per-identity policy set from the template that lints clean and whose scenario passes', async () => {
    const folder = path.join(workspaceRoot(), 'generated');
    const written = (await vscode.commands.executeCommand('iotPolicyLens.newFromTemplate', {
      folder,
      options: { region: 'eu-west-1', account: '210987654321', shadows: true },
    })) as string[];
    assert.deepStrictEqual(written.map((f) => path.relative(folder, f)).sort(), [
      'attach-on-sign-in.md',
      'policies/auth-role.json',
      'policies/guest-role.json',
      'policies/user.iot.json',
      'scenario.json',
    ]);
    const shown = vscode.window.visibleTextEditors
      .filter((e) => e.document.uri.scheme === 'file')
      .map((e) => path.relative(folder, e.document.uri.fsPath))
      .sort();
    assert.deepStrictEqual(shown, ['policies/user.iot.json', 'scenario.json'], 'the wizard ends on the scenario and the IoT policy it wrote');
    const scenario = await open('generated/scenario.json');
    const result = (await vscode.commands.executeCommand('iotPolicyLens.runScenario', scenario.document.uri)) as { summary: { failed: number; steps: number } };
    assert.strictEqual(result.summary.failed, 0);
    assert.ok(result.summary.steps > 10);
    for (const policy of ['generated/policies/user.iot.json', 'generated/policies/auth-role.json', 'generated/policies/guest-role.json']) {
      const editor = await open(policy);
      await waitForDiagnostics(editor.document.uri, (d) => d.length === 0);
    }
    // A second run refuses to overwrite anything.
    const again = await vscode.commands.executeCommand('iotPolicyLens.newFromTemplate', { folder, options: {} });
    assert.strictEqual(again, undefined);
    assert.ok(fs.existsSync(path.join(folder, 'scenario.json')));
  });

  it("reads the app a scenario names with its config's parameters: running and proving it agree with the CLI", async () => {
    // The CLI's and the browser's fixture (test/fixtures/parameter-app), in the workspace with a config of its own.
    const fixture = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parameter-app');
    const folder = path.join(workspaceRoot(), 'parameter-app');
    fs.cpSync(fixture, folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'iot-policy-lens.config.json'), JSON.stringify({ parameters: { TopicRoot: 'devices' } }));
    try {
      const editor = await open('parameter-app/scenario.json');
      const result = (await vscode.commands.executeCommand('iotPolicyLens.runScenario', editor.document.uri)) as {
        steps: Array<{ decision: string; pass?: boolean }>;
      };
      assert.deepStrictEqual(
        result.steps.map((s) => [s.decision, s.pass]),
        [['allow', true]],
      );
      const proved = (await vscode.commands.executeCommand('iotPolicyLens.proveScenario', editor.document.uri)) as Array<{ verdict: string; name: string }>;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.deepStrictEqual(
        proved.map((r) => `${r.verdict} ${r.name}`),
        ['refuted nobody publishes to devices'],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("proves a scenario's properties from its lens", async () => {
    const editor = await open('scenario.json');
    const offered = await eventually(async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? []).some(
        (l) => l.command?.command === 'iotPolicyLens.proveScenario',
      ),
    );
    assert.ok(offered, 'a scenario with properties offers Prove');
    const results = (await vscode.commands.executeCommand('iotPolicyLens.proveScenario', editor.document.uri)) as Array<{ verdict: string; name: string }>;
    assert.deepStrictEqual(
      results.map((r) => `${r.verdict} ${r.name}`),
      ["proved publishes stay in the identity's namespace", "proved nobody takes another identity's client ID"],
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // The verdicts outlive the quick pick: they stay in the Problems view, on each property.
    const kept = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'iot-policy-lens prove');
    assert.deepStrictEqual(
      kept.map((d) => `${d.range.start.line} ${d.severity} ${d.message}`),
      ["12 2 ✓ PROVED publishes stay in the identity's namespace", "13 2 ✓ PROVED nobody takes another identity's client ID"],
    );
  });

  describe('What does this change grant? (vs git HEAD), in the Problems view', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: workspaceRoot(),
        stdio: 'pipe',
      });
    /** The command's results in the Problems view: range (0-based), severity, rule and message. */
    const grants = (uri: vscode.Uri) =>
      vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.source === 'iot-policy-lens diff')
        .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${codeOf(d)} ${d.message}`);
    const run = async (uri: vscode.Uri) => {
      const findings = await vscode.commands.executeCommand('iotPolicyLens.whatDoesThisChangeGrant', uri);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return findings;
    };
    const WARNING = vscode.DiagnosticSeverity.Warning;

    before(() => {
      git('init', '-q');
      // The config too: the kind a policy had at HEAD is read from the config and scenarios at HEAD.
      git('add', 'policies/user.iot.json', 'template.yaml', 'iot-policy-lens.config.json');
      git('commit', '-q', '-m', 'base');
    });
    after(() => fs.rmSync(path.join(workspaceRoot(), '.git'), { recursive: true, force: true }));

    it('shows the new access of an unsaved edit at the Resource entry that grants it, and clears it on the next edit', async () => {
      const editor = await open('policies/user.iot.json');
      await replaceInDocument(
        editor,
        'topic/users/${cognito-identity.amazonaws.com:sub}/*"\n    },\n    {\n      "Sid": "SubscribeOwn"',
        'topic/*"\n    },\n    {\n      "Sid": "SubscribeOwn"',
      );
      await run(editor.document.uri);
      assert.deepStrictEqual(grants(editor.document.uri), [
        `13:18-13:62 ${WARNING} new-access authenticated identities now may iot:Publish on arn:aws:iot:us-east-1:123456789012:topic/* (e.g. arn:aws:iot:us-east-1:123456789012:topic/x)`,
      ]);
      // Its code links the rule's page, like the check's findings.
      const [diagnostic] = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'iot-policy-lens diff');
      assert.ok(typeof diagnostic.code === 'object' && diagnostic.code.target.path.endsWith('/docs/rules/new-access.md'));

      await replaceInDocument(editor, '"Sid": "Connect"', '"Sid": "ConnectOwn"');
      assert.ok(await eventually(async () => grants(editor.document.uri).length === 0), grants(editor.document.uri).join('\n'));
    });

    it('compares a CloudFormation template by identity class, and shows what it cannot decide', async () => {
      const editor = await open('template.yaml');
      await replaceInDocument(editor, 'Action: iot:GetThingShadow', 'Action: [iot:GetThingShadow, iot:UpdateThingShadow]');
      await run(editor.document.uri);
      assert.deepStrictEqual(grants(editor.document.uri), [
        `22:31-22:85 ${WARNING} new-access unauthenticated identities now may iot:UpdateThingShadow on arn:aws:iot:us-east-1:123456789012:thing/* (e.g. arn:aws:iot:us-east-1:123456789012:thing/x)`,
        `0:0-0:0 ${WARNING} undecided-access HEAD:template.yaml#Pool signed-in: the authenticated role is not in the files (not known, so not compared)`,
        `0:0-0:0 ${WARNING} undecided-access template.yaml#Pool signed-in: the authenticated role is not in the files (not known, so not compared)`,
      ]);
    });

    it('a file not in HEAD: everything it allows is new access', async () => {
      await open('scenario.json'); // its roles give auth-role.json its kind
      const editor = await open('policies/auth-role.json');
      const findings = (await run(editor.document.uri)) as Array<{ ruleId: string }>;
      assert.deepStrictEqual(
        findings.map((f) => f.ruleId),
        ['new-access', 'new-access', 'new-access'],
      );
      assert.deepStrictEqual(
        grants(editor.document.uri).map((g) => g.split(' ').slice(0, 3).join(' ')),
        [`8:8-8:89 ${WARNING} new-access`, `9:8-9:52 ${WARNING} new-access`, `10:8-10:58 ${WARNING} new-access`],
      );
    });

    it('a policy a scenario gives other identities since HEAD: what it grants them is new, what its old class had is removed', async () => {
      git('add', 'scenario.json', 'policies/auth-role.json');
      git('commit', '-q', '-m', 'the scenario gives auth-role.json to signed-in users');
      const scenario = await open('scenario.json');
      await replaceInDocument(
        scenario,
        '"roles": { "authenticated": ["policies/auth-role.json"] }',
        '"roles": { "unauthenticated": ["policies/auth-role.json"] }',
      );
      const editor = await open('policies/auth-role.json');
      type Said = Array<{ ruleId: string; message: string }>;
      let findings: Said = [];
      // The workspace reads the edited scenario on its next check (on type); the policy file itself is unchanged.
      const guests = await eventually(async () => {
        findings = (await run(editor.document.uri)) as Said;
        return findings.some((f) => f.ruleId === 'new-access' && f.message.startsWith('unauthenticated identities now may'));
      });
      assert.ok(guests, findings.map((f) => f.message).join('\n'));
      assert.ok(
        findings.some((f) => f.ruleId === 'removed-access' && f.message.startsWith('authenticated identities no longer may')),
        findings.map((f) => f.message).join('\n'),
      );
    });

    it('git failing is an error naming the problem, never an answer', async () => {
      const outside = fs.mkdtempSync(path.join(path.dirname(workspaceRoot()), 'not-a-repository-'));
      const file = path.join(outside, 'p.iot.json');
      fs.writeFileSync(file, readFile('policies/user.iot.json'));
      fs.writeFileSync(path.join(outside, 'iot-policy-lens.config.json'), '{ "kinds": { "*.iot.json": "iot" } }');
      try {
        await assert.rejects(readAtHead(file, 'policy'), /not-a-repository-\w+ is not in a git repository: there is no HEAD to compare with/);
        execFileSync('git', ['init', '-q'], { cwd: outside });
        await assert.rejects(readAtHead(file, 'policy'), /has no commit yet: there is no HEAD to compare with/);
        const searched = process.env.PATH;
        process.env.PATH = outside;
        try {
          await assert.rejects(readAtHead(file, 'policy'), /git was not found: install git, or put it on the PATH of VS Code/);
        } finally {
          process.env.PATH = searched;
        }
        // Through the command (git is there, HEAD is not): an error, and no diff in the Problems view.
        const uri = vscode.Uri.file(file);
        assert.strictEqual(await run(uri), undefined);
        assert.deepStrictEqual(grants(uri), []);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  it('opens the Simulator panel on a scenario', async () => {
    const editor = await open('scenario.json');
    const simulator = await vscode.commands.executeCommand<SimulatorPanel>('iotPolicyLens.openSimulator', editor.document.uri);
    assert.ok(await eventually(async () => simulator.view() !== undefined), 'the panel reports what it shows');
    assert.deepStrictEqual(simulator.view()!.mode, 'policies');
    const simulatorTab = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'IoT Policy Lens: Simulator' && t.input instanceof vscode.TabInputWebview);
    assert.ok(
      await eventually(async () => simulatorTab()),
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.label)
        .join(', '),
    );
  });

  it("opens the Simulator on a CloudFormation template with its app's identity classes, a class the files leave open said UNKNOWN", async () => {
    const editor = await open('template.yaml');
    const simulator = await vscode.commands.executeCommand<SimulatorPanel>('iotPolicyLens.openSimulator', editor.document.uri);
    assert.ok(await eventually(async () => simulator.view()?.mode === 'template'), JSON.stringify(simulator.view()));
    // The template itself, not the template in the authenticated role's place; the pool's guests and signed-in users.
    assert.deepStrictEqual(simulator.view(), {
      mode: 'template',
      files: { template: 'template.yaml' },
      classes: [
        { key: 'template.yaml#Pool|guests', label: 'guests (unauthenticated role GuestRole)', unknown: false },
        { key: 'template.yaml#Pool|signed-in', label: 'signed-in users (authenticated role not in the files)', unknown: true },
      ],
      selectedClass: 'template.yaml#Pool|signed-in',
      // No verdict the files cannot back: the authenticated role is not in them.
      verdicts: [
        { verb: 'connect', decision: 'unknown' },
        { verb: 'publish', decision: 'n/a', reason: 'type a topic' },
        { verb: 'subscribe', decision: 'n/a', reason: 'type a topic filter' },
        { verb: 'receive', decision: 'n/a', reason: 'type a topic' },
      ],
    });
  });

  it("offers a rule's quick fix inside a template where the edit maps exactly, and applying it clears the finding", async () => {
    const editor = await open('template.yaml');
    const [spoofing] = (await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'client-id-spoofing'))).filter(
      (x) => codeOf(x) === 'client-id-spoofing',
    );
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, spoofing.range)) ?? [];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore client-id-spoofing for this file'), titles.join(' | '));
    const fix = actions.find((a) => a.edit && a.title === 'Use ${cognito-identity.amazonaws.com:sub}');
    assert.ok(fix?.edit, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // The single-quoted YAML scalar is replaced by the JSON string, which YAML reads as the same value.
    assert.strictEqual(
      editor.document.lineAt(31).text,
      '            Resource: "arn:aws:iot:us-east-1:123456789012:client/${cognito-identity.amazonaws.com:sub}"',
    );
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === 'client-id-spoofing'));
  });

  it("shows the access summary of the workspace's apps: signed-in users publish in their own namespace", async () => {
    await open('scenario.json');
    const html = await vscode.commands.executeCommand<string>('iotPolicyLens.showAccessSummary');
    assert.match(html, /<code>iot:Publish<\/code><\/td><td><code>users\/&lt;own identity ID&gt;\/\*<\/code>/, html);
    const summaryTab = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .some((t) => t.label === 'IoT Policy Lens: Access Summary' && t.input instanceof vscode.TabInputWebview);
    assert.ok(await eventually(async () => summaryTab()));
  });

  it('hovers and completes from the engine catalog', async () => {
    const editor = await open('policies/user.iot.json');
    const line = editor.document.lineAt(12).text;
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        new vscode.Position(12, line.indexOf('iot:Publish') + 2),
      )) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*iot:Publish\*\* — Publish a message to a topic/);
    const variableLine = editor.document.lineAt(13).text;
    assert.ok(variableLine.includes('${cognito'), `the fixture as committed (no edit left by another test): ${variableLine}`);
    const variableHovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        new vscode.Position(13, variableLine.indexOf('${cognito') + 4),
      )) ?? [];
    assert.match(variableHovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /\| unauthenticated \|/);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      new vscode.Position(12, line.indexOf('iot:Publish') + 5),
    );
    assert.ok(
      completions.items.some((i) => i.label === 'iot:Subscribe'),
      'actions are offered',
    );
    // Schema hovers come from markdownDescription: code is rendered, not shown as literal backticks.
    const schemaHover = async () =>
      ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(1, 4))) ?? [])
        .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
        .join('\n');
    assert.ok(await eventually(async () => (await schemaHover()).includes('AWS IoT policies use `2012-10-17`')), await schemaHover());
  });
});
