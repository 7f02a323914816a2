import { formatLocation } from '../source/range';
import type { StatementRef, StatementTrace } from '../explain/explain';
import { A1 } from '../readings/choices';
import { describeOutcome } from '../readings/describe';
import type { CheckResult, PolicySetReport } from './results';

const MAX_NEAR_MISSES = 3;

/** Plain-language lines for one decision: each policy set's part, the deciding statements, the variables. */
export function explainCheck(check: CheckResult): string[] {
  const who = `${check.identity} (${check.identityType}${check.clientId !== undefined ? `, client ID ${check.clientId}` : ''})`;
  const lines = [`${check.decision.toUpperCase()} ${check.action} on ${check.resource} for ${who}`];
  if (check.refusedBecause) lines.push(`  not possible: ${check.refusedBecause}`);
  for (const outcome of check.outcomes ?? []) {
    // Under A1 `restricted` the session policy refuses it, whatever the role's statements say (the reading says so).
    const refusedBySession = outcome.decision === 'deny' && outcome.readings[A1] === 'restricted';
    const by =
      outcome.deciding.length > 0 ? ` (by ${outcome.deciding.map(describeStatement).join(' and ')})` : refusedBySession ? '' : ' (no statement allows it)';
    lines.push(`  ${describeOutcome(outcome.decision, outcome.readings)}${by}`);
  }
  const roleName = check.identityType === 'authenticated' ? 'authenticated role' : 'unauthenticated role';
  lines.push(...describeSet(roleName, check.role));
  switch (check.iotPolicyRole) {
    case 'ignored-for-guests':
      lines.push('  IoT policies: not consulted — AWS IoT uses only the unauthenticated role for guest identities');
      break;
    case 'not-scoped-down':
      lines.push(
        `  IoT policies: not consulted — ${check.action} is not one of the actions AWS IoT scopes down with the attached IoT policy, so the role alone decides`,
      );
      break;
    case 'required':
    case 'required-inferred': {
      const iot = check.iotPolicies!;
      if (iot.attached === 0) {
        lines.push('  attached IoT policies: none — an authenticated identity with no IoT policy attached is denied this action (cog-iot-policies.html)');
      } else {
        lines.push(...describeSet(`attached IoT policies (${iot.attached})`, iot));
      }
      if (check.iotPolicyRole === 'required-inferred') {
        lines.push(
          `  note: ${check.action} is missing from AWS's documented scope-down list; this shows the IoT policy's part too, and the verdict is ambiguous when the role alone would decide otherwise (reading A2)`,
        );
      }
      break;
    }
  }
  for (const variable of check.variables) {
    lines.push(
      `  ${variable.variable} = ${variable.value === undefined ? `unresolved (entries using it match nothing)${variable.note ? `: ${variable.note}` : ''}` : JSON.stringify(variable.value)}`,
    );
  }
  for (const note of check.notes) lines.push(`  note: ${note}`);
  return lines;
}

function describeSet(name: string, report: PolicySetReport): string[] {
  if (report.outcome === 'explicit-deny') return [`  ${name}: explicit DENY by ${describeStatement(report.deciding!)}`];
  if (report.outcome === 'allow') return [`  ${name}: allow by ${describeStatement(report.deciding!)}`];
  const lines = [`  ${name}: implicit deny — no statement allows this request`];
  for (const trace of report.considered.filter((t) => t.statement.effect === 'Allow').slice(0, MAX_NEAR_MISSES)) {
    lines.push(`    ${describeStatement(trace.statement)} covers the action but ${whyNot(trace)}`);
  }
  return lines;
}

export function describeStatement(ref: StatementRef): string {
  return `${ref.sid ? `statement "${ref.sid}"` : `statement #${ref.index + 1}`} (${formatLocation(ref.range)})`;
}

function whyNot(trace: StatementTrace): string {
  if (trace.ignoredBecause) return trace.ignoredBecause;
  if (!trace.resourceMatches) {
    return trace.resourceNegated ? `the resource is excluded by NotResource "${trace.matchedResource}"` : 'none of its resources matches';
  }
  return `a condition fails: ${trace.failedConditions.join('; ')}`;
}
