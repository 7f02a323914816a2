import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli/run-cli';

// .pre-commit-hooks.yaml: pre-commit installs the package (language: node) and runs `entry` from its bin.
const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('.pre-commit-hooks.yaml', () => {
  const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const field = (name: string) => new RegExp(`^ {2}${name}: (.*)$`, 'm').exec(hooks)?.[1];

  it('declares a node hook whose entry is a command of the package, run once per commit on JSON changes', () => {
    assert.equal(field('language'), 'node');
    assert.equal(field('pass_filenames'), 'false');
    assert.equal(field('files'), '\\.json$');
    const [bin, command] = field('entry')!.split(' ');
    const { bin: bins } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.ok(bin in bins, `${bin} is not in package.json's bin`);
    const help = runCli([command, '--help']);
    assert.equal(help.status, 0, `"${command}" is not a command`);
  });
});
