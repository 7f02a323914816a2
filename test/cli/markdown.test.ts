import { strict as assert } from 'node:assert';
import { boundedDocument, details, GITHUB_COMMENT_LIMIT, list, ruleLink, RULE_DOCS_URL, table, text } from '../../cli/format/markdown';
import { runCli, tempProject } from './run-cli';

const ARN = 'arn:aws:iot:us-east-1:123456789012';
const HOSTILE_SID = 'Chat [x](https://evil.example) ![t](https://evil.example/t.png) <img src=x> $x$ | cell';
const doc = (statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

describe('Markdown building blocks (cli/format/markdown.ts)', () => {
  it('text() leaves no link, image, HTML tag, table cell break or math delimiter', () => {
    const escaped = text(HOSTILE_SID);
    assert.doesNotMatch(escaped, /(?<!\\)\[|(?<!\\)\]\(|(?<!\\)<|(?<!\\)\||(?<!\\)\$/);
    assert.equal(escaped.replace(/\\(.)/g, '$1'), HOSTILE_SID, 'unescaped, it reads as written');
  });

  it('table() and list() show at most the limit and say how many more there are', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`row ${i}`]);
    const shown = table(['what'], rows, 50).split('\n');
    assert.equal(shown.filter((line) => line.startsWith('| row ')).length, 50);
    assert.equal(shown[shown.length - 1], '… 10 more rows not shown');
    assert.equal(list(['a', 'b', 'c'], 2), '- a\n- b\n- … 1 more item not shown');
    assert.equal(list(['a', 'b'], 2), '- a\n- b');
  });

  it('table() and list() stay within their character budget however long the entries', () => {
    const long = Array.from({ length: 40 }, (_, i) => `${i} ${'x'.repeat(2_000)}`);
    const shown = list(long, 50);
    assert.ok(shown.length < 16_000, String(shown.length));
    assert.match(shown, /- … \d+ more items not shown$/);
  });

  it('details() collapses a body under a plain-text summary (HTML escaped)', () => {
    assert.equal(details('All <3 findings', 'body'), '<details><summary>All &#60;3 findings</summary>\n\nbody\n\n</details>');
  });

  it('ruleLink() links the rule page under the base (docs/rules on GitHub by default)', () => {
    assert.equal(ruleLink('new-access'), `[\`new-access\`](${RULE_DOCS_URL}new-access.md)`);
    assert.match(RULE_DOCS_URL, /^https:\/\/github\.com\/.+\/blob\/main\/docs\/rules\/$/);
    assert.equal(ruleLink('new-access', 'https://example.com/r/'), '[`new-access`](https://example.com/r/new-access.md)');
  });

  it('boundedDocument() keeps whole blocks within the limit and names what it left out', () => {
    const blocks = Array.from({ length: 10 }, (_, i) => `block ${i} ${'y'.repeat(10_000)}`);
    const document = boundedDocument(blocks, GITHUB_COMMENT_LIMIT);
    assert.ok(document.length <= GITHUB_COMMENT_LIMIT, String(document.length));
    assert.match(document, /\n\n_… 4 more sections not shown: the report is limited to 65,536 characters/);
    assert.equal(boundedDocument(['a', 'b']), 'a\n\nb');
  });
});

describe('--format markdown', function () {
  // Each test runs the CLI as a child process (diff searches automata): generous on a busy machine.
  this.timeout(60_000);
  const project = () =>
    tempProject({
      'old/user.iot.json': doc([{ Sid: 'Own', Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/own` }]),
      'new/user.iot.json': doc([
        { Sid: 'Own', Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/own` },
        { Sid: HOSTILE_SID, Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/chat|[x](y)/*` },
      ]),
    });

  it('diff: the new access by identity class, with user text inert and rule links under --rule-docs', () => {
    const dir = project();
    const { status, stdout } = runCli(['diff', 'old', 'new', '--kind', 'iot', '--format', 'markdown', '--rule-docs', 'https://docs.example.com/rules'], dir);
    assert.equal(status, 0);
    const lines = stdout.split('\n');
    assert.equal(lines[0], '### IoT Policy Lens: diff — **new access**');
    assert.ok(
      lines.includes('#### New access for signed-in users (authenticated identities) [`new-access`](https://docs.example.com/rules/new-access.md)'),
      stdout,
    );
    const row = lines.find((line) => line.startsWith('| `iot:Publish` |'))!;
    assert.ok(row.includes('`arn:aws:iot:us-east-1:123456789012:topic/chat\\|[x](y)/*`'), row);
    assert.doesNotMatch(stdout, /\]\(https:\/\/evil|(?<!\\)<img/);
    assert.equal(row.split(/(?<!\\)\|/).length, 6, `four cells: ${row}`);
  });

  it('check: a scenario that could not run is never "passed", whatever --fail-on says', () => {
    const dir = tempProject({ 'scenario.json': { roles: { authenticated: ['missing.json'] }, identities: {}, steps: [] } });
    const { status, stdout } = runCli(['check', 'scenario.json', '--fail-on', 'none', '--format', 'markdown'], dir);
    assert.equal(status, 2);
    assert.equal(stdout.split('\n')[0], '### IoT Policy Lens: check (fail-on none) — **could not check everything**');
  });

  it('refuses a --rule-docs that is not an http(s) URL, and the formats other commands do not have', () => {
    const dir = project();
    const bad = runCli(['diff', 'old', 'new', '--kind', 'iot', '--format', 'markdown', '--rule-docs', 'javascript:alert(1)'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--rule-docs must be an http\(s\) URL/);
    assert.equal(runCli(['simulate', '--format', 'markdown'], dir).status, 2);
  });
});
