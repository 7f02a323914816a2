/**
 * What the project model needs from its surroundings (Node, the VS Code workspace, the browser): list a
 * folder, say what a path is, read a file. Paths are the host's own absolute paths; the model only joins
 * them and compares them, never interprets them.
 */
export type EntryType = 'file' | 'directory' | 'other';

export interface EntryStat {
  /** What the path is after following links. */
  type: EntryType;
  /** Whether the path itself is a symbolic link. */
  isLink: boolean;
  /** The canonical path (links resolved), for loop detection and for links leaving the project. */
  realPath: string;
}

/** A folder's entry as listing the folder tells it (a file system's d_type): a link is not followed. */
export interface ListedEntry {
  name: string;
  type: EntryType | 'link';
}

export interface ProjectHost {
  /** Names in a folder; throws (with a readable message) when the folder cannot be listed. */
  list(dir: string): string[];
  /**
   * Optional, like `list` with what each entry is: a folder walk then stats only the links (a stat and a
   * realpath per file otherwise, over a large repository more than reading the files).
   */
  listEntries?(dir: string): ListedEntry[];
  /** Undefined when nothing is at the path (a dangling link counts as nothing). */
  stat(path: string): EntryStat | undefined;
  /** The file's text; throws (with a readable message) when it cannot be read. */
  read(path: string): string;
  join(dir: string, name: string): string;
  /** `path` relative to `from`, '/'-separated; starts with '..' when outside it. */
  relative(from: string, path: string): string;
  /** How reports show the path (relative to the working folder when inside it). */
  display(path: string): string;
}

export function isInside(host: ProjectHost, root: string, path: string): boolean {
  const relative = host.relative(root, path);
  return relative === '' || (!relative.startsWith('../') && relative !== '..' && !relative.startsWith('/') && !/^[A-Za-z]:/.test(relative));
}

/** The host's message for a failed list/read (hosts throw errors whose message is the reason in words), never a stack trace. */
export function hostErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
