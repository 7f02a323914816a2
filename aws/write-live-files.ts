import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why the files were not (all) written; nothing existing was replaced. */
export class WriteRefusedError extends Error {}

type Entry = 'missing' | 'folder' | 'link' | 'other';

function entry(target: string): Entry {
  try {
    const stat = fs.lstatSync(target);
    return stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'folder' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new WriteRefusedError(`${target}: ${(error as Error).message}`);
  }
}

/** Folders between `dir` and the file, outermost first. */
function foldersOf(dir: string, relative: string): string[] {
  const parts = relative.split('/').slice(0, -1);
  return parts.map((_, i) => path.join(dir, ...parts.slice(0, i + 1)));
}

// Refuse to follow a link even if one appears between the check and the write (O_EXCL already refuses a link as the file itself).
const CREATE_NEW = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * Writes `files` (paths relative to `dir`, `/`-separated) under `dir`: never replaces anything, never
 * writes through a symbolic link (a link inside `dir`, dangling or not, is refused, as is `dir` itself being
 * a link), and creates each file exclusively. Everything is checked before the first write; a write that
 * still fails says which files were written. Returns the paths written.
 */
export function writeLiveFiles(dir: string, files: ReadonlyArray<{ path: string; content: string }>): string[] {
  const root = entry(dir);
  if (root === 'link') throw new WriteRefusedError(`not writing to ${dir}: it is a symbolic link; name the folder it points to`);
  if (root === 'other') throw new WriteRefusedError(`not writing to ${dir}: it is not a folder`);
  const targets = files.map((file) => {
    if (path.isAbsolute(file.path) || file.path.split('/').some((part) => part === '..' || part === ''))
      throw new WriteRefusedError(`not writing ${file.path}: not a plain relative path`);
    return { ...file, target: path.join(dir, file.path), folders: foldersOf(dir, file.path) };
  });
  const problems: string[] = [];
  for (const { target, folders } of targets) {
    const links = folders.filter((folder) => entry(folder) === 'link' || entry(folder) === 'other');
    if (links.length > 0) problems.push(`${links[0]} is not a folder (a link or a file)`);
    else if (entry(target) !== 'missing') problems.push(`${target} already exists${entry(target) === 'link' ? ' (as a symbolic link)' : ''}`);
  }
  if (problems.length > 0) throw new WriteRefusedError(`not writing to ${dir}: ${[...new Set(problems)].join('; ')}`);

  const written: string[] = [];
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const { target, folders, content } of targets) {
      for (const folder of folders) {
        if (entry(folder) === 'missing') fs.mkdirSync(folder);
        if (entry(folder) !== 'folder') throw new Error(`${folder} is no longer a folder`);
      }
      const fd = fs.openSync(target, CREATE_NEW, 0o644);
      try {
        fs.writeFileSync(fd, content);
      } finally {
        fs.closeSync(fd);
      }
      written.push(target);
    }
  } catch (error) {
    const done = written.length > 0 ? `wrote ${written.join(', ')}, then stopped` : 'nothing was written';
    throw new WriteRefusedError(`writing to ${dir} failed: ${(error as Error).message}; ${done}`);
  }
  return written;
}
