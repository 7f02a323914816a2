import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../cli/run-cli';
import { loadScenario, runScenario } from '../../analyzer';
import { loadProvableScenario, proveScenario } from '../../analyzer/prove';
import { memoryHost, positionOf } from './helpers';

const TEMPLATE = `Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: true }
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: { authenticated: !GetAtt AuthRole.Arn, unauthenticated: !GetAtt GuestRole.Arn }
      RoleMappings:
        userpool:
          IdentityProvider: cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client
          Type: Rules
          AmbiguousRoleResolution: AuthenticatedRole
          RulesConfiguration:
            Rules:
              - { Claim: 'custom:dept', MatchType: Equals, Value: sales, RoleARN: !GetAtt SalesRole.Arn }
  AuthRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Data
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: ['iot:Connect', 'iot:Publish'], Resource: '*' }]
  SalesRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Sales
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: 'iot:Connect', Resource: '*' }]
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Guest
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: 'iot:Connect', Resource: '*' }]
  UserIotPolicy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Action: ['iot:Connect', 'iot:Publish'], Resource: '*' }]
`;

const ID = (n: number) => `us-east-1:0000000${n}-1111-4a5b-8c9d-0123456789ab`;

function scenario(extra: Record<string, unknown> = {}, identities?: Record<string, unknown>): string {
  return JSON.stringify(
    {
      app: 'app/template.yaml',
      identities: identities ?? {
        seller: { type: 'authenticated', identityId: ID(1), claims: { 'custom:dept': 'sales' } },
        engineer: { type: 'authenticated', identityId: ID(2), claims: { 'custom:dept': 'engineering' } },
        unknown: { type: 'authenticated', identityId: ID(3) },
        guest: { type: 'unauthenticated', identityId: ID(4) },
        named: { type: 'authenticated', identityId: ID(5), claims: {}, iotPolicies: ['#UserIotPolicy'] },
      },
      steps: [
        { as: 'seller', publish: 'orders/1', expect: 'deny' },
        { as: 'engineer', publish: 'orders/1', expect: 'allow' },
        { as: 'unknown', publish: 'orders/1', expect: 'deny' },
        { as: 'guest', publish: 'orders/1', expect: 'deny' },
        { as: 'named', publish: 'orders/1', expect: 'allow' },
      ],
      ...extra,
    },
    null,
    2,
  );
}

const host = (text: string, template = TEMPLATE) => memoryHost({ 'test/scenario.json': text, 'test/app/template.yaml': template });

