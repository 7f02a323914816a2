import { statementsForAction, type CompiledPolicy } from '../evaluate/compile';
import type { Expr, LinearPattern } from '../prove/automata';
import { SymbolicModel, type Binding, type Direction, type Polarity } from '../prove/symbolic';
import type { TemplatePart } from '../variables/template';
import { partsKey, statementKey } from './content-keys';

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
  private readonly bindingIds = new Map<Binding, number>();

  private bindingId(binding: Binding): number {
    let id = this.bindingIds.get(binding);
    if (id === undefined) this.bindingIds.set(binding, (id = this.bindingIds.size));
    return id;
  }

  override allowedExpr(policies: readonly CompiledPolicy[], action: string, binding: Binding, direction: Direction): Expr {
    const statements = policies.flatMap((p) => statementsForAction(p, action.toLowerCase()).map(statementKey));
    const key = `${this.bindingId(binding)}|${direction}|${statements.join(';')}`;
    let found = this.allowedSets.get(key);
    if (!found) this.allowedSets.set(key, (found = super.allowedExpr(policies, action, binding, direction)));
    return found;
  }

  override pattern(parts: readonly TemplatePart[], binding: Binding, polarity: Polarity, source = ''): LinearPattern {
    const key = `${this.bindingId(binding)}|${polarity}|${partsKey(parts)}`;
    let found = this.patterns.get(key);
    if (!found) this.patterns.set(key, (found = super.pattern(parts, binding, polarity, source)));
    return found;
  }
}
