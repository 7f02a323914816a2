import type { AppSummary, ClassSummary, Flow, Grant, UndecidedFlow } from '../../analyzer/summary';

/** The qualifications of a grant, in words: carve-outs, conditions, readings, whether the evaluator confirmed it. */
export function grantQualifiers(grant: Grant): string[] {
  const words: string[] = [];
  if (grant.except.length > 0) words.push(`except ${grant.except.join(', ')}`);
  if (grant.conditions.length > 0) words.push(`if ${grant.conditions.join(' and ')}`);
  if (grant.status === 'ambiguous')
    words.push(`AMBIGUOUS: ${(grant.readings ?? []).join('; ') || 'allowed under some documented readings'} (docs/readings.md)`);
  if (grant.status === 'conditional') words.push('CONDITIONAL: allowed only for requests whose values meet its conditions');
  if (grant.status === 'unconfirmed') words.push('UNCONFIRMED: the evaluator denied the example; listed because it may be allowed');
  return words;
}

/** What a class's empty access means: nothing, or nothing counted when the files leave its policies open. */
export function noAccessWords(cls: ClassSummary): string {
  return cls.unknowns.length > 0 ? 'no access counted (UNKNOWN: see above)' : 'no access';
}

/** A pair of classes and a channel whose flows were not decided, in words: flows there are unknown, never "none". */
export function undecidedFlowWords(flow: UndecidedFlow): string {
  return `${flow.from} → ${flow.to} (${flow.via}): ${flow.reason}, so whether messages reach a different identity is not known`;
}

/** Whether the summary may say that no message reaches a different identity: no flow found, and none left undecided. */
export function noFlows(app: AppSummary): boolean {
  return app.flows.length === 0 && app.undecidedFlows.length === 0;
}

/** The client IDs a flow's example picks, when not the default: `, the receiver connecting as x`. */
export function flowClientIdWords(flow: Flow): string {
  const { senderClientId, receiverClientId } = flow.example;
  return `${senderClientId !== undefined ? `, the sender connecting as ${senderClientId}` : ''}${receiverClientId !== undefined ? `, the receiver connecting as ${receiverClientId}` : ''}`;
}

export function classHeading(cls: ClassSummary): string {
  const certainty = cls.certain ? '' : ' (may not exist)';
  return `${cls.id} — ${cls.label}${certainty}`;
}
