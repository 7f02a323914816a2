import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { authorize, checkProject, ResolvedConfig, scenarioForApp, type App, type AppClass } from '../../analyzer';
import { ROOT } from '../cli/run-cli';
import { checkTemplateText } from '../sources/helpers';

const noFiles = { readFile: () => undefined, resolve: (_from: string, reference: string) => reference };
const ARN = 'arn:aws:iot:us-east-1:123456789012';
const ALICE = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';

/** Each class as `id: role policy names | IoT policy names`, to compare whole apps at a glance. */
function shape(app: App): string[] {
  return app.classes.map((c) => `${c.id}: ${c.rolePolicies.map((p) => p.name).join(', ')} | ${c.iotPolicies.map((p) => p.name).join(', ')}`);
}

/** Guests' verdicts pin A1 (the basic flow) unless a test says otherwise: the enhanced flow's session policy is undocumented. */
const BASIC_FLOW = new Map([['A1', 'unrestricted']]);

function publishes(cls: AppClass, topic: string, readings: ReadonlyMap<string, string> | undefined = BASIC_FLOW): string {
  const roles = { authenticated: cls.rolePolicies.map((p) => p.compiled), unauthenticated: cls.rolePolicies.map((p) => p.compiled) };
  const subject = { identity: { type: cls.type, identityId: ALICE }, iotPolicies: cls.iotPolicies.map((p) => p.compiled) };
  return authorize(roles, subject, { action: 'iot:Publish', resource: `${ARN}:topic/${topic}` }, { readings }).decision;
}

const POOL_TEMPLATE = `
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: true }
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Action: iot:Connect, Resource: '*' }]
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
              - { Claim: 'cognito:groups', MatchType: Contains, Value: admins, RoleARN: !GetAtt AdminRole.Arn }
        google:
          IdentityProvider: accounts.google.com
          Type: Token
  AuthRole:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns: [!Ref Shared]
      Policies:
        - PolicyName: Data
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: iot:Publish, Resource: '*' }]
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Admin
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: 'iot:*', Resource: '*' }]
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Guest
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: iot:Publish, Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/public/*' }]
  UserPolicy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Action: iot:Publish, Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/users/\${!cognito-identity.amazonaws.com:sub}/*' }]
`;

