import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, formatLocation, parseConfig, ResolvedConfig, type FileHost } from '../analyzer';
import type { Io } from './io';
import { READ_LIMITS, textOfBytes, type ReadKind } from './read-bounded';
import type { ScenarioTree } from './scenario-kinds';
import { InputError, UsageError } from './usage-error';

/** A git revision of the repository the working folder is in. */
export interface Revision {
  /** The repository's root folder (absolute). */
  root: string;
  /** The revision as the user named it (HEAD, main, a commit…). */
  name: string;
}

export function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** The revision of the repository here, or a usage error when there is no repository or no such revision. */
export function openRevision(name: string): Revision {
  try {
    const root = git(['rev-parse', '--show-toplevel'], process.cwd()).trim();
    git(['rev-parse', '--verify', '--quiet', `${name}^{commit}`], root);
    return { root, name };
  } catch {
    throw new UsageError(`--base ${name}: not a git revision of the repository here`);
  }
}

/** A path as git names it in the repository at `root` (forward slashes; `../…` when outside it). */
export function repositoryPath(root: string, file: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join('/');
}

/** The file at the revision (undefined when it is not there), bounded and strictly decoded like a local read. */
export function fileAtRevision(revision: Revision, relative: string, kind: ReadKind): string | undefined {
  const label = `${revision.name}:${relative}`;
  let bytes: Buffer;
  try {
    bytes = execFileSync('git', ['show', label], { cwd: revision.root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: READ_LIMITS[kind] + 1 });
  } catch (error) {
    // Too large is not "absent": that would make an old version look like a new file.
    if ((error as { code?: string }).code === 'ENOBUFS')
      throw new InputError(`${label}: too large (more than ${READ_LIMITS[kind]} bytes; limit ${READ_LIMITS[kind]})`);
    return undefined;
  }
  const decoded = textOfBytes(bytes, kind, label);
  if ('error' in decoded) throw new InputError(decoded.error);
  return decoded.text;
}

/** The files under a folder of the revision, recursively (repository paths; none when it is not there). */
export function filesAtRevision(revision: Revision, relativeDir: string): string[] {
  try {
    // -z: names as they are (quoted otherwise: "\303\251.json" for é.json, and tabs and newlines escaped).
    return git(['ls-tree', '-r', '-z', '--name-only', revision.name, '--', relativeDir === '' ? '.' : relativeDir], revision.root)
      .split('\0')
      .filter((name) => name !== '');
  } catch {
    return [];
  }
}

/**
 * The .json files directly in a folder of the revision that may be scenarios (repository paths): those with
 * `steps` in their text, or a \u escape that could spell it (a scenario needs the key). One `git grep` for the
 * folder (not below it) instead of reading each of its files — there may be thousands of policies in it.
 */
function scenarioCandidatesAtRevision(revision: Revision, relativeDir: string): string[] {
  const prefix = `${revision.name}:`;
  let listed: string;
  try {
    listed = git(
      [
        '--literal-pathspecs',
        'grep',
        '-l',
        '-z',
        '--max-depth',
        '0',
        '-F',
        '-e',
        'steps',
        '-e',
        '\\u',
        revision.name,
        '--',
        relativeDir === '' ? '.' : `${relativeDir}/`,
      ],
      revision.root,
    );
  } catch {
    return []; // No match (git grep exits 1), or no such folder.
  }
  return listed
    .split('\0')
    .map((name) => name.slice(prefix.length))
    .filter((file) => file.endsWith('.json') && path.posix.dirname(file) === (relativeDir === '' ? '.' : relativeDir));
}

/**
 * The scenarios' view of the repository at the revision: files named `REV:path`, policy references resolved
 * against the revision's paths (a scenario naming `policies/x.json` maps to that repository path), every read
 * bounded, and a file the revision does not have (or has outside the repository) unreadable, with the reason.
 */
export function treeAtRevision(revision: Revision): ScenarioTree {
  const prefix = `${revision.name}:`;
  const relativeOf = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : repositoryPath(revision.root, name));
  const unreadable = new Map<string, string>();
  const read = (name: string, kind: ReadKind): string | undefined => {
    const relative = relativeOf(name);
    if (relative.startsWith('../') || path.isAbsolute(relative)) {
      unreadable.set(name, `outside the repository, so it has no version at ${revision.name}`);
      return undefined;
    }
    try {
      const text = fileAtRevision(revision, relative, kind);
      if (text === undefined) unreadable.set(name, `not in ${revision.name}`);
      return text;
    } catch (error) {
      // Too large or not UTF-8: the reason without the `REV:path: ` fileAtRevision puts first.
      const message = (error as Error).message;
      const label = `${prefix}${relative}: `;
      unreadable.set(name, message.startsWith(label) ? message.slice(label.length) : message);
      return undefined;
    }
  };
  const host: FileHost = {
    readFile: (name) => read(name, 'policy'),
    whyUnreadable: (name) => unreadable.get(name),
    resolve: (fromFile, reference) =>
      path.posix.isAbsolute(reference)
        ? prefix + repositoryPath(revision.root, reference)
        : prefix + path.posix.normalize(path.posix.join(path.posix.dirname(relativeOf(fromFile)), reference)),
  };
  return {
    jsonFilesIn: (dir) => {
      const relative = repositoryPath(revision.root, dir);
      return relative.startsWith('../') ? [] : scenarioCandidatesAtRevision(revision, relative).map((file) => prefix + file);
    },
    readScenario: (name) => read(name, 'scenario'),
    host,
    pathOf: (name) => path.join(revision.root, relativeOf(name)),
  };
}

/**
 * The config as it was at the revision: the same path in the repository, or — with no config in the
 * repository now — the nearest one the revision had from here up to the repository's root; absent there,
 * the defaults, or the config in use when that is outside the repository (it has no versions). Undefined
 * (after saying why) when the old config is invalid: the old versions cannot be read as it described them.
 */
export function configAtRevision(revision: Revision, configFile: string | undefined, current: ResolvedConfig, io: Io): ResolvedConfig | undefined {
  const inUse = configFile ? repositoryPath(revision.root, configFile) : undefined;
  const relative = inUse !== undefined && !inUse.startsWith('../') ? inUse : configPathAtRevision(revision);
  if (relative === undefined) return current;
  const label = `${revision.name}:${relative}`;
  const text = fileAtRevision(revision, relative, 'config');
  if (text === undefined) return new ResolvedConfig();
  const { config, problems } = parseConfig(text, label);
  for (const problem of problems) io.error(`${formatLocation(problem.range)}: error invalid-config: ${problem.message} (the config at ${revision.name})`);
  return problems.length > 0 ? undefined : (config ?? new ResolvedConfig());
}

/** The nearest config file the revision has from the working folder up to the repository's root (relative to the root). */
function configPathAtRevision(revision: Revision): string | undefined {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const relative = repositoryPath(revision.root, path.join(dir, CONFIG_FILE_NAME));
    if (relative.startsWith('../')) return undefined;
    try {
      git(['cat-file', '-e', `${revision.name}:${relative}`], revision.root);
      return relative;
    } catch {
      if (path.relative(revision.root, dir) === '') return undefined;
    }
  }
}
