import { parsePolicy } from '../policy/parse';
import { compilePolicyFor, diffAccess } from '../prove/diff';
import type { AccessUnknown, FileAccessDiff } from '../prove/findings';
import type { SourceRange } from '../source/range';
import type { CheckOptions, ProjectFile } from './check';
import { diffTemplateVersions } from './diff-apps';

/** One file in two versions: the old one absent for a new file, the new one absent for a deleted file. */
export interface FileVersions {
  old?: ProjectFile;
  new?: ProjectFile;
  /** The file reports point at; default: the new version's path, else the old one's. */
  location?: string;
}

export interface VersionsDiff {
  /** One comparison for a policy file; one per identity class and layer for a template. */
  diffs: FileAccessDiff[];
  /** What either version leaves unknown (values, managed policies, roles): never taken as no change. */
  unknowns: AccessUnknown[];
  /** A policy whose kind is unknown: who it is for decides what it grants, so nothing was compared. */
  kindUnknown: boolean;
  /** A version that is not JSON, at the place it breaks: nothing was compared. */
  invalid: Array<{ message: string; range: SourceRange }>;
}

/**
 * "What does this change grant?" for one file: `diff` and the editor both ask it here. A policy is compared
 * for the identities its kind (ProjectFile.kind, which the front end gives: --kind, the config's "kinds", a
 * scenario) applies to; a template, Terraform module or plan by the apps it describes, per identity class
 * (diffTemplateVersions).
 */
export function diffFileVersions(versions: FileVersions, options: CheckOptions): VersionsDiff {
  const { old, new: now } = versions;
  const either = (now ?? old)!;
  const location = versions.location ?? either.path;
  if (either.role === 'template') return { ...diffTemplateVersions(old, now, options, location), kindUnknown: false, invalid: [] };
  const kind = now?.kind ?? old?.kind;
  const nothing: VersionsDiff = { diffs: [], unknowns: [], kindUnknown: false, invalid: [] };
  if (!kind) return { ...nothing, kindUnknown: true };
  const present = [old, now].filter((v): v is ProjectFile => v !== undefined);
  const invalid = present.flatMap((v) => parsePolicy(v.text, v.path).problems.find((p) => p.code === 'invalid-json') ?? []);
  if (invalid.length > 0) return { ...nothing, invalid: invalid.map((p) => ({ message: p.message, range: p.range })) };
  const compiled = (v: ProjectFile | undefined) => (v ? [compilePolicyFor(v.text, v.path, kind)] : []);
  const diff = diffAccess(compiled(old), compiled(now), kind);
  return { ...nothing, diffs: [{ ...(old && { old: old.path }), ...(now && { new: now.path }), location, diff }] };
}
