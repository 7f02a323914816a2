/**
 * A file's text at git HEAD, for "What does this change grant?". Three outcomes, never confused: the text,
 * the file is not in HEAD (then everything it allows is new), or an error naming what failed — git missing,
 * not a repository, no commit yet, a folder or link at HEAD, too large, not UTF-8 — so that a failure of git
 * is never taken for "not in HEAD", nor for "no change". No VS Code here: the caller checks workspace trust.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { READ_LIMITS, textOfBytes, type ReadKind } from '../../cli/read-bounded';

export type HeadVersion = { text: string; label: string } | { absent: true; label: string };

/** git's answer can take a while on a large repository; it never needs this long. */
const GIT_TIMEOUT_MS = 30_000;

interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function run(args: readonly string[], cwd: string, maxBuffer = 1024 * 1024): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer, timeout: GIT_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
      const failure = error as (NodeJS.ErrnoException & { code?: string | number; killed?: boolean }) | null;
      if (failure?.code === 'ENOENT') return reject(new Error('git was not found: install git, or put it on the PATH of VS Code'));
      if (failure?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new Error(`git ${args[0]} printed more than ${maxBuffer} bytes`));
      if (failure?.killed) return reject(new Error(`git ${args[0]} did not finish within ${GIT_TIMEOUT_MS / 1000} s`));
      if (failure && typeof failure.code !== 'number') return reject(new Error(`git ${args[0]} could not run: ${failure.message}`));
      resolve({ code: typeof failure?.code === 'number' ? failure.code : 0, stdout, stderr: stderr.toString('utf8').trim() });
    });
  });
}

/** git's own words for a failure: its first line, without the "fatal: " prefix. */
const said = (result: Run) => result.stderr.split('\n')[0].replace(/^fatal: /, '') || `exit code ${result.code}`;

/** `file` (absolute) at HEAD of the repository it is in, read within the cap for its kind. */
export async function readAtHead(file: string, kind: ReadKind): Promise<HeadVersion> {
  const folder = path.dirname(file);
  const top = await run(['rev-parse', '--show-toplevel'], folder);
  if (top.code !== 0) {
    if (/not a git repository/i.test(top.stderr)) throw new Error(`${folder} is not in a git repository: there is no HEAD to compare with`);
    throw new Error(`git rev-parse failed in ${folder}: ${said(top)}`);
  }
  const root = fs.realpathSync(top.stdout.toString('utf8').trim());
  // The real path on both sides: a workspace opened through a symbolic link still names the file inside the repository.
  const relative = path
    .relative(root, path.join(fs.realpathSync(folder), path.basename(file)))
    .split(path.sep)
    .join('/');
  const label = `HEAD:${relative}`;
  const head = await run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], root);
  if (head.code !== 0) throw new Error(`the repository at ${root} has no commit yet: there is no HEAD to compare with`);
  // -z: the name as it is; -l: the size, so an oversized blob is refused before it is read.
  const listed = await run(['ls-tree', '-z', '-l', '--full-tree', 'HEAD', '--', relative], root);
  if (listed.code !== 0) throw new Error(`git ls-tree failed for ${label}: ${said(listed)}`);
  const entry = listed.stdout.toString('utf8').split('\0')[0];
  if (entry === '') return { absent: true, label };
  const [mode, type, object, size] = entry.slice(0, entry.indexOf('\t')).split(/ +/);
  if (type !== 'blob') throw new Error(`${label} is a ${type === 'tree' ? 'folder' : type === 'commit' ? 'submodule' : type} at HEAD, not a file`);
  if (mode === '120000') throw new Error(`${label} is a symbolic link at HEAD, not a file`);
  const limit = READ_LIMITS[kind];
  if (Number(size) > limit) throw new Error(`${label}: too large (${size} bytes; limit ${limit})`);
  const blob = await run(['cat-file', 'blob', object], root, limit + 1);
  if (blob.code !== 0) throw new Error(`git cat-file failed for ${label}: ${said(blob)}`);
  const decoded = textOfBytes(blob.stdout, kind, label);
  if ('error' in decoded) throw new Error(decoded.error);
  return { text: decoded.text, label };
}
