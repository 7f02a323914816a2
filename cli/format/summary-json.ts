import type { SourceRange } from '../../analyzer';
import { unsettled, type AccessSummary, type StatementSource } from '../../analyzer/summary';

const position = (range: SourceRange) => ({
  start: { line: range.start.line, column: range.start.column },
  end: { line: range.end.line, column: range.end.column },
});

const source = (s: StatementSource) => ({ statement: s.statement, file: s.range.file, range: position(s.range) });

/** Stable JSON for scripts (docs/summary.md): the engine's summary with 1-based positions and each app's unsettled parts. */
export function formatSummaryJson(summary: AccessSummary): string {
  return JSON.stringify(
    {
      apps: summary.apps.map((app) => ({
        ...app,
        classes: app.classes.map((cls) => ({
          ...cls,
          actions: cls.actions.map((action) => ({ ...action, grants: action.grants.map((g) => ({ ...g, sources: g.sources.map(source) })) })),
          otherActions: cls.otherActions.map((o) => ({ ...o, source: source(o.source) })),
        })),
        unsettled: unsettled(app),
      })),
    },
    null,
    2,
  );
}
