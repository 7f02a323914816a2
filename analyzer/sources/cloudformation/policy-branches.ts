import type { Resolved, ResolvedObject } from '../value';
import { decideCondition, type TemplateContext } from './intrinsics';

/** Past this many undecided conditions in one document (2^n variants), the `Fn::If`s stay unknown values. */
const MAX_CONDITIONS = 4;

/** A condition a policy exists under: its resource's `Condition`, or the `Fn::If` branch that lists it (list-items.ts). */
export interface Guard {
  condition: string;
  holds: boolean;
}

/** Which undecided conditions a policy was analysed under both ways, and what that dropped. */
export interface PolicyBranches {
  conditions: string[];
  /** Deny statements that only some branches have: they are not applied, so access they might remove shows as granted. */
  droppedDenies: number;
}

/**
 * A policy document whose `Fn::If`s depend on conditions the files do not decide, resolved under every
 * outcome of those conditions and merged so that the analysis fails closed both ways: an Allow that any
 * branch has counts (a possible grant is a grant), a Deny counts only when every branch has it (a Deny one
 * branch lacks never removes access). `resolveOnce` resolves the document with `context` as it stands.
 */
export function resolveBranches(
  resolveOnce: () => Resolved | undefined,
  context: TemplateContext,
): { document: Resolved | undefined; branches?: PolicyBranches } {
  const undecided = new Set<string>();
  context.undecided = undecided;
  try {
    const plain = resolveOnce();
    let conditions: string[] = [];
    let variants: Array<Resolved | undefined> = [];
    // A branch may hold further undecided conditions: resolve again with them until none is new.
    while (undecided.size > conditions.length && undecided.size <= MAX_CONDITIONS) {
      conditions = [...undecided];
      variants = assignments(conditions).map((assumed) => {
        context.assumed = assumed;
        return resolveOnce();
      });
    }
    if (conditions.length === 0 || undecided.size > conditions.length) return { document: plain };
    if (variants.some((v) => v === undefined)) return { document: undefined };
    return merge(variants as Resolved[], conditions);
  } finally {
    context.undecided = undefined;
    context.assumed = undefined;
  }
}

function assignments(conditions: readonly string[]): Array<Map<string, boolean>> {
  return Array.from({ length: 2 ** conditions.length }, (_, bits) => new Map(conditions.map((c, i) => [c, (bits & (1 << i)) !== 0])));
}

/** Identity of a part of a document: its values and where they come from (so a statement outside every Fn::If is one statement). */
const keyOf = (value: unknown) => JSON.stringify(value);

function merge(variants: readonly Resolved[], conditions: string[]): { document: Resolved; branches: PolicyBranches } {
  const [first] = variants;
  const differs: Resolved = {
    type: 'unknown',
    reason: `Fn::If ${conditions.join(', ')} (conditions the template does not decide) outside the policy's statements`,
    span: first.span,
  };
  const objects = variants.filter((v): v is ResolvedObject => v.type === 'object');
  const outside = (doc: ResolvedObject) => keyOf(doc.entries.filter((e) => e.key !== 'Statement'));
  if (objects.length !== variants.length || objects.some((o) => outside(o) !== outside(objects[0])))
    return { document: variants.every((v) => keyOf(v) === keyOf(first)) ? first : differs, branches: { conditions, droppedDenies: 0 } };
  const statementsOf = (doc: ResolvedObject): readonly Resolved[] => {
    const value = doc.entries.find((e) => e.key === 'Statement')?.value;
    return !value ? [] : value.type === 'array' ? value.items : [value];
  };
  const keysOf = objects.map((o) => new Set(statementsOf(o).map(keyOf)));
  const merged: Resolved[] = [];
  const seen = new Set<string>();
  let droppedDenies = 0;
  for (const doc of objects) {
    for (const statement of statementsOf(doc)) {
      const key = keyOf(statement);
      if (seen.has(key)) continue;
      seen.add(key);
      if (isDeny(statement) && !keysOf.every((keys) => keys.has(key))) droppedDenies++;
      else merged.push(statement);
    }
  }
  const withStatements = objects.find((o) => o.entries.some((e) => e.key === 'Statement')) ?? objects[0];
  const entries = withStatements.entries.map((e) =>
    e.key === 'Statement' ? { ...e, value: { type: 'array' as const, span: e.value.span, items: merged } } : e,
  );
  return { document: { ...withStatements, entries }, branches: { conditions, droppedDenies } };
}

function isDeny(statement: Resolved): boolean {
  const effect = statement.type === 'object' ? statement.entries.find((e) => e.key === 'Effect')?.value : undefined;
  return effect?.type === 'string' && effect.value === 'Deny';
}

/**
 * A policy that exists only under conditions (`guards`): under each outcome of those the files do not
 * decide, the document when they hold and no statements when not — merged like any `Fn::If`, so its Allow
 * statements count and its Deny statements apply only if it certainly exists. Past the conditions one
 * document is analysed under, the document is unknown.
 */
export function resolveGuarded(
  resolveOnce: () => Resolved | undefined,
  guards: readonly Guard[],
  context: TemplateContext,
  span: Resolved['span'],
): { document: Resolved | undefined; branches?: PolicyBranches } {
  return resolveBranches(() => {
    const document = resolveOnce();
    const outcomes = guards.map((g) => {
      const value = decideCondition(g.condition, context);
      return value === undefined ? undefined : value === g.holds;
    });
    if (!document || outcomes.every((o) => o === true)) return document;
    if (outcomes.includes(false)) return withoutStatements(document);
    const conditions = guards.map((g) => g.condition).join(', ');
    return { type: 'unknown', reason: `it exists only under ${conditions}, more conditions than one policy is analysed under`, span };
  }, context);
}

/** The document as it is when its policy does not exist: no statements (the rest kept, so branches merge). */
function withoutStatements(document: Resolved): Resolved {
  if (document.type !== 'object') return { type: 'object', span: document.span, entries: [] };
  const entries = document.entries.filter((e) => e.key !== 'Statement');
  return { ...document, entries: [...entries, { key: 'Statement', keySpan: document.span, value: { type: 'array', span: document.span, items: [] } }] };
}
