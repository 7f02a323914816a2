/** A mistake in how the command was called or in what it was given; exit code 2, no stack trace. */
export class UsageError extends Error {}

/**
 * A usage error about the input (a path that does not exist, an unreadable file): the message says all there
 * is to say, so the command's usage is not printed after it.
 */
export class InputError extends UsageError {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
