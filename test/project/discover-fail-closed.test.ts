import { strict as assert } from 'node:assert';
import { discoverProject, ResolvedConfig, type EntryStat, type ProjectHost } from '../../analyzer';

/**
 * A folder or file discovery cannot read may hold policies: it was not examined, so the note is fatal
 * (check exits 2), whatever the host's reason. A host that refuses what it is asked stands in for
 * permissions, which cannot be tested as root.
 */
function host(tree: Record<string, 'dir' | string>, refuse: ReadonlySet<string>): ProjectHost {
  return {
    list(dir) {
      if (refuse.has(dir)) throw new Error('permission denied');
      return Object.keys(tree)
        .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
        .map((p) => p.slice(dir.length + 1));
    },
    stat: (path): EntryStat | undefined => (path in tree ? { type: tree[path] === 'dir' ? 'directory' : 'file', isLink: false, realPath: path } : undefined),
    read(path) {
      if (refuse.has(path)) throw new Error('permission denied');
      const text = tree[path];
      if (text === undefined || text === 'dir') throw new Error('no such file or folder');
      return text;
    },
    join: (dir, name) => `${dir}/${name}`,
    relative: (from, path) => (path === from ? '' : path.startsWith(`${from}/`) ? path.slice(from.length + 1) : `../${path}`),
    display: (path) => path,
  };
}

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] });
const options = { config: new ResolvedConfig(), configDir: '/p', projectRoot: '/p' };

describe('discovery fails closed on what it cannot read', () => {
  const tree = { '/p': 'dir', '/p/ok.json': POLICY, '/p/locked': 'dir', '/p/locked/p.json': POLICY, '/p/secret.json': POLICY, '/p/notes.txt': 'x' } as const;

  it('a folder that cannot be listed is a fatal note, and the rest is still found', () => {
    const found = discoverProject([{ path: '/p' }], host(tree, new Set(['/p/locked'])), options);
    assert.deepEqual(found.files.map((f) => f.path).sort(), ['/p/ok.json', '/p/secret.json']);
    assert.deepEqual(found.notes, [{ path: '/p/locked', message: 'folder cannot be listed: permission denied', fatal: true }]);
  });

  it('a file that may hold policies and cannot be read is a fatal note, even found while walking', () => {
    const found = discoverProject([{ path: '/p' }], host(tree, new Set(['/p/secret.json', '/p/notes.txt'])), options);
    assert.deepEqual(found.notes, [{ path: '/p/secret.json', message: 'cannot be read: permission denied', fatal: true }]);
  });

  it('a special file named like a policy is never read, and said so', () => {
    const special = host({ ...tree, '/p/pipe.json': 'special' }, new Set());
    const stat = special.stat;
    special.stat = (path) => (path === '/p/pipe.json' ? { type: 'other', isLink: false, realPath: path } : stat(path));
    special.read = (path) => {
      if (path === '/p/pipe.json') throw new Error('read a special file');
      return tree[path as keyof typeof tree];
    };
    const found = discoverProject([{ path: '/p' }], special, options);
    assert.deepEqual(found.notes, [{ path: '/p/pipe.json', message: 'not a regular file or folder, not read', fatal: false }]);
  });

  it('with nothing refused there are no notes', () => {
    assert.deepEqual(discoverProject([{ path: '/p' }], host(tree, new Set()), options).notes, []);
  });
});
