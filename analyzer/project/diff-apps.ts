import type { PolicyKind } from '../policy/model';
import type { Finding } from '../rules/rule';
import { diffAccess, type AccessDiff } from '../prove/diff';
import type { AccessUnknown } from '../prove/findings';
import type { IdentityPoolFacts, RoleMappingFacts } from '../sources/reading';
import { readTemplateFile } from '../sources/read-template-file';
import type { App, AppClass, AppPolicy } from './app';
import type { CheckOptions, ProjectFile } from './check';
import { checkTemplateFile } from './check-template';
import { denyLossPairs } from './policy-sets';

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
export function diffApps(
  oldApps: readonly App[],
  newApps: readonly App[],
  location: string,
  reported: (unknown: string) => boolean = () => false,
  membershipChanges: ReadonlyMap<string, MembershipChange> = new Map(),
): AppsDiff {
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
        if (kind === 'iot' && new Set([...(was?.iotPolicies ?? []), ...(is?.iotPolicies ?? [])].map((p) => p.name)).size > 1) {
          diffs.push(...iotPolicySets(before?.name, after?.name, id, was?.iotPolicies ?? [], is?.iotPolicies ?? [], location));
          continue;
        }
        diffs.push({
          ...(before && was && { old: `${before.name} ${id} (${layer})` }),
          ...(after && is && { new: `${after.name} ${id} (${layer})` }),
          location,
          diff: diffAccess(compiled(was), compiled(is), kind),
        });
      }
    }
    const change = membershipChanges.get(name);
    if (before && after && change) diffs.push(...movedMembers(before, after, change, location));
  }
  return { diffs, unknowns };
}

/**
 * A class's IoT policies when there are several: attached per identity at run time, so an identity may
 * have any set of them, and a change is compared for each policy alone and for the pairs denyLossPairs
 * names (docs/prove.md) — not only for all of them together, where a Deny in one hides what another
 * newly grants to identities without it. Policies are paired across versions by their name in the file.
 */
function iotPolicySets(
  oldApp: string | undefined,
  newApp: string | undefined,
  id: string,
  was: readonly AppPolicy[],
  is: readonly AppPolicy[],
  location: string,
): AppAccessDiff[] {
  const names = [...new Set([...was, ...is].map((p) => p.name))];
  const members = names.map((name) => ({ name, old: was.find((p) => p.name === name), new: is.find((p) => p.name === name) }));
  // What a template's policy resolves to can change with no change to its text (the config's parameters, another
  // resource it names): any policy whose old version had a Deny may have lost it.
  const lostDeny = (m: (typeof members)[number]) => m.old !== undefined && m.old.compiled.statements.some((s) => s.effect === 'Deny');
  const sets = [...members.map((m) => [m]), ...denyLossPairs(members, lostDeny)];
  return sets.map((set) => {
    const [olds, news] = [set.flatMap((m) => m.old ?? []), set.flatMap((m) => m.new ?? [])];
    const label = (app: string, policies: readonly AppPolicy[]) =>
      `${app} ${id} (IoT ${policies.length === 1 ? 'policy' : 'policies'} ${policies.map((p) => p.name).join(' + ')})`;
    return {
      ...(oldApp && olds.length > 0 && { old: label(oldApp, olds) }),
      ...(newApp && news.length > 0 && { new: label(newApp, news) }),
      location,
      diff: diffAccess(
        olds.map((p) => p.compiled),
        news.map((p) => p.compiled),
        'iot',
      ),
    };
  });
}

/** How a pool's role mappings changed, in words, and whether the old ones left some signed-in users without credentials. */
export interface MembershipChange {
  description: string;
  oldDenied: boolean;
}

/**
 * When the role mappings change, the users a class now takes in come from another class (or had no
 * credentials, when an old mapping denied them). Which users move cannot be decided from the rules in
 * general, so every move is taken as possible: what a class now grants beyond what each other old class
 * granted is new access for the users who may move, never certain, naming the mapping change.
 */
