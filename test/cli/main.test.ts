import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closestName } from '../../cli/closest-name';
import { COMMANDS } from '../../cli/commands';
import { alignOptions } from '../../cli/help-format';
import { ROOT, runCli } from './run-cli';

describe('iot-policy-lens: commands, help and mistyped names', () => {
  it("--version and -v print package.json's version, exit 0", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const { status, stdout, stderr } = runCli([flag]);
      assert.equal(status, 0, flag);
      assert.equal(stdout, `${version}\n`, flag);
      assert.equal(stderr, '', flag);
    }
  });

  it('an unknown command close to a known one gets "did you mean", exit 2', () => {
    const { status, stdout, stderr } = runCli(['chek']);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'unknown command "chek": did you mean "check"? (iot-policy-lens --help lists the commands)\n');
  });

  it('an unknown command close to nothing gets the list of commands', () => {
    const { status, stderr } = runCli(['frobnicate']);
    assert.equal(status, 2);
    assert.match(stderr, /^unknown command "frobnicate"\n\n.*\ncommands:\n/s);
  });

  it('closestName: typos, swaps and case; nothing when far or ambiguous', () => {
    const names = COMMANDS.map((c) => c.name);
    assert.equal(closestName('chek', names), 'check');
    assert.equal(closestName('chekc', names), 'check');
    assert.equal(closestName('SIMULATE', names), 'simulate');
    assert.equal(closestName('atached', names), 'attached');
    assert.equal(closestName('attac', names), 'attach');
    assert.equal(closestName('prov', names), 'prove');
    assert.equal(closestName('lint', names), undefined);
    assert.equal(closestName('ab', ['ax', 'ay']), undefined, 'two equally close names: no guess');
  });

  it("every command's --help has its option descriptions in one column", () => {
    for (const command of COMMANDS) {
      const { status, stdout } = runCli([command.name, '--help']);
      assert.equal(status, 0);
      const columns = new Set(
        stdout
          .split('\n')
          .filter((line) => /^ {2}-/.test(line))
          .map((line) => /^ {2}-\S*(?: \S+)? +/.exec(line)![0].length),
      );
      assert.ok(columns.size <= 1, `${command.name} --help: descriptions start at columns ${[...columns].join(', ')}\n${stdout}`);
    }
  });

  it('alignOptions pads only option lines, to the widest option', () => {
    const help = 'usage: x\n  --a V  first\n  --longer NAME  second\nexit codes: 0\n            (continued)';
    assert.equal(alignOptions(help), 'usage: x\n  --a V          first\n  --longer NAME  second\nexit codes: 0\n            (continued)');
  });
});
