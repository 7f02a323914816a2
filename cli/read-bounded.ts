import * as fs from 'node:fs';
import { decodeUtf8 } from './decode-text';
import { describeFsError } from './fs-errors';
import { InputError } from './usage-error';

/**
 * Size caps per kind of file, in bytes. Policies: far above AWS's quotas (an IoT policy holds 2,048
 * characters, an IAM managed policy 6,144) and far below memory trouble. Scenarios: room for tens of
 * thousands of steps. Configs are small by nature.
 */
export const READ_LIMITS = {
  policy: 1024 * 1024,
  scenario: 4 * 1024 * 1024,
  config: 1024 * 1024,
} as const;

export type ReadKind = keyof typeof READ_LIMITS;

const CHUNK = 64 * 1024;
const scratch = Buffer.allocUnsafe(CHUNK);

const tooLarge = (shown: string, size: number, kind: ReadKind) => `${shown}: too large (${size} bytes; limit ${READ_LIMITS[kind]})`;

/** Bytes from anywhere (a file, git) as text, or `label: reason` when too large or not UTF-8. */
export function textOfBytes(bytes: Uint8Array, kind: ReadKind, label: string): { text: string } | { error: string } {
  if (bytes.length > READ_LIMITS[kind]) return { error: tooLarge(label, bytes.length, kind) };
  const decoded = decodeUtf8(bytes);
  if ('text' in decoded) return decoded;
  return { error: decoded.at ? `${label}:${decoded.at.line}:${decoded.at.column}: ${decoded.problem}` : `${label}: ${decoded.problem}` };
}

/**
 * A file's text, or why it cannot be read (`path: reason`, the path as given). Only regular files are
 * read (a FIFO, a device or a folder is refused): opened without blocking, then checked with fstat on the
 * open descriptor, so nothing can swap the file between check and read; never more than the cap is read.
 */
export function tryReadBounded(file: string, kind: ReadKind): { text: string } | { error: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    return { error: describeFsError(error, file) ?? `${file}: cannot read the file` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: `${file}: not a regular file` };
    const limit = READ_LIMITS[kind];
    if (stat.size > limit) return { error: tooLarge(file, stat.size, kind) };
    // The size is not trusted (it changes, /proc files report 0): read until the end or past the cap. The
    // first chunk has room for the stated size and one byte more, so a file read whole needs one chunk of its
    // size; later reads go to one scratch buffer, copied out only when they read something, so the read that
    // finds the end allocates nothing (64 KiB per file was, over thousands of files, most of the memory churn).
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= limit) {
      const first = chunks.length === 0;
      const chunk = first ? Buffer.allocUnsafe(Math.min(stat.size + 1, CHUNK)) : scratch;
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(first ? chunk.subarray(0, read) : Buffer.from(chunk.subarray(0, read)));
      length += read;
    }
    // Read whole in one chunk (nearly every file): decoded from it, not from a copy.
    return textOfBytes(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length), kind, file);
  } catch (error) {
    return { error: describeFsError(error, file) ?? `${file}: cannot read the file` };
  } finally {
    fs.closeSync(fd);
  }
}

/** A file whose kind is not known before reading it: read within the largest cap, checked once classified. */
export function readProjectFile(file: string): string {
  return readBounded(file, 'scenario');
}

/** Throws `file: too large (…)` when text read under a larger cap exceeds the cap of the kind it turned out to be. */
export function assertWithinLimit(text: string, kind: ReadKind, shown: string): void {
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so short texts need no count.
  if (text.length * 3 <= READ_LIMITS[kind]) return;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > READ_LIMITS[kind]) throw new InputError(tooLarge(shown, size, kind));
}

/** Like tryReadBounded, throwing an InputError (exit 2, `path: reason`) when the file cannot be read. */
export function readBounded(file: string, kind: ReadKind): string {
  const result = tryReadBounded(file, kind);
  if ('error' in result) throw new InputError(result.error);
  return result.text;
}
