import type { Span } from './tree';

/**
 * Hostile input: a template whose values would take unbounded time or memory to build (a long value
 * repeated by aliases, functions or variables). Reading it stops; the template is refused as a whole
 * (read-template-file.ts), at the place the budget ran out.
 */
export class SourceLimitError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/**
 * Characters the functions and variables of one template may build in all (strings joined and
 * substituted): far more than any template needs (a policy is at most a few KB), far less than would
 * exhaust memory.
 */
export const MAX_BUILT_CHARACTERS = 16 * 1024 * 1024;

/** What one template's reading has built so far, against MAX_BUILT_CHARACTERS. */
export class CharacterBudget {
  private left = MAX_BUILT_CHARACTERS;

  charge(characters: number, span: Span): void {
    this.left -= characters;
    if (this.left < 0)
      throw new SourceLimitError(
        `its values build more than ${MAX_BUILT_CHARACTERS.toLocaleString('en-US')} characters (a long value repeated by aliases, functions or variables); not read`,
        span,
      );
  }
}
