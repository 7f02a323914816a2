import { statementsForAction, type CompiledPolicy, type CompiledStatement } from '../evaluate/compile';
import type { Expr, LinearPattern } from '../prove/automata';
import { SymbolicModel, type Binding, type Direction, type Polarity } from '../prove/symbolic';
import type { TemplatePart } from '../variables/template';
import { partsKey, statementKey, valuesKey } from './content-keys';

/**
 * The prover's model with each pattern compiled once per what it reads (its parts, polarity, ARN-wildcard
 * reading and the values its variables take) and each allowed set built once per statements, values and
 * direction: the same policies are read for many actions, classes, modes and apps, and compiling a pattern
 * (with its identity-ID edges) dominates otherwise. Keyed by content (content-keys.ts), so equal policies
 * of different files, and requests that differ only in values no pattern reads, share them. Safe here:
 * undelimited variables are read as any value, so no opacity issue is recorded.
 */
export class MemoModel extends SymbolicModel {
  private readonly patterns = new Map<string, LinearPattern>();
  private readonly allowedSets = new Map<string, Expr>();

  override allowedExpr(policies: readonly CompiledPolicy[], action: string, binding: Binding, direction: Direction): Expr {
    const statements = policies.flatMap((p) => statementsForAction(p, action.toLowerCase()));
    const read = (s: CompiledStatement) => `${statementKey(s)}${s.resources.map((r) => valuesKey(r.template.parts, binding)).join(',')}`;
    const key = `${direction}|${statements.map(read).join(';')}`;
    let found = this.allowedSets.get(key);
    if (!found) this.allowedSets.set(key, (found = super.allowedExpr(policies, action, binding, direction)));
    return found;
  }

  override pattern(parts: readonly TemplatePart[], binding: Binding, polarity: Polarity, source = '', withinParts = false): LinearPattern {
    const key = `${polarity}|${withinParts ? 1 : 0}${partsKey(parts)}|${valuesKey(parts, binding)}`;
    let found = this.patterns.get(key);
    if (!found) this.patterns.set(key, (found = super.pattern(parts, binding, polarity, source, withinParts)));
    return found;
  }
}
