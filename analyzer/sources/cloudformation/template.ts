import type { PolicyKind } from '../../policy/model';
import type { ArnScope } from '../../scenario/arn';
import { documentFromData, documentFromString, type SourcePolicy } from '../document';
import { CharacterBudget } from '../limits';
import { findManagedPolicy } from '../managed-policies';
import type { IdentityPoolFacts, MappedRole, RoleMappingFacts, SourceProblem, SourceReading, TokenRoleFacts } from '../reading';
import { entry, scalarString, type Span, type TemplateNode } from '../tree';
import type { Resolved, UnknownValue } from '../value';
import { intrinsicOf, resolveValue, roleArnOf, type TemplateContext } from './intrinsics';
import { listItems, valueItems, type ListItem } from './list-items';
import { resolveGuarded, type Guard, type PolicyBranches } from './policy-branches';
import { resourceExistence } from './resource-conditions';
import { RoleLinker, type RoleKey, type RoleLink } from './role-links';
import { expandLoops } from './for-each';
import { kindFromTrust } from './trust-kind';
import { unreadParts } from './unread';

export interface TemplateOptions {
  scope: ArnScope;
  /** Parameter values from the config; they win over the template's defaults. */
  parameters?: Readonly<Record<string, string>>;
}

/**
 * Reads a CloudFormation/SAM template (YAML or JSON, already a tree): IoT policies, the policies of
 * roles, identity pools and their role attachments. A role attached as `authenticated` (or through a
 * role mapping) gives its policies the auth-role kind, `unauthenticated` the unauth-role kind; IoT
 * policies are `iot`. See docs/iac-sources.md.
 */
