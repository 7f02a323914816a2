import type { AccessDelta } from '../../analyzer/prove';
import { findingJson, position } from './finding-json';
import { diffTotals, undecidedCount, type DiffReport } from './reports';

function deltaJson(delta: AccessDelta) {
  const ref = (p: AccessDelta['patterns'][number]) => ({ ...p, file: p.range.file, range: position(p.range) });
  return { certain: delta.certain, examples: delta.examples, patterns: delta.patterns.map(ref), except: delta.except.map(ref) };
}

/** Stable JSON for scripts: each file's changes with patterns and examples, the findings, and totals. */
export function formatDiffJson(report: DiffReport): string {
  return JSON.stringify(
    {
      files: report.files.map((r) => ({
        ...(r.old && { old: r.old }),
        ...(r.new && { new: r.new }),
        kind: r.diff.kind,
        identityType: r.diff.identityType,
        changes: r.diff.changes.map((c) => ({
          identityType: c.identityType,
          actions: c.actions,
          ...(c.granted && { granted: deltaJson(c.granted) }),
          ...(c.removed && { removed: deltaJson(c.removed) }),
        })),
        undecided: r.diff.undecided,
      })),
      findings: report.findings.map(findingJson),
      summary: {
        ...diffTotals(report.files),
        skipped: report.undecided.skipped,
        tooLargeToCompare: report.undecided.tooLarge.length,
        undecided: undecidedCount(report.undecided),
      },
    },
    null,
    2,
  );
}
