/**
 * Reading JSON where a type generated from schemas/ is expected, before (or without) validating it: an
 * editor reads what the user is typing, a page reads a link from another version. The schema's keys are
 * typed, so a misspelt key does not compile; every value stays `unknown` until checked where it is used.
 */
export type Unchecked<T> = { readonly [K in keyof T]?: unknown };

/** The value as an object with T's keys, or undefined when it is not an object (null, an array, a string…). */
export function asUnchecked<T>(value: unknown): Unchecked<T> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Unchecked<T>) : undefined;
}
