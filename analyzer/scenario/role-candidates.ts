import type { RolePolicies } from '../cognito/authorize';
import { compileOptionsFor } from '../cognito/role-policies';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile';
import { parsePolicy } from '../policy/parse';
import type { ScenarioIdentity, StepCheck } from './model';
import type { CheckResult } from './results';
import { decideCheck } from './run';

type DecideOptions = Parameters<typeof decideCheck>[3];

/** A role the files do not define may grant anything: decided once as granting everything and once as granting nothing. */
const ANY_ROLE: readonly CompiledPolicy[] = [
  compilePolicy(
    parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', '(a role the files do not define)'),
    compileOptionsFor('auth-role'),
  ),
];

/**
 * Decides a check for an identity whose role the app's role mapping gives (`subject.roles`), under each
 * role it may get: the same verdict under all is that verdict; different verdicts make it ambiguous, and
 * the notes say which role gives which. Without `roles`, the scenario's role of the identity's type.
 */
export function decideUnderRoles(roles: RolePolicies, subject: ScenarioIdentity, check: StepCheck, options: DecideOptions): CheckResult {
  if (!subject.roles) return decideCheck(roles, subject, check, options);
  const tried = subject.roles.candidates.flatMap((candidate) =>
    candidate.policies
      ? [{ label: candidate.label, policies: candidate.policies }]
      : [
          { label: `${candidate.label}, if it grants this`, policies: ANY_ROLE },
          { label: `${candidate.label}, if it does not`, policies: [] },
        ],
  );
  const results = tried.map(({ label, policies }) => ({
    label,
    result: decideCheck({ authenticated: policies, unauthenticated: policies }, subject, check, options),
  }));
  const decisions = new Set(results.map((r) => r.result.decision));
  const [first] = results;
  if (results.length === 1) return { ...first.result, notes: [`role: ${first.label}`, ...first.result.notes] };
  const under = results.map((r) => `${r.result.decision} under ${r.label}`);
  const because = `the role is not decided (${subject.roles.undecidedBecause.join('; ')})`;
  // The trace shown is of a role that allows, when one does: a possible leak is explained by the statement that leaks.
  const shown = results.find((r) => r.result.decision === 'allow') ?? first;
  return {
    ...shown.result,
    decision: decisions.size === 1 ? first.result.decision : 'ambiguous',
    notes: [`${because}: ${under.join('; ')}`, ...shown.result.notes],
  };
}