export function readTemplate(root: TemplateNode, text: string, options: TemplateOptions): SourceReading {
  const mapOf = (node: TemplateNode | undefined) => new Map(node?.type === 'map' ? node.entries.map((e) => [e.key, e.value] as const) : []);
  const resources = new Map<string, { type: string; node: TemplateNode }>();
  const context: TemplateContext = {
    scope: options.scope,
    parameters: mapOf(entry(root, 'Parameters')),
    overrides: options.parameters ?? {},
    mappings: entry(root, 'Mappings'),
    conditions: new Map(),
    resources,
    usedPseudo: new Set(),
    budget: new CharacterBudget(),
    text,
  };
  // Fn::ForEach loops first: the resources and conditions they generate are read like written ones.
  const loopProblems: SourceProblem[] = [];
  const [conditionsNode, resourcesNode] = ['Conditions', 'Resources'].map((section) => {
    const node = entry(root, section);
    return node && expandLoops(node, context, loopProblems);
  });
  for (const [name, node] of mapOf(conditionsNode)) context.conditions.set(name, node);
  if (resourcesNode?.type === 'map')
    for (const e of resourcesNode.entries) resources.set(e.key, { type: scalarString(entry(e.value, 'Type')) ?? '', node: e.value });
  const reading: SourceReading = { policies: [], pools: [], problems: [...loopProblems, ...unreadParts(root, resourcesNode, context)], notes: [] };
  // Resources not created under the parameters in force are not read; those the files may not create exist under their conditions.
  const existence = resourceExistence(resources, context);
  for (const [id, why] of existence.removed) {
    resources.delete(id);
    reading.notes.push(`${id} is not created: ${why}`);
  }
  const existsUnder = existence.guarded;
  for (const [id, guards] of existsUnder)
    reading.notes.push(
      `${id} is created only when ${conditionsOf(guards)} holds, which the files do not decide: its Allow statements count, its Deny statements do not`,
    );
  const problem = (ruleId: SourceProblem['ruleId'], message: string, node: TemplateNode) => reading.problems.push({ ruleId, message, span: node.span });
  const linker = new RoleLinker(context);
  const unresolved = (message: string, span: Span, roles?: SourceProblem['roles']) =>
    reading.problems.push({ ruleId: 'unresolved-value', message, span, ...(roles && { roles }) });
  // The role a list item names: a role of the files, or unknown (reported where it is written, and why).
  const roleOf = (item: ListItem | undefined, what: string, consequence: string, roles?: SourceProblem['roles']): { role?: RoleKey; unknown?: string } => {
    if (!item) return {};
    const link: RoleLink = 'unknown' in item ? item : item.guards.length > 0 ? { unknown: chosenBy(item.guards, item.node.span) } : linker.link(item.node);
    if ('role' in link) return { role: link.role };
    unresolved(`${what} is not decided by the files (${link.unknown.reason}); ${consequence}`, link.unknown.span, roles);
    return { unknown: link.unknown.reason };
  };
  // The role a value names when the files decide it; nothing is reported (a user pool group's role outside the files is the token mapping's unknown).
  const linkedRole = (node: TemplateNode | undefined) => {
    const link = node && linker.link(node);
    return link && 'role' in link ? link.role : undefined;
  };
  // A single value: an Fn::If the files do not decide makes it unknown as a whole.
  const roleIn = (node: TemplateNode | undefined, what: string, consequence: string) => {
    const items = valueItems(node, context);
    const undecided = items.find((item) => item.guards.length > 0);
    return roleOf(undecided && node ? { unknown: chosenBy(undecided.guards, node.span), guards: [] } : items[0], what, consequence);
  };

  // Role attachments decide the kinds of role policies.
  const roleKinds = new Map<RoleKey, { kind: PolicyKind; reason: string }>();
  const giveKind = (role: RoleKey | undefined, kind: PolicyKind, reason: string) => {
    if (!role) return;
    const before = roleKinds.get(role);
    // A role both signed-in users and guests get is checked as a guest role: the stricter rules apply.
    if (!before || kind === 'unauth-role') roleKinds.set(role, { kind, reason: before && before.kind !== kind ? `${before.reason} and ${reason}` : reason });
  };
  giveKind('amplify:authenticated', 'auth-role', "Amplify's authenticated role (parameter authRoleName/authRoleArn)");
  giveKind('amplify:unauthenticated', 'unauth-role', "Amplify's unauthenticated role (parameter unauthRoleName/unauthRoleArn)");
  const pools = new Map<string, IdentityPoolFacts>();
  for (const [id, resource] of resources) {
    if (resource.type !== 'AWS::Cognito::IdentityPool') continue;
    const properties = entry(resource.node, 'Properties');
    // A boolean property as the files decide it: true, false, 'unknown', or undefined when it is not written.
    const flag = (name: string) => {
      const node = entry(properties, name);
      return node && booleanOf(resolveValue(node, context));
    };
    pools.set(id, { name: id, allowUnauthenticated: flag('AllowUnauthenticatedIdentities') ?? 'unknown', span: resource.node.span });
    const classic = flag('AllowClassicFlow');
    if (classic === true || classic === 'unknown')
      unresolved(
        `identity pool ${id}: AllowClassicFlow ${classic === 'unknown' ? 'may be' : 'is'} on, so its identities may also take any role whose trust policy accepts this pool's tokens (the basic authflow, https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html), in these files or not; what they may do is unknown`,
        entry(properties, 'AllowClassicFlow')!.span,
        'any',
      );
  }
  const attachedBy = new Map<IdentityPoolFacts, string>();
  // Read only for a token-based mapping: role ARNs use the pseudo parameters, which the report then names.
  let tokenRoles: TokenRoleFacts[] | undefined;
  for (const [id, resource] of resources) {
    if (resource.type !== 'AWS::Cognito::IdentityPoolRoleAttachment') continue;
    const properties = entry(resource.node, 'Properties');
    const roles = entry(properties, 'Roles');
    const poolTarget = intrinsicOf(entry(properties, 'IdentityPoolId') ?? { type: 'scalar', value: null, span: resource.node.span });
    const pool = poolTarget?.name === 'Ref' ? pools.get(scalarString(poolTarget.argument) ?? '') : undefined;
    const unknownAccess = (who: string) => `what ${who} may do is unknown, never taken as no access`;
    // Roles given as a whole by a value the files do not give (a plan that knows them only after apply): both unknown, said once.
    const whole = roles && (roles.type !== 'map' || intrinsicOf(roles)) ? resolveValue(roles, context) : undefined;
    const allUnknown =
      whole &&
      roleOf(
        {
          unknown: whole.type === 'unknown' ? whole : { type: 'unknown', reason: 'not a map of roles written in the template', span: whole.span },
          guards: [],
        },
        `${id}: the roles map`,
        unknownAccess('signed-in users and guests'),
      );
    const auth = allUnknown ?? roleIn(entry(roles, 'authenticated'), `${id}: the authenticated role`, unknownAccess('signed-in users'));
    const unauth = allUnknown ?? roleIn(entry(roles, 'unauthenticated'), `${id}: the unauthenticated role`, unknownAccess('guests'));
    giveKind(auth.role, 'auth-role', `the authenticated role of ${id}`);
    giveKind(unauth.role, 'unauth-role', `the unauthenticated role of ${id}`);
    const mappedRoles: MappedRole[] = [];
    const roleMappings: RoleMappingFacts[] = [];
    const mappings = entry(properties, 'RoleMappings');
    // A value the template decides (a parameter's default, a Sub), or undefined: never guessed.
    const decided = (node: TemplateNode | undefined) => {
      const value = node && resolveValue(node, context);
      return value?.type === 'string' ? value.value : undefined;
    };
    for (const mapping of mappings?.type === 'map' ? mappings.entries : []) {
      const provider = decided(entry(mapping.value, 'IdentityProvider')) ?? mapping.key;
      const type = oneOf(decided(entry(mapping.value, 'Type')), ['Token', 'Rules'] as const);
      const ambiguousRoleResolution = oneOf(decided(entry(mapping.value, 'AmbiguousRoleResolution')), ['AuthenticatedRole', 'Deny'] as const);
      const facts: RoleMappingFacts = { provider, ...(type && { type }), ...(ambiguousRoleResolution && { ambiguousRoleResolution }), rules: [] };
      roleMappings.push(facts);
      if (type === 'Token') {
        // The token names the roles of the user's groups (cognito:preferred_role, cognito:roles): those the files define, and any other.
        facts.tokenRoles = tokenRoles ??= tokenRolesOf(resources, context, linkedRole);
        for (const { role, groups } of facts.tokenRoles.filter((r) => r.groups.length > 0)) {
          giveKind(role, 'auth-role', `the role of user pool group ${groups.join(', ')}, which the token-based role mapping of ${id} gives signed-in users`);
          mappedRoles.push({ role, by: 'token', how: `the token of ${provider} names it for members of user pool group ${groups.join(', ')}` });
        }
        mappedRoles.push({
          by: 'token',
          how: `the token of ${provider} may name a role the files do not define (a user pool group outside them, or a pre-token-generation trigger)`,
        });
        continue;
      }
      const rules = entry(entry(mapping.value, 'RulesConfiguration'), 'Rules');
      (rules?.type === 'seq' ? rules.items : []).forEach((rule, index) => {
        const { role } = roleIn(
          entry(rule, 'RoleARN'),
          `${id}: the role of rule ${index + 1} of the role mapping for ${provider}`,
          unknownAccess('the users it matches'),
        );
        giveKind(role, 'auth-role', `a role mapping of ${id} (signed-in users)`);
        const [claim, matchType, value] = [decided(entry(rule, 'Claim')), decided(entry(rule, 'MatchType')), decided(entry(rule, 'Value'))];
        const match = oneOf(matchType, ['Equals', 'Contains', 'StartsWith', 'NotEqual'] as const);
        facts.rules.push({
          ...(claim !== undefined && { claim }),
          ...(match && { matchType: match }),
          ...(value !== undefined && { value }),
          ...(role && { role }),
        });
        mappedRoles.push({
          ...(role && { role }),
          by: 'rule',
          how: `rule ${index + 1} of the role mapping for ${provider}: ${[claim, matchType, value].map((t) => t ?? '?').join(' ')}`,
        });
      });
    }
    const unknownRoles = { ...(auth.unknown && { authenticated: auth.unknown }), ...(unauth.unknown && { unauthenticated: unauth.unknown }) };
    const poolRoles = {
      authenticatedRole: auth.role,
      unauthenticatedRole: unauth.role,
      ...((auth.unknown || unauth.unknown) && { unknownRoles }),
      ...(mappedRoles.length > 0 && { mappedRoles }),
      ...(roleMappings.length > 0 && { roleMappings }),
    };
    const earlier = pool && attachedBy.get(pool);
    if (pool && earlier) {
      // Each attachment sets all of the pool's roles (SetIdentityPoolRoles); which one is applied last the template does not decide.
      const why = `two role attachments (${earlier} and ${id}) set the roles of identity pool ${pool.name}; which one AWS keeps depends on the order they are applied`;
      pool.unknownRoles = { authenticated: why, unauthenticated: why };
      if (mappedRoles.length > 0) pool.mappedRoles = [...(pool.mappedRoles ?? []), ...mappedRoles];
      if (roleMappings.length > 0) pool.roleMappings = [...(pool.roleMappings ?? []), ...roleMappings];
      unresolved(`${id}: ${why}, so what signed-in users and guests get is unknown under either`, resource.node.span);
    } else if (pool) {
      Object.assign(pool, poolRoles);
      attachedBy.set(pool, id);
    } else reading.pools.push({ name: id, allowUnauthenticated: 'unknown', ...poolRoles, span: resource.node.span });
  }
  // A pool whose roles no attachment of the files sets may get them from another stack, the console or the CLI: unknown, never "no role".
  for (const pool of pools.values()) {
    if (attachedBy.has(pool)) continue;
    const why = 'no role attachment for this identity pool in these files; its roles may be attached elsewhere (another stack, the console or the CLI)';
    pool.unknownRoles = { authenticated: why, unauthenticated: why };
    reading.problems.push({
      ruleId: 'unresolved-value',
      message: `identity pool ${pool.name}: ${why}, so what signed-in users and guests get is unknown; never taken as no role`,
      span: pool.span,
    });
  }
  reading.pools.unshift(...pools.values());
  // A role no attachment in the files names may be attached in another stack: its trust policy says whose it can be.
  for (const [id, resource] of resources)
    if (resource.type === 'AWS::IAM::Role' && !roleKinds.has(id)) {
      const trusted = kindFromTrust(resource.node, context, text);
      if (trusted) giveKind(id, trusted.kind, trusted.reason);
    }

  const add = (
    name: string,
    node: TemplateNode,
    kind: { kind: PolicyKind; reason: string } | undefined,
    roles: RoleKey[],
    guards: readonly Guard[],
    shipped?: unknown,
  ) => {
    const { document, branches } = documentOf(node, context, text, guards, shipped);
    if (!document) {
      problem('invalid-template', `${name}: the policy document is a string that is not JSON`, node);
      return;
    }
    const policy: SourcePolicy = {
      name,
      document,
      ...(kind && { kind: kind.kind, kindReason: kind.reason }),
      ...(roles.length > 0 && { roles }),
      ...(branches && { branches }),
    };
    reading.policies.push(policy);
  };
  // The roles a policy is attached to (by name); one the files do not decide may be any role, so every class may get the policy.
  const rolesOf = (owner: string, items: ListItem[]) =>
    items.flatMap((item) => roleOf(item, `${owner}: the role it is attached to`, 'which identities get it is unknown', 'any').role ?? []);
  // The strictest kind among the roles a policy is attached to.
  const kindOfRoles = (roles: RoleKey[]) => {
    const kinds = roles.map((r) => roleKinds.get(r)).filter((k) => k !== undefined);
    return kinds.find((k) => k.kind === 'unauth-role') ?? kinds[0];
  };
  // Customer managed policies of the template, by the roles that list them (whatever the resource order).
  const managedByRoles = new Map<string, RoleKey[]>();
  const inTemplateManaged = (item: ListItem) => {
    const ref = 'node' in item ? intrinsicOf(item.node) : undefined;
    const target = ref?.name === 'Ref' ? scalarString(ref.argument) : undefined;
    return target && resources.get(target)?.type === 'AWS::IAM::ManagedPolicy' ? target : undefined;
  };
  const managedOf = (role: TemplateNode) => listItems(entry(entry(role, 'Properties'), 'ManagedPolicyArns'), context);
  for (const [id, resource] of resources) {
    if (resource.type !== 'AWS::IAM::Role') continue;
    for (const item of managedOf(resource.node)) {
      const target = inTemplateManaged(item);
      if (target && item.guards.length === 0) managedByRoles.set(target, [...(managedByRoles.get(target) ?? []), id]);
    }
  }
  // An AWS managed policy by ARN (or SAM name): its shipped document, or a problem when it is not shipped (the role's grants are then unknown).
  const addManaged = (owner: string, item: ListItem, kind: { kind: PolicyKind; reason: string } | undefined, roles: RoleKey[], guards: readonly Guard[]) => {
    const arn = 'node' in item ? resolveValue(item.node, context) : item.unknown;
    const shipped = arn.type === 'string' ? findManagedPolicy(arn.value) : undefined;
    if (shipped && 'node' in item)
      add(`${owner}[${shipped.name} ${shipped.versionId}, ${shipped.retrieved}]`, item.node, kind, roles, [...guards, ...item.guards], shipped.document);
    else
      reading.problems.push({
        ruleId: 'unknown-managed-policy',
        message: `${owner}: managed policy ${arn.type === 'string' ? arn.value : `(${arn.type === 'unknown' ? arn.reason : 'not a string'})`} is not in this template nor among the AWS managed policies this tool ships; what it grants is unknown`,
        span: arn.span,
        roles,
      });
  };

  // A nested stack's template is another file: a local one is checked where the folder walk finds it, any other is unknown.
  const nestedStack = (id: string, location: TemplateNode | undefined) => {
    const where = location && resolveValue(location, context);
    const path = where?.type === 'string' && !/^(https?|s3):\/\//.test(where.value) ? where.value : undefined;
    if (path)
      reading.notes.push(`nested stack ${id}: its template ${path} is checked as a template of its own; the parameters ${id} passes it are not used there`);
    else
      problem(
        'unresolved-value',
        `nested stack ${id}: its template (${where?.type === 'string' ? where.value : 'a location the files do not give'}) is not in these files, so the policies it may define are unknown; check that template too`,
        location ?? resources.get(id)!.node,
      );
  };
  for (const [id, resource] of resources) {
    const properties = entry(resource.node, 'Properties');
    const guards = existsUnder.get(id) ?? [];
    switch (resource.type) {
      case 'AWS::IoT::Policy': {
        const document = entry(properties, 'PolicyDocument');
        if (document) add(id, document, { kind: 'iot', reason: 'an AWS::IoT::Policy' }, [], guards);
        break;
      }
      case 'AWS::IAM::Role': {
        const kind = roleKinds.get(id);
        listItems(entry(properties, 'Policies'), context).forEach((item, index) => {
          if ('unknown' in item)
            unresolved(`${id}.Policies: ${item.unknown.reason} gives policies the files do not show; what the role grants is unknown`, item.unknown.span, [id]);
          const document = 'node' in item ? entry(item.node, 'PolicyDocument') : undefined;
          if (document && 'node' in item)
            add(`${id}.Policies[${scalarString(entry(item.node, 'PolicyName')) ?? index}]`, document, kind, [id], [...guards, ...item.guards]);
        });
        for (const item of managedOf(resource.node)) {
          if (!('node' in item) || !inTemplateManaged(item)) addManaged(`${id}.ManagedPolicyArns`, item, kind, [id], guards);
          else if (item.guards.length > 0)
            unresolved(
              `${id}.ManagedPolicyArns: whether it lists this policy depends on ${conditionsOf(item.guards)}, which the files do not decide; what the role grants is unknown`,
              item.node.span,
              [id],
            );
        }
        break;
      }
      case 'AWS::Serverless::Function': {
        // SAM's Policies: managed policy names or ARNs, inline documents, or policy templates (none of which grant iot: or cognito- actions).
        listItems(entry(properties, 'Policies'), context).forEach((item, index) => {
          if (!('node' in item) || item.node.type === 'scalar' || intrinsicOf(item.node)) addManaged(`${id}.Policies`, item, undefined, [], guards);
          else if (entry(item.node, 'Statement')) add(`${id}.Policies[${index}]`, item.node, undefined, [], [...guards, ...item.guards]);
        });
        break;
      }
      case 'AWS::CloudFormation::Stack':
      case 'AWS::Serverless::Application':
        nestedStack(id, resource.type === 'AWS::CloudFormation::Stack' ? entry(properties, 'TemplateURL') : entry(properties, 'Location'));
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::IAM::RolePolicy': {
        const document = entry(properties, 'PolicyDocument');
        const roles = [
          ...new Set([
            ...rolesOf(
              id,
              resource.type === 'AWS::IAM::RolePolicy' ? valueItems(entry(properties, 'RoleName'), context) : listItems(entry(properties, 'Roles'), context),
            ),
            ...(managedByRoles.get(id) ?? []),
          ]),
        ];
        if (document) add(id, document, kindOfRoles(roles), roles, guards);
        break;
      }
    }
  }
  if (context.usedPseudo.size > 0)
    reading.notes.push(
      `${[...context.usedPseudo].sort().join(', ')} taken as in the scenarios' default scope (partition ${options.scope.partition}, region ${options.scope.region}, account ${options.scope.account})`,
    );
  return reading;
}

