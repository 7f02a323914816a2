import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileHost } from '../analyzer';

/** The analyzer's FileHost on the local file system. Paths are shown relative to the working directory. */
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

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
