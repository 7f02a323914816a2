import type { SourcePolicy } from '../document';
import type { Resolved } from '../value';

/** Undecided blocks of a policy whose Deny statements were already left out (dynamic statements). */
export interface DroppedStatements {
  conditions: readonly string[];
  dropped: number;
}

/**
 * A policy analysed both ways because the files do not decide whether it (`conditions`) or some of its
 * statements (`earlier`) exist: its Allow statements count (a possible grant is a grant), its Deny
 * statements are left out (a Deny that may not exist never removes access), and the report says so
 * through the policy's branches. Returns a note instead when nothing of the policy is left (only
 * Denies): there is nothing to check in it.
 */
export function analysedBothWays(policy: SourcePolicy, conditions: readonly string[], earlier?: DroppedStatements): string | undefined {
  if (conditions.length === 0 && !earlier) return undefined;
  const { document, dropped, left } =
    conditions.length > 0 ? withoutDenies(policy.document) : { document: policy.document, dropped: 0, left: countStatements(policy.document) };
  const all = [...(earlier?.conditions ?? []), ...conditions];
  const denies = dropped + (earlier?.dropped ?? 0);
  if (left === 0 && denies > 0)
    return `${policy.name}: ${all.join('; ')} not decided by the files: its ${denies} Deny statement(s) are not applied, so the access they might remove shows as granted`;
  policy.document = document;
  policy.branches = { conditions: [...(policy.branches?.conditions ?? []), ...all], droppedDenies: (policy.branches?.droppedDenies ?? 0) + denies };
  return undefined;
}

function statementsOf(document: Resolved): Resolved[] | undefined {
  const statements = document.type === 'object' ? document.entries.find((e) => e.key === 'Statement')?.value : undefined;
  return statements?.type === 'array' ? statements.items : statements?.type === 'object' ? [statements] : undefined;
}

function countStatements(document: Resolved): number {
  return statementsOf(document)?.length ?? 1;
}

function withoutDenies(document: Resolved): { document: Resolved; dropped: number; left: number } {
  const list = statementsOf(document);
  if (!list || document.type !== 'object') return { document, dropped: 0, left: 1 };
  const kept = list.filter((s) => !(s.type === 'object' && s.entries.some((e) => e.key === 'Effect' && e.value.type === 'string' && e.value.value === 'Deny')));
  const entries = document.entries.map((e) => (e.key === 'Statement' ? { ...e, value: { type: 'array' as const, span: e.value.span, items: kept } } : e));
  return { document: { ...document, entries }, dropped: list.length - kept.length, left: kept.length };
}
