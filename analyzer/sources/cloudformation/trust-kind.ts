import type { PolicyKind } from '../../policy/model';
import { documentFromString } from '../document';
import { entry, type TemplateNode } from '../tree';
import type { Resolved } from '../value';
import { resolveValue, type TemplateContext } from './intrinsics';

/** The identity-pool principal and its `amr` condition key (China regions add `.cn`), docs/iac-sources.md. */
const COGNITO_PRINCIPAL = /^cognito-identity\.amazonaws\.com(\.cn)?$/;
const AMR_KEY = /^cognito-identity\.amazonaws\.com(\.cn)?:amr$/i;
/** The operators that require the value (a `StringNotLike` excludes it instead). */
const REQUIRING = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike)$/;

/**
 * The kind a role's trust policy gives it: a role whose trust policy lets identity-pool identities
 * assume it (`sts:AssumeRoleWithWebIdentity` from `cognito-identity.amazonaws.com`) with `amr`
 * `unauthenticated` is a guest role, with `amr` `authenticated` only a signed-in users' role. For roles no
 * attachment in the files names (the pool is in another stack); without `amr` it does not say.
 */
export function kindFromTrust(role: TemplateNode, context: TemplateContext, original: string): { kind: PolicyKind; reason: string } | undefined {
  const written = entry(entry(role, 'Properties'), 'AssumeRolePolicyDocument');
  const resolved = written && resolveValue(written, context);
  const document = resolved?.type === 'string' ? documentFromString(resolved, original) : resolved;
  const amr = new Set(statementsOf(document).filter(trustsIdentityPools).flatMap(amrValues));
  if (amr.has('unauthenticated')) return { kind: 'unauth-role', reason: 'its trust policy lets identity-pool guests assume it (amr unauthenticated)' };
  if (amr.has('authenticated')) return { kind: 'auth-role', reason: 'its trust policy lets signed-in identity-pool users assume it (amr authenticated)' };
  return undefined;
}

const field = (value: Resolved | undefined, key: string) => (value?.type === 'object' ? value.entries.find((e) => e.key === key)?.value : undefined);
const strings = (value: Resolved | undefined): string[] =>
  value?.type === 'string' ? [value.value] : value?.type === 'array' ? value.items.flatMap(strings) : [];

function statementsOf(document: Resolved | undefined): Resolved[] {
  const statement = field(document, 'Statement');
  return statement?.type === 'array' ? statement.items : statement ? [statement] : [];
}

function trustsIdentityPools(statement: Resolved): boolean {
  return (
    strings(field(statement, 'Effect')).includes('Allow') &&
    strings(field(statement, 'Action')).some((action) => action.toLowerCase() === 'sts:assumerolewithwebidentity') &&
    strings(field(field(statement, 'Principal'), 'Federated')).some((principal) => COGNITO_PRINCIPAL.test(principal))
  );
}

/** The `amr` values a statement's conditions require (StringLike, ForAnyValue:StringLike, StringEquals…). */
function amrValues(statement: Resolved): string[] {
  const conditions = field(statement, 'Condition');
  if (conditions?.type !== 'object') return [];
  return conditions.entries.flatMap((operator) =>
    operator.value.type === 'object' && REQUIRING.test(operator.key)
      ? operator.value.entries.filter((e) => AMR_KEY.test(e.key)).flatMap((e) => strings(e.value))
      : [],
  );
}