describe('scenarios that name the app ("app": template) instead of policy files', () => {
  it('each identity gets the role its claims map to, the app’s IoT policies, and an undecided mapping is ambiguous', () => {
    const { scenario: loaded, problems } = loadScenario(scenario(), 'test/scenario.json', host(scenario()));
    assert.deepEqual(
      problems.map((p) => p.message),
      [],
    );
    const result = runScenario(loaded!);
    assert.deepEqual(
      result.steps.map((s) => `${s.label}: ${s.decision} ${s.pass}`),
      [
        'seller publish orders/1: deny true',
        'engineer publish orders/1: allow true',
        'unknown publish orders/1: ambiguous false',
        'guest publish orders/1: deny true',
        'named publish orders/1: allow true',
      ],
    );
    const unknown = result.steps[2].checks[0];
    assert.match(
      unknown.notes[0],
      /the role is not decided \(rule 1 of the role mapping .* the identity gives no claims\): deny under SalesRole .*; allow under the authenticated role AuthRole/,
    );
    assert.match(result.steps[0].checks[0].notes[0], /^role: SalesRole \(rule 1 of the role mapping/);
    // The deciding statement is in the template, at the role's policy.
    const deciding = result.steps[1].checks[0].role.deciding!;
    assert.equal(deciding.range.file, 'test/app/template.yaml');
    assert.deepEqual({ line: deciding.range.start.line, column: deciding.range.start.column }, positionOf(TEMPLATE, '{ Effect: Allow', 'PolicyName: Data'));
  });

  it('guests of a pool that disables them get no credentials', () => {
    const closed = TEMPLATE.replace('AllowUnauthenticatedIdentities: true', 'AllowUnauthenticatedIdentities: false');
    const text = scenario({ steps: [{ as: 'guest', connect: 'g1', expect: 'deny' }] });
    const { scenario: loaded } = loadScenario(text, 'test/scenario.json', host(text, closed));
    const [step] = runScenario(loaded!).steps;
    assert.equal(step.decision, 'deny');
    assert.match(step.checks[0].notes[0], /no credentials \(guests are disabled/);
  });

  it('an allow expectation on an undecided role passes with a warning that says why', () => {
    const text = scenario({ steps: [{ as: 'unknown', publish: 'orders/1', expect: 'allow' }] });
    const [step] = runScenario(loadScenario(text, 'test/scenario.json', host(text)).scenario!).steps;
    assert.deepEqual(
      [step.decision, step.pass, step.warning],
      ['ambiguous', true, 'passes, but AWS may refuse it under a role the identity may get (see the notes)'],
    );
  });

  describe('a token-based role mapping: the role the user pool token names (cognito:preferred_role, cognito:roles)', () => {
    const SALES = 'arn:aws:iam::123456789012:role/sales';
    // Sales is the role of user pool group "sales"; the token names roles by ARN, so the role has a RoleName.
    const TOKEN = TEMPLATE.replace(/Type: Rules[\s\S]*?RoleARN: !GetAtt SalesRole.Arn \}/, 'Type: Token\n          AmbiguousRoleResolution: AuthenticatedRole')
      .replace('  SalesRole:\n    Type: AWS::IAM::Role\n    Properties:\n', '  SalesRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: sales\n')
      .concat(
        '  SalesGroup:\n    Type: AWS::Cognito::UserPoolGroup\n    Properties: { GroupName: sales, Precedence: 1, UserPoolId: us-east-1_abc, RoleArn: !GetAtt SalesRole.Arn }\n',
      );
    const run = (identities: Record<string, unknown>, steps: unknown[]) => {
      const text = scenario({ steps }, identities);
      const loaded = loadScenario(text, 'test/scenario.json', host(text, TOKEN));
      return { text, problems: loaded.problems, steps: runScenario(loaded.scenario!).steps };
    };

    it('cognito:preferred_role naming a role of the files gives that role; a token with no role, AmbiguousRoleResolution', () => {
      const { problems, steps } = run(
        {
          seller: { type: 'authenticated', identityId: ID(1), claims: { 'cognito:preferred_role': SALES, 'cognito:roles': [SALES] } },
          engineer: { type: 'authenticated', identityId: ID(2), claims: { email: 'e@example.com' } },
        },
        [
          { as: 'seller', publish: 'orders/1', expect: 'deny' },
          { as: 'seller', connect: ID(1), expect: 'allow' },
          { as: 'engineer', publish: 'orders/1', expect: 'allow' },
        ],
      );
      assert.deepEqual(problems, []);
      assert.deepEqual(
        steps.map((s) => `${s.decision} ${s.pass}`),
        ['deny true', 'allow true', 'allow true'],
      );
      assert.match(
        steps[0].checks[0].notes[0],
        /^role: SalesRole \(cognito:preferred_role arn:aws:iam::123456789012:role\/sales \(token-based mapping for cognito-idp/,
      );
      assert.match(
        steps[2].checks[0].notes[0],
        /^role: the authenticated role AuthRole \(.*the token names no role \(AmbiguousRoleResolution AuthenticatedRole\)\)/,
      );
    });

    it('cognito:roles and no preferred role: AmbiguousRoleResolution, or a listed role by CustomRoleArn — differing verdicts are ambiguous', () => {
      const { steps } = run(
        { both: { type: 'authenticated', identityId: ID(1), claims: { 'cognito:roles': `${SALES},arn:aws:iam::123456789012:role/sales` } } },
        [{ as: 'both', publish: 'orders/1', expect: 'deny' }],
      );
      // A repeated ARN counts once. The authenticated role (AmbiguousRoleResolution) allows, Sales (CustomRoleArn) does not.
      assert.deepEqual([steps[0].decision, steps[0].pass], ['ambiguous', false]);
      assert.match(
        steps[0].checks[0].notes[0],
        /allow under the authenticated role AuthRole .*; deny under SalesRole \(cognito:roles .*asked for with CustomRoleArn/,
      );
    });

    it('an ARN that is no named role of the files is reported once, at its claim, and decided under each role it may be', () => {
      const elsewhere = 'arn:aws:iam::123456789012:role/elsewhere';
      const { text, problems, steps } = run({ stranger: { type: 'authenticated', identityId: ID(1), claims: { 'cognito:preferred_role': elsewhere } } }, [
        { as: 'stranger', publish: 'orders/1', expect: 'deny' },
        { as: 'stranger', publish: 'orders/2', expect: 'allow' },
      ]);
      assert.deepEqual(
        problems.map((p) => `${p.severity} ${p.range.start.line}:${p.range.start.column} ${p.message}`),
        [
          `warning ${positionOf(text, `"${elsewhere}"`).line}:${positionOf(text, `"${elsewhere}"`).column} cognito:preferred_role names ${elsewhere}, which is no named role of the files (they give: AuthRole (no RoleName: AWS generates its ARN), SalesRole ${SALES}, GuestRole (no RoleName: AWS generates its ARN)); it may be AuthRole, GuestRole, whose names AWS generates at deploy time, or a role not in the files: verdicts are decided under each, and under a role not in the files as if it granted everything and as if it granted nothing`,
        ],
      );
      assert.deepEqual(
        steps.map((s) => `${s.decision} ${s.pass}`),
        ['ambiguous false', 'ambiguous true'],
      );
    });

    it('Terraform alike: an aws_cognito_user_group role, named by its ARN with its path', () => {
      const terraform = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'token-app', 'main.tf'), 'utf8');
      const text = scenario(
        {
          app: 'app/main.tf#aws_cognito_identity_pool.main',
          steps: [
            { as: 'operator', publish: 'orders/1', expect: 'allow' },
            { as: 'nobody', publish: 'orders/1', expect: 'deny' },
          ],
        },
        {
          operator: { type: 'authenticated', identityId: ID(1), claims: { 'cognito:preferred_role': 'arn:aws:iam::123456789012:role/team/ops' } },
          nobody: { type: 'authenticated', identityId: ID(2), claims: {} },
        },
      );
      const loaded = loadScenario(text, 'test/scenario.json', memoryHost({ 'test/scenario.json': text, 'test/app/main.tf': terraform }));
      assert.deepEqual(loaded.problems, []);
      const steps = runScenario(loaded.scenario!).steps;
      assert.deepEqual(
        steps.map((s) => `${s.decision} ${s.pass} ${s.checks[0].notes[0].replace(/ \(.*/, '')}`),
        ['allow true role: aws_iam_role.ops', 'deny true role: no credentials'],
      );
    });

    it('an identity without claims is checked under every role the mapping may give, and the fallback', () => {
      const { steps } = run({ anyone: { type: 'authenticated', identityId: ID(1) } }, [{ as: 'anyone', connect: ID(1), expect: 'allow' }]);
      assert.equal(steps[0].decision, 'ambiguous');
      assert.match(
        steps[0].checks[0].notes[0],
        /allow under SalesRole \(.*user pool group sales \(precedence 1\)\); allow under the role the token names .*, if it grants this; deny under the role the token names .*, if it does not; allow under the authenticated role AuthRole/,
      );
    });
  });

  it('an app that cannot be used is an error at "app"; "roles" with "app" is an error at "roles"', () => {
    const missing = scenario({ app: 'app/nothing.yaml' });
    const problems = loadScenario(missing, 'test/scenario.json', host(missing)).problems;
    assert.deepEqual(
      problems.map((p) => `${p.range.start.line}:${p.range.start.column} ${p.message}`),
      [
        `${positionOf(missing, '"app/nothing.yaml"').line}:${positionOf(missing, '"app/nothing.yaml"').column} cannot read the app "app/nothing.yaml" (resolved to test/app/nothing.yaml)`,
      ],
    );
    const pool = scenario({ app: 'app/template.yaml#Other' });
    assert.match(
      loadScenario(pool, 'test/scenario.json', host(pool)).problems[0].message,
      /is not one identity pool of the template \(it has "app\/template.yaml#Pool"\)/,
    );
    const both = scenario({ roles: { authenticated: [] } });
    const [problem] = loadScenario(both, 'test/scenario.json', host(both)).problems;
    assert.equal(problem.message, '"roles" and "app" exclude each other: with "app", the roles come from the identity pool');
    assert.equal(problem.range.start.line, positionOf(both, '"roles"').line);
  });

  it('the prover does not claim a property for identities whose role the mapping chose', () => {
    const text = scenario({
      steps: [],
      properties: [{ kind: 'no-access', identities: 'seller', actions: ['iot:Publish'], resources: ['topic/*'] }],
    });
    const provable = loadProvableScenario(text, 'test/scenario.json', host(text));
    const [property] = proveScenario(provable.scenario!, provable.properties);
    assert.equal(property.verdict, 'unknown');
    assert.match(property.reasons[0], /seller, unknown get a role from the pool's role mapping other than the scenario's role/);
  });
});
