import { compileOptionsFor } from '../cognito/role-policies';
import type { IdentityType } from '../cognito/identity';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile';
import type { ParsedPolicy, PolicyKind } from '../policy/model';
import type { ReadingChoices } from '../readings/choices';
import type { ArnScope } from '../scenario/arn';
import { groupByIotPolicies } from '../scenario/iot-policy-sets';
import type { LoadedScenario } from '../scenario/model';
import type { PreparedPolicy, SourcePolicy } from '../sources/document';
import type { EmittedDocument } from '../sources/emit';
import type { IdentityPoolFacts, SourceProblem } from '../sources/reading';

/**
 * The identity-pool app: who gets which policies. Rules over the whole app, the built-in properties and
 * the access summary ask their questions per identity class, never per file (docs/app-model.md).
 */
export interface App {
  /** How reports name the app: the template (and pool), the scenario, or the config's folder. */
  name: string;
  /** The file the model is read from (template, scenario or config); findings about the app point there. */
  file: string;
  origin: 'template' | 'scenario' | 'kinds';
  /** A scenario's scope, or the default for when nothing says where the app is: `appScopes` decides where questions are asked. */
  scope: ArnScope;
  /** Where the config says the stack is deployed (`AWS::Region`, `AWS::AccountId`, `AWS::Partition`). */
  deployment?: Partial<ArnScope>;
  identityPoolId?: string;
  /** Readings the team pinned for this app (a scenario's `readings`); the others are decided under every outcome. */
  readings?: ReadingChoices;
  classes: AppClass[];
  /** What the model assumed or could not tell, each said once (IoT policies taken as attached, guests undecided…). */
  notes: string[];
}

/** AWS lets at most 10 IoT policies be attached to one Cognito identity (docs/iot-authorization.md §6). */
export const MAX_IOT_POLICIES_PER_IDENTITY = 10;

/** Identities that get the same policies: guests, signed-in users, the users a role mapping gives another role. */
export interface AppClass {
  /** Stable and short, for config and reports: `guests`, `signed-in`, `role:<role>`, `signed-in#2` for a further set of IoT policies. */
  id: string;
  /** In words: "guests (unauthenticated role GuestRole)". */
  label: string;
  type: IdentityType;
  /** The template key of the role whose policies `rolePolicies` are, when the files name one. */
  role?: string;
  rolePolicies: readonly AppPolicy[];
  /** The IoT policies attached to these identities (none for guests: AWS IoT does not use them). */
  iotPolicies: readonly AppPolicy[];
  /** False when the files leave open whether such identities exist (guests of a pool whose setting is unknown). */
  certain: boolean;
  /**
   * What the files do not say about the class's policies (a role the files do not define, a token-chosen
   * role). Non-empty means the class may be granted more than `rolePolicies` say: a gate must not pass on it.
   */
  unknowns: string[];
}

/** A policy of the app, compiled with the kind its place gives it; ranges point into the file the user edits. */
export interface AppPolicy {
  name: string;
  kind: PolicyKind;
  compiled: CompiledPolicy;
}

/** Compiled on first use: `check` builds the app of every file, and most runs never ask it anything. */
export function appPolicy(name: string, kind: PolicyKind, parse: () => ParsedPolicy): AppPolicy {
  let compiled: CompiledPolicy | undefined;
  return {
    name,
    kind,
    get compiled() {
      return (compiled ??= compilePolicy(parse(), compileOptionsFor(kind)));
    },
  };
}

/** A template's policies as the app model needs them: name, kind, the roles that get it, parsed with template ranges. */
export interface TemplatePolicyInput {
  name: string;
  kind?: PolicyKind;
  roles: readonly string[];
  /** What of the document can be analysed; undefined when nothing can (it is reported elsewhere). */
  parse?: () => ParsedPolicy;
  /** How many of its statements (or 1 for the whole document) depend on values the files do not give. */
  withheld: number;
}

/** A template's policy as the app model takes it: what of it can be analysed, parsed on first use, and how much is left out. */
export function templatePolicyInput(
  policy: SourcePolicy,
  kind: PolicyKind | undefined,
  prepared: PreparedPolicy,
  parse: (emitted: EmittedDocument) => ParsedPolicy,
): TemplatePolicyInput {
  const { emitted } = prepared;
  return {
    name: policy.name,
    ...(kind && { kind }),
    roles: policy.roles ?? [],
    ...(emitted && { parse: () => parse(emitted) }),
    withheld: prepared.unknownDocument ? 1 : prepared.withheld.length,
  };
}

/**
 * One app per identity pool of a template; without a pool, one app from the kinds the template gives
 * (Amplify stacks pass their roles as parameters). IoT policies are taken as attached to every signed-in
 * identity: attaching them happens at run time, not in templates (said in the notes).
 */
