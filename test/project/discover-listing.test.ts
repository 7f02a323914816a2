import { strict as assert } from 'node:assert';
import { discoverProject, ResolvedConfig, type EntryStat, type ProjectHost } from '../../analyzer';
import type { ListedEntry } from '../../analyzer/project/host';

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] });

/** Files, folders and links (to a path) of a project at /p; `stats` records what discovery asked the host to stat. */
function host(tree: Record<string, 'dir' | { link: string } | string>, withTypes: boolean) {
  const stats: string[] = [];
  const childrenOf = (dir: string) => Object.keys(tree).filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'));
  const resolved = (path: string): string => {
    const entry = tree[path];
    return typeof entry === 'object' ? resolved(entry.link) : path;
  };
  const typeOf = (path: string): ListedEntry['type'] => {
    const entry = tree[path];
    return typeof entry === 'object' ? 'link' : entry === 'dir' ? 'directory' : 'file';
  };
  const projectHost: ProjectHost = {
    list: (dir) => childrenOf(dir).map((p) => p.slice(dir.length + 1)),
    ...(withTypes && { listEntries: (dir: string) => childrenOf(dir).map((p) => ({ name: p.slice(dir.length + 1), type: typeOf(p) })) }),
    stat(path): EntryStat | undefined {
      stats.push(path);
      const real = resolved(path);
      return { type: tree[real] === 'dir' ? 'directory' : 'file', isLink: real !== path, realPath: real };
    },
    read: (path) => tree[resolved(path)] as string,
    join: (dir, name) => `${dir}/${name}`,
    relative: (from, path) => (path === from ? '' : path.startsWith(`${from}/`) ? path.slice(from.length + 1) : `../${path}`),
    display: (path) => path,
  };
  return { projectHost, stats };
}

describe('discovery over a host that lists entries with their types', () => {
  const tree = {
    '/p': 'dir',
    '/p/a.json': POLICY,
    '/p/sub': 'dir',
    '/p/sub/b.json': POLICY,
    '/p/again.json': { link: '/p/sub/b.json' },
    '/p/loop': { link: '/p' },
  } as const;
  const options = { config: new ResolvedConfig(), configDir: '/p', projectRoot: '/p' };

  it('finds what list and stat find, each real file once, and stats only the links', () => {
    const typed = host(tree, true);
    const plain = host(tree, false);
    const found = discoverProject([{ path: '/p' }], typed.projectHost, options);
    const expected = discoverProject([{ path: '/p' }], plain.projectHost, options);
    assert.deepEqual(
      found.files.map((f) => f.path),
      ['/p/a.json', '/p/again.json'],
    );
    assert.deepEqual(found, expected);
    assert.deepEqual(typed.stats, ['/p', '/p/again.json', '/p/loop']);
    assert.deepEqual(plain.stats, ['/p', '/p/a.json', '/p/again.json', '/p/loop', '/p/sub', '/p/sub/b.json']);
  });
});
