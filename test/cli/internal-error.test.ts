import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { COMMANDS } from '../../cli/commands';
import type { Io } from '../../cli/io';
import { main } from '../../cli/main';
import { ROOT } from './run-cli';

const SCENARIO = path.join(ROOT, 'samples', 'per-user-app', 'scenario.json');
const DEBUG = 'IOT_POLICY_LENS_DEBUG';

/** An Io whose standard output fails with a plain Error: an exception no command expects. */
function failingOutput(): { io: Io; stderr: string[] } {
  const stderr: string[] = [];
  const io: Io = {
    out: () => {
      throw new Error('the output went away');
    },
    error: (text) => stderr.push(text),
  };
  return { io, stderr };
}

async function withDebug<T>(value: string | undefined, work: () => Promise<T>): Promise<T> {
  const saved = process.env[DEBUG];
  if (value === undefined) delete process.env[DEBUG];
  else process.env[DEBUG] = value;
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env[DEBUG];
    else process.env[DEBUG] = saved;
  }
}

describe('internal errors', () => {
  it('exit 70, distinct from usage errors (2), with the message and no stack trace', async () => {
    const { io, stderr } = failingOutput();
    const code = await withDebug(undefined, () => main(['simulate', SCENARIO], io));
    assert.equal(code, 70);
    const text = stderr.join('\n');
    assert.match(
      text,
      /^internal error: the output went away\nPlease report this with the input that caused it \(IOT_POLICY_LENS_DEBUG=1 adds the stack trace\)\.$/,
    );
    assert.doesNotMatch(text, /\n\s+at /);
  });

  it(`print the stack trace when ${DEBUG} is set`, async () => {
    const { io, stderr } = failingOutput();
    const code = await withDebug('1', () => main(['simulate', SCENARIO], io));
    assert.equal(code, 70);
    assert.match(stderr.join('\n'), /^internal error: Error: the output went away\n\s+at /);
  });

  it('leave usage errors at exit 2', async () => {
    const { io } = failingOutput();
    assert.equal(await main(['simulate', '--no-such-option', SCENARIO], io), 2);
  });

  it("are listed in every command's help", async () => {
    for (const command of COMMANDS) {
      const out: string[] = [];
      assert.equal(await main([command.name, '--help'], { out: (text) => out.push(text), error: () => {} }), 0, command.name);
      assert.match(out.join('\n'), /^exit codes: [^]*\n {12}70 internal error \(a bug, not your input/m, command.name);
    }
  });
});
