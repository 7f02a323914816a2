import type { RolePolicies } from '../cognito/authorize';
import { chooseRole, type Claims, type RoleChoice, type RoleOutcome } from '../cognito/role-mapping';
import type { IdentityType } from '../cognito/identity';
import type { CompiledPolicy } from '../evaluate/compile';
import { appPolicy, appsFromTemplate, templatePolicyInput, type App, type AppClass } from '../project/app';
import { classifyFile } from '../project/classify';
import { preparePolicy } from '../sources/document';
import type { IdentityPoolFacts } from '../sources/reading';
import { loneTemplateFile, rangesOf, readTemplateFile, unreadReason } from '../sources/read-template-file';
import { parseInTemplate } from '../sources/template-policy';
import type { ArnScope } from './arn';
import type { FileHost, IdentityRoles, RoleCandidate, TemplateSettings } from './model';

/**
 * The app a scenario names with `"app": "template.yaml"` (or `"template.yaml#Pool"` when the template has
 * several pools): guests get the pool's unauthenticated role, signed-in identities the role its role
 * mapping gives their claims, and the app's IoT policies unless they name their own. The scenario keeps
 * working when the template changes, because it names the app, not the policies (docs/iac-sources.md).
 */
export interface ScenarioApp {
  /** The template as the scenario writes it, without `#Pool`; `"#Name"` policy references resolve in it. */
  reference: string;
  app: App;
  pool?: IdentityPoolFacts;
  /** The IoT policies of the app (taken as attached to every signed-in identity that names none). */
  iotPolicies: readonly CompiledPolicy[];
  /** IoT policies with parts the files do not give: an identity relying on them cannot be decided. */
  incompleteIotPolicies: string[];
  /** The policies of a role of the files by its key (a token may name any role); `incomplete` when some depend on values the files do not give. */
  roleByKey(role: string): readonly CompiledPolicy[] | 'incomplete';
}

export function readScenarioApp(
  reference: string,
  scenarioFile: string,
  scope: ArnScope,
  host: FileHost,
  parameters: TemplateSettings['templateParameters'],
): { app?: ScenarioApp; error?: string } {
  const hash = reference.indexOf('#');
  const written = hash === -1 ? reference : reference.slice(0, hash);
  const poolName = hash === -1 ? undefined : reference.slice(hash + 1);
  const path = host.resolve(scenarioFile, written);
  const text = host.readFile(path);
  if (text === undefined) return { error: `cannot read the app "${written}" (${host.whyUnreadable?.(path) ?? `resolved to ${path}`})` };
  const format = classifyFile(path, text)?.format;
  if (format !== 'cloudformation' && format !== 'serverless' && format !== 'terraform' && format !== 'terraform-plan')
    return { error: `the app "${written}" is not a CloudFormation/SAM template, Serverless service, Terraform file or Terraform plan` };
  const input = loneTemplateFile(path, text, format, host);
  const reading = readTemplateFile(input, host, parameters);
  // A file of the app that is not read leaves the app unknown: no verdict could rely on it.
  const unread = unreadReason(input, reading);
  if (unread) return { error: `the app "${written}" is not read: ${unread}` };
  const toRange = rangesOf(input);
  const inputs = reading.policies.map((policy) =>
    templatePolicyInput(policy, policy.kind, preparePolicy(policy.document), (emitted) => parseInTemplate(emitted, path, input.text, toRange)),
  );
  const apps = appsFromTemplate(path, scope, reading.pools, inputs, reading.problems);
  const app = poolName === undefined && apps.length === 1 ? apps[0] : apps.find((a) => poolName !== undefined && a.name === `${path}#${poolName}`);
  if (!app) {
    const names = reading.pools.map((p) => `"${written}#${p.name}"`).join(', ');
    return {
      error:
        apps.length === 0
          ? `the app "${written}" has no identity pool, role or IoT policy this tool reads`
          : `the app "${reference}" is not one identity pool of the template (it has ${names || 'none'})`,
    };
  }
  const pool = reading.pools.find((p) => app.name === `${path}#${p.name}`);
  const iot = inputs.filter((p) => p.kind === 'iot');
  const roleByKey = (role: string) => {
    const policies = inputs.filter((p) => p.roles.includes(role));
    if (policies.some((p) => p.withheld > 0 || !p.parse)) return 'incomplete' as const;
    return policies.map((p) => appPolicy(p.name, 'auth-role', p.parse!).compiled);
  };
  return {
    app: {
      reference: written,
      app,
      ...(pool && { pool }),
      iotPolicies: app.classes.find((c) => c.id === 'signed-in')?.iotPolicies.map((p) => p.compiled) ?? [],
      incompleteIotPolicies: iot.filter((p) => p.withheld > 0).map((p) => p.name),
      roleByKey,
    },
  };
}

/** The scenario's roles when it names an app: the guests' role and the pool's authenticated role (what the prover and `check` see). */
export function appRolePolicies(scenarioApp: ScenarioApp): RolePolicies {
  const policiesOf = (id: string) => scenarioApp.app.classes.find((c) => c.id === id)?.rolePolicies.map((p) => p.compiled) ?? [];
  return { authenticated: policiesOf('signed-in'), unauthenticated: policiesOf('guests') };
}

/**
 * The roles an identity of the app may get: its type's role, or for signed-in identities the one its role
 * mapping gives its claims; and the role ARNs its token names that are no role of the files.
 */
