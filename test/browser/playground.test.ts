/**
 * The policy playground in a real browser: Debian's Chromium driven by playwright-core, headless, against
 * scripts/serve-playground.js on 127.0.0.1. Nothing is downloaded; every request that is not to 127.0.0.1
 * is blocked and recorded, and the suite asserts there were none.
 *
 * Chromium: $CHROMIUM or /usr/bin/chromium. Missing: the suite is skipped with a message, except with
 * CI=true, where it fails. The playground is (re)built first when playground/dist is missing or stale.
 * Artifacts: test-artifacts/playground.png, playground-deny-row.png, playground-scenario.png, playground-template.png,
 * simulator.png, simulator-narrow.png.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { analyze, whoMayDo, type Files, type PlaygroundState } from '../../playground/src/engine';
import { templateClasses } from '../../playground/src/policy-sets';
import { simulatorHtml, type SimulatorMessage, type SimulatorRequest } from '../../playground/src/webview-html';
// Headless Debian Chromium on a closed network, as root: the same flags as the extension-host launcher.
import CHROMIUM_ARGS from '../../scripts/lib/chromium-args.json';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'playground', 'dist');
const SIMULATOR = path.join(ROOT, 'extension', 'dist', 'simulator');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CI = process.env.CI === 'true';
const EDITORS = ['authRole', 'unauthRole', 'iotPolicy', 'scenario'] as const;
type EditorName = (typeof EDITORS)[number] | 'template';

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Every URL requested (page and workers). */
  requests: string[];
  /** Requests that were not to 127.0.0.1 (blocked). */
  offsite: string[];
  errors: string[];
}

interface MarkerView {
  owner: string;
  code: string;
  severity: number;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
}

interface CliFinding {
  file: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const MONACO_SEVERITY = { error: 8, warning: 4, info: 2 } as const;

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }, 0);
}