function movedMembers(before: App, after: App, change: MembershipChange, location: string): AppAccessDiff[] {
  const signedIn = (app: App) => app.classes.filter((c) => c.type === 'authenticated');
  const layers: Array<[string, PolicyKind, (c: AppClass) => readonly AppPolicy[]]> = [
    ['role policies', 'auth-role', (c) => c.rolePolicies],
    ['IoT policies', 'iot', (c) => c.iotPolicies],
  ];
  const diffs: AppAccessDiff[] = [];
  for (const target of signedIn(after)) {
    // A class new in this version is compared with nothing above: all it grants is already new.
    if (!before.classes.some((c) => c.id === target.id)) continue;
    const sources: Array<AppClass | undefined> = [...signedIn(before).filter((c) => c.id !== target.id), ...(change.oldDenied ? [undefined] : [])];
    for (const source of sources) {
      const from = source ? `users of ${source.id}` : 'users the old mapping gave no credentials';
      const why = `only for ${from} whom the changed role mappings may now give ${target.id} (${change.description})`;
      for (const [layer, kind, policiesOf] of layers) {
        const diff = diffAccess(
          source ? policiesOf(source).map((p) => p.compiled) : [],
          policiesOf(target).map((p) => p.compiled),
          kind,
        );
        // What the move takes away is no access removed from anyone: only what it grants is reported.
        const changes = diff.changes.flatMap(({ identityType, actions, granted }) =>
          granted ? [{ identityType, actions, granted: { ...granted, certain: false, uncertainBecause: why } }] : [],
        );
        if (changes.length === 0 && diff.undecided.length === 0) continue;
        diffs.push({
          old: source ? `${before.name} ${source.id} (${layer})` : `${before.name} no credentials (${layer})`,
          new: `${after.name} ${target.id} (${layer}), for ${from} the changed role mappings may move there`,
          location,
          diff: { ...diff, changes },
        });
      }
    }
  }
  return diffs;
}

/** A pool's role mappings in words: type, what happens when no rule matches, and the rules in order (or the token's roles). */
function describeMappings(mappings: readonly RoleMappingFacts[]): string {
  if (mappings.length === 0) return 'no role mapping';
  return mappings
    .map((m) => {
      const rules = m.rules.map((r, i) => `rule ${i + 1}: ${[r.claim, r.matchType, r.value].map((t) => t ?? '?').join(' ')} → ${r.role ?? '?'}`);
      const token = (m.tokenRoles ?? []).map((t) => `${t.role} for ${t.groups.join(', ') || 'no group'}`);
      return `${m.provider} ${m.type ?? '?'} (no match: ${m.ambiguousRoleResolution ?? '?'}${[...rules, ...token].map((t) => `; ${t}`).join('')})`;
    })
    .join(', ');
}

/** The pools whose role mappings differ between the versions, by their name in the file (`#Pool`, as apps are named). */
export function membershipChanges(oldPools: readonly IdentityPoolFacts[], newPools: readonly IdentityPoolFacts[]): Map<string, MembershipChange> {
  const changes = new Map<string, MembershipChange>();
  for (const after of newPools) {
    const before = oldPools.find((p) => p.name === after.name);
    if (!before) continue;
    const [was, is] = [before.roleMappings ?? [], after.roleMappings ?? []];
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    changes.set(`#${after.name}`, {
      description: `role mappings were ${describeMappings(was)}, now ${describeMappings(is)}`,
      // Deny, or a value the files do not decide: some users may have had no credentials.
      oldDenied: was.some((m) => m.ambiguousRoleResolution !== 'AuthenticatedRole'),
    });
  }
  return changes;
}

/** Findings that mean part of a template's access is not known (as opposed to findings about what is known). */
const ACCESS_UNKNOWN = new Set(['invalid-template', 'unknown-managed-policy', 'unresolved-value']);

/**
 * Two versions of one template (or Terraform module, or plan) — either may be absent — read the way
 * `check` reads them, and their apps compared (diffApps). The old version is read with the options of its
 * own time (`oldOptions`: the config as it was, whose parameters decide what the template resolves to).
 * A file that does not parse, a managed policy or value the files do not give, in either version, is
 * listed as unknown.
 */
export function diffTemplateVersions(
  oldFile: ProjectFile | undefined,
  newFile: ProjectFile | undefined,
  options: CheckOptions,
  location = (newFile ?? oldFile)!.path,
  oldOptions: CheckOptions = options,
): AppsDiff {
  const read = (file: ProjectFile | undefined, readOptions: CheckOptions) => {
    if (!file) return { apps: [], findings: [], pools: [] };
    const reading = file.reading ?? readTemplateFile(file, readOptions.host, readOptions.config.templateParameters);
    const checked = checkTemplateFile({ ...file, reading }, readOptions);
    return { apps: checked.apps, findings: checked.findings.filter((f) => ACCESS_UNKNOWN.has(f.ruleId)), pools: reading.pools };
  };
  const before = read(oldFile, oldOptions);
  const after = read(newFile, options);
  const findings = [...before.findings, ...after.findings];
  // A class's unknown about a policy (`Name: part of it …`) is the finding about that policy's statements, said once.
  const reported = (unknown: string) => {
    const colon = unknown.indexOf(':');
    return colon > 0 && findings.some((f) => f.message.startsWith(unknown.slice(0, colon + 1)));
  };
  const compared = diffApps(before.apps, after.apps, location, reported, membershipChanges(before.pools, after.pools));
  const located = (version: AccessUnknown['version'], side: Finding[]) =>
    side.map((f): AccessUnknown => ({ message: f.message, range: f.range, version, location }));
  return { diffs: compared.diffs, unknowns: [...located('old', before.findings), ...located('new', after.findings), ...compared.unknowns] };
}
