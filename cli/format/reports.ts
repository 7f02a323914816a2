import type { Finding } from '../../analyzer';
import type { FileAccessDiff, GateOptions, PropertyResult } from '../../analyzer/prove';

/** What `prove` hands its presenters: each scenario's verdicts and the findings made of them. */
export interface ProveReport {
  scenarios: ProvedScenario[];
  findings: Finding[];
  gate: GateOptions;
}

export interface ProvedScenario {
  file: string;
  name: string;
  properties: PropertyResult[];
}

/** What `diff` hands its presenters. `gate` is set with --fail-on-new-access. */
export interface DiffReport {
  files: FileAccessDiff[];
  undecided: Undecided;
  findings: Finding[];
  gate?: GateOptions;
  /** The revision compared with (--base), for titles. */
  base?: string;
}

/** What a diff could not decide: a gate never passes these unless told to. */
export interface Undecided {
  /** Files skipped because their kind is unknown. */
  skipped: string[];
  /** Action groups too large to compare, as "file: actions". */
  tooLarge: string[];
  /** No file was compared at all. */
  nothingCompared: boolean;
  /** What the templates do not say in either version (values, managed policies, roles): their access is not known. */
  unknownInTemplates: string[];
}

export function undecidedCount(undecided: Undecided): number {
  return undecided.skipped.length + undecided.tooLarge.length + undecided.unknownInTemplates.length + (undecided.nothingCompared ? 1 : 0);
}

/** The gate's word on what it could not decide: a failure, or accepted because --allow-unknown says so. */
export function gateUnknownLine(undecided: Undecided, allowUnknown: boolean): string {
  const parts = [
    undecided.nothingCompared && 'no file was compared',
    undecided.skipped.length > 0 && `${undecided.skipped.length} file${undecided.skipped.length === 1 ? '' : 's'} skipped for lack of a kind`,
    undecided.tooLarge.length > 0 && `${undecided.tooLarge.length} action group${undecided.tooLarge.length === 1 ? '' : 's'} too large to compare`,
    undecided.unknownInTemplates.length > 0 &&
      `${undecided.unknownInTemplates.length} part${undecided.unknownInTemplates.length === 1 ? '' : 's'} of the templates the files do not give`,
  ].filter(Boolean);
  return allowUnknown
    ? `--fail-on-new-access: not decided (${parts.join('; ')}), accepted because of --allow-unknown`
    : `--fail-on-new-access: FAILED, not decided: ${parts.join('; ')} (pass --allow-unknown to accept what cannot be decided)`;
}

/** Totals of a diff: files compared, action groups with new access and with access removed. */
export function diffTotals(files: readonly FileAccessDiff[]) {
  const changes = files.flatMap((r) => r.diff.changes);
  return { files: files.length, granted: changes.filter((c) => c.granted).length, removed: changes.filter((c) => c.removed).length };
}

/** Totals of a proof run by verdict. */
export function proveTotals(scenarios: readonly ProvedScenario[]) {
  const all = scenarios.flatMap((r) => r.properties);
  return {
    properties: all.length,
    proved: all.filter((p) => p.verdict === 'proved').length,
    refuted: all.filter((p) => p.verdict === 'refuted').length,
    unknown: all.filter((p) => p.verdict === 'unknown').length,
  };
}