export function appsFromTemplate(
  file: string,
  scope: ArnScope,
  pools: readonly IdentityPoolFacts[],
  policies: readonly TemplatePolicyInput[],
  problems: readonly SourceProblem[] = [],
): App[] {
  const usable = policies.filter((p): p is TemplatePolicyInput & { parse: () => ParsedPolicy } => p.parse !== undefined);
  const compiled = new Map(usable.map((p) => [p, appPolicy(p.name, p.kind ?? 'auth-role', p.parse)]));
  const ofRole = (role: string | undefined) => usable.filter((p) => role !== undefined && p.roles.includes(role)).map((p) => compiled.get(p)!);
  const ofKind = (kind: PolicyKind) => usable.filter((p) => p.kind === kind).map((p) => compiled.get(p)!);
  // A statement left out for unknown values may grant more than the analysis counts: the classes that get it say so.
  const unknownIn = (selected: (p: TemplatePolicyInput) => boolean) =>
    policies.filter((p) => p.withheld > 0 && selected(p)).map((p) => `${p.name}: part of it depends on values the files do not give and is not counted`);
  // What the reader could not tell about roles' grants (a policy attached to a role it cannot tell): the classes that may get them say so.
  const problemsAbout = (roles: readonly (string | undefined)[]) =>
    problems.filter((p) => p.roles === 'any' || p.roles?.some((r) => roles.includes(r))).map((p) => p.message);
  const iot = ofKind('iot');
  const iotUnknowns = unknownIn((p) => p.kind === 'iot');
  const iotNote = iot.length > 0 ? [`IoT policies ${iot.map((p) => p.name).join(', ')} are taken as attached to every signed-in identity`] : [];
  if (pools.length === 0) {
    const auth = ofKind('auth-role');
    const unauth = ofKind('unauth-role');
    if (auth.length === 0 && unauth.length === 0 && iot.length === 0) return [];
    const classes: AppClass[] = [];
    const rolesOfKind = (kind: PolicyKind) => usable.filter((p) => p.kind === kind).flatMap((p) => p.roles);
    if (unauth.length > 0)
      classes.push(
        guestClass('guests (the unauthenticated role)', unauth, true, [
          ...unknownIn((p) => p.kind === 'unauth-role'),
          ...problemsAbout(rolesOfKind('unauth-role')),
        ]),
      );
    if (auth.length > 0 || iot.length > 0)
      classes.push(
        signedInClass('signed-in', 'signed-in users (the authenticated role)', auth, iot, [
          ...(auth.length > 0 ? [] : ['no authenticated role in the files']),
          ...unknownIn((p) => p.kind === 'auth-role'),
          ...problemsAbout(rolesOfKind('auth-role')),
          ...iotUnknowns,
        ]),
      );
    return [{ name: file, file, origin: 'template', scope, classes, notes: iotNote }];
  }
  const roleUnknowns = (role: string | undefined) => [...unknownIn((p) => role !== undefined && p.roles.includes(role)), ...problemsAbout([role])];
  return pools.map((pool) => {
    const classes: AppClass[] = [];
    const notes = [...iotNote];
    // A role the attachment names but the files do not decide may grant anything: its class is there, with that unknown.
    const undecided = (which: 'authenticated' | 'unauthenticated') => {
      const why = pool.unknownRoles?.[which];
      return why ? [`the ${which} role is not decided by the files: ${why}`] : [];
    };
    if (pool.allowUnauthenticated === false) notes.push('guests are disabled (AllowUnauthenticatedIdentities false)');
    else if (!pool.unauthenticatedRole && !pool.unknownRoles?.unauthenticated) notes.push('guests get no role: AWS gives them no credentials');
    else {
      if (pool.allowUnauthenticated === 'unknown')
        notes.push('whether guests get credentials is not decided by the files: guest access is checked as possible');
      const role = pool.unauthenticatedRole;
      classes.push({
        ...guestClass(`guests (unauthenticated role ${role ?? 'not decided by the files'})`, ofRole(role), pool.allowUnauthenticated === true, [
          ...undecided('unauthenticated'),
          ...roleUnknowns(role),
        ]),
        ...(role && { role }),
      });
    }
    const authUnknown = [
      ...(pool.authenticatedRole || pool.unknownRoles?.authenticated ? [] : ['the authenticated role is not in the files']),
      ...undecided('authenticated'),
      ...roleUnknowns(pool.authenticatedRole),
      ...iotUnknowns,
    ];
    classes.push({
      ...signedInClass(
        'signed-in',
        `signed-in users (authenticated role ${pool.authenticatedRole ?? (pool.unknownRoles?.authenticated ? 'not decided by the files' : 'not in the files')})`,
        ofRole(pool.authenticatedRole),
        iot,
        authUnknown,
      ),
      ...(pool.authenticatedRole && { role: pool.authenticatedRole }),
    });
    for (const mapped of pool.mappedRoles ?? []) {
      const id = `role:${mapped.role ?? 'token'}`;
      if (classes.some((c) => c.id === id)) continue;
      if (!mapped.role) {
        // A role outside the files: what it grants is unknown. For a token, the roles of the files it may name are listed.
        const candidates = mapped.by === 'token' ? (pool.mappedRoles ?? []).flatMap((m) => (m.by === 'token' && m.role ? [m.role] : [])) : [];
        const also = candidates.length > 0 ? `; the roles of the files a token may name are classes of their own: ${candidates.join(', ')}` : '';
        const whose = mapped.by === 'token' ? 'whose token names a role the files do not define' : 'a role mapping gives another role';
        classes.push(
          signedInClass(id, `signed-in users ${whose} (${mapped.how}${also})`, [], iot, [`${mapped.how}: which role, the files do not say`, ...iotUnknowns]),
        );
        continue;
      }
      const label = `signed-in users ${mapped.by === 'token' ? 'whose token names' : 'a role mapping gives'} ${mapped.role} (${mapped.how})`;
      classes.push({ ...signedInClass(id, label, ofRole(mapped.role), iot, [...roleUnknowns(mapped.role), ...iotUnknowns]), role: mapped.role });
    }
    return { name: `${file}#${pool.name}`, file, origin: 'template', scope, classes, notes };
  });
}