/** The value when it is one of the names AWS accepts; undefined otherwise (unknown or misspelt: never guessed). */
/**
 * Every role of the template with its ARN, and the user pool groups (`AWS::Cognito::UserPoolGroup`) whose
 * role it is: what a token-based role mapping can give (docs/iac-sources.md).
 */
function tokenRolesOf(
  resources: ReadonlyMap<string, { type: string; node: TemplateNode }>,
  context: TemplateContext,
  roleKeyOf: (node: TemplateNode | undefined) => RoleKey | undefined,
): TokenRoleFacts[] {
  const groups = new Map<string, string[]>();
  for (const [id, resource] of resources) {
    if (resource.type !== 'AWS::Cognito::UserPoolGroup') continue;
    const properties = entry(resource.node, 'Properties');
    const role = roleKeyOf(entry(properties, 'RoleArn'));
    if (!role) continue;
    const text = (key: string) => {
      const node = entry(properties, key);
      const value = node && resolveValue(node, context);
      return value?.type === 'string' ? value.value : value?.type === 'literal' && value.value !== null ? String(value.value) : undefined;
    };
    const precedence = text('Precedence');
    groups.set(role, [...(groups.get(role) ?? []), `${text('GroupName') ?? id}${precedence === undefined ? '' : ` (precedence ${precedence})`}`]);
  }
  return [...resources]
    .filter(([, resource]) => resource.type === 'AWS::IAM::Role')
    .map(([role]) => {
      const arn = roleArnOf(role, context);
      return { role, ...(arn && { arn }), groups: groups.get(role) ?? [] };
    });
}

