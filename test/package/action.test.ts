import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// scripts/action.sh, the GitHub Action's logic, run as the Actions runner would on a pull request: a git
// repository whose base commit holds the per-user sample and whose head commit changes it.
const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'action.sh');
const GIT_IDENTITY = { GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' };
const OWN_NAMESPACE = 'topic/users/${cognito-identity.amazonaws.com:sub}/*"';

interface ActionRun {
  status: number | null;
  summary: string;
  outputs: Record<string, string>;
  sarif: (name: string) => { runs: { results: { ruleId: string; level: string; message: { text: string } }[] }[] } | undefined;
}

function git(repo: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...GIT_IDENTITY } });
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
}

/** A repository on branch "main" with the sample (in `folder`) at its base commit, and a head branch changed by `change`. */
function pullRequestRepo(change: (app: string) => void, folder = 'app'): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-action-'));
  git(repo, 'init', '-q', '-b', 'main');
  fs.cpSync(path.join(ROOT, 'samples', 'per-user-app'), path.join(repo, folder), { recursive: true });
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'base');
  git(repo, 'checkout', '-qb', 'head');
  change(path.join(repo, folder));
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'head', '--allow-empty');
  return repo;
}

function widenPublish(app: string): void {
  const file = path.join(app, 'policies', 'user.iot.json');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(OWN_NAMESPACE, 'topic/users/*"'));
}

