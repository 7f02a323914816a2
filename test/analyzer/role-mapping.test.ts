import { strict as assert } from 'node:assert';
import { chooseRole } from '../../analyzer/cognito/role-mapping';
import type { RoleMappingFacts } from '../../analyzer/sources/reading';

const PROVIDER = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client';
const rules = (ambiguousRoleResolution?: 'AuthenticatedRole' | 'Deny'): RoleMappingFacts => ({
  provider: PROVIDER,
  type: 'Rules',
  ...(ambiguousRoleResolution && { ambiguousRoleResolution }),
  rules: [
    { claim: 'custom:dept', matchType: 'Equals', value: 'sales', role: 'SalesRole' },
    { claim: 'email', matchType: 'StartsWith', value: 'admin@', role: 'AdminRole' },
    { claim: 'custom:team', matchType: 'Contains', value: 'ops', role: 'OpsRole' },
    { claim: 'custom:tier', matchType: 'NotEqual', value: 'free', role: 'PaidRole' },
  ],
});

/** The outcomes as short strings: the role, `authenticated`, `no-credentials` or `token`. */
function outcomes(mappings: RoleMappingFacts[], claims?: Record<string, string | string[]>, identityProvider?: string): string[] {
  return chooseRole(mappings, { ...(claims && { claims }), ...(identityProvider && { identityProvider }) }).outcomes.map((o) =>
    o.kind === 'mapped-role' ? (o.role ?? 'undefined-role') : o.kind === 'authenticated-role' ? 'authenticated' : o.kind === 'token-role' ? 'token' : o.kind,
  );
}

describe('role mappings decide the role from the claims (role-based-access-control.html)', () => {
  it('the first matching rule wins, for each match type', () => {
    assert.deepEqual(outcomes([rules('Deny')], { 'custom:dept': 'sales', email: 'admin@x' }), ['SalesRole']);
    assert.deepEqual(outcomes([rules('Deny')], { email: 'admin@example.com' }), ['AdminRole']);
    assert.deepEqual(outcomes([rules('Deny')], { 'custom:team': 'devops-eu' }), ['OpsRole']);
    assert.deepEqual(outcomes([rules('Deny')], { 'custom:tier': 'gold' }), ['PaidRole']);
    assert.deepEqual(outcomes([rules('Deny')], { 'custom:dept': 'Sales' }), ['no-credentials'], 'Equals is exact');
  });

  it('no rule matching applies AmbiguousRoleResolution; a missing claim matches no rule, NotEqual included', () => {
    assert.deepEqual(outcomes([rules('Deny')], {}), ['no-credentials']);
    assert.deepEqual(outcomes([rules('AuthenticatedRole')], { 'custom:tier': 'free' }), ['authenticated']);
    const unset = chooseRole([rules()], { claims: {} });
    assert.deepEqual(
      unset.outcomes.map((o) => o.kind),
      ['authenticated-role', 'no-credentials'],
    );
    assert.match(unset.undecidedBecause.join(), /AmbiguousRoleResolution the files do not give/);
  });

  it('an identity without claims may get every role a rule gives, and the fallback', () => {
    assert.equal(chooseRole([rules('Deny')], { claims: {} }).undecidedBecause.length, 0, 'claims given as {} are decided');
    assert.match(chooseRole([rules('Deny')], { claims: {} }).outcomes[0].how, /AmbiguousRoleResolution Deny/);
    assert.deepEqual(outcomes([rules('Deny')]), ['SalesRole', 'AdminRole', 'OpsRole', 'PaidRole', 'no-credentials']);
    assert.match(chooseRole([rules('Deny')], {}).undecidedBecause.join(), /the identity gives no claims/);
  });

  it('a multi-valued claim leaves its rule undecided (how AWS compares it is not documented); later rules still count', () => {
    const choice = chooseRole([rules('Deny')], { claims: { 'custom:dept': ['sales', 'hr'], email: 'admin@x' } });
    assert.deepEqual(
      choice.outcomes.map((o) => (o.kind === 'mapped-role' ? o.role : o.kind)),
      ['SalesRole', 'AdminRole'],
    );
    assert.match(choice.undecidedBecause[0], /rule 1 .*custom:dept has several values/);
  });

  it('a rule whose values the files do not give is undecided', () => {
    const mapping: RoleMappingFacts = {
      provider: PROVIDER,
      type: 'Rules',
      ambiguousRoleResolution: 'Deny',
      rules: [{ claim: 'x', matchType: 'Equals', role: 'R' }],
    };
    assert.deepEqual(outcomes([mapping], { x: 'y' }), ['R', 'no-credentials']);
  });

  it('a token mapping lets the token choose: the role is unknown', () => {
    const token: RoleMappingFacts = { provider: PROVIDER, type: 'Token', ambiguousRoleResolution: 'Deny', rules: [] };
    assert.deepEqual(outcomes([token], { 'cognito:groups': ['a'] }), ['token']);
    assert.match(chooseRole([token], { claims: {} }).undecidedBecause[0], /token choose the role/);
  });

  it('the identity provider picks the mapping; none for it gives the authenticated role; several unnamed are all possible', () => {
    const google: RoleMappingFacts = { provider: 'accounts.google.com', type: 'Token', rules: [] };
    assert.deepEqual(outcomes([rules('Deny'), google], { 'custom:dept': 'sales' }, PROVIDER), ['SalesRole']);
    assert.deepEqual(outcomes([rules('Deny'), google], { 'custom:dept': 'sales' }, 'graph.facebook.com'), ['authenticated']);
    assert.deepEqual(outcomes([rules('Deny'), google], { 'custom:dept': 'sales' }), ['authenticated', 'SalesRole', 'token']);
    assert.deepEqual(outcomes([], { 'custom:dept': 'sales' }), ['authenticated']);
  });
});
