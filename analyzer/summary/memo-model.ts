import { statementsForAction, type CompiledPolicy } from '../evaluate/compile';
import type { Expr, LinearPattern } from '../prove/automata';
import { SymbolicModel, type Binding, type Direction, type Polarity } from '../prove/symbolic';
import type { TemplatePart } from '../variables/template';
import { partsKey, readsPoolId, statementKey } from './content-keys';

/**
 * The prover's model with each pattern compiled once per binding and polarity, and each allowed set built
 * once per statements, binding and direction: the same policies are read for many actions, classes, modes
 * and apps, and compiling a pattern (with its identity-ID edges) dominates otherwise. Keyed by content
 * (content-keys.ts), so equal policies of different files share them. Safe here: undelimited variables are
 * read as any value, so no opacity issue is recorded.
 */
export class MemoModel extends SymbolicModel {
  private readonly patterns = new Map<string, LinearPattern>();
  private readonly allowedSets = new Map<string, Expr>();
  private readonly bindingKeys = new Map<Binding, { variables: string; poolId: string }>();

  /** What a binding reads variables as: its variables' key, and the identity pool ID it gives `aud`. */
  describe(binding: Binding, variables: string, poolId: string): void {
    this.bindingKeys.set(binding, { variables, poolId });
  }

  /** The binding's key for a set its patterns build: the pool ID only when one of them reads it. */
  private bindingKey(binding: Binding, readsPool: boolean): string {
    const { variables, poolId } = this.bindingKeys.get(binding)!;
    return readsPool ? `${variables}|${poolId}` : variables;
  }

  override allowedExpr(policies: readonly CompiledPolicy[], action: string, binding: Binding, direction: Direction): Expr {
    const statements = policies.flatMap((p) => statementsForAction(p, action.toLowerCase()));
    const readsPool = statements.some((s) => s.resources.some((r) => readsPoolId(r.template.parts)));
    const key = `${this.bindingKey(binding, readsPool)}|${direction}|${statements.map(statementKey).join(';')}`;
    let found = this.allowedSets.get(key);
    if (!found) this.allowedSets.set(key, (found = super.allowedExpr(policies, action, binding, direction)));
    return found;
  }

  override pattern(parts: readonly TemplatePart[], binding: Binding, polarity: Polarity, source = '', withinParts = false): LinearPattern {
    // The ARN-wildcard reading (A6) changes what the pattern matches: part of its key.
    const key = `${this.bindingKey(binding, readsPoolId(parts))}|${polarity}|${withinParts ? 1 : 0}${partsKey(parts)}`;
    let found = this.patterns.get(key);
    if (!found) this.patterns.set(key, (found = super.pattern(parts, binding, polarity, source, withinParts)));
    return found;
  }
}
