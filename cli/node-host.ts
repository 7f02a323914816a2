import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EntryStat, FileHost, ProjectHost } from '../analyzer';
import { displayPath } from './display-path';
import { fsErrorReason } from './fs-errors';
import { tryReadBounded } from './read-bounded';

const unreadable = new Map<string, string>();

/** The reason alone (`too large (…)`), without the `path: ` the bounded reader puts first; a `path:line:col:` position is kept, shown relative. */
function reasonOf(file: string, error: string): string {
  if (error.startsWith(`${file}: `)) return error.slice(file.length + 2);
  return error.startsWith(`${file}:`) ? displayPath(file) + error.slice(file.length) : error;
}

/**
 * The only place the CLI reads project files: the analyzer's FileHost (the policy files scenarios name) and
 * ProjectHost (discovery) on the local file system. Every read is bounded (regular files only, a size cap,
 * strict UTF-8: read-bounded.ts). Paths are shown relative to the working directory.
 */
export const nodeFileHost: FileHost = {
  readFile(file: string): string | undefined {
    const read = tryReadBounded(file, 'policy');
    if ('text' in read) return read.text;
    unreadable.set(file, read.error);
    return undefined;
  },
  whyUnreadable: (file) => unreadable.get(file),
  resolve(fromFile: string, reference: string): string {
    return displayPath(path.resolve(path.dirname(fromFile), reference));
  },
};

export const nodeProjectHost: ProjectHost = {
  list(dir) {
    try {
      return fs.readdirSync(dir);
    } catch (error) {
      throw new Error(fsErrorReason(error) ?? (error instanceof Error ? error.message : String(error)));
    }
  },
  stat(file): EntryStat | undefined {
    try {
      const link = fs.lstatSync(file);
      const target = link.isSymbolicLink() ? fs.statSync(file) : link;
      return { type: target.isFile() ? 'file' : target.isDirectory() ? 'directory' : 'other', isLink: link.isSymbolicLink(), realPath: fs.realpathSync(file) };
    } catch {
      return undefined;
    }
  },
  // Before its kind is known a file gets the largest cap (scenarios'); discoverFiles applies the policy cap after.
  read(file) {
    const read = tryReadBounded(file, 'scenario');
    if ('error' in read) throw new Error(reasonOf(file, read.error));
    return read.text;
  },
  join: (dir, name) => path.join(dir, name),
  relative: (from, file) => path.relative(from, file).split(path.sep).join('/'),
  display: (file) => displayPath(file),
};

/** The real path of a folder, so links are compared with where they actually point. */
export function realFolder(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

export { displayPath };
