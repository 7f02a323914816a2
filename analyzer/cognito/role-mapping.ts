import type { MappingRuleFacts, RoleMappingFacts } from '../sources/reading';

/** An ID token's claims as a scenario identity gives them; a list is a multi-valued claim (`cognito:groups`). */
export type Claims = Readonly<Record<string, string | readonly string[]>>;

/** A role an authenticated identity may end up with, and why. */
export type RoleOutcome =
  /** The pool's authenticated role (`Roles.authenticated`). */
  | { kind: 'authenticated-role'; how: string }
  /** A rule's role; `role` undefined when the rule names a role the files do not define. */
  | { kind: 'mapped-role'; role?: string; how: string }
  /** Cognito returns no credentials (`AmbiguousRoleResolution: Deny`): every request is refused. */
  | { kind: 'no-credentials'; how: string }
  /** The token chooses the role (`Type: Token`); the files cannot say which. */
  | { kind: 'token-role'; how: string };

export interface RoleChoice {
  /** One outcome when the mapping decides the role; several when it cannot, each a possibility. */
  outcomes: RoleOutcome[];
  /** Why more than one outcome is possible, in words. */
  undecidedBecause: string[];
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
 * role; rules are tried in order and the first match wins; when none matches, `AmbiguousRoleResolution`
 * gives the authenticated role or no credentials; a Token mapping takes the role from the token. Whatever
 * the files or the scenario leave open yields every outcome it could lead to, never a guess.
 */
export function chooseRole(mappings: readonly RoleMappingFacts[], identity: MappedIdentity): RoleChoice {
  const choice: RoleChoice = { outcomes: [], undecidedBecause: [] };
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
  for (const mapping of applying) applyMapping(mapping, identity.claims, add, choice.undecidedBecause);
  return choice;
}

function applyMapping(mapping: RoleMappingFacts, claims: Claims | undefined, add: (outcome: RoleOutcome) => void, undecided: string[]): void {
  const where = `the role mapping for ${mapping.provider}`;
  if (mapping.type !== 'Rules') {
    add({ kind: 'token-role', how: `${where} takes the role from the token (cognito:preferred_role / cognito:roles)` });
    undecided.push(mapping.type === 'Token' ? `${where} lets the token choose the role` : `${where} has a Type the files do not give`);
    return;
  }
  for (const [index, rule] of mapping.rules.entries()) {
    const how = `rule ${index + 1} of ${where} (${rule.claim ?? '?'} ${rule.matchType ?? '?'} ${rule.value ?? '?'})`;
    const matched = ruleMatches(rule, claims);
    if (matched === false) continue;
    add({ kind: 'mapped-role', ...(rule.role && { role: rule.role }), how });
    if (matched === true) return;
    undecided.push(`${how}: ${matched}`);
  }
  const none = `no rule of ${where} matches`;
  if (mapping.ambiguousRoleResolution !== 'Deny') add({ kind: 'authenticated-role', how: `${none} (AmbiguousRoleResolution AuthenticatedRole)` });
  if (mapping.ambiguousRoleResolution !== 'AuthenticatedRole') add({ kind: 'no-credentials', how: `${none} (AmbiguousRoleResolution Deny)` });
  if (mapping.ambiguousRoleResolution === undefined) undecided.push(`${where} has an AmbiguousRoleResolution the files do not give`);
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