/**
 * The app a scenario describes: its guests, and one class of signed-in identities per distinct set of
 * IoT policies its identities carry (all of them when it names none).
 */
export function appFromScenario(scenario: LoadedScenario): App {
  const named = (policy: CompiledPolicy, kind: PolicyKind): AppPolicy => ({ name: policy.source.file, kind, compiled: policy });
  const classes: AppClass[] = [];
  const identities = [...scenario.identities.values()];
  if (scenario.roles.unauthenticated.length > 0 || identities.some((i) => i.identity.type === 'unauthenticated'))
    classes.push(
      guestClass(
        'guests (the scenario’s unauthenticated role)',
        scenario.roles.unauthenticated.map((p) => named(p, 'unauth-role')),
        true,
        [],
      ),
    );
  const role = scenario.roles.authenticated.map((p) => named(p, 'auth-role'));
  const sets = groupByIotPolicies(identities.filter((i) => i.identity.type === 'authenticated')).map((group) => ({
    policies: group[0].iotPolicies,
    members: group.map((i) => i.name),
  }));
  if (sets.length === 0 && role.length > 0) {
    const iot = scenario.policies.filter((p) => p.kind === 'iot').map((p) => named(p.policy, 'iot'));
    sets.push({ policies: iot.map((p) => p.compiled), members: [] });
  }
  sets.forEach((set, index) => {
    const id = index === 0 ? 'signed-in' : `signed-in#${index + 1}`;
    const members = set.members.length > 0 ? ` like ${set.members.join(', ')}` : '';
    classes.push(
      signedInClass(
        id,
        `signed-in users${members}`,
        role,
        set.policies.map((p) => named(p, 'iot')),
        [],
      ),
    );
  });
  const pools = new Set(identities.flatMap((i) => i.identity.identityPoolId ?? []));
  return {
    name: scenario.file,
    file: scenario.file,
    origin: 'scenario',
    scope: scenario.scope,
    ...(pools.size === 1 && { identityPoolId: [...pools][0] }),
    ...(scenario.readings && { readings: scenario.readings }),
    classes,
    notes: [],
  };
}

/**
 * The app the config's kinds describe, for policies no scenario or template places: every
 * `unauth-role` policy is the guests' role, every `auth-role` policy the signed-in users' role, and every
 * IoT policy is taken as attached to every signed-in identity.
 */
export function appFromKinds(name: string, file: string, scope: ArnScope, policies: readonly AppPolicy[]): App | undefined {
  const of = (kind: PolicyKind) => policies.filter((p) => p.kind === kind);
  const [auth, unauth, iot] = [of('auth-role'), of('unauth-role'), of('iot')];
  if (policies.length === 0) return undefined;
  const classes: AppClass[] = [];
  if (unauth.length > 0) classes.push(guestClass('guests (the unauth-role policies)', unauth, false, []));
  if (auth.length > 0 || iot.length > 0)
    classes.push(
      signedInClass(
        'signed-in',
        'signed-in users (the auth-role policies)',
        auth,
        iot,
        auth.length > 0 ? [] : ['no auth-role policy: what the authenticated role grants is unknown'],
      ),
    );
  const notes = [
    'the app is read from the config’s kinds: every auth-role policy belongs to one authenticated role, every unauth-role policy to the unauthenticated role',
    ...(iot.length > 0 ? [`IoT policies ${iot.map((p) => p.name).join(', ')} are taken as attached to every signed-in identity`] : []),
  ];
  return { name, file, origin: 'kinds', scope, classes, notes };
}

function guestClass(label: string, rolePolicies: readonly AppPolicy[], certain: boolean, unknowns: string[]): AppClass {
  return { id: 'guests', label, type: 'unauthenticated', rolePolicies, iotPolicies: [], certain, unknowns };
}

function signedInClass(id: string, label: string, rolePolicies: readonly AppPolicy[], iotPolicies: readonly AppPolicy[], unknowns: string[]): AppClass {
  return { id, label, type: 'authenticated', rolePolicies, iotPolicies, certain: true, unknowns };
}
