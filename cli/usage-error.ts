/** A mistake in how the command was called or in what it was given; exit code 2, no stack trace. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A file or folder the command cannot use (`path: reason`); exit code 2, without the usage text. */
export class InputError extends Error {}
