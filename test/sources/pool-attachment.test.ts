import { strict as assert } from 'node:assert';
import { checkTemplateText, placed, positionOf } from './helpers';

const POOL = `Resources:
  IdentityPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: true
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Guest
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Publish, Resource: 'arn:aws:iot:us-east-1:123456789012:topic/news' }] }
`;

describe('an identity pool whose roles no attachment in the files sets', () => {
  it('has unknown roles, reported at the pool: never "guests get no role" (fail closed)', () => {
    const report = checkTemplateText(POOL);
    assert.deepEqual(placed(report), [`${positionOf(POOL, 'Type: AWS::Cognito::IdentityPool')} unresolved-value`]);
    assert.equal(report.findings[0].severity, 'error');
    assert.match(
      report.findings[0].message,
      /^identity pool IdentityPool: no role attachment for this identity pool in these files; its roles may be attached elsewhere \(another stack, the console or the CLI\)/,
    );
    const [app] = report.apps;
    assert.deepEqual(
      app.classes.map((c) => `${c.id} ${c.unknowns.some((u) => /no role attachment for this identity pool/.test(u))}`),
      ['guests true', 'signed-in true'],
    );
    assert.ok(!app.notes.some((n) => /no role|no credentials|disabled/.test(n)), app.notes.join('\n'));
    assert.ok(
      report.notes.includes(
        'template.yaml: identity pool IdentityPool: authenticated role unknown (no role attachment for this identity pool in these files; its roles may be attached elsewhere (another stack, the console or the CLI)), unauthenticated role unknown (no role attachment for this identity pool in these files; its roles may be attached elsewhere (another stack, the console or the CLI)); guests get credentials',
      ),
      report.notes.join('\n'),
    );
  });

  it('the config may lower the finding, as any unresolved-value', () => {
    assert.deepEqual(
      checkTemplateText(POOL, 'template.yaml', { rules: { 'unresolved-value': 'warning' } }).findings.map((f) => f.severity),
      ['warning'],
    );
  });

  it('an attachment in the files without an unauthenticated role decides it: guests get no role', () => {
    const text = `${POOL}  Roles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref IdentityPool
      Roles: { authenticated: !GetAtt GuestRole.Arn }
`;
    const report = checkTemplateText(text);
    assert.deepEqual(placed(report), []);
    assert.deepEqual(
      report.apps[0].classes.map((c) => c.id),
      ['signed-in'],
    );
    assert.ok(report.apps[0].notes.includes('guests get no role: AWS gives them no credentials'));
  });
});

describe('an identity pool that two role attachments of the files set', () => {
  const attachment = (name: string, role: string) => `  ${name}:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref IdentityPool
      Roles: { unauthenticated: !GetAtt ${role}.Arn }
`;
  const STRICT = `  StrictRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: Strict
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Connect, Resource: 'arn:aws:iot:us-east-1:123456789012:client/x' }] }
`;

  it('has unknown roles (which attachment AWS keeps is not decided), reported at the second; both roles get their kind (tester’s cfn-two-role-attachments)', () => {
    for (const [first, second] of [
      ['GuestRole', 'StrictRole'],
      ['StrictRole', 'GuestRole'],
    ]) {
      const text = POOL + STRICT + attachment('RolesA', first) + attachment('RolesB', second);
      const report = checkTemplateText(text);
      const unresolved = report.findings.filter((f) => f.ruleId === 'unresolved-value');
      assert.deepEqual(
        unresolved.map((f) => `${f.range.start.line}:${f.range.start.column}`),
        [positionOf(text, 'Type: AWS::Cognito::IdentityPoolRoleAttachment', 1)],
      );
      assert.match(
        unresolved[0].message,
        /^RolesB: two role attachments \(RolesA and RolesB\) set the roles of identity pool IdentityPool; which one AWS keeps/,
      );
      const guests = report.apps[0].classes.find((c) => c.id === 'guests')!;
      assert.ok(
        guests.unknowns.some((u) => /two role attachments/.test(u)),
        guests.unknowns.join('\n'),
      );
      assert.deepEqual(
        report.files.map((f) => [f.name, f.kind]),
        [
          ['GuestRole.Policies[Guest]', 'unauth-role'],
          ['StrictRole.Policies[Strict]', 'unauth-role'],
        ],
      );
    }
  });
});

describe('an identity pool with the basic (classic) authflow on', () => {
  it('makes every class unknown: its identities may take any role that trusts the pool (tester’s cfn-classic-flow-role)', () => {
    const text = POOL.replace('AllowUnauthenticatedIdentities: true', 'AllowUnauthenticatedIdentities: true\n      AllowClassicFlow: true');
    const report = checkTemplateText(text);
    const classic = report.findings.filter((f) => /AllowClassicFlow/.test(f.message));
    assert.deepEqual(
      classic.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.severity}`),
      [`${positionOf(text, 'true', 1)} unresolved-value error`],
    );
    for (const cls of report.apps[0].classes)
      assert.ok(
        cls.unknowns.some((u) => /AllowClassicFlow is on/.test(u)),
        `${cls.id}: ${cls.unknowns.join('\n')}`,
      );
    const off = checkTemplateText(POOL.replace('AllowUnauthenticatedIdentities: true', 'AllowUnauthenticatedIdentities: true\n      AllowClassicFlow: false'));
    assert.ok(!off.findings.some((f) => /AllowClassicFlow/.test(f.message)));
  });
});