function identityRoles(
  scenarioApp: ScenarioApp,
  identity: { type: IdentityType; claims?: Claims; identityProvider?: string },
): IdentityRoles & { unknownRoles?: RoleChoice['unknownRoles'] } {
  const { app, pool } = scenarioApp;
  const classOf = (id: string) => app.classes.find((c) => c.id === id);
  if (identity.type === 'unauthenticated') {
    const guests = classOf('guests');
    if (!guests) {
      const why = pool?.allowUnauthenticated === false ? 'guests are disabled (AllowUnauthenticatedIdentities false)' : 'the pool has no unauthenticated role';
      return { candidates: [{ label: `no credentials (${why})`, policies: [] }], undecidedBecause: [] };
    }
    const role = candidateOf(guests, guests.label, scenarioApp);
    if (guests.certain) return { candidates: [role], undecidedBecause: [] };
    return {
      candidates: [role, { label: 'no credentials (guests disabled)', policies: [] }],
      undecidedBecause: ['whether the pool gives guests credentials is not decided by the files'],
    };
  }
  const choice = chooseRole(pool?.roleMappings ?? [], identity);
  const candidateFor = (outcome: RoleOutcome): RoleCandidate => {
    switch (outcome.kind) {
      case 'authenticated-role':
        return candidateOf(
          classOf('signed-in'),
          `the authenticated role${pool?.authenticatedRole ? ` ${pool.authenticatedRole}` : ''} (${outcome.how})`,
          scenarioApp,
        );
      case 'mapped-role':
        return outcome.role
          ? roleCandidate(scenarioApp, outcome.role, `${outcome.role} (${outcome.how})`)
          : { label: `a role the files do not define (${outcome.how})` };
      case 'no-credentials':
        return { label: `no credentials (${outcome.how})`, policies: [] };
      case 'token-role':
        return { label: `the role the token names (${outcome.how})` };
    }
  };
  return {
    candidates: choice.outcomes.map(candidateFor),
    undecidedBecause: choice.undecidedBecause,
    ...(choice.unknownRoles.length > 0 && { unknownRoles: choice.unknownRoles }),
  };
}

/** A role of the files as a candidate: the class that gets it, else its own policies (a token may name a role no class has). */
function roleCandidate(scenarioApp: ScenarioApp, role: string, label: string): RoleCandidate {
  const cls = scenarioApp.app.classes.find((c) => c.role === role);
  if (cls) return candidateOf(cls, label, scenarioApp);
  const policies = scenarioApp.roleByKey(role);
  return policies === 'incomplete'
    ? { label: `${label}; not all of it is known: part of its policies depends on values the files do not give` }
    : { label, policies };
}

/** The roles a token-based mapping of the pool can name, with their ARNs (or why the files do not give one), for messages. */
function knownRoles(pool: IdentityPoolFacts | undefined): string {
  const roles = pool?.roleMappings?.find((m) => m.tokenRoles)?.tokenRoles ?? [];
  return roles.map((r) => (r.arn ? `${r.role} ${r.arn}` : `${r.role} (no RoleName: AWS generates its ARN)`)).join(', ') || 'none';
}

/** A class's role as a candidate; a role with parts the files do not give may grant more, so it counts as undefined. */
function candidateOf(cls: AppClass | undefined, label: string, scenarioApp: ScenarioApp): RoleCandidate {
  const about = (unknown: string) => !scenarioApp.incompleteIotPolicies.some((name) => unknown.startsWith(`${name}:`));
  const unknowns = cls?.unknowns.filter(about) ?? ['the role is not in the files'];
  if (!cls || unknowns.length > 0) return { label: `${label}; not all of it is known: ${unknowns.join('; ')}` };
  return { label, policies: cls.rolePolicies.map((p) => p.compiled) };
}

/**
 * An identity of a scenario that names an app: the roles it may get, and its IoT policies — those it
 * names, else the app's (taken as attached, said in the warning). Relying on an IoT policy with parts the
 * files do not give is a problem: its verdicts would not be decided.
 */
export function placeInApp(
  scenarioApp: ScenarioApp,
  identity: { type: IdentityType; claims?: Claims; identityProvider?: string; iotPolicies?: unknown },
  named: readonly CompiledPolicy[],
): { roles: IdentityRoles; iotPolicies: readonly CompiledPolicy[]; problem?: string; warnings: Array<{ claim: string; message: string }> } {
  const { unknownRoles, ...roles } = identityRoles(scenarioApp, identity);
  // A role ARN no role of the files has is said once, at its claim; every verdict it touches is decided both ways.
  const warnings = (unknownRoles ?? []).map(({ claim, arn, unnamed }) => ({
    claim,
    message:
      unnamed.length > 0
        ? `${claim} names ${arn}, which is no named role of the files (they give: ${knownRoles(scenarioApp.pool)}); it may be ${unnamed.join(', ')}, whose names AWS generates at deploy time, or a role not in the files: verdicts are decided under each, and under a role not in the files as if it granted everything and as if it granted nothing`
        : `${claim} names ${arn}, which is no role of the files (they give: ${knownRoles(scenarioApp.pool)}); what it grants is unknown, so verdicts under it are decided as if it granted everything and as if it granted nothing`,
  }));
  if (identity.type === 'unauthenticated' || identity.iotPolicies !== undefined) return { roles, iotPolicies: named, warnings };
  const incomplete = scenarioApp.incompleteIotPolicies;
  return {
    roles,
    iotPolicies: scenarioApp.iotPolicies,
    warnings,
    ...(incomplete.length > 0 && {
      problem: `the app's IoT policies ${incomplete.join(', ')} depend on values the files do not give, so no verdict can rely on them; name this identity's "iotPolicies"`,
    }),
  };
}
