/**
 * Proof verdicts and access changes as Findings (catalog ids property-refuted, property-unknown, new-access,
 * removed-access, undecided-access in rules/project-rules.ts), so every front end presents them like lint
 * findings. Which results are findings and how severe they are is decided here, once.
 */
import { renderMessage } from '../rules/message';
import { PROJECT_RULES } from '../rules/project-rules';
import type { Finding, MessageData, Severity } from '../rules/rule';
import { describeStatement } from '../scenario/explain-check';
import { formatLocation, type SourceRange } from '../source/range';
import type { AccessChange, AccessDelta, AccessDiff } from './diff';
import type { PropertyResult } from './prove';

/** Whether a gate is on, and whether it lets what it could not decide pass (`--allow-unknown`). */
export interface GateOptions {
  allowUnknown: boolean;
}

/** One policy file compared in two versions. */
export interface FileAccessDiff {
  /** How the old version is named (a path, or REV:path); absent for a new file. */
  old?: string;
  /** The new version's path; absent for a deleted file. */
  new?: string;
  /** The file reports point at: the new version, or where the deleted one was. */
  location: string;
  diff: AccessDiff;
}

/** Something a version of the files does not say (a value, a managed policy, a role), so the access it touches is not compared. */
export interface AccessUnknown {
  /** What is unknown, without its place. */
  message: string;
  /** Where it is, when the reader located it. */
  range?: SourceRange;
  /** The version it is in: findings point into the new one; a place in the old one is named in the message. */
  version: 'old' | 'new';
  /** The file reports point at (the new version, or where the old one was). */
  location: string;
}

/** An unknown with its place, as one line: `file:line:col: message`. */
export function describeUnknown(unknown: AccessUnknown): string {
  return unknown.range ? `${formatLocation(unknown.range)}: ${unknown.message}` : unknown.message;
}

/** The finding's message id and its text, from the catalog's template. */
function message(ruleId: string, messageId: string, data: MessageData): Pick<Finding, 'ruleId' | 'messageId' | 'message'> {
  const template = PROJECT_RULES.find((r) => r.id === ruleId)!.messages[messageId];
  return { ruleId, messageId, message: renderMessage(template, data) };
}

/** The start of a file: where a finding about the whole file points. */
export function fileStart(file: string): SourceRange {
  return { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, offset: 0, length: 0 };
}

/** A refuted property is an error; an unknown one is an error too unless the gate accepts it (then a warning). */
export function propertyFindings(results: readonly PropertyResult[], gate: GateOptions): Finding[] {
  return results.flatMap((p): Finding[] => {
    if (p.verdict === 'refuted' && p.counterexample) {
      const related = p.counterexample.checks.flatMap((check) =>
        check.statements.map((statement) => ({
          message: `allows ${check.action} on ${check.resource} for ${check.identity}: ${describeStatement(statement)}`,
          range: statement.range,
        })),
      );
      return [
        {
          ...message('property-refuted', 'refuted', { property: p.title, counterexample: p.counterexample.summary }),
          severity: 'error',
          range: p.range,
          ...(related.length > 0 && { related }),
        },
      ];
    }
    if (p.verdict === 'unknown')
      return [
        {
          ...message('property-unknown', 'unknown', { property: p.title, reasons: p.reasons.join('; ') }),
          severity: gate.allowUnknown ? 'warning' : 'error',
          range: p.range,
        },
      ];
    return [];
  });
}

/** The actions of a change, shortened past four: "iot:Publish, iot:Receive and 3 more actions". */
export function describeActions(change: AccessChange): string {
  return change.actions.length <= 4 ? change.actions.join(', ') : `${change.actions.slice(0, 3).join(', ')} and ${change.actions.length - 3} more actions`;
}

/** The data of "… now may iot:Publish on <patterns> (e.g. <resource>)", with how certain it is. */
function deltaData(identityType: string, change: AccessChange, delta: AccessDelta): MessageData {
  const example = delta.examples[0];
  const where = delta.patterns.map((p) => p.pattern).join(', ') || example.resource;
  const certainty = delta.certain ? '' : delta.uncertainBecause ? ' (possibly, depending on variable values)' : ' under some conditions';
  return { identities: identityType, actions: describeActions(change), where, example: example.resource, certainty };
}

/**
 * New access at the first Resource entry that grants it (the others as related locations); removed access
 * at the file (its entries are in the old version, which may not be a file here); what could not be decided
 * (action groups too large to compare, files skipped for lack of a kind) at the file, and what a version
 * leaves unknown at its place in the new version, else at the file. With a gate, new access is an error and
 * undecided access too unless the gate accepts it; without one, both are warnings.
 */
export function accessFindings(
  files: readonly FileAccessDiff[],
  skipped: readonly string[],
  gate: GateOptions | undefined,
  unknowns: readonly AccessUnknown[] = [],
): Finding[] {
  const undecidedSeverity: Severity = gate && !gate.allowUnknown ? 'error' : 'warning';
  const findings: Finding[] = [];
  for (const file of files) {
    const { identityType } = file.diff;
    for (const change of file.diff.changes) {
      if (change.granted) {
        const [first, ...others] = change.granted.patterns;
        findings.push({
          ...message('new-access', 'granted', deltaData(identityType, change, change.granted)),
          severity: gate ? 'error' : 'warning',
          range: first?.range ?? fileStart(file.location),
          ...(others.length > 0 && { related: others.map((p) => ({ message: `also granted by ${p.pattern} — ${p.statement}`, range: p.range })) }),
        });
      }
      if (change.removed)
        findings.push({
          ...message('removed-access', 'removed', deltaData(identityType, change, change.removed)),
          severity: 'info',
          range: fileStart(file.location),
        });
    }
    for (const group of file.diff.undecided)
      findings.push({
        ...message('undecided-access', 'tooLarge', { group }),
        severity: undecidedSeverity,
        range: fileStart(file.location),
      });
  }
  for (const file of skipped)
    findings.push({
      ...message('undecided-access', 'skipped', {}),
      severity: undecidedSeverity,
      range: fileStart(file),
    });
  for (const unknown of unknowns) {
    const at = unknown.version === 'new' ? unknown.range : undefined;
    findings.push({
      ...message('undecided-access', 'unknown', { unknown: at ? unknown.message : describeUnknown(unknown) }),
      severity: undecidedSeverity,
      range: at ?? fileStart(unknown.location),
    });
  }
  return findings;
}
