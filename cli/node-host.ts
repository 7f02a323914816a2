import * as path from 'node:path';
import type { FileHost } from '../analyzer';
import { displayPath } from './display-path';
import { tryReadBounded } from './read-bounded';

const unreadable = new Map<string, string>();

/**
 * The analyzer's FileHost on the local file system, for the policy files scenarios name: bounded reads
 * (regular files only, the policy size cap, strict UTF-8). Paths are shown relative to the working directory.
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

export { displayPath };
