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
/** An unexpected exception: a bug, not a problem with the input (sysexits' EX_SOFTWARE), so scripts can tell them apart. */
export const EXIT_INTERNAL = 70;
/** Set (to anything) to print an internal error's stack trace. */
export const DEBUG_ENV = 'IOT_POLICY_LENS_DEBUG';
/** The last line of every command's help; main adds it, so no command can leave it out. */
export const INTERNAL_EXIT_HELP = `            ${EXIT_INTERNAL} internal error (a bug, not your input: please report it; ${DEBUG_ENV}=1 prints its stack trace)`;