function oneOf<T extends string>(value: string | undefined, accepted: readonly T[]): T | undefined {
  return accepted.find((name) => name === value);
}

function documentOf(
  node: TemplateNode,
  context: TemplateContext,
  original: string,
  guards: readonly Guard[],
  shipped?: unknown,
): { document: Resolved | undefined; branches?: PolicyBranches } {
  return resolveGuarded(
    () => {
      if (shipped !== undefined) return documentFromData(shipped, node.span);
      const resolved = resolveValue(node, context);
      return resolved.type === 'string' ? documentFromString(resolved, original) : resolved;
    },
    guards,
    context,
    node.span,
  );
}

const conditionsOf = (guards: readonly Guard[]) => guards.map((g) => `${g.holds ? '' : 'not '}${g.condition}`).join(' and ');

/** The unknown a role chosen by undecided conditions is. */
function chosenBy(guards: readonly Guard[], span: Span): UnknownValue {
  return {
    type: 'unknown',
    reason: `Fn::If ${[...new Set(guards.map((g) => g.condition))].join(', ')} (a condition the template does not decide) chooses the role`,
    span,
  };
}

/** A boolean CloudFormation value (`true`, or the string `'true'` a parameter gives), or 'unknown'. */
function booleanOf(value: Resolved): boolean | 'unknown' {
  if (value.type === 'literal' && typeof value.value === 'boolean') return value.value;
  return value.type === 'string' && /^(true|false)$/.test(value.value) ? value.value === 'true' : 'unknown';
}
