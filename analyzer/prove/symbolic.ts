/**
 * From compiled policies to automata: the set of resources a policy set allows for an action, for an
 * identity whose variables are symbolic.
 *
 * ## The model, and why it is sound
 *
 * A Cognito identity's ID (`${cognito-identity.amazonaws.com:sub}`, an `[A-Za-z0-9_-]+:[0-9a-f-]+` string)
 * is read as one fresh letter σ. Identity A's ID is σA, any other identity's is σB (σA ≠ σB).
 *
 * Why two symbolic identities suffice: every property speaks of at most two identities at once — the
 * one acting (isolation, no-access) and possibly one other whose ID appears in a resource, or a publisher
 * and a receiver (no-flow). A decision depends only on the acting identity's own context and on the
 * policies, which are the same for every identity of a class, so any pair of distinct concrete IDs
 * behaves like σA, σB. IDs of third identities that appear in a topic are never the value of a variable
 * in the request: to every pattern they are ordinary characters, and the model keeps them as such.
 *
 * Why the symbolic languages cover the concrete ones: fix concrete IDs uA ≠ uB and a resource t. Let t'
 * be t with every maximal run of ID characters (`[A-Za-z0-9_:-]`) equal to uA or uB replaced by σA or σB.
 * A counterexample is a t inside some sets (Allow patterns, a property's "through"/"resources" patterns:
 * positive uses) and outside others (Deny patterns, an isolation goal: negative uses). Patterns are
 * compiled twice:
 *
 * - negative uses (L⁻): a variable matches only its own letter, `?` only a character, `*` anything. The
 *   substitution σ ↦ u maps L⁻ into the concrete language: t' ∈ L⁻(P) implies t ∈ L(P). So if t is outside
 *   a Deny, t' is outside its L⁻. No assumption is needed.
 * - positive uses (L⁺): as L⁻, plus an edge p →σ q wherever the pattern's own characters, `?` and `*` can
 *   spell some whole ID between states p and q (computed against the ID language). If every identity
 *   variable of the pattern is delimited — preceded and followed by a character IDs never contain, or by
 *   an end of the string — then in any concrete match each variable matches a whole maximal run, which
 *   became its letter in t', and every other replaced run is read by the pattern's characters: an edge.
 *   So t ∈ L(P) implies t' ∈ L⁺(P).
 *
 * Hence a concrete counterexample yields a symbolic one, and the absence of a symbolic counterexample
 * proves the property for every pair of identities and every resource — provided the positive patterns
 * that can match the resources in question are delimited. When one is not (`users/${…:sub}-data/*`), the
 * argument does not apply and the prover says "unknown" instead of "proved" (`OpacityIssue`).
 *
 * Values the model does not know (`${iot:ClientId}` when Connect does not pin it to the identity ID,
 * thing variables, `aud`, times, condition keys) are read as "anything" in positive uses and "nothing" in
 * negative ones; conditions are read as holding on Allows and as not holding on Denies. Both
 * over-approximate what is allowed, so proofs stay sound; a symbolic counterexample is only reported as
 * "refuted" after the real evaluator has confirmed it with concrete values (see `prove.ts`).
 */
import { COGNITO_SUB } from '../cognito/identity';
import { statementsForAction, type CompiledPolicy, type CompiledStatement } from '../evaluate/compile';
import type { TemplatePart } from '../variables/template';
import { isIdCharacter, type Alphabet, type IdRole } from './alphabet';
import { and, FALSE, kindStandIns, leaf, not, or, PatternNfa, SubsetAutomaton, type Automaton, type Expr, type Item, type LinearPattern } from './automata';

/** What a variable stands for in one request context. */
export type ValueModel =
  /** An opaque value, the same in every pattern: a symbolic letter. `idValued`: an identity ID. */
  | { kind: 'symbol'; letter: number; idValued: boolean }
  | { kind: 'literal'; text: string }
  /** A value the model does not know: anything in positive uses, nothing in negative ones. */
  | { kind: 'unknown' }
  /** Never resolves: the entry matches nothing (A5). */
  | { kind: 'unresolved' };

/** How the request context reads a variable (lowercased key, its `${key, 'default'}` default). */
export type Binding = (key: string, defaultValue: string | undefined) => ValueModel;

export type Polarity = 'positive' | 'negative';
export type Direction = 'over' | 'under';

/** A positive pattern whose identity variable is not delimited, so the opaque-ID argument does not apply to it. */
export interface OpacityIssue {
  /** The pattern as written. */
  source: string;
  variable: string;
  /** The pattern as compiled (to tell whether it can match the resources in question). */
  pattern: LinearPattern;
}

const CLIENT_ID = 'iot:clientid';
export const AMR = 'cognito-identity.amazonaws.com:amr';
export const AUD = 'cognito-identity.amazonaws.com:aud';

