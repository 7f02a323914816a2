import { displayPath } from './display-path';

/** Words for the file-system errors a user can cause (permissions, missing paths, loops), by errno code. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a path component is not a folder',
  EISDIR: 'is a folder, not a file',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'path too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  ENXIO: 'no such device',
  EAGAIN: 'not ready to be read (a device or pipe?)',
};

/** The reason alone (`permission denied`) for a Node file-system error, or undefined when the error is not one. */
export function fsErrorReason(error: unknown): string | undefined {
  const { code } = (error ?? {}) as { code?: unknown };
  return typeof code === 'string' && code in REASONS ? REASONS[code] : undefined;
}

/** `path: reason` for a Node file-system error, or undefined when the error is not one. */
export function describeFsError(error: unknown, file?: string): string | undefined {
  const reason = fsErrorReason(error);
  if (reason === undefined) return undefined;
  const { path: where } = error as { path?: unknown };
  const shown = file ?? (typeof where === 'string' ? displayPath(where) : undefined);
  return shown ? `${shown}: ${reason}` : reason;
}
