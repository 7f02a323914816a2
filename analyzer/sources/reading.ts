import type { SourcePolicy } from './document';
import type { Span } from './tree';

/** A problem in a source file that is not a policy finding: it fails the run unless the config turns it down. */
export interface SourceProblem {
  ruleId: 'invalid-template' | 'unknown-managed-policy';
  message: string;
  span: Span;
}

/** An identity pool as the files describe it. */
export interface IdentityPoolFacts {
  name: string;
  /** Whether guests get credentials; 'unknown' when the file does not decide it. */
  allowUnauthenticated: boolean | 'unknown';
  authenticatedRole?: string;
  unauthenticatedRole?: string;
  /**
   * Roles that role mappings give signed-in users instead of the authenticated role (rules-based: each
   * rule's role; token-based: the roles the token names, which the files cannot list).
   */
  mappedRoles?: MappedRole[];
  span: Span;
}

export interface MappedRole {
  /** The role's template key, or undefined when the mapping does not name one the files define. */
  role?: string;
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