describe('the identity-pool app model', () => {
  it('reads a pool: guests, signed-in users, each role a rules mapping gives, and a token mapping as unknown', () => {
    const [app, ...others] = checkTemplateText(POOL_TEMPLATE).apps;
    assert.equal(others.length, 0);
    assert.equal(app.name, 'template.yaml#Pool');
    assert.deepEqual(shape(app), [
      'guests: GuestRole.Policies[Guest] | ',
      // The managed policy is declared before the role that lists it and still belongs to it.
      'signed-in: Shared, AuthRole.Policies[Data] | UserPolicy',
      'role:AdminRole: AdminRole.Policies[Admin] | UserPolicy',
      'role:token:  | UserPolicy',
    ]);
    const token = app.classes.find((c) => c.id === 'role:token')!;
    assert.match(token.unknowns.join(), /the token of accounts\.google\.com may name a role the files do not define .*: which role, the files do not say/);
    assert.deepEqual(app.classes.find((c) => c.id === 'signed-in')!.unknowns, []);
    assert.ok(app.notes.some((n) => /IoT policies UserPolicy are taken as attached to every signed-in identity/.test(n)));
    assert.match(
      app.classes.find((c) => c.id === 'role:AdminRole')!.label,
      /rule 1 of the role mapping for cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_abc:client: cognito:groups Contains admins/,
    );
  });

  it('reads a token-based mapping: a class per user pool group role (CloudFormation and Terraform alike), and one for roles outside the files', () => {
    const cloudformation = POOL_TEMPLATE.replace(
      '  AdminRole:\n    Type: AWS::IAM::Role\n',
      '  Admins:\n    Type: AWS::Cognito::UserPoolGroup\n    Properties: { GroupName: admins, Precedence: 0, UserPoolId: us-east-1_abc, RoleArn: !GetAtt GroupRole.Arn }\n' +
        '  GroupRole:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: Group\n          PolicyDocument:\n' +
        "            Version: '2012-10-17'\n            Statement: [{ Effect: Allow, Action: iot:Subscribe, Resource: '*' }]\n" +
        '  AdminRole:\n    Type: AWS::IAM::Role\n',
    );
    const terraform = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'token-app', 'main.tf'), 'utf8');
    const [cfn] = checkTemplateText(cloudformation).apps;
    const [tf] = checkProject([{ path: 'main.tf', configPath: 'main.tf', text: terraform, role: 'template', format: 'terraform' }], {
      config: new ResolvedConfig(),
      host: noFiles,
    }).apps;
    for (const [app, role, policy] of [
      [cfn, 'GroupRole', 'GroupRole.Policies[Group]'],
      [tf, 'aws_iam_role.ops', 'aws_iam_role_policy.ops'],
    ] as const) {
      const group = app.classes.find((c) => c.id === `role:${role}`)!;
      assert.deepEqual(
        group.rolePolicies.map((p) => `${p.name} ${p.kind}`),
        [`${policy} auth-role`],
      );
      assert.equal(group.role, role);
      assert.match(
        group.label,
        /^signed-in users whose token names .* \(the token of \S+ names it for members of user pool group (admins|operators) \(precedence 0\)\)$/,
      );
      const outside = app.classes.find((c) => c.id === 'role:token')!;
      assert.match(outside.label, new RegExp(`the roles of the files a token may name are classes of their own: ${role.replace('.', '\\.')}\\)$`));
      assert.equal(outside.unknowns.length > 0, true, 'a role outside the files is unknown');
    }
  });

  it('decides with the policies of each class: role and IoT policy for signed-in users, the role alone for guests', () => {
    const app = checkTemplateText(POOL_TEMPLATE).apps[0];
    const [guests, signedIn] = app.classes;
    assert.equal(publishes(signedIn, `users/${ALICE}/x`), 'allow');
    assert.equal(publishes(signedIn, 'users/someone-else/x'), 'deny');
    assert.equal(publishes(guests, 'public/x'), 'allow');
    // Unpinned, a guest's allow depends on the enhanced flow's session policy (A1).
    assert.equal(publishes(guests, 'public/x', new Map()), 'ambiguous');
    assert.equal(publishes(guests, `users/${ALICE}/x`), 'deny');
  });

  it('has no guests when the pool disables them, and says so', () => {
    const app = checkTemplateText(POOL_TEMPLATE.replace('AllowUnauthenticatedIdentities: true', 'AllowUnauthenticatedIdentities: false')).apps[0];
    assert.deepEqual(
      app.classes.map((c) => c.id),
      ['signed-in', 'role:AdminRole', 'role:token'],
    );
    assert.ok(app.notes.includes('guests are disabled (AllowUnauthenticatedIdentities false)'));
  });

  it('marks guests as uncertain when the pool does not decide, and a class whose policy depends on unknown values', () => {
    const text = POOL_TEMPLATE.replace(
      'Properties: { AllowUnauthenticatedIdentities: true }',
      'Properties: { AllowUnauthenticatedIdentities: !Ref Open }',
    ).replace(
      "Resource: !Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/public/*'",
      "Resource: !Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/${Unknown}/*'",
    );
    const app = checkTemplateText(`Parameters:\n  Open: { Type: String }\n  Unknown: { Type: String }\n${text}`).apps[0];
    const guests = app.classes[0];
    assert.equal(guests.certain, false);
    assert.deepEqual(guests.unknowns, ['GuestRole.Policies[Guest]: part of it depends on values the files do not give and is not counted']);
  });

  it('keeps policy ranges in the template the user edits', () => {
    const app = checkTemplateText(POOL_TEMPLATE).apps[0];
    const statement = app.classes[1].iotPolicies[0].compiled.statements[0];
    const line = POOL_TEMPLATE.split('\n').findIndex((l) => l.includes('topic/users/')) + 1;
    assert.equal(statement.source.range.file, 'template.yaml');
    assert.equal(statement.source.range.start.line, line);
  });

  it('reads the same app from the CloudFormation, Serverless and Terraform versions of the per-user sample', () => {
    const apps = ['cloudformation/template.yaml', 'serverless/serverless.yml', 'terraform/main.tf'].map((file) => {
      const p = `samples/per-user-app/${file}`;
      const format = file.startsWith('serverless') ? 'serverless' : file.startsWith('terraform') ? 'terraform' : 'cloudformation';
      const text = fs.readFileSync(path.join(ROOT, p), 'utf8');
      return checkProject([{ path: p, configPath: p, text, role: 'template', format }], { config: new ResolvedConfig(), host: noFiles }).apps;
    });
    for (const found of apps) assert.equal(found.length, 1);
    assert.deepEqual(shape(apps[0][0]), ['guests: GuestRole.Policies[GuestBroadcasts] | ', 'signed-in: AuthRole.Policies[IotDataPlane] | UserIotPolicy']);
    assert.deepEqual(shape(apps[1][0]), shape(apps[0][0]));
    assert.deepEqual(shape(apps[2][0]), ['guests: aws_iam_role_policy.guest | ', 'signed-in: aws_iam_role_policy.auth | aws_iot_policy.user']);
    for (const [app] of apps) assert.equal(publishes(app.classes[1], `users/${ALICE}/status`), 'allow');
  });

  it("reads a scenario's app: one signed-in class per set of IoT policies, and a scenario for the prover", () => {
    const file = 'samples/per-user-app/scenario.json';
    const host = {
      readFile: (p: string) => (fs.existsSync(path.join(ROOT, p)) ? fs.readFileSync(path.join(ROOT, p), 'utf8') : undefined),
      resolve: (from: string, reference: string) => path.posix.join(path.posix.dirname(from), reference),
    };
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const [app] = checkProject([{ path: file, configPath: file, text, role: 'scenario' }], { config: new ResolvedConfig(), host }).apps;
    assert.deepEqual(shape(app), [
      'guests: samples/per-user-app/policies/guest-role.json | ',
      'signed-in: samples/per-user-app/policies/auth-role.json | samples/per-user-app/policies/user.iot.json',
      'signed-in#2: samples/per-user-app/policies/auth-role.json | ',
    ]);
    assert.match(app.classes[1].label, /alice, bob/);
    const scenario = scenarioForApp(app, app.classes[1]);
    assert.deepEqual(
      [...scenario.identities.values()].map((i) => `${i.name} ${i.identity.type} ${i.iotPolicies.length}`),
      ['signed-in user 1 authenticated 1', 'signed-in user 2 authenticated 1', 'guest 1 unauthenticated 0', 'guest 2 unauthenticated 0'],
    );
  });

  it('reads an app from the kinds of policies no scenario places, with the assumption said', () => {
    const policy = (resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: resource }] });
    const files = [
      { path: 'role.json', configPath: 'role.json', text: policy('*'), role: 'policy' as const },
      { path: 'user.json', configPath: 'user.json', text: policy(`${ARN}:topic/own/\${cognito-identity.amazonaws.com:sub}`), role: 'policy' as const },
      { path: 'loose.json', configPath: 'loose.json', text: policy('*'), role: 'policy' as const },
    ];
    const config = new ResolvedConfig({ kinds: { 'role.json': 'auth-role', 'user.json': 'iot' } }, 'iot-policy-lens.config.json');
    const [app, ...others] = checkProject(files, { config, host: noFiles }).apps;
    assert.equal(others.length, 0);
    assert.deepEqual(shape(app), ['signed-in: role.json | user.json']);
    assert.equal(publishes(app.classes[0], `own/${ALICE}`), 'allow');
    assert.equal(publishes(app.classes[0], 'own/else'), 'deny');
    assert.ok(app.notes.some((n) => /user\.json are taken as attached/.test(n)));
  });
});
