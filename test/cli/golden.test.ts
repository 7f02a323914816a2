import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runCli } from './run-cli';

// Whole outputs of check, prove and diff on the samples, in every format, against the files under
// test/fixtures/golden (cfn-lint's test/fixtures/results habit): any change to what a user sees shows up
// in review as a change to a golden file. After a deliberate change, rewrite them with
//   UPDATE_GOLDEN=1 npx mocha --no-config dist/test/cli/golden.test.js
// and read the diff. Run from the repository root, so every path is relative; what varies between runs
// or releases (proof times, the tool's version) is replaced by a placeholder.
const GOLDEN = path.join(ROOT, 'test', 'fixtures', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const COMMANDS = [
  { name: 'check', args: ['check', 'samples'], status: 1 },
  { name: 'prove', args: ['prove', 'samples'], status: 1 },
  { name: 'diff', args: ['diff', 'samples/per-user-app', 'samples/broken-app', '--fail-on-new-access'], status: 1 },
];
const FORMATS = [
  { format: 'text', extension: 'txt' },
  { format: 'json', extension: 'json' },
  { format: 'sarif', extension: 'sarif' },
  { format: 'markdown', extension: 'md' },
];

/** The output with what changes from run to run or release to release replaced by placeholders. */
function stable(output: string): string {
  return output
    .replace(/\(\d+(\.\d+)? ms\)/g, '(<elapsed> ms)')
    .replace(/"elapsedMs": \d+(\.\d+)?/g, '"elapsedMs": "<elapsed>"')
    .replace(/"(version|semanticVersion)": "(?!2\.1\.0")[^"]+"/g, '"$1": "<version>"');
}

describe('golden outputs (test/fixtures/golden)', function () {
  // Each case runs the CLI once as a child process (prove and diff search automata): generous on a busy machine.
  this.timeout(120_000);
  for (const command of COMMANDS)
    for (const { format, extension } of FORMATS) {
      const file = `${command.name}-samples.${extension}`;
      it(`${command.args.join(' ')} --format ${format} → ${file}`, () => {
        const { status, stdout, stderr } = runCli([...command.args, '--format', format]);
        assert.equal(status, command.status, stderr);
        const actual = stable(stdout);
        const golden = path.join(GOLDEN, file);
        if (UPDATE) fs.writeFileSync(golden, actual);
        assert.ok(fs.existsSync(golden), `${file} is missing: run with UPDATE_GOLDEN=1 to write it`);
        assert.equal(actual, fs.readFileSync(golden, 'utf8'), `${file} differs: if the change is deliberate, run with UPDATE_GOLDEN=1`);
      });
    }

  it('hold no absolute path, timestamp or version', () => {
    for (const file of fs.readdirSync(GOLDEN)) {
      const text = fs.readFileSync(path.join(GOLDEN, file), 'utf8');
      assert.ok(!text.includes(ROOT), `${file} has the checkout's absolute path`);
      assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT\d\d:\d\d/, `${file} has a timestamp`);
      assert.doesNotMatch(text, /"(semanticVersion|version)": "\d+\.\d+\.\d+"(?<!"2\.1\.0")/, `${file} has the tool's version`);
    }
  });
});
