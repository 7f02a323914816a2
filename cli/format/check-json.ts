import type { CheckReport } from '../../analyzer';
import { findingJson, severityCounts } from './finding-json';

/** Stable JSON for scripts: 1-based lines and columns. */
export function formatCheckJson(report: CheckReport): string {
  return JSON.stringify(
    {
      findings: report.findings.map(findingJson),
      files: report.files,
      notes: report.notes,
      scenarios: report.scenarios.map((s) => ({ file: s.file, name: s.name, pass: s.pass, summary: s.summary })),
      summary: { files: report.files.length, ...severityCounts(report.findings) },
    },
    null,
    2,
  );
}