/**
 * Identity variables for the prover: the identity's own ID is `self`; `${iot:ClientId}` is the ID itself
 * when Connect pins it (`pinned`), unknown when the client may pick it (`free`), absent over HTTPS.
 * `extra` maps more variable keys to ID letters (property patterns: another identity's ID); `literals` maps
 * keys whose value the scenario fixes for every identity (the identity pool ID) to that value.
 */
export function identityBinding(
  self: number,
  clientId: 'pinned' | 'free' | 'absent',
  extra: ReadonlyMap<string, number> = new Map(),
  chosen?: number,
  literals: ReadonlyMap<string, string> = new Map(),
): Binding {
  return (key, defaultValue) => {
    if (key === COGNITO_SUB) return { kind: 'symbol', letter: self, idValued: true };
    const literal = literals.get(key);
    if (literal !== undefined) return { kind: 'literal', text: literal };
    const other = extra.get(key);
    if (other !== undefined) return { kind: 'symbol', letter: other, idValued: true };
    if (key === CLIENT_ID) {
      if (clientId === 'pinned') return { kind: 'symbol', letter: self, idValued: true };
      // `chosen`: one opaque client ID, for finding readable counterexamples (never for proofs).
      if (clientId === 'free') return chosen === undefined ? { kind: 'unknown' } : { kind: 'symbol', letter: chosen, idValued: false };
      return defaultValue !== undefined ? { kind: 'literal', text: defaultValue } : { kind: 'unresolved' };
    }
    // A multi-valued key is never a variable (IAM), whatever its default.
    if (key === AMR) return { kind: 'unresolved' };
    return { kind: 'unknown' };
  };
}

/** Identity IDs as Cognito documents them: "a unique identifier in the format REGION:GUID" (API_GetId.html). */
const DOCUMENTED_ID = /^[a-z]{2}(-[a-z]+)+-\d+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface ReachGraph {
  roles: ReadonlySet<IdRole>;
}

/** The identity-ID automaton `[A-Za-z0-9_-]+ ':' [0-9a-f-]+` over ID roles: 0 start, 1 region, 2 colon, 3 uuid. */
function idStep(state: number, role: IdRole): number {
  switch (role) {
    case 'region-and-uuid':
      return state === 0 || state === 1 ? 1 : 3;
    case 'region-only':
      return state === 0 || state === 1 ? 1 : -1;
    case 'colon':
      return state === 1 ? 2 : -1;
    default:
      return -1;
  }
}
const ID_ROLES: readonly IdRole[] = ['region-and-uuid', 'region-only', 'colon'];

export class SymbolicModel {
  readonly opacityIssues: OpacityIssue[] = [];
  /** Statements read approximately (conditions), for notes. */
  readonly approximated = new Set<CompiledStatement>();
  private readonly reach: ReachGraph;
  /** How patterns read letters: characters, characters within one ARN part (not `:`), and each letter's kind (automata.ts). */
  private readonly isChar: (letter: number) => boolean;
  private readonly isPartChar: (letter: number) => boolean;
  private readonly kinds: readonly number[];

  /**
   * @param reach add the ID-reading edges to positive patterns (the prover); off for the exact symbolic
   *   comparison of `diffAccess`, where both versions see the same opaque values
   * @param idSymbols the letters that stand for identity IDs
   */
  /**
   * @param options.reach add the ID-reading edges to positive patterns (the prover); off for the exact
   *   symbolic comparison of `diffAccess`, where both versions see the same opaque values
   * @param options.idSymbols the letters that stand for identity IDs
   * @param options.undelimitedAsAnything read an undelimited identity variable in a positive use as any
   *   value (`*`) instead of flagging it: coarser, but sound without the delimitation argument
   * @param options.literalIds read no literal text as an ID symbol, and collect the texts of the documented
   *   ID form here: the search then covers IDs other than those (a concrete string with one is still
   *   searched, spelled out), and the caller proves the case of an identity whose own ID is one of them
   */
  constructor(
    readonly alphabet: Alphabet,
    private readonly options: {
      reach: boolean;
      idSymbols: readonly number[];
      undelimitedAsAnything?: boolean;
      literalIds?: Set<string>;
    },
  ) {
    this.reach = { roles: new Set(alphabet.charLetters.map((l) => alphabet.letters[l].idRole)) };
    const colon = alphabet.charLetter(58);
    this.isChar = (l) => !alphabet.isSymbol(l);
    this.isPartChar = (l) => l !== colon && !alphabet.isSymbol(l);
    this.kinds = kindStandIns(alphabet.size, this.isChar, this.isPartChar);
  }