function runAction(repo: string, inputs: Record<string, string>): ActionRun {
  const runnerTemp = path.join(repo, '.runner-temp');
  fs.mkdirSync(runnerTemp);
  const summaryFile = path.join(runnerTemp, 'step-summary.md');
  const outputFile = path.join(runnerTemp, 'github-output');
  fs.writeFileSync(summaryFile, '');
  fs.writeFileSync(outputFile, '');
  const env = {
    ...process.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: 'head',
    GITHUB_WORKSPACE: repo,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: runnerTemp,
    LENS_CLI: `${process.execPath} ${path.join(ROOT, 'bin', 'iot-policy-lens.js')}`,
    INPUT_PATHS: 'app',
    ...inputs,
  };
  const result = spawnSync('bash', [SCRIPT], { cwd: repo, encoding: 'utf8', timeout: 5 * 60_000, env });
  const outputs = Object.fromEntries(
    fs
      .readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const sarif = (name: string) => (outputs[`${name}-sarif`] ? JSON.parse(fs.readFileSync(outputs[`${name}-sarif`], 'utf8')) : undefined);
  return { status: result.status, summary: fs.readFileSync(summaryFile, 'utf8'), outputs, sarif };
}

describe('action.yml', () => {
  it('passes every declared input to the script, which reads it', () => {
    const action = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    const script = fs.readFileSync(SCRIPT, 'utf8');
    const inputs = [
      ...action
        .split(/^outputs:/m)[0]
        .split(/^inputs:/m)[1]
        .matchAll(/^ {2}([a-z-]+):$/gm),
    ].map((m) => m[1]);
    assert.deepEqual(inputs, ['paths', 'fail-on', 'fail-on-new-access', 'base', 'sarif', 'summary']);
    for (const input of inputs) {
      const variable = `INPUT_${input.toUpperCase().replace(/-/g, '_')}`;
      assert.ok(action.includes(`${variable}: \${{ inputs.${input} }}`), `action.yml does not pass ${input} as ${variable}`);
      assert.ok(script.includes(`\${${variable}:-`), `scripts/action.sh does not read ${variable}`);
    }
  });
});

describe('the GitHub Action script (scripts/action.sh) on a pull request', function () {
  this.timeout(5 * 60_000);
  const repos: string[] = [];
  const repo = (change: (app: string) => void, folder?: string) => {
    repos.push(pullRequestRepo(change, folder));
    return repos[repos.length - 1];
  };
  after(() => repos.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it('a head that widens a topic: SARIF and a summary naming the new access, exit 1', () => {
    const run = runAction(repo(widenPublish), {});
    assert.equal(run.status, 1, run.summary);
    assert.equal(run.outputs['new-access'], 'true');
    // The summary is the CLI's Markdown: the new access under its identity class, linked to the rule's page.
    assert.match(run.summary, /^### IoT Policy Lens: diff against `main` — \*\*new access\*\*$/m);
    assert.match(
      run.summary,
      /^#### New access for signed-in users \(authenticated identities\) \[`new-access`\]\(https:\/\/github\.com\/.*\/docs\/rules\/new-access\.md\)\n\n\| actions \|.*\n\|---.*\n\| `iot:Publish` \| `arn:aws:iot:us-east-1:123456789012:topic\/users\/\*` \(in part\) \|/m,
    );
    // The widened topic also breaks a scenario expectation: the check fails and names it.
    assert.match(run.summary, /^### IoT Policy Lens: check \(fail-on error\) — \*\*failed\*\*$/m);
    assert.match(run.summary, /^#### Failed expectations \(1\) \[`scenario-expectation-failed`\]/m);
    const newAccess = run
      .sarif('diff')!
      .runs[0].results.filter((r) => r.ruleId === 'new-access')
      .map((r) => r.message.text);
    assert.ok(
      newAccess.some((text) => text.includes('iot:Publish on arn:aws:iot:us-east-1:123456789012:topic/users/*')),
      newAccess.join('\n'),
    );
    assert.ok(run.sarif('check')!.runs[0].results.length > 0, 'the check SARIF has the findings');
    assert.ok(
      run.sarif('diff')!.runs[0].results.some((r) => r.ruleId === 'new-access' && r.level === 'error'),
      'with the gate on, new access is an error in code scanning',
    );
  });

  it('new access alone fails the job (fail-on none), and is only reported with fail-on-new-access off', () => {
    const widened = repo(widenPublish);
    const gate = runAction(widened, { INPUT_FAIL_ON: 'none' });
    assert.equal(gate.status, 1, gate.summary);
    assert.match(gate.summary, /^### IoT Policy Lens: check \(fail-on none\) — \*\*passed\*\*$/m);
    fs.rmSync(path.join(widened, '.runner-temp'), { recursive: true });
    const report = runAction(widened, { INPUT_FAIL_ON: 'none', INPUT_FAIL_ON_NEW_ACCESS: 'off', INPUT_SARIF: 'off' });
    assert.equal(report.status, 0, report.summary);
    assert.equal(report.outputs['new-access'], 'true');
    assert.equal(report.outputs['check-sarif'], undefined, 'sarif off writes no SARIF');
  });

  it('a head that changes no access: passed, no new access, exit 0', () => {
    const run = runAction(
      repo(() => undefined),
      {},
    );
    assert.equal(run.status, 0, run.summary);
    assert.equal(run.outputs['new-access'], 'false');
    assert.match(run.summary, /^### IoT Policy Lens: check \(fail-on error\) — \*\*passed\*\*$/m);
    assert.match(run.summary, /^### IoT Policy Lens: diff against `main` — \*\*no new access\*\*$/m);
    assert.deepEqual(
      run.sarif('diff')!.runs[0].results.filter((r) => r.ruleId === 'new-access'),
      [],
    );
  });

  it('a base that does not exist is not a pass: "could not compare", exit 2', () => {
    const run = runAction(
      repo(() => undefined),
      { INPUT_BASE: 'no-such-branch' },
    );
    assert.equal(run.status, 2, run.summary);
    assert.equal(run.outputs['new-access'], 'unknown');
    assert.match(
      run.summary,
      /^### IoT Policy Lens: diff against `no-such-branch` — \*\*could not compare \(exit 2\)\*\*\n\n````text\n.*--base no-such-branch: not a git revision/m,
    );
  });

  it("a shallow checkout of the head (actions/checkout's default): the base branch is fetched from origin", () => {
    const origin = repo(widenPublish);
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-action-clone-'));
    repos.push(clone);
    git(clone, 'clone', '-q', '--depth=1', '--single-branch', '--branch', 'head', `file://${origin}`, '.');
    const run = runAction(clone, {});
    assert.equal(run.status, 1, run.summary);
    assert.match(run.summary, /^### IoT Policy Lens: diff against `origin\/main` — \*\*new access\*\*$/m);
  });

  it('no pull request and no base input: the diff is said not compared (new-access unknown), the check still gates', () => {
    const run = runAction(repo(widenPublish), { GITHUB_BASE_REF: '', INPUT_FAIL_ON: 'none' });
    assert.equal(run.status, 0, run.summary);
    assert.equal(run.outputs['new-access'], 'unknown');
    assert.match(run.summary, /^### IoT Policy Lens: diff — \*\*not compared\*\*\n\nNo base: not a pull request/m);
    assert.equal(run.outputs['diff-sarif'], undefined);
  });

  it('summary off leaves $GITHUB_STEP_SUMMARY alone', () => {
    const run = runAction(repo(widenPublish), { INPUT_SUMMARY: 'off' });
    assert.equal(run.status, 1);
    assert.equal(run.summary, '');
  });

  it('paths on several lines (`paths: |`): every line is a path, trimmed, spaces kept inside a name', () => {
    // The widened file is under the second line: reading only the first would compare nothing that changed.
    const run = runAction(repo(widenPublish, 'my app'), { INPUT_PATHS: '  my app/cloudformation \r\nmy app/policies\n', INPUT_SARIF: 'off' });
    assert.equal(run.status, 1, run.summary);
    assert.equal(run.outputs['new-access'], 'true');
    assert.match(run.summary, /`arn:aws:iot:us-east-1:123456789012:topic\/users\/\*`/);
  });

  it('a CLI that does not run is "could not run", exit 2 and new-access unknown — never new access or a pass', () => {
    const run = runAction(repo(widenPublish), { LENS_CLI: 'false', INPUT_SARIF: 'off' });
    assert.equal(run.status, 2, run.summary);
    assert.equal(run.outputs['new-access'], 'unknown');
    assert.match(
      run.summary,
      /^### IoT Policy Lens: diff against `main` — \*\*could not compare \(exit 2\)\*\*\n\n````text\nexit 1 without a report: the CLI did not run/m,
    );
  });

  it('without LENS_CLI, runs the CLI of its own checkout (no package fetched by name from a registry)', () => {
    const script = fs.readFileSync(SCRIPT, 'utf8');
    assert.doesNotMatch(script, /\bnpx\b|npm (install|exec)|iot-policy-lens@/, 'the action must not run a package by name from a registry');
    const run = runAction(repo(widenPublish), { LENS_CLI: '', INPUT_SARIF: 'off' });
    assert.equal(run.status, 1, run.summary);
    assert.equal(run.outputs['new-access'], 'true');
  });
});
