import type { ConfirmedCheck } from '../../analyzer/prove';
import { findingJson, position } from './finding-json';
import { proveTotals, type ProveReport } from './reports';

/** A request of a counterexample; the allowing statements' ranges are in the findings' related locations. */
function checkJson(check: ConfirmedCheck) {
  return {
    identity: check.identity,
    action: check.action,
    resource: check.resource,
    ...(check.clientId !== undefined && { clientId: check.clientId }),
    decidedBy: check.decidedBy,
  };
}

/** Stable JSON for scripts: one entry per scenario, one per property, 1-based positions, and the findings. */
export function formatProveJson(report: ProveReport): string {
  return JSON.stringify(
    {
      scenarios: report.scenarios.map((r) => ({
        file: r.file,
        name: r.name,
        properties: r.properties.map((p) => ({
          index: p.index,
          ...(p.name !== undefined && { name: p.name }),
          kind: p.kind,
          title: p.title,
          verdict: p.verdict,
          range: position(p.range),
          ...(p.counterexample && { counterexample: { ...p.counterexample, checks: p.counterexample.checks.map(checkJson) } }),
          reasons: p.reasons,
          notes: p.notes,
          elapsedMs: p.elapsedMs,
        })),
      })),
      findings: report.findings.map(findingJson),
      summary: proveTotals(report.scenarios),
    },
    null,
    2,
  );
}