  /** Compiles a Resource template (or a property pattern) into a linear pattern for one use. */
  pattern(parts: readonly TemplatePart[], binding: Binding, polarity: Polarity, source = '', withinParts = false): LinearPattern {
    const items: Item[] = [];
    const undelimited: string[] = [];
    const { alphabet } = this;
    // A6 `within-part`: wildcards before the fifth colon stay within their ARN part.
    let colons = withinParts ? 0 : 5;
    parts.forEach((part, index) => {
      switch (part.kind) {
        case 'literal':
          for (let i = 0; i < part.text.length; i++) items.push({ kind: 'letter', letter: alphabet.charLetter(part.text.charCodeAt(i)) });
          colons += part.text.split(':').length - 1;
          return;
        case 'star':
          items.push({ kind: colons < 5 ? 'part-star' : 'star' });
          return;
        case 'any-char':
          items.push({ kind: colons < 5 ? 'part-any' : 'any-char' });
          return;
        default: {
          if (part.unavailable) {
            items.push({ kind: 'none' });
            return;
          }
          const value = binding(part.key, part.defaultValue);
          if (value.kind === 'symbol') {
            if (value.idValued && polarity === 'positive' && this.options.reach && !delimited(parts, index)) {
              // Coarse reading: any value at all (sound whatever the IDs look like); else flag it.
              if (this.options.undelimitedAsAnything) {
                items.push({ kind: 'star' });
                return;
              }
              undelimited.push(`\${${part.name}}`);
            }
            items.push({ kind: 'letter', letter: value.letter });
          } else if (value.kind === 'literal') {
            for (let i = 0; i < value.text.length; i++) items.push({ kind: 'letter', letter: alphabet.charLetter(value.text.charCodeAt(i)) });
          } else if (value.kind === 'unknown') {
            items.push(polarity === 'positive' ? { kind: 'star' } : { kind: 'none' });
          } else {
            items.push({ kind: 'none' });
          }
        }
      }
    });
    const pattern: LinearPattern = { items };
    if (polarity === 'positive' && this.options.reach && this.options.idSymbols.length > 0) pattern.extra = this.reachEdges(items);
    for (const variable of undelimited) this.opacityIssues.push({ source, variable, pattern });
    return pattern;
  }

  /** p →σ q wherever the items between p and q can spell some whole identity ID with characters. */
  private reachEdges(items: readonly Item[]): Array<{ from: number; to: number; letters: readonly number[] }> {
    const m = items.length;
    const edges: Array<{ from: number; to: number; letters: readonly number[] }> = [];
    if (!items.some((i) => i.kind !== 'letter' || this.alphabet.letters[i.letter].idRole === 'colon')) return edges;
    const seen = new Uint8Array((m + 1) * 4);
    for (let p = 0; p < m; p++) {
      seen.fill(0);
      const queue: number[] = [];
      const visit = (s: number, d: number) => {
        const key = s * 4 + d;
        if (seen[key]) return;
        seen[key] = 1;
        queue.push(key);
      };
      visit(p, 0);
      const targets = new Set<number>();
      while (queue.length > 0) {
        const key = queue.pop()!;
        const s = Math.floor(key / 4);
        const d = key % 4;
        if (d === 3) targets.add(s);
        if (s === m) continue;
        const item = items[s];
        if (item.kind === 'star' || item.kind === 'part-star') {
          visit(s + 1, d);
          for (const role of ID_ROLES)
            if (this.reach.roles.has(role) && (item.kind === 'star' || role !== 'colon')) {
              const e = idStep(d, role);
              if (e !== -1) visit(s, e);
            }
        } else if (item.kind === 'any-char' || item.kind === 'part-any') {
          for (const role of ID_ROLES)
            if (this.reach.roles.has(role) && (item.kind === 'any-char' || role !== 'colon')) {
              const e = idStep(d, role);
              if (e !== -1) visit(s + 1, e);
            }
        } else if (item.kind === 'letter' && !this.alphabet.isSymbol(item.letter)) {
          const e = idStep(d, this.alphabet.letters[item.letter].idRole);
          if (e !== -1) visit(s + 1, e);
        }
      }
      for (const q of targets) {
        if (q === p && (items[p].kind === 'star' || items[p].kind === 'part-star')) continue;
        const span = items.slice(p, q);
        if (this.options.literalIds && span.every((i) => i.kind === 'letter')) {
          // Literal text: an ID only if it has the documented REGION:GUID form (a pool ID may), recorded for the
          // caller to prove that identity's case on its own.
          const text = this.alphabet.spell(
            span.map((i) => (i as { letter: number }).letter),
            {},
          );
          if (DOCUMENTED_ID.test(text)) this.options.literalIds.add(text);
        } else edges.push({ from: p, to: q, letters: this.options.idSymbols });
      }
    }
    return edges;
  }

  automaton(patterns: readonly LinearPattern[]): Automaton {
    return new SubsetAutomaton(new PatternNfa(this.alphabet.size, patterns, this.isChar, this.isPartChar, this.kinds));
  }

