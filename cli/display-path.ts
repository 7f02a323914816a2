import * as path from 'node:path';

/** How reports name a file: relative to the working directory when below it, otherwise as it is. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
