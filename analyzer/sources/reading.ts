import type { SourcePolicy } from './document';
import type { Span } from './tree';

/** A problem in a source file that is not a policy finding: it fails the run unless the config turns it down. */
export interface SourceProblem {
  ruleId: 'invalid-template' | 'unknown-managed-policy' | 'unresolved-value';
  message: string;
  span: Span;
  /** The file (or part of it) could not be read at all: nothing in it was examined, so the run cannot pass (exit 2). */
  fatal?: boolean;
  /**
   * The roles (template keys) whose grants it leaves unknown, or `any` when it may be any role's (a
   * policy attached to a role the files do not decide): the identity classes that get them say so.
   */
  roles?: readonly string[] | 'any';
}

/** An identity pool as the files describe it. */
export interface IdentityPoolFacts {
  name: string;
  /** Whether guests get credentials; 'unknown' when the file does not decide it. */
  allowUnauthenticated: boolean | 'unknown';
  authenticatedRole?: string;
  unauthenticatedRole?: string;
  /** Why the attachment's role is not one the files decide (an import, a role defined elsewhere): what its identities get is unknown. */
  unknownRoles?: { authenticated?: string; unauthenticated?: string };
  /**
   * Roles that role mappings give signed-in users instead of the authenticated role (rules-based: each
   * rule's role; token-based: the roles of the files' user pool groups, and — role undefined — any role
   * a token may name that the files do not define).
   */
  mappedRoles?: MappedRole[];
  /** The role mappings as written, per identity provider, for deciding a scenario identity's role from its claims. */
  roleMappings?: RoleMappingFacts[];
  span: Span;
}

/**
 * One identity provider's role mapping (AWS::Cognito::IdentityPoolRoleAttachment RoleMapping). Values the
 * files do not give are undefined: a rule with one is undecided, never taken as matching or not.
 */
export interface RoleMappingFacts {
  provider: string;
  type?: 'Token' | 'Rules';
  /** What happens when no rule matches (Rules) or the token names no single role (Token). */
  ambiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  rules: MappingRuleFacts[];
  /** Token: the roles of the files, by the ARN a token names them with; those of user pool groups are the ones a token can carry. */
  tokenRoles?: TokenRoleFacts[];
}

/** A role of the files as a token-based role mapping sees it (`cognito:preferred_role`, `cognito:roles` carry ARNs). */
export interface TokenRoleFacts {
  /** The role's template key. */
  role: string;
  /** Its ARN; undefined when the files do not give it (no RoleName: AWS generates the name at deploy time). */
  arn?: string;
  /** The user pool groups of the files whose role it is, in words ("admins, precedence 1"): a member's token names it. */
  groups: string[];
}

export interface MappingRuleFacts {
  claim?: string;
  matchType?: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
  value?: string;
  /** The role's template key; undefined when the rule names a role the files do not define. */
  role?: string;
}

export interface MappedRole {
  /** The role's template key, or undefined when the mapping does not name one the files define. */
  role?: string;
  /** What gives it: a rule of a rules-based mapping, or the token (token-based). */
  by: 'rule' | 'token';
  /** The mapping it comes from, in words ("rule 1 of the mapping for Cognito user pool X: cognito:groups Contains admins"). */
  how: string;
}

/** What a source found in one file. */
export interface SourceReading {
  policies: SourcePolicy[];
  pools: IdentityPoolFacts[];
  problems: SourceProblem[];
  /** Assumptions the analysis made, each said once (e.g. which account and region the pseudo parameters stand for). */
  notes: string[];
}
