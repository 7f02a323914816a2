import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EntryStat, FileHost, ProjectHost } from '../analyzer';
import { displayPath } from './display-path';
import { fsErrorReason } from './fs-errors';
import { tryReadBounded, type ReadKind } from './read-bounded';

/** The reason alone (`too large (…)`), without the `path: ` the bounded reader puts first; a `path:line:col:` position is kept, shown relative. */
function reasonOf(file: string, error: string): string {
  if (error.startsWith(`${file}: `)) return error.slice(file.length + 2);
  return error.startsWith(`${file}:`) ? displayPath(file) + error.slice(file.length) : error;
}

export interface DiskFileHostOptions {
  /** The size cap of every read (read-bounded.ts; default: a policy's). */
  kind?: ReadKind;
  /** Text that replaces the disk's for some files (an editor's unsaved documents), or undefined. */
  overlay?: (file: string) => string | undefined;
  /** How a resolved reference is named (default: its absolute path). */
  name?: (file: string) => string;
  /** The project's folder for a file, which files a template includes must stay in (default: the working folder). */
  projectRoot?: (file: string) => string;
}

/**
 * The analyzer's FileHost (the policy files scenarios name) on the local file system — the one for the CLI,
 * the extension and the tests. Every read is bounded (regular files only, a size cap, strict UTF-8:
 * read-bounded.ts), and why a file could not be read is kept for the message that names it.
 */
export function diskFileHost(options: DiskFileHostOptions = {}): FileHost {
  const unreadable = new Map<string, string>();
  return {
    readFile(file) {
      const overlaid = options.overlay?.(file);
      if (overlaid !== undefined) return overlaid;
      const read = tryReadBounded(file, options.kind ?? 'policy');
      if ('text' in read) return read.text;
      unreadable.set(file, read.error);
      return undefined;
    },
    whyUnreadable: (file) => unreadable.get(file),
    resolve: (fromFile, reference) => {
      const resolved = path.resolve(path.dirname(fromFile), reference);
      return options.name ? options.name(resolved) : resolved;
    },
    // Links resolved, as the folder walk follows them: inside the project, or inside the folder of a module outside it.
    mayInclude: (fromFile, file) => {
      const target = realPath(file);
      const roots = [realFolder(options.projectRoot?.(fromFile) ?? process.cwd()), realFolder(path.dirname(fromFile))];
      return roots.some((root) => {
        const relative = path.relative(root, target);
        return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
      });
    },
    listFolder: (file) => {
      try {
        return fs.readdirSync(path.dirname(path.resolve(file)));
      } catch {
        return undefined;
      }
    },
  };
}

/** The file's canonical path (links resolved); its absolute path when it does not exist (it is then not read anyway). */
function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * The only place the CLI reads project files: nodeFileHost (diskFileHost with paths shown relative to the
 * working directory) and nodeProjectHost (discovery), both bounded.
 */
export const nodeFileHost: FileHost = diskFileHost({ name: displayPath });

/** nodeFileHost for a project whose root is `configDir` (the config's folder, or the working folder): includes stay inside it. */
export function projectFileHost(configDir: string): FileHost {
  return diskFileHost({ name: displayPath, projectRoot: () => configDir });
}

export const nodeProjectHost: ProjectHost = {
  list(dir) {
    try {
      return fs.readdirSync(dir);
    } catch (error) {
      throw new Error(fsErrorReason(error) ?? (error instanceof Error ? error.message : String(error)));
    }
  },
  // Node stats only the entries whose type the file system does not give with the listing.
  listEntries(dir) {
    try {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .map((entry) => ({ name: entry.name, type: entry.isSymbolicLink() ? 'link' : entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other' }));
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
