import type { MappingRuleFacts, RoleMappingFacts } from '../sources/reading';

/** An ID token's claims as a scenario identity gives them; a list is a multi-valued claim (`cognito:groups`). */
export type Claims = Readonly<Record<string, string | readonly string[]>>;

/** A role an authenticated identity may end up with, and why. */
export type RoleOutcome =
  /** The pool's authenticated role (`Roles.authenticated`). */
  | { kind: 'authenticated-role'; how: string }
  /** A rule's role, or the role a token names; `role` undefined when that is a role the files do not define. */
  | { kind: 'mapped-role'; role?: string; how: string }
  /** Cognito returns no credentials (`AmbiguousRoleResolution: Deny`): every request is refused. */
  | { kind: 'no-credentials'; how: string }
  /** A role the token may name that the files do not define (the identity gives no claims to say which). */
  | { kind: 'token-role'; how: string };

export interface RoleChoice {
  /** One outcome when the mapping decides the role; several when it cannot, each a possibility. */
  outcomes: RoleOutcome[];
  /** Why more than one outcome is possible, in words. */
  undecidedBecause: string[];
  /**
   * Role ARNs the identity's token names that are no named role of the files, with the claim naming each
   * (said once per identity), and the roles of the files without a RoleName the ARN may be.
   */
  unknownRoles: Array<{ claim: string; arn: string; unnamed: string[] }>;
}

export interface MappedIdentity {
  /** The claims of the identity's ID token; undefined when the scenario does not give them. */
  claims?: Claims;
  /** The identity provider the identity signs in with (the role mapping's key). */
  identityProvider?: string;
}

/**
 * The role Cognito gives an authenticated identity under the pool's role mappings, as AWS documents it
 * (role-based-access-control.html, API_RoleMapping): no mapping for the provider gives the authenticated
 * role; rules are tried in order and the first match wins (the caller may ask for another match's role
 * with CustomRoleArn); when none matches, `AmbiguousRoleResolution`
 * gives the authenticated role or no credentials; a Token mapping takes the role from the token. Whatever
 * the files or the scenario leave open yields every outcome it could lead to, never a guess.
 */
export function chooseRole(mappings: readonly RoleMappingFacts[], identity: MappedIdentity): RoleChoice {
  const choice: RoleChoice = { outcomes: [], undecidedBecause: [], unknownRoles: [] };
  const add = (outcome: RoleOutcome) => {
    if (!choice.outcomes.some((o) => o.kind === outcome.kind && (o.kind !== 'mapped-role' || o.role === (outcome as { role?: string }).role)))
      choice.outcomes.push(outcome);
  };
  if (mappings.length === 0) {
    add({ kind: 'authenticated-role', how: 'the pool has no role mapping' });
    return choice;
  }
  let applying: readonly RoleMappingFacts[];
  if (identity.identityProvider !== undefined) {
    applying = mappings.filter((m) => m.provider === identity.identityProvider);
    if (applying.length === 0) add({ kind: 'authenticated-role', how: `no role mapping for ${identity.identityProvider}` });
  } else if (mappings.length === 1) {
    applying = mappings;
  } else {
    applying = mappings;
    add({ kind: 'authenticated-role', how: 'signing in through a provider without a role mapping' });
    choice.undecidedBecause.push(`the pool maps roles for ${mappings.length} identity providers and the identity does not say its identityProvider`);
  }
  for (const mapping of applying)
    if (mapping.type === 'Token') applyTokenMapping(mapping, identity.claims, add, choice);
    else applyMapping(mapping, identity.claims, add, choice.undecidedBecause);
  return choice;
}

/**
 * A rules-based mapping (or one whose Type the files do not give): the first matching rule's role, or the
 * role of any other matching rule the caller asks for with CustomRoleArn; when none matches,
 * AmbiguousRoleResolution.
 */
function applyMapping(mapping: RoleMappingFacts, claims: Claims | undefined, add: (outcome: RoleOutcome) => void, undecided: string[]): void {
  const where = `the role mapping for ${mapping.provider}`;
  if (mapping.type !== 'Rules') {
    // A Type the files do not give: the rules (as read) or the token may decide.
    add({ kind: 'token-role', how: `${where}, if it takes the role from the token` });
    undecided.push(`${where} has a Type the files do not give`);
  }
  // The first match is the role; the caller may ask for any later match's role with CustomRoleArn ("unless CustomRoleArn is specified to override the order").
  let first: string | undefined;
  for (const [index, rule] of mapping.rules.entries()) {
    const how = `rule ${index + 1} of ${where} (${rule.claim ?? '?'} ${rule.matchType ?? '?'} ${rule.value ?? '?'})`;
    const matched = ruleMatches(rule, claims);
    if (matched === false) continue;
    add({ kind: 'mapped-role', ...(rule.role && { role: rule.role }), how: first === undefined ? how : `${how}, asked for with CustomRoleArn` });
    if (matched !== true) undecided.push(`${how}: ${matched}`);
    else if (first === undefined) first = how;
    else undecided.push(`the identity may ask for the role of ${how} with CustomRoleArn (GetCredentialsForIdentity), though ${first} matches first`);
  }
  if (first === undefined) applyResolution(mapping, `no rule of ${where} matches`, add, undecided);
}

