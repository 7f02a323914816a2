import type { PolicyKind } from '../policy/model';
import { parsePolicy } from '../policy/parse';
import type { CompiledPolicy } from '../evaluate/compile';
import { compilePolicyFor, diffAccess } from '../prove/diff';
import type { AccessUnknown, FileAccessDiff } from '../prove/findings';
import type { SourceRange } from '../source/range';
import type { CheckOptions, ProjectFile } from './check';
import { diffTemplateVersions } from './diff-apps';
import { denyLossPairs } from './policy-sets';

/** One file in two versions: the old one absent for a new file, the new one absent for a deleted file. */
export interface FileVersions {
  old?: ProjectFile;
  new?: ProjectFile;
  /** The file reports point at; default: the new version's path, else the old one's. */
  location?: string;
}

export interface VersionsDiff {
  /** One comparison per identity class and layer the policies form; one per class and layer of a template's apps. */
  diffs: FileAccessDiff[];
  /** What either version leaves unknown (values, managed policies, roles): never taken as no change. */
  unknowns: AccessUnknown[];
  /** Policies whose kind is unknown (their locations): who a policy is for decides what it grants, so they were not compared. */
  kindUnknown: string[];
  /** A version that is not JSON, at the place it breaks: nothing was compared. */
  invalid: Array<{ message: string; range: SourceRange }>;
}

/**
 * "What does this change grant?" for one file: the editor asks it here. A policy is compared for the
 * identities its kind (ProjectFile.kind: --kind, the config's "kinds", a scenario) applies to; a template,
 * Terraform module or plan by the apps it describes, per identity class (diffTemplateVersions), the old
 * version under `oldOptions` (the config of its time; default: the same).
 */
export function diffFileVersions(versions: FileVersions, options: CheckOptions, oldOptions: CheckOptions = options): VersionsDiff {
  const either = (versions.new ?? versions.old)!;
  if (either.role === 'template')
    return { ...diffTemplateVersions(versions.old, versions.new, options, versions.location ?? either.path, oldOptions), kindUnknown: [], invalid: [] };
  return diffPolicyVersions([versions]);
}

/** The layer of an identity class a policy of this kind is: guests' role, signed-in users' role, their IoT policies. */
const CLASS_LAYER: Record<PolicyKind, string> = {
  'unauth-role': 'guests',
  'auth-role': 'signed-in users (role policies)',
  iot: 'signed-in users (IoT policies)',
};

/**
 * Policy files in two versions, each compared alone, and in the pairs of one kind that denyLossPairs names:
 * AWS takes the union of the policies an identity has and a Deny in any of them wins
 * (docs/iot-authorization.md), so deleting or narrowing a Deny in one file is new access for whoever also
 * has a file that allows what it denied, though the Deny's file grants nothing. Which files an identity has
 * is not known here (IoT policies are attached per identity at run time; a scenario names only its own
 * identities'), so any two files of one kind may be had together.
 */
export function diffPolicyVersions(files: readonly FileVersions[]): VersionsDiff {
  const located = files.map((f) => ({ ...f, where: f.location ?? (f.new ?? f.old)!.path, kind: f.new?.kind ?? f.old?.kind }));
  const kindUnknown = located.filter((f) => !f.kind).map((f) => f.where);
  const present = located.flatMap((f) => [f.old, f.new].filter((v): v is ProjectFile => v !== undefined));
  const invalid = present.flatMap((v) => parsePolicy(v.text, v.path).problems.find((p) => p.code === 'invalid-json') ?? []);
  if (invalid.length > 0) return { diffs: [], unknowns: [], kindUnknown, invalid: invalid.map((p) => ({ message: p.message, range: p.range })) };
  const compiled = new Map<ProjectFile, CompiledPolicy>();
  const compile = (v: ProjectFile, kind: PolicyKind) => compiled.get(v) ?? compiled.set(v, compilePolicyFor(v.text, v.path, kind)).get(v)!;
  const compare = (members: ReadonlyArray<(typeof located)[number]>, kind: PolicyKind, name: (versions: ProjectFile[]) => string): FileAccessDiff => {
    const [olds, news] = [members.flatMap((m) => m.old ?? []), members.flatMap((m) => m.new ?? [])];
    return {
      ...(olds.length > 0 && { old: name(olds) }),
      ...(news.length > 0 && { new: name(news) }),
      location: members.find((m) => m.new)?.where ?? members[0].where,
      diff: diffAccess(
        olds.map((v) => compile(v, kind)),
        news.map((v) => compile(v, kind)),
        kind,
      ),
    };
  };
  const diffs: FileAccessDiff[] = [];
  const classes = new Map<PolicyKind, Array<(typeof located)[number]>>();
  for (const f of located) {
    if (!f.kind) continue;
    diffs.push(compare([f], f.kind, (versions) => versions[0].path));
    classes.set(f.kind, [...(classes.get(f.kind) ?? []), f]);
  }
  for (const members of classes.values()) {
    const kind = members[0].kind!;
    const lostDeny = (m: (typeof members)[number]) =>
      m.old !== undefined && m.new?.text !== m.old.text && compile(m.old, kind).statements.some((s) => s.effect === 'Deny');
    for (const pair of denyLossPairs(members, lostDeny))
      diffs.push(compare(pair, kind, (versions) => `${CLASS_LAYER[kind]}: ${versions.map((v) => v.path).join(' + ')}`));
  }
  return { diffs, unknowns: [], kindUnknown, invalid: [] };
}
