import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diskFileHost } from '../../cli/node-host';

describe('diskFileHost (the one FileHost on disk: CLI, extension, tests)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-host-'));
    fs.writeFileSync(path.join(dir, 'policy.json'), '{"Version":"2012-10-17"}');
    fs.writeFileSync(path.join(dir, 'big.json'), 'x'.repeat(1024 * 1024 + 1));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads files, resolves references from the file that names them, and names them as asked', () => {
    const host = diskFileHost();
    const resolved = host.resolve(path.join(dir, 'scenario.json'), './policy.json');
    assert.equal(resolved, path.join(dir, 'policy.json'));
    assert.equal(host.readFile(resolved), '{"Version":"2012-10-17"}');
    assert.equal(diskFileHost({ name: (file) => path.basename(file) }).resolve(path.join(dir, 'a.json'), 'policy.json'), 'policy.json');
  });

  it('says why a file cannot be read: missing, too large for its kind, not a regular file', () => {
    const host = diskFileHost();
    for (const [file, why] of [
      ['missing.json', /no such file/],
      ['big.json', /too large \(1048577 bytes; limit 1048576\)/],
      ['.', /not a regular file/],
    ] as const) {
      assert.equal(host.readFile(path.join(dir, file)), undefined, file);
      assert.match(host.whyUnreadable?.(path.join(dir, file)) ?? '', why, file);
    }
    // A scenario-sized cap reads what a policy-sized one refuses.
    assert.equal(diskFileHost({ kind: 'scenario' }).readFile(path.join(dir, 'big.json'))?.length, 1024 * 1024 + 1);
  });

  it('prefers the overlay (an editor’s unsaved text) to the disk', () => {
    const file = path.join(dir, 'policy.json');
    const host = diskFileHost({ overlay: (f) => (f === file ? 'unsaved' : undefined) });
    assert.equal(host.readFile(file), 'unsaved');
    assert.equal(host.readFile(path.join(dir, 'missing.json')), undefined);
  });
});