/** Builds the playground unless both outputs are newer than every source they are made from. */
function ensureBuilt(): void {
  const stats = [path.join(DIST, 'bundle-stats.json'), path.join(SIMULATOR, 'bundle-stats.json')];
  const built = Math.min(...stats.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  const sources = Math.max(
    ...['playground/src', 'playground/index.html', 'analyzer', 'samples', 'schemas', 'scripts/build-playground.js'].map((p) => {
      const full = path.join(ROOT, p);
      return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.statSync(full).mtimeMs : newestMtime(full);
    }),
  );
  if (built > sources) return;
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-playground.js')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build-playground failed:\n${result.stdout}${result.stderr}`);
}

function cli(args: string[]): any {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'iot-policy-lens.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`iot-policy-lens ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const isLocal = (url: string) => /^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//.test(url) || /^(data|blob):/.test(url);

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

describe('playground in Chromium (test/browser)', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let server: ChildProcess | undefined;
  let baseUrl = '';
  const opened: Opened[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (CI) throw new Error(`Chromium not found at ${CHROMIUM}: the browser tests are required with CI=true (install Debian's chromium or set CHROMIUM)`);
      console.log(`    SKIPPED browser tests: Chromium not found at ${CHROMIUM} (install Debian's chromium or set CHROMIUM; with CI=true this fails)`);
      this.skip();
    }
    ensureBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve-playground.js')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`serve-playground printed no URL: ${output}`)), 10000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      server!.stdout!.on('data', onData);
      server!.stderr!.on('data', onData);
      server!.on('exit', (code) => reject(new Error(`serve-playground exited ${code}: ${output}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
  });

  afterEach(async () => {
    for (const o of opened.splice(0)) await o.context.close();
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) server.kill('SIGTERM');
  });

  async function open(url: string, init?: string): Promise<Opened> {
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
    // Every wait is for an observable result; the bound only ends a run that would never get it.
    context.setDefaultTimeout(60_000);
    const result: Opened = { context, page: undefined as unknown as Page, requests: [], offsite: [], errors: [] };
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (isLocal(requested)) return route.continue();
      result.offsite.push(requested);
      return route.abort('blockedbyclient');
    });
    context.on('request', (request) => {
      result.requests.push(request.url());
      if (!isLocal(request.url()) && !result.offsite.includes(request.url())) result.offsite.push(request.url());
    });
    await context.addInitScript(
      `window.__lensCsp = []; document.addEventListener('securitypolicyviolation', (e) => window.__lensCsp.push(e.violatedDirective + ' ' + e.blockedURI));${init ?? ''}`,
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => result.errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') result.errors.push(`console: ${message.text()}`);
    });
    page.on('worker', (worker) => worker.on('console', (message) => message.type() === 'error' && result.errors.push(`worker console: ${message.text()}`)));
    result.page = page;
    opened.push(result);
    await page.goto(url);
    await page.waitForFunction(() => (globalThis as any).iotPolicyLens?.timings?.interactive !== undefined, null, { timeout: 90_000 });
    return result;
  }

  const markers = (page: Page, editor: EditorName, owner = 'iot-policy-lens') =>
    page.evaluate(
      ([id, own]) => {
        const lens = (globalThis as any).iotPolicyLens;
        return lens.monaco.editor.getModelMarkers({ owner: own, resource: lens.editor(id).getModel().uri }).map((m: any) => ({
          owner: m.owner,
          code: typeof m.code === 'string' ? m.code : m.code?.value,
          severity: m.severity,
          startLineNumber: m.startLineNumber,
          startColumn: m.startColumn,
          endLineNumber: m.endLineNumber,
          endColumn: m.endColumn,
          message: m.message,
        }));
      },
      [editor, owner] as const,
    ) as Promise<MarkerView[]>;

  const editorText = (page: Page, editor: EditorName) => page.evaluate((id) => (globalThis as any).iotPolicyLens.editor(id).getValue() as string, editor);
  const appState = (page: Page) => page.evaluate(() => (globalThis as any).iotPolicyLens.state() as PlaygroundState);
  const cspViolations = (page: Page) => page.evaluate(() => (globalThis as any).__lensCsp as string[]);

  /** Waits for the observable result (markers) rather than for time; bounded well inside the test's timeout. */
  async function waitForMarker(
    page: Page,
    editor: EditorName,
    predicate: (markers: MarkerView[]) => boolean,
    owner = 'iot-policy-lens',
  ): Promise<MarkerView[]> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = await markers(page, editor, owner);
      if (predicate(found)) return found;
      if (Date.now() > deadline) throw new Error(`markers never matched in ${editor} (${owner}): ${JSON.stringify(found)}`);
      await page.waitForTimeout(100);
    }
  }

  /**
   * Replaces the first occurrence of `text` in an editor with `replacement` through the editor's API (an
   * edit, as typing or pasting makes), and waits until the model holds it: keystrokes sent to a page on a
   * busy machine can land before the editor has focus, so tests never assume them.
   */
  async function replaceText(page: Page, editor: EditorName, text: string, replacement: string): Promise<void> {
    await page.evaluate(
      ([id, needle, newText]) => {
        const e = (globalThis as any).iotPolicyLens.editor(id);
        const match = e.getModel().findMatches(needle, false, false, true, null, false)[0];
        if (!match) throw new Error(`"${needle}" not in ${id}`);
        e.executeEdits('test', [{ range: match.range, text: newText, forceMoveMarkers: true }]);
      },
      [editor, text, replacement] as const,
    );
    await page.waitForFunction(([id, newText]) => (globalThis as any).iotPolicyLens.editor(id).getValue().includes(newText), [editor, replacement] as const);
  }

  /** Sets an editor's whole text through the editor's API, as a paste does, and waits until the model holds it. */
  async function setText(page: Page, editor: EditorName, text: string): Promise<void> {
    await page.evaluate(
      ([id, newText]) => {
        const e = (globalThis as any).iotPolicyLens.editor(id);
        e.executeEdits('test', [{ range: e.getModel().getFullModelRange(), text: newText, forceMoveMarkers: true }]);
      },
      [editor, text] as const,
    );
    await page.waitForFunction(([id, newText]) => (globalThis as any).iotPolicyLens.editor(id).getValue() === newText, [editor, text] as const);
  }

  /** Puts the cursor inside the first `needle` of an editor and asks for the hover there (as Ctrl+K Ctrl+I does). */
  async function showHoverAt(page: Page, editor: EditorName, needle: string): Promise<void> {
    await page.evaluate(
      ([id, text]) => {
        const e = (globalThis as any).iotPolicyLens.editor(id);
        const match = e.getModel().findMatches(text, false, false, true, null, false)[0];
        e.setPosition({ lineNumber: match.range.startLineNumber, column: match.range.startColumn + 5 });
        e.focus();
        e.trigger('test', 'editor.action.showHover', {});
      },
      [editor, needle] as const,
    );
  }

  async function stepsTable(page: Page): Promise<Array<{ index: number; decision: string; expected: string; pass: boolean | undefined }>> {
    return page.$$eval('#lens-steps tbody tr', (rows) =>
      rows.map((row: any) => ({
        index: Number(row.dataset.index),
        decision: row.dataset.decision,
        expected: row.dataset.expected,
        pass: row.dataset.pass === '' ? undefined : row.dataset.pass === 'true',
      })),
    );
  }

  it('loads offline (nothing but 127.0.0.1 requested, no CSP violation, no error) and becomes interactive', async () => {
    const started = Date.now();
    const o = await open(baseUrl);
    const { page } = o;
    // Interactive: a keystroke in an editor reaches the model.
    await page.click('.lens-pane[data-editor="authRole"] .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' ');
    await page.waitForFunction(() => (globalThis as any).iotPolicyLens.editor('authRole').getValue().endsWith(' '));
    const wallClock = Date.now() - started;
    const mark = await page.evaluate(() => Math.round((globalThis as any).performance.getEntriesByName('lens:interactive')[0].startTime));
    // The JSON worker runs (schema diagnostics) — prove it with a schema error only it reports.
    await replaceText(page, 'authRole', 'Allow', 'Permit');
    await waitForMarker(page, 'authRole', (m) => m.some((x) => x.startLineNumber === 6), 'json');
    await page.waitForTimeout(300);

    assert.deepEqual(o.offsite, [], 'requests left 127.0.0.1');
    assert.ok(o.requests.length > 0 && o.requests.every(isLocal));
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(o.errors, []);

    const stats = JSON.parse(fs.readFileSync(path.join(DIST, 'bundle-stats.json'), 'utf8')) as {
      files: Array<{ file: string; bytes: number; gzip: number }>;
      total: number;
      gzip: number;
    };
    const loaded = stats.files.filter((f) => o.requests.some((url) => new URL(url).pathname === `/${f.file}`));
    const loadedBytes = loaded.reduce((sum, f) => sum + f.bytes, 0);
    const loadedGzip = loaded.reduce((sum, f) => sum + f.gzip, 0);
    console.log(
      `      bundle: playground/dist ${kib(stats.total)} (${kib(stats.gzip)} gzipped); loaded on first visit ${kib(loadedBytes)} (${kib(loadedGzip)} gzipped): ${loaded.map((f) => `${f.file} ${kib(f.bytes)}`).join(', ')}`,
    );
    // A figure to read, not a limit: how fast depends on how busy the machine is (targets live in npm run bench).
    console.log(
      `      time to interactive: ${mark} ms after navigation start (editors created, findings shown); ${wallClock} ms from page.goto to a keystroke in the editor`,
    );
    assert.ok(mark > 0, 'the page marks when it is interactive');
  });

  it('typing a bad policy shows markers on the right lines, with the CLI’s ids, severities and ranges; fixing it removes them', async () => {
    const { page } = await open(baseUrl);
    const bad = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "SubscribeOwn",',
      '      "Effect": "allow",',
      '      "Action": "iot:Subscribe",',
      '      "Resource": "arn:aws:iot:us-east-1:123456789012:topic/users/${cognito-identity.amazonaws.com:sub}/*"',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
    // Replaced whole, as a paste does (typing it would let auto-indent and auto-closing rewrite it).
    await setText(page, 'iotPolicy', bad);
    assert.equal(await editorText(page, 'iotPolicy'), bad);
    const found = await waitForMarker(
      page,
      'iotPolicy',
      (m) => m.some((x) => x.code === 'invalid-effect') && m.some((x) => x.code === 'resource-type-mismatch'),
    );
    assert.equal(found.find((m) => m.code === 'invalid-effect')!.startLineNumber, 6);
    assert.equal(found.find((m) => m.code === 'resource-type-mismatch')!.startLineNumber, 8);
    assert.ok(await page.$('#lens-problems li[data-rule="resource-type-mismatch"][data-line="8"]'), 'listed under Problems');
    // The schema (monaco's JSON worker) flags the Effect value too.
    await waitForMarker(page, 'iotPolicy', (m) => m.some((x) => x.startLineNumber === 6), 'json');

    // Same ids, severities and ranges as `iot-policy-lens check --kind iot`.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-browser-'));
    try {
      const file = path.join(dir, 'typed.iot.json');
      fs.writeFileSync(file, bad);
      const expected = (cli(['check', file, '--kind', 'iot', '--format', 'json', '--fail-on', 'none']).findings as CliFinding[])
        .map((f) => `${f.ruleId} ${MONACO_SEVERITY[f.severity]} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`)
        .sort();
      const actual = found.map((m) => `${m.code} ${m.severity} ${m.startLineNumber}:${m.startColumn}-${m.endLineNumber}:${m.endColumn}`).sort();
      assert.deepEqual(actual, expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // Fix the Effect.
    await replaceText(page, 'iotPolicy', '"allow"', '"Allow"');
    await waitForMarker(page, 'iotPolicy', (m) => !m.some((x) => x.code === 'invalid-effect'));
    await waitForMarker(page, 'iotPolicy', (m) => m.length === 0, 'json');

    // Fix the resource type with the rule's quick fix (Ctrl+. then Enter on the preferred fix).
    const mismatch = (await markers(page, 'iotPolicy')).find((m) => m.code === 'resource-type-mismatch')!;
    await page.evaluate(
      ([line, column]) => {
        const e = (globalThis as any).iotPolicyLens.editor('iotPolicy');
        e.setPosition({ lineNumber: line, column: column + 1 });
        e.focus();
      },
      [mismatch.startLineNumber, mismatch.startColumn] as const,
    );
    await page.keyboard.press('Control+Period');
    // Enter only once the widget has a focused entry to apply.
    await page.waitForSelector('.action-widget .monaco-list-row.focused', { state: 'visible' });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as any).iotPolicyLens.editor('iotPolicy').getValue().includes(':topicfilter/users/'));
    await waitForMarker(page, 'iotPolicy', (m) => !m.some((x) => x.code === 'resource-type-mismatch' || x.code === 'invalid-effect'));
    assert.equal(await page.$('#lens-problems li[data-rule="resource-type-mismatch"]'), null);
  });

  for (const sample of ['per-user-app', 'broken-app']) {
    it(`the scenario table's verdicts equal the CLI's for samples/${sample}, and a step highlights its deciding statements`, async () => {
      const { page } = await open(baseUrl);
      await page.selectOption('#lens-sample', `samples/${sample}`);
      await page.click('.lens-tabs [data-tab="scenario"]');
      const expected = cli(['simulate', `samples/${sample}/scenario.json`, '--format', 'json']) as {
        steps: Array<{ index: number; decision: string; expected?: string; pass?: boolean }>;
      };
      const table = await stepsTable(page);
      assert.deepEqual(
        table,
        expected.steps.map((s) => ({ index: s.index, decision: s.decision, expected: s.expected ?? '', pass: s.pass })),
      );
      // Markers equal `check`'s findings for the four files shown (ids, severities, ranges).
      const findings = (cli(['check', `samples/${sample}`, '--format', 'json', '--fail-on', 'none']).findings as CliFinding[]).map((f) => ({
        ...f,
        file: f.file.replace(/\\/g, '/'),
      }));
      const state = await appState(page);
      for (const editor of EDITORS) {
        const file = `samples/${sample}/${state.files[editor].path}`;
        const want = findings
          .filter((f) => f.file === file)
          .map((f) => `${f.ruleId} ${MONACO_SEVERITY[f.severity]} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`)
          .sort();
        const got = (await markers(page, editor))
          .map((m) => `${m.code} ${m.severity} ${m.startLineNumber}:${m.startColumn}-${m.endLineNumber}:${m.endColumn}`)
          .sort();
        assert.deepEqual(got, want, `${editor} (${file})`);
      }
      // Clicking a step shows why and highlights the statements that decided it.
      const step = table.find((s) => s.pass === false) ?? table[0];
      await page.click(`#lens-steps tbody tr[data-index="${step.index}"]`);
      const explanation = await page.textContent('#lens-step-explain');
      assert.match(explanation ?? '', new RegExp(step.decision.toUpperCase()));
      await page.waitForSelector(
        '.lens-pane[data-editor="authRole"] .lens-deciding-allow, .lens-pane[data-editor="unauthRole"] .lens-deciding-allow, .lens-pane[data-editor="iotPolicy"] .lens-deciding',
      );
      await page.waitForSelector('.lens-pane[data-editor="scenario"] .lens-step-highlight');
      if (sample === 'broken-app') await page.screenshot({ path: path.join(ARTIFACTS, 'playground-scenario.png') });
    });
  }

  it("the access summary lists the CLI's grants for samples/per-user-app and follows edits", async () => {
    const { page } = await open(baseUrl);
    await page.selectOption('#lens-sample', 'samples/per-user-app');
    await page.click('[data-tab="summary"]');
    await page.waitForSelector('#lens-access-summary table');
    const expected = cli(['summary', 'samples/per-user-app', '--app', 'scenario.json', '--format', 'json']) as {
      apps: Array<{ classes: Array<{ id: string; actions: Array<{ action: string; grants: Array<{ pattern: string }> }> }> }>;
    };
    const rows = await page.$$eval('#lens-access-summary tbody tr', (trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')]
          .slice(0, 2)
          .map((td) => td.textContent)
          .join(' '),
      ),
    );
    for (const cls of expected.apps[0].classes)
      for (const action of cls.actions)
        for (const grant of action.grants)
          assert.ok(rows.includes(`${action.action} ${grant.pattern}`), `${cls.id}: ${action.action} ${grant.pattern} in ${rows.join(' | ')}`);
    await replaceText(page, 'unauthRole', 'topic/broadcast/*', 'topic/news/*');
    // The guests' Receive row follows the edit (the panel is recomputed with the scenario).
    await page.waitForFunction(() =>
      [...(globalThis as any).document.querySelectorAll('#lens-access-summary tbody tr')].some(
        (tr: any) => tr.cells[0]?.textContent === 'iot:Receive' && tr.cells[1]?.textContent === 'news/*',
      ),
    );
  });

  it('"who may do what" gives verdicts with deciding statements and variable values; a screenshot is saved', async () => {
    const { page } = await open(baseUrl);
    await page.fill('#lens-who input[name="target"]', 'users/+/telemetry');
    const verdicts = await page.$$eval('#lens-verdicts tbody tr', (rows) => rows.map((r: any) => `${r.dataset.verb}=${r.dataset.decision}`));
    assert.deepEqual(verdicts, ['connect=allow', 'publish=n/a', 'subscribe=deny', 'receive=n/a']);
    await page.fill('#lens-who input[name="target"]', 'users/us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab/telemetry');
    const again = await page.$$eval('#lens-verdicts tbody tr', (rows) => rows.map((r: any) => `${r.dataset.verb}=${r.dataset.decision}`));
    assert.deepEqual(again, ['connect=allow', 'publish=allow', 'subscribe=allow', 'receive=allow']);
    assert.match(
      (await page.textContent('#lens-variables')) ?? '',
      /\$\{cognito-identity\.amazonaws\.com:sub\}\s*us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab/,
    );
    await page.click('#lens-verdicts tbody tr[data-verb="publish"]');
    assert.match((await page.textContent('#lens-who-explain')) ?? '', /ALLOW iot:Publish/);
    await page.waitForSelector('.lens-pane[data-editor="iotPolicy"] .lens-deciding-allow');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png') });
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'playground.png')).size > 10000);
  });

  const verdictRow = (page: Page, verb: string) =>
    page.$eval(`#lens-verdicts tbody tr[data-verb="${verb}"]`, (row: any) => ({
      decision: row.dataset.decision as string,
      resource: row.querySelector('.lens-resource').textContent as string,
      sets: [...row.querySelectorAll('.lens-set')].map((s: any) => `${s.dataset.set} ${s.dataset.outcome} ${s.dataset.decidedDeny}: ${s.textContent}`),
      text: row.textContent as string,
    }));

  it("a DENY row says per policy set what decided, with ✗ on the IoT policy's implicit deny; a screenshot is saved", async () => {
    const { page } = await open(baseUrl);
    await page.fill('#lens-who input[name="target"]', 'users/someone-else/telemetry');
    await page.waitForSelector('#lens-verdicts tbody tr[data-verb="publish"][data-decision="deny"]');
    const row = await verdictRow(page, 'publish');
    assert.equal(row.sets.length, 2, row.sets.join(' | '));
    assert.match(row.sets[0], /^role allow false: ✓ role: IotDataPlaneDelegatedToIotPolicy policies\/auth-role\.json:\d+:\d+$/);
    assert.equal(row.sets[1], 'iot implicit-deny true: ✗ IoT policy: implicit deny (no statement allows it)');
    const element = await page.$('#lens-verdicts tbody tr[data-verb="publish"]');
    await element!.screenshot({ path: path.join(ARTIFACTS, 'playground-deny-row.png') });
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'playground-deny-row.png')).size > 1000);
  });

  it("rows for a topic filter explain in whole sentences, naming the row's own action", async () => {
    const { page } = await open(baseUrl);
    await page.fill('#lens-who input[name="target"]', 'users/+/status');
    await page.waitForSelector('#lens-verdicts tbody tr[data-verb="receive"][data-decision="n/a"]');
    const publish = await verdictRow(page, 'publish');
    const receive = await verdictRow(page, 'receive');
    assert.equal(publish.resource, '"users/+/status" is a topic filter (it has an MQTT wildcard): a message is published to a topic name, without + or #');
    assert.match(
      receive.resource,
      /^"users\/\+\/status" is a topic filter \(it has an MQTT wildcard\): Receive is checked on the topic name of each delivered message/,
    );
    assert.doesNotMatch(receive.resource, /publish/i);
  });

  it('for a guest the "IoT policy is attached" checkbox is disabled, with the reason', async () => {
    const { page } = await open(baseUrl);
    const attach = '#lens-who input[name="attachIotPolicy"]';
    assert.equal(await page.isDisabled(attach), false);
    await page.selectOption('#lens-who select[name="identityType"]', 'unauthenticated');
    await page.waitForSelector(`${attach}:disabled`);
    assert.match((await page.textContent('#lens-attach-note')) ?? '', /not for guests: AWS IoT does not use IoT policies for unauthenticated identities/);
    await page.selectOption('#lens-who select[name="identityType"]', 'authenticated');
    await page.waitForSelector(`${attach}:enabled`);
    assert.equal(await page.textContent('#lens-attach-note'), '');
  });

  it('pasted YAML: the marker says YAML is not JSON, and "who may do what" says the IoT policy does not parse', async () => {
    const { page } = await open(baseUrl);
    await setText(page, 'iotPolicy', 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: iot:Connect\n    Resource: "*"\n');
    const found = await waitForMarker(page, 'iotPolicy', (m) => m.some((x) => x.code === 'invalid-json'));
    assert.match(found.find((m) => m.code === 'invalid-json')!.message, /this looks like YAML, and YAML is not JSON/);
    await page.fill('#lens-who input[name="target"]', 'users/someone-else/telemetry');
    await page.waitForSelector('#lens-verdicts tbody tr[data-verb="publish"][data-decision="n/a"]');
    const row = await verdictRow(page, 'publish');
    assert.match(row.resource, /^the IoT policy \(policies\/user\.iot\.json\) does not parse \(this looks like YAML/);
    assert.doesNotMatch(row.text, /implicit deny/);
  });

  it('layout: ARNs wrap only after / and :, no sticky scroll, one header line at 900 px, tabbed editors when narrow', async () => {
    const { page } = await open(baseUrl);
    await page.fill('#lens-who input[name="target"]', 'users/us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab/telemetry');
    await page.waitForSelector('#lens-verdicts tbody tr[data-verb="publish"][data-decision="allow"]');
    const arn = await page.$eval('#lens-verdicts tbody tr[data-verb="publish"] .lens-resource', (el: any) => ({
      text: el.textContent,
      breaks: el.querySelectorAll('wbr').length,
      wordBreak: (globalThis as any).getComputedStyle(el).wordBreak,
    }));
    assert.equal(arn.breaks, (arn.text.match(/[/:]/g) ?? []).length, 'a break opportunity after each / and :');
    assert.equal(arn.wordBreak, 'normal', 'and nowhere inside a token');
    const sticky = await page.evaluate(() => {
      const lens = (globalThis as any).iotPolicyLens;
      return (['authRole', 'unauthRole', 'iotPolicy', 'scenario'] as const).map(
        (id) => lens.editor(id).getOption(lens.monaco.editor.EditorOption.stickyScroll).enabled,
      );
    });
    assert.deepEqual(sticky, [false, false, false, false]);
    const wrapsAfterColon = await page.evaluate(() => {
      const lens = (globalThis as any).iotPolicyLens;
      return (lens.editor('iotPolicy').getOption(lens.monaco.editor.EditorOption.wordWrapBreakAfterCharacters) as string).includes(':');
    });
    assert.ok(wrapsAfterColon, 'the editors wrap ARNs after ":" (and "/"), not mid-token');

    await page.setViewportSize({ width: 900, height: 800 });
    await page.waitForFunction(() => (globalThis as any).document.documentElement.clientWidth === 900);
    const header = await page.$eval('.lens-header', (el: any) => {
      // One line: every item's vertical centre is the same (they are centred), none sits on a second row.
      const centres = [...el.children]
        .filter((c: any) => c.offsetParent !== null)
        .map((c: any) => c.getBoundingClientRect())
        .map((r: any) => r.top + r.height / 2);
      const status = el.querySelector('#lens-engine-status');
      return {
        spread: Math.max(...centres) - Math.min(...centres),
        statusCut: status.scrollWidth > status.clientWidth,
        statusRight: status.getBoundingClientRect().right,
        width: el.clientWidth,
      };
    });
    assert.ok(header.spread < 4, `header items on one line (centres differ by ${header.spread}px)`);
    assert.ok(!header.statusCut && header.statusRight <= header.width, JSON.stringify(header));

    await page.setViewportSize({ width: 480, height: 800 });
    await page.waitForFunction(() => (globalThis as any).document.documentElement.clientWidth === 480);
    const shown = () => page.$$eval('.lens-pane', (panes: any[]) => panes.filter((p) => p.offsetParent !== null).map((p) => p.dataset.editor));
    assert.deepEqual(await shown(), ['iotPolicy']);
    await page.click('[data-editor-tab="scenario"]');
    assert.deepEqual(await shown(), ['scenario']);
    await page.waitForFunction(() => (globalThis as any).document.querySelector('.lens-pane[data-editor="scenario"] .monaco-editor').offsetWidth > 400);
  });

  it('hovers and completions in the policy editors come from the engine', async () => {
    const { page } = await open(baseUrl);
    await showHoverAt(page, 'iotPolicy', 'iot:Connect');
    await page.waitForSelector('.monaco-hover:not(.hidden) >> text=iot:Connect');
    await page.keyboard.press('Escape');
    // Right after "iot:" in "iot:Connect": every data-plane action is offered.
    await page.evaluate(() => {
      const e = (globalThis as any).iotPolicyLens.editor('iotPolicy');
      const position = e.getPosition();
      e.setPosition({ lineNumber: position.lineNumber, column: position.column - 1 });
    });
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible >> text=iot:Publish');
    await page.keyboard.press('Escape');
  });

  it("a CloudFormation template sample: markers at the CLI's places in the template, hovers there, and verdicts from its identity pool", async () => {
    const { page } = await open(baseUrl);
    const template = 'samples/broken-app/cloudformation/template.yaml';
    await page.selectOption('#lens-sample', template);
    // The template holds the app: it and the scenario take the place of the policy editors.
    const shown = await page.$$eval('.lens-pane', (panes: any[]) => panes.filter((p) => p.offsetParent !== null).map((p) => p.dataset.editor));
    assert.deepEqual(shown, ['scenario', 'template']);
    assert.equal(await editorText(page, 'template'), fs.readFileSync(path.join(ROOT, template), 'utf8'));
    // Exactly `iot-policy-lens check <template> --format json`: ids, severities, ranges.
    const want = (cli(['check', template, '--format', 'json', '--fail-on', 'none']).findings as CliFinding[])
      .map((f) => `${f.ruleId} ${MONACO_SEVERITY[f.severity]} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`)
      .sort();
    assert.ok(want.includes('unknown-action 8 106:25-106:37'), want.join(' | '));
    const got = (await waitForMarker(page, 'template', (m) => m.length === want.length))
      .map((m) => `${m.code} ${m.severity} ${m.startLineNumber}:${m.startColumn}-${m.endLineNumber}:${m.endColumn}`)
      .sort();
    assert.deepEqual(got, want);
    assert.ok(await page.$('#lens-problems li[data-rule="unknown-action"][data-line="106"][data-editor="template"]'), 'listed under Problems');
    // The engine's hover on the misspelt action, inside the template.
    await showHoverAt(page, 'template', 'iot:Publsh');
    await page.waitForSelector('.monaco-hover:not(.hidden) >> text=is not a known AWS IoT action');
    await page.keyboard.press('Escape');

    // The per-user template: its pool's roles and IoT policy decide, and the deciding statements are in the template.
    await page.selectOption('#lens-sample', 'samples/per-user-app/cloudformation/template.yaml');
    await waitForMarker(page, 'template', (m) => m.length === 0);
    await page.fill('#lens-who input[name="target"]', 'users/us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab/telemetry');
    await page.waitForSelector('#lens-verdicts tbody tr[data-verb="publish"][data-decision="allow"]');
    const verdicts = await page.$$eval('#lens-verdicts tbody tr', (rows) => rows.map((r: any) => `${r.dataset.verb}=${r.dataset.decision}`));
    assert.deepEqual(verdicts, ['connect=allow', 'publish=allow', 'subscribe=allow', 'receive=allow']);
    const publish = await verdictRow(page, 'publish');
    assert.match(publish.sets[1], /^iot allow false: ✓ IoT policy: PublishInOwnNamespace cloudformation\/template\.yaml:\d+:\d+$/);
    await page.waitForSelector('.lens-pane[data-editor="template"] .lens-deciding-allow');
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-template.png') });
    // Loading a sample of policy files brings the policy editors back.
    await page.selectOption('#lens-sample', 'samples/per-user-app');
    const back = await page.$$eval('.lens-pane', (panes: any[]) => panes.filter((p) => p.offsetParent !== null).map((p) => p.dataset.editor));
    assert.deepEqual(back, ['authRole', 'unauthRole', 'iotPolicy', 'scenario']);
    assert.deepEqual([await page.isVisible('#lens-who select[name="appClass"]'), await page.isVisible('#lens-who select[name="identityType"]')], [false, true]);
  });

  it('quick fixes inside a CloudFormation template: applied where the edit maps exactly and re-checked; elsewhere the marker says what to change', async () => {
    const { page } = await open(baseUrl);
    const template = 'samples/broken-app/cloudformation/template.yaml';
    const original = fs.readFileSync(path.join(ROOT, template), 'utf8');
    await page.selectOption('#lens-sample', template);
    const found = await waitForMarker(
      page,
      'template',
      (m) => m.some((x) => x.code === 'unknown-variable') && m.some((x) => x.code === 'unknown-condition-operator'),
    );
    // A mapping key is no string value the fix could replace: no quick fix there, the message says what to change.
    assert.match(
      found.find((m) => m.code === 'unknown-condition-operator')!.message,
      /; did you mean "StringEquals"\? \(fix by hand: Change to "StringEquals"\)$/,
    );
    const typo = found.find((m) => m.code === 'unknown-variable')!;
    await page.evaluate(
      ([line, column]) => {
        const e = (globalThis as any).iotPolicyLens.editor('template');
        e.setPosition({ lineNumber: line, column: column + 1 });
        e.focus();
      },
      [typo.startLineNumber, typo.startColumn] as const,
    );
    await page.keyboard.press('Control+Period');
    await page.waitForSelector('.action-widget .monaco-list-row.focused', { state: 'visible' });
    await page.keyboard.press('Enter');
    await page.waitForFunction((text) => (globalThis as any).iotPolicyLens.editor('template').getValue() !== text, original);
    // Exactly the single-quoted scalar replaced by the JSON string of the fixed value (the same value in YAML); nothing else.
    const quoted = "'arn:aws:iot:us-east-1:123456789012:topic/users/${cognito-identity.amazonaws.com:sud}/inbox'";
    assert.ok(original.includes(quoted));
    assert.equal(
      await editorText(page, 'template'),
      original.replace(quoted, '"arn:aws:iot:us-east-1:123456789012:topic/users/${cognito-identity.amazonaws.com:sub}/inbox"'),
    );
    await waitForMarker(page, 'template', (m) => !m.some((x) => x.code === 'unknown-variable') && m.some((x) => x.code === 'unknown-condition-operator'));
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#lens-problems li[data-rule="unknown-variable"]') === null);

    // "Who may do what" asks one identity class of the template's app at a time: the engine's classes, the engine's verdicts.
    const state = await appState(page);
    const analysis = analyze(state.files, state.extra, state.parameters);
    const classes = templateClasses(analysis.apps);
    assert.deepEqual(
      await page.$$eval('#lens-who select[name="appClass"] option', (options: any[]) => options.map((o) => o.value)),
      classes.map((c) => c.key),
    );
    // The class decides the identity type: the picker takes the type's place.
    assert.deepEqual([await page.isVisible('#lens-who select[name="appClass"]'), await page.isVisible('#lens-who select[name="identityType"]')], [true, false]);
    const guests = classes.find((c) => c.appClass.id === 'guests')!;
    await page.fill('#lens-who input[name="target"]', '$aws/things/lamp/shadow/update');
    await page.selectOption('#lens-who select[name="appClass"]', guests.key);
    await page.waitForFunction(() => (globalThis as any).iotPolicyLens.state().query.identityType === 'unauthenticated');
    const query = (await appState(page)).query;
    assert.equal(query.appClass, guests.key);
    const verdictsOf = (q: typeof query) => whoMayDo(state.files, q, analysis.scope, analysis.apps).rows.map((r) => `${r.verb}=${r.decision}`);
    const want = verdictsOf(query);
    // The guests' role, not the signed-in users': the reserved device topics are within the guests' reach.
    assert.notDeepEqual(want, verdictsOf({ ...query, identityType: 'authenticated', appClass: undefined }));
    assert.deepEqual(await page.$$eval('#lens-verdicts tbody tr', (rows) => rows.map((r: any) => `${r.dataset.verb}=${r.dataset.decision}`)), want);
  });

  it('a shared URL restores the state', async () => {
    const first = await open(baseUrl);
    const { page } = first;
    await page.selectOption('#lens-sample', 'samples/broken-app');
    await page.selectOption('#lens-who select[name="identityType"]', 'unauthenticated');
    await page.fill('#lens-who input[name="target"]', 'chat/#');
    await replaceText(page, 'authRole', 'AppDataPlane', 'SharedLinkEdit');
    await page.waitForFunction(() => (globalThis as any).iotPolicyLens.state().files.authRole.text.includes('SharedLinkEdit'));
    await page.click('.lens-tabs [data-tab="scenario"]');
    await page.click('#lens-steps tbody tr[data-index="2"]');
    await page.click('#lens-share');
    await page.waitForSelector('#lens-share-url:not([hidden])');
    const url = await page.inputValue('#lens-share-url');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#s=/);
    const before = await appState(page);

    const second = await open(url);
    const after = await appState(second.page);
    assert.deepEqual(after, before);
    assert.ok((await editorText(second.page, 'authRole')).includes('"SharedLinkEdit"'));
    assert.equal(await second.page.inputValue('#lens-who input[name="target"]'), 'chat/#');
    assert.equal(await second.page.inputValue('#lens-who select[name="identityType"]'), 'unauthenticated');
    assert.equal(await second.page.getAttribute('.lens-tabs [data-tab="scenario"]', 'aria-selected'), 'true');
    assert.ok(await second.page.$('#lens-steps tbody tr[data-index="2"].selected'));
    assert.deepEqual(second.offsite, []);
    assert.deepEqual(second.errors, []);
  });

  /**
   * The Simulator bundle as a webview runs it: page and resources from different origins, the panel's CSP,
   * and a fake VS Code API that answers "ready" with `message` (the files the extension sends).
   */
  async function openSimulatorWith(message: SimulatorMessage): Promise<Opened & { close: () => Promise<void> }> {
    const assets = await listen(SIMULATOR, { 'Access-Control-Allow-Origin': '*' });
    const nonce = 'TestNonce0123456789abcdefABCDEF01';
    const html = simulatorHtml({ cspSource: assets.origin, nonce, assetsBase: `${assets.origin}/` });
    const page = await listen(undefined, {}, html);
    const fakeVsCode = `
      window.__posted = []; window.__saved = undefined;
      window.acquireVsCodeApi = () => ({
        postMessage(m) { window.__posted.push(m); if (m && m.type === 'ready') setTimeout(() => window.postMessage(${JSON.stringify(message)}, '*')); },
        getState() { return window.__saved; },
        setState(s) { window.__saved = s; },
      });`;
    const o = await open(`${page.origin}/`, fakeVsCode);
    await o.page.waitForFunction(() => (globalThis as any).iotPolicyLens.state().files.scenario.text.length > 0);
    return {
      ...o,
      close: async () => {
        await assets.close();
        await page.close();
      },
    };
  }

  it('the VS Code simulator bundle runs under the webview CSP, from another origin, on files sent as messages', async () => {
    const read = (p: string) => fs.readFileSync(path.join(ROOT, 'samples', 'per-user-app', p), 'utf8');
    const files: Partial<Files> = {
      authRole: { path: 'policies/auth-role.json', text: read('policies/auth-role.json') },
      unauthRole: { path: 'policies/guest-role.json', text: read('policies/guest-role.json') },
      iotPolicy: { path: 'policies/user.iot.json', text: read('policies/user.iot.json') },
      scenario: { path: 'scenario.json', text: read('scenario.json') },
    };
    const o = await openSimulatorWith({ type: 'files', files, extra: {}, initial: true });
    try {
      await o.page.click('.lens-tabs [data-tab="scenario"]');
      const expected = cli(['simulate', 'samples/per-user-app/scenario.json', '--format', 'json']) as { steps: Array<{ decision: string; pass?: boolean }> };
      const table = await stepsTable(o.page);
      assert.deepEqual(
        table.map((s) => `${s.decision} ${s.pass}`),
        expected.steps.map((s) => `${s.decision} ${s.pass}`),
      );
      // Both workers start (blob: URLs from fetched sources): the JSON worker reports a schema error.
      await replaceText(o.page, 'iotPolicy', 'Allow', 'Permit');
      await waitForMarker(o.page, 'iotPolicy', (m) => m.some((x) => x.startLineNumber === 6), 'json');
      await waitForMarker(o.page, 'iotPolicy', (m) => m.some((x) => x.code === 'invalid-effect'));
      // "ready", then what the panel shows each time it keeps its state.
      await o.page.waitForFunction(() => (globalThis as any).__posted.some((m: any) => m.type === 'shown'));
      const posted = (await o.page.evaluate(() => (globalThis as any).__posted)) as SimulatorRequest[];
      assert.deepEqual(posted[0], { type: 'ready' });
      assert.ok(posted.length > 1 && posted.slice(1).every((m) => m.type === 'shown'), JSON.stringify(posted));
      assert.deepEqual((posted[posted.length - 1] as Extract<SimulatorRequest, { type: 'shown' }>).view.files, {
        authRole: 'policies/auth-role.json',
        unauthRole: 'policies/guest-role.json',
        iotPolicy: 'policies/user.iot.json',
        scenario: 'scenario.json',
      });
      assert.deepEqual(await cspViolations(o.page), []);
      assert.deepEqual(o.offsite, []);
      assert.deepEqual(o.errors, []);
      await o.page.screenshot({ path: path.join(ARTIFACTS, 'simulator.png') });
      // Beside an editor (~480 px) the simulator shows one editor at a time, with tabs to switch.
      await o.page.setViewportSize({ width: 480, height: 900 });
      await o.page.waitForFunction(() => (globalThis as any).document.documentElement.clientWidth === 480);
      await o.page.click('[data-editor-tab="authRole"]');
      const shown = await o.page.$$eval('.lens-pane', (panes: any[]) => panes.filter((p) => p.offsetParent !== null).map((p) => p.dataset.editor));
      assert.deepEqual(shown, ['authRole']);
      await o.page.screenshot({ path: path.join(ARTIFACTS, 'simulator-narrow.png') });
    } finally {
      await o.close();
    }
  });

  it("the simulator reads a scenario's app with the workspace config's parameters, giving the CLI's verdicts", async () => {
    const fixture = path.join(ROOT, 'test', 'fixtures', 'parameter-app');
    const read = (p: string) => fs.readFileSync(path.join(fixture, p), 'utf8');
    const parameters = { TopicRoot: 'devices' };
    const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lens-config-')), 'iot-policy-lens.config.json');
    fs.writeFileSync(config, JSON.stringify({ parameters }));
    const o = await openSimulatorWith({
      type: 'files',
      files: { scenario: { path: 'scenario.json', text: read('scenario.json') } },
      extra: { 'app/template.yaml': read('app/template.yaml') },
      parameters,
      initial: true,
    });
    try {
      await o.page.click('.lens-tabs [data-tab="scenario"]');
      const expected = cli(['simulate', path.join(fixture, 'scenario.json'), '--format', 'json', '--config', config]) as {
        steps: Array<{ decision: string; pass?: boolean }>;
      };
      assert.deepEqual(
        expected.steps.map((s) => `${s.decision} ${s.pass}`),
        ['allow true'],
      );
      await o.page.waitForSelector('#lens-steps tbody tr[data-decision="allow"]');
      assert.deepEqual(
        (await stepsTable(o.page)).map((s) => `${s.decision} ${s.pass}`),
        expected.steps.map((s) => `${s.decision} ${s.pass}`),
      );
      assert.deepEqual((await o.page.evaluate(() => (globalThis as any).iotPolicyLens.state())).parameters, parameters);
      assert.deepEqual(o.errors, []);
    } finally {
      await o.close();
    }
  });
});

/** A throwaway 127.0.0.1 server: static files from `root`, or one HTML page at `/`. */
async function listen(root: string | undefined, headers: Record<string, string>, html?: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.json': 'application/json' };
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (html !== undefined) {
      if (pathname !== '/') return void response.writeHead(404, headers).end();
      return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(html);
    }
    const file = path.resolve(root!, `.${pathname}`);
    if (!file.startsWith(path.resolve(root!) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile())
      return void response.writeHead(404, headers).end();
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', ...headers }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
