import type { AppSummary } from './model';

/**
 * What the summary of an app cannot state as fact, each in words: classes whose policies the files do
 * not fully give, grants allowed only under some readings or conditions or not confirmed by the
 * evaluator, and parts left undecided. A gate on the summary fails on any of them. (A class that may not
 * exist is not among them: its possible access is listed in full.)
 */
export function unsettled(app: AppSummary): string[] {
  const found: string[] = [];
  for (const cls of app.classes) {
    for (const unknown of cls.unknowns) found.push(`${cls.id}: ${unknown}`);
    for (const action of cls.actions) {
      if (action.undecided) found.push(`${cls.id} ${action.action}: ${action.undecided}`);
      for (const grant of action.grants) if (grant.status !== 'confirmed') found.push(`${cls.id} ${action.action} ${grant.pattern}: ${grant.status}`);
    }
    for (const other of cls.otherActions) if (other.status !== 'confirmed') found.push(`${cls.id} ${other.actions.join(', ')}: ${other.status}`);
  }
  for (const flow of app.flows) if (flow.status !== 'confirmed') found.push(`flow ${flow.from} → ${flow.to} ${flow.pattern}: ${flow.status}`);
  for (const flow of app.undecidedFlows) found.push(`flows ${flow.from} → ${flow.to} (${flow.via}): ${flow.reason}: unknown`);
  return found;
}
