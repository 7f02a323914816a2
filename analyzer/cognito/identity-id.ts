import type { ParsedPolicy } from '../policy/model';

/** A Cognito identity ID as AWS formats them: `<region>:<uuid>`. */
const IDENTITY_ID = /\b[a-z]{2}(?:-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/;

/**
 * Whether a policy names an identity ID literally (in a resource or a condition value): a policy generated
 * for one identity and attached to it alone, not one every identity of a pool gets.
 */
export function namesAnIdentityId(policy: ParsedPolicy): boolean {
  return policy.statements.some((s) =>
    [...(s.resources?.values ?? []), ...s.conditions.flatMap((c) => c.values)].some((entry) => IDENTITY_ID.test(entry.value)),
  );
}
