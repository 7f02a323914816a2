import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EntryStat, FileHost, ProjectHost } from '../analyzer';

/**
 * The only place the CLI reads project files: the analyzer's FileHost (scenario references) and
 * ProjectHost (discovery) on the local file system. Paths are shown relative to the working directory.
 */
export const nodeFileHost: FileHost = {
  readFile(file: string): string | undefined {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  resolve(fromFile: string, reference: string): string {
    return displayPath(path.resolve(path.dirname(fromFile), reference));
  },
};

export const nodeProjectHost: ProjectHost = {
  list: (dir) => fs.readdirSync(dir),
  stat(file): EntryStat | undefined {
    try {
      const link = fs.lstatSync(file);
      const target = link.isSymbolicLink() ? fs.statSync(file) : link;
      return { type: target.isFile() ? 'file' : target.isDirectory() ? 'directory' : 'other', isLink: link.isSymbolicLink(), realPath: fs.realpathSync(file) };
    } catch {
      return undefined;
    }
  },
  read: (file) => fs.readFileSync(file, 'utf8'),
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

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
