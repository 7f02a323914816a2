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

/** The outcomes as short strings: the role, `authenticated`, `no-credentials` or `token` (a role the token names outside the files). */
function outcomes(mappings: RoleMappingFacts[], claims?: Record<string, string | string[]>, identityProvider?: string): string[] {
  return chooseRole(mappings, { ...(claims && { claims }), ...(identityProvider && { identityProvider }) }).outcomes.map((o) =>
    o.kind === 'mapped-role' ? (o.role ?? 'undefined-role') : o.kind === 'authenticated-role' ? 'authenticated' : o.kind === 'token-role' ? 'token' : o.kind,
  );
}

describe('role mappings decide the role from the claims (role-based-access-control.html)', () => {
  it('the first matching rule wins, for each match type', () => {
    assert.deepEqual(outcomes([rules('Deny')], { 'custom:dept': 'sales', email: 'someone@x' }), ['SalesRole']);
    assert.deepEqual(outcomes([rules('Deny')], { email: 'admin@example.com' }), ['AdminRole']);
    assert.deepEqual(outcomes([rules('Deny')], { 'custom:team': 'devops-eu' }), ['OpsRole']);
    assert.deepEqual(outcomes([rules('Deny')], { 'custom:tier': 'gold' }), ['PaidRole']);
    assert.deepEqual(outcomes([rules('Deny')], { 'custom:dept': 'Sales' }), ['no-credentials'], 'Equals is exact');
  });

  it('the caller may ask for the role of any other matching rule with CustomRoleArn: each is a role the identity may get', () => {
    const choice = chooseRole([rules('Deny')], { claims: { 'custom:dept': 'sales', email: 'admin@x' } });
    assert.deepEqual(
      choice.outcomes.map((o) => [o.kind === 'mapped-role' ? o.role : o.kind, o.how]),
      [
        ['SalesRole', 'rule 1 of the role mapping for cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client (custom:dept Equals sales)'],
        [
          'AdminRole',
          'rule 2 of the role mapping for cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client (email StartsWith admin@), asked for with CustomRoleArn',
        ],
      ],
    );
    assert.match(
      choice.undecidedBecause.join(),
      /may ask for the role of rule 2 .* with CustomRoleArn \(GetCredentialsForIdentity\), though rule 1 .* matches first/,
    );
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

  describe('a token-based mapping takes the role from the user pool token (cognito:preferred_role, cognito:roles)', () => {
    const ADMIN = 'arn:aws:iam::123456789012:role/app-admin';
    const OPS = 'arn:aws:iam::123456789012:role/ops/app-ops';
    const token = (ambiguousRoleResolution?: 'AuthenticatedRole' | 'Deny'): RoleMappingFacts => ({
      provider: PROVIDER,
      type: 'Token',
      ...(ambiguousRoleResolution && { ambiguousRoleResolution }),
      rules: [],
      tokenRoles: [
        { role: 'AdminRole', arn: ADMIN, groups: ['admins (precedence 1)'] },
        { role: 'OpsRole', arn: OPS, groups: ['operators (precedence 2)'] },
        { role: 'AuthRole', arn: 'arn:aws:iam::123456789012:role/app-auth', groups: [] },
        { role: 'GeneratedName', groups: ['generated'] },
      ],
    });

    it('cognito:preferred_role names the role; cognito:roles naming only it changes nothing', () => {
      const choice = chooseRole([token('Deny')], { claims: { 'cognito:preferred_role': ADMIN, 'cognito:roles': ADMIN } });
      assert.deepEqual(
        choice.outcomes.map((o) => (o.kind === 'mapped-role' ? o.role : o.kind)),
        ['AdminRole'],
      );
      assert.deepEqual(choice.undecidedBecause, []);
      assert.match(choice.outcomes[0].how, /^cognito:preferred_role arn:aws:iam::123456789012:role\/app-admin \(token-based mapping for cognito-idp/);
      // A role of the files no group gives is still the role the token names.
      assert.deepEqual(outcomes([token('Deny')], { 'cognito:preferred_role': 'arn:aws:iam::123456789012:role/app-auth' }), ['AuthRole']);
    });

    it('several cognito:roles and no preferred role: AmbiguousRoleResolution, and each role the caller may ask for with CustomRoleArn', () => {
      assert.deepEqual(outcomes([token('Deny')], { 'cognito:roles': [ADMIN, OPS] }), ['no-credentials', 'AdminRole', 'OpsRole']);
      assert.deepEqual(
        outcomes([token('AuthenticatedRole')], { 'cognito:roles': `${ADMIN}, ${OPS}` }),
        ['authenticated', 'AdminRole', 'OpsRole'],
        'a comma-separated string',
      );
      const choice = chooseRole([token('Deny')], { claims: { 'cognito:preferred_role': ADMIN, 'cognito:roles': [ADMIN, OPS] } });
      assert.deepEqual(
        choice.outcomes.map((o) => (o.kind === 'mapped-role' ? o.role : o.kind)),
        ['AdminRole', 'OpsRole'],
      );
      assert.match(choice.undecidedBecause.join(), /may ask for any role of its cognito:roles with CustomRoleArn/);
    });

    it('a token that names no role gets AmbiguousRoleResolution; both outcomes when the files do not give it', () => {
      assert.deepEqual(outcomes([token('Deny')], { email: 'a@example.com' }), ['no-credentials']);
      assert.deepEqual(outcomes([token('AuthenticatedRole')], {}), ['authenticated']);
      const unset = chooseRole([token()], { claims: {} });
      assert.deepEqual(
        unset.outcomes.map((o) => o.kind),
        ['authenticated-role', 'no-credentials'],
      );
      assert.match(unset.undecidedBecause.join(), /AmbiguousRoleResolution the files do not give/);
    });

    it('an identity without claims may get every role of a user pool group, any role outside the files, and the fallback', () => {
      const choice = chooseRole([token('Deny')], {});
      assert.deepEqual(
        choice.outcomes.map((o) => (o.kind === 'mapped-role' ? o.role : o.kind)),
        ['AdminRole', 'OpsRole', 'GeneratedName', 'token-role', 'no-credentials'],
      );
      assert.match(choice.undecidedBecause.join(), /the identity gives no claims to say which role its token names/);
      assert.deepEqual(choice.unknownRoles, []);
    });

    it('an ARN no named role of the files has may be each role whose name AWS generates, or a role not in the files: every one an outcome, said once', () => {
      const elsewhere = 'arn:aws:iam::123456789012:role/Stack-GeneratedName-1A2B3C';
      const choice = chooseRole([token('Deny')], { claims: { 'cognito:preferred_role': elsewhere, 'cognito:roles': [elsewhere] } });
      assert.deepEqual(
        choice.outcomes.map((o) => (o.kind === 'mapped-role' ? (o.role ?? 'undefined-role') : o.kind)),
        ['GeneratedName', 'undefined-role'],
      );
      assert.match(choice.outcomes[0].how, /, if it is GeneratedName, whose name AWS generates/);
      assert.deepEqual(choice.unknownRoles, [{ claim: 'cognito:preferred_role', arn: elsewhere, unnamed: ['GeneratedName'] }]);
      assert.match(
        choice.undecidedBecause.join(),
        /cognito:preferred_role names arn:aws:iam::123456789012:role\/Stack-GeneratedName-1A2B3C, which is no named role of the files: it may be GeneratedName \(no RoleName: AWS generates the name at deploy time\) or a role not in the files/,
      );
      // With every role of the files named, such an ARN is no role of the files at all.
      const allNamed: RoleMappingFacts = { ...token('Deny'), tokenRoles: token('Deny').tokenRoles!.filter((r) => r.arn) };
      const strict = chooseRole([allNamed], { claims: { 'cognito:preferred_role': elsewhere } });
      assert.deepEqual(
        strict.outcomes.map((o) => (o.kind === 'mapped-role' ? (o.role ?? 'undefined-role') : o.kind)),
        ['undefined-role'],
      );
      assert.match(strict.undecidedBecause.join(), /which is no role of the files$/);
    });

    it('a token mapping applies to its identity provider only, as a rules-based one does', () => {
      assert.deepEqual(outcomes([token('Deny')], { 'cognito:preferred_role': ADMIN }, 'accounts.google.com'), ['authenticated']);
      assert.deepEqual(outcomes([token('Deny')], { 'cognito:preferred_role': ADMIN }, PROVIDER), ['AdminRole']);
      const facebook: RoleMappingFacts = { ...rules('Deny'), provider: 'graph.facebook.com' };
      assert.deepEqual(outcomes([token('Deny'), facebook], { 'cognito:preferred_role': ADMIN }), ['authenticated', 'AdminRole', 'no-credentials']);
    });
  });

  it('the identity provider picks the mapping; none for it gives the authenticated role; several unnamed are all possible', () => {
    const google: RoleMappingFacts = { provider: 'accounts.google.com', type: 'Token', ambiguousRoleResolution: 'Deny', rules: [] };
    assert.deepEqual(outcomes([rules('Deny'), google], { 'custom:dept': 'sales' }, PROVIDER), ['SalesRole']);
    assert.deepEqual(outcomes([rules('Deny'), google], { 'custom:dept': 'sales' }, 'graph.facebook.com'), ['authenticated']);
    assert.deepEqual(outcomes([rules('Deny'), google], { 'custom:dept': 'sales' }), ['authenticated', 'SalesRole', 'no-credentials']);
    assert.deepEqual(outcomes([], { 'custom:dept': 'sales' }), ['authenticated']);
  });
});
