import type { Flow } from './model';

/** The evaluator's answer for one request of an example. */
export type Decision = 'allow' | 'ambiguous' | 'deny';

const RANK: Record<Decision, number> = { allow: 0, ambiguous: 1, deny: 2 };

/** The answer for requests that must all be allowed: deny if one is denied, else ambiguous if one is. */
export function worstOf(decisions: readonly Decision[]): Decision {
  return decisions.includes('deny') ? 'deny' : decisions.includes('ambiguous') ? 'ambiguous' : 'allow';
}

/** Whether `a` is a better answer than `b` (allow before ambiguous before deny). */
export function betterThan(a: Decision, b: Decision): boolean {
  return RANK[a] < RANK[b];
}

/** A flow's status from the answer for every request of its example. */
export function flowStatus(decision: Decision): Flow['status'] {
  return decision === 'allow' ? 'confirmed' : decision === 'ambiguous' ? 'ambiguous' : 'unconfirmed';
}
