import type { PolicyKind } from '../policy/model';
import type { Finding } from '../rules/rule';
import { diffAccess, type AccessDiff } from '../prove/diff';
import type { AccessUnknown } from '../prove/findings';
import type { App, AppClass, AppPolicy } from './app';
import type { CheckOptions, ProjectFile } from './check';
import { checkTemplateFile } from './check-template';

/** One layer of one identity class of an app, compared between two versions of the files that describe it. */
export interface AppAccessDiff {
  /** `REV:template.yaml#Pool signed-in (role policies)`; absent when the class is new. */
  old?: string;
  /** `template.yaml#Pool signed-in (role policies)`; absent when the class is gone. */
  new?: string;
  /** The file reports point at (the new version, or where the old one was). */
  location: string;
  diff: AccessDiff;
}

export interface AppsDiff {
  diffs: AppAccessDiff[];
  /** What the files do not say in either version (a class's unknowns): a gate must not pass on these. */
  unknowns: AccessUnknown[];
}

/**
 * The access of the apps two versions of a template (or module, or plan) describe, compared per identity
 * class — guests, signed-in users, each role a mapping gives — and per layer: the role's policies and the
 * IoT policies the class gets. Apps and classes are paired by their names inside the file, so a renamed
 * file still compares when its caller pairs the versions. What either version leaves unknown is listed,
 * never taken as no change.
 */
export function diffApps(oldApps: readonly App[], newApps: readonly App[], location: string, reported: (unknown: string) => boolean = () => false): AppsDiff {
  const nameIn = (app: App) => app.name.slice(app.file.length);
  const names = [...new Set([...oldApps, ...newApps].map(nameIn))];
  const diffs: AppAccessDiff[] = [];
  const unknowns: AccessUnknown[] = [];
  for (const name of names) {
    const before = oldApps.find((a) => nameIn(a) === name);
    const after = newApps.find((a) => nameIn(a) === name);
    const ids = [...new Set([...(before?.classes ?? []), ...(after?.classes ?? [])].map((c) => c.id))];
    for (const id of ids) {
      const was = before?.classes.find((c) => c.id === id);
      const is = after?.classes.find((c) => c.id === id);
      for (const [version, side, cls] of [
        ['old', before, was],
        ['new', after, is],
      ] as const)
        if (side && cls)
          for (const unknown of cls.unknowns) if (!reported(unknown)) unknowns.push({ message: `${side.name} ${id}: ${unknown}`, version, location });
      const type = (is ?? was)!.type;
      const layers: Array<[string, PolicyKind, (c: AppClass) => readonly AppPolicy[]]> = [
        ['role policies', type === 'unauthenticated' ? 'unauth-role' : 'auth-role', (c) => c.rolePolicies],
        ...(type === 'authenticated'
          ? [['IoT policies', 'iot', (c: AppClass) => c.iotPolicies] as [string, PolicyKind, (c: AppClass) => readonly AppPolicy[]]]
          : []),
      ];
      for (const [layer, kind, policiesOf] of layers) {
        const compiled = (c: AppClass | undefined) => (c ? policiesOf(c).map((p) => p.compiled) : []);
        diffs.push({
          ...(before && was && { old: `${before.name} ${id} (${layer})` }),
          ...(after && is && { new: `${after.name} ${id} (${layer})` }),
          location,
          diff: diffAccess(compiled(was), compiled(is), kind),
        });
      }
    }
  }
  return { diffs, unknowns };
}

/** Findings that mean part of a template's access is not known (as opposed to findings about what is known). */
const ACCESS_UNKNOWN = new Set(['invalid-template', 'unknown-managed-policy', 'unresolved-value']);

/**
 * Two versions of one template (or Terraform module, or plan) — either may be absent — read the way
 * `check` reads them, and their apps compared (diffApps). A file that does not parse, a managed policy
 * or value the files do not give, in either version, is listed as unknown.
 */
export function diffTemplateVersions(
  oldFile: ProjectFile | undefined,
  newFile: ProjectFile | undefined,
  options: CheckOptions,
  location = (newFile ?? oldFile)!.path,
): AppsDiff {
  const read = (file: ProjectFile | undefined) => {
    if (!file) return { apps: [], findings: [] };
    const checked = checkTemplateFile(file, options);
    return { apps: checked.apps, findings: checked.findings.filter((f) => ACCESS_UNKNOWN.has(f.ruleId)) };
  };
  const before = read(oldFile);
  const after = read(newFile);
  const findings = [...before.findings, ...after.findings];
  // A class's unknown about a policy (`Name: part of it …`) is the finding about that policy's statements, said once.
  const reported = (unknown: string) => {
    const colon = unknown.indexOf(':');
    return colon > 0 && findings.some((f) => f.message.startsWith(unknown.slice(0, colon + 1)));
  };
  const compared = diffApps(before.apps, after.apps, location, reported);
  const located = (version: AccessUnknown['version'], side: Finding[]) =>
    side.map((f): AccessUnknown => ({ message: f.message, range: f.range, version, location }));
  return { diffs: compared.diffs, unknowns: [...located('old', before.findings), ...located('new', after.findings), ...compared.unknowns] };
}