  /**
   * The resources one policy set allows for an action, over- (`over`) or under-approximated (`under`):
   * (∪ Allow) ∖ (∪ Deny), with IAM's rules for NotResource, rejected policies and unknown operators.
   */
  allowedExpr(
    policies: readonly CompiledPolicy[],
    action: string,
    binding: Binding,
    direction: Direction,
    assume?: (statement: CompiledStatement) => boolean | undefined,
  ): Expr {
    const key = action.toLowerCase();
    const positive: Polarity = direction === 'over' ? 'positive' : 'negative';
    const negative: Polarity = direction === 'over' ? 'negative' : 'positive';
    const allowPatterns: LinearPattern[] = [];
    const allowOutside: Expr[] = [];
    const denyPatterns: LinearPattern[] = [];
    const denyInside: Expr[] = [];
    for (const policy of policies) {
      for (const statement of statementsForAction(policy, key)) {
        const reading = conditionReading(statement);
        // `assume` fixes whether a conditional statement's conditions hold (diffAccess enumerates them).
        const assumed = reading === 'approximate' ? assume?.(statement) : undefined;
        if (!statement.takesPart) continue;
        if (statement.effect === 'Allow') {
          if (reading === 'never' || assumed === false) continue;
          if (reading === 'approximate' && assumed === undefined) {
            this.approximated.add(statement);
            if (direction === 'under') continue;
          }
          // Entries the evaluator matches with nothing (a wildcard in the resource type) grant nothing here either.
          const entries = statement.resources
            .filter((r) => r.matcher.shape !== 'none')
            .map((r) => ({ parts: r.template.parts, source: r.entry.value, withinParts: r.withinParts }));
          if (!statement.resourcesNegated) for (const e of entries) allowPatterns.push(this.pattern(e.parts, binding, positive, e.source, e.withinParts));
          else allowOutside.push(not(leaf(this.automaton(entries.map((e) => this.pattern(e.parts, binding, negative, e.source, e.withinParts))))));
        } else {
          if (reading === 'never' || assumed === false) continue;
          if (reading === 'approximate' && assumed === undefined) {
            this.approximated.add(statement);
            if (direction === 'over') continue;
          }
          // Entries the reading in force matches with nothing (a wildcard in the resource type) deny nothing.
          const entries = statement.resources
            .filter((r) => r.matcher.shape !== 'none')
            .map((r) => ({ parts: r.template.parts, source: r.entry.value, withinParts: r.withinParts }));
          if (!statement.resourcesNegated) for (const e of entries) denyPatterns.push(this.pattern(e.parts, binding, negative, e.source, e.withinParts));
          else denyInside.push(leaf(this.automaton(entries.map((e) => this.pattern(e.parts, binding, positive, e.source, e.withinParts)))));
        }
      }
    }
    const allows = [...(allowPatterns.length > 0 ? [leaf(this.automaton(allowPatterns))] : []), ...allowOutside];
    if (allows.length === 0) return FALSE;
    return and(or(...allows), ...(denyPatterns.length > 0 ? [not(leaf(this.automaton(denyPatterns)))] : []), ...denyInside);
  }
}

/**
 * How a statement's conditions are read: `never` (a condition the reading in force fixes as false, e.g. an
 * unknown operator in an Allow), `exact` (no conditions, or all fixed as holding, e.g. unknown operators in
 * a Deny), `approximate` (anything else: it depends on the request context).
 */
export function conditionReading(statement: CompiledStatement): 'exact' | 'never' | 'approximate' {
  if (statement.conditions.some((c) => c.fixed === false)) return 'never';
  return statement.conditions.every((c) => c.fixed === true) ? 'exact' : 'approximate';
}

/** Whether the variable at `index` is preceded and followed by a character no identity ID contains (or an end). */
function delimited(parts: readonly TemplatePart[], index: number): boolean {
  const before = parts[index - 1];
  const after = parts[index + 1];
  const okBefore = before === undefined || (before.kind === 'literal' && !isIdCharacter(before.text.charCodeAt(before.text.length - 1)));
  const okAfter = after === undefined || (after.kind === 'literal' && !isIdCharacter(after.text.charCodeAt(0)));
  return okBefore && okAfter;
}

/** Every literal text in a policy's resources and variable defaults (for the alphabet). */
export function literalTexts(policies: Iterable<CompiledPolicy>): string[] {
  const texts: string[] = [];
  for (const policy of policies) {
    for (const statement of policy.statements) {
      for (const resource of statement.resources) {
        for (const part of resource.template.parts) {
          if (part.kind === 'literal') texts.push(part.text);
          else if (part.kind === 'variable' && part.defaultValue !== undefined) texts.push(part.defaultValue);
        }
      }
    }
  }
  return texts;
}