/** `AmbiguousRoleResolution`: the authenticated role, or no credentials; both when the files do not say which. */
function applyResolution(mapping: RoleMappingFacts, why: string, add: (outcome: RoleOutcome) => void, undecided: string[]): void {
  if (mapping.ambiguousRoleResolution !== 'Deny') add({ kind: 'authenticated-role', how: `${why} (AmbiguousRoleResolution AuthenticatedRole)` });
  if (mapping.ambiguousRoleResolution !== 'AuthenticatedRole') add({ kind: 'no-credentials', how: `${why} (AmbiguousRoleResolution Deny)` });
  if (mapping.ambiguousRoleResolution === undefined)
    undecided.push(`the role mapping for ${mapping.provider} has an AmbiguousRoleResolution the files do not give`);
}

/**
 * A token-based mapping (role-based-access-control.html, "Using tokens to assign roles to users"): the
 * user pool's ID token carries `cognito:preferred_role` (one role ARN) and `cognito:roles` (the allowed
 * role ARNs, a comma-separated string). Cognito uses the preferred role; without one, when the token has
 * roles, `AmbiguousRoleResolution` decides; a token with no role at all is a role "that cannot be
 * determined from the token", which the same setting decides. The caller may also ask for any role of
 * `cognito:roles` with GetCredentialsForIdentity's CustomRoleArn, so each of those is a possibility too.
 */
function applyTokenMapping(mapping: RoleMappingFacts, claims: Claims | undefined, add: (outcome: RoleOutcome) => void, choice: RoleChoice): void {
  const where = `token-based mapping for ${mapping.provider}`;
  const roles = mapping.tokenRoles ?? [];
  if (claims === undefined) {
    for (const { role, groups } of roles.filter((r) => r.groups.length > 0))
      add({ kind: 'mapped-role', role, how: `${where}: the token of a member of user pool group ${groups.join(', ')}` });
    add({ kind: 'token-role', how: `${where}: a role the files do not define` });
    applyResolution(mapping, `${where}: a token that names no single role`, add, choice.undecidedBecause);
    choice.undecidedBecause.push(`the identity gives no claims to say which role its token names (${where})`);
    return;
  }
  // A role without RoleName has a name AWS generates at deploy time: an ARN no named role has may be any of them, or a role not in the files.
  const unnamed = roles.filter((r) => r.arn === undefined).map((r) => r.role);
  const named = (claim: string, arn: string, how: string) => {
    const found = roles.find((r) => r.arn === arn);
    if (found) return add({ kind: 'mapped-role', role: found.role, how: `${how} (${where})` });
    if (!choice.unknownRoles.some((u) => u.arn === arn)) {
      choice.unknownRoles.push({ claim, arn, unnamed });
      choice.undecidedBecause.push(
        unnamed.length > 0
          ? `${claim} names ${arn}, which is no named role of the files: it may be ${unnamed.join(', ')} (no RoleName: AWS generates the name at deploy time) or a role not in the files`
          : `${claim} names ${arn}, which is no role of the files`,
      );
    }
    for (const role of unnamed) add({ kind: 'mapped-role', role, how: `${how}, if it is ${role}, whose name AWS generates (${where})` });
    add({ kind: 'mapped-role', how: `${how} (${where})` });
  };
  const preferred = claims['cognito:preferred_role'];
  const listed = roleArns(claims['cognito:roles']);
  if (typeof preferred === 'string' && preferred !== '') named('cognito:preferred_role', preferred, `cognito:preferred_role ${preferred}`);
  else if (preferred !== undefined && typeof preferred !== 'string') {
    for (const arn of preferred) named('cognito:preferred_role', arn, `cognito:preferred_role ${arn}`);
    choice.undecidedBecause.push('cognito:preferred_role has several values, and a token carries one role ARN');
  } else
    applyResolution(
      mapping,
      `${where}: ${listed.length > 0 ? 'the token has cognito:roles and no cognito:preferred_role' : 'the token names no role'}`,
      add,
      choice.undecidedBecause,
    );
  const asked = listed.filter((arn) => arn !== preferred);
  for (const arn of asked) named('cognito:roles', arn, `cognito:roles ${arn}, asked for with CustomRoleArn`);
  if (asked.length > 0) choice.undecidedBecause.push('the identity may ask for any role of its cognito:roles with CustomRoleArn (GetCredentialsForIdentity)');
}

/** `cognito:roles` as role ARNs: a comma-separated string as AWS documents it, or a list. */
function roleArns(claim: string | readonly string[] | undefined): string[] {
  const values = claim === undefined ? [] : typeof claim === 'string' ? claim.split(',') : claim;
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

/**
 * Whether a rule matches the claims: true, false, or why it cannot be told. A claim the token lacks
 * matches no rule (AWS: a NotEqual rule whose claim is missing is not evaluated). How a rule compares a
 * multi-valued claim is not documented, so such a claim leaves the rule undecided.
 */
function ruleMatches(rule: MappingRuleFacts, claims: Claims | undefined): boolean | string {
  if (claims === undefined) return 'the identity gives no claims';
  if (rule.claim === undefined || rule.matchType === undefined || rule.value === undefined) return 'its claim, match type or value is not given by the files';
  if (!Object.hasOwn(claims, rule.claim)) return false;
  const claim = claims[rule.claim];
  if (typeof claim !== 'string') return `${rule.claim} has several values, and AWS does not document how a rule compares them`;
  switch (rule.matchType) {
    case 'Equals':
      return claim === rule.value;
    case 'NotEqual':
      return claim !== rule.value;
    case 'Contains':
      return claim.includes(rule.value);
    case 'StartsWith':
      return claim.startsWith(rule.value);
  }
}
