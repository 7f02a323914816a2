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
  span: Span;
}

/** What a source found in one file. */
export interface SourceReading {
  policies: SourcePolicy[];
  pools: IdentityPoolFacts[];
  problems: SourceProblem[];
  /** Assumptions the analysis made, each said once (e.g. which account and region the pseudo parameters stand for). */
  notes: string[];
}
