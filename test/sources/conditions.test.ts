import { strict as assert } from 'node:assert';
import { diffTemplateVersions, ResolvedConfig, type CheckReport, type ProjectFile } from '../../analyzer';
import { checkTemplateText, guestPoolTemplate, onePolicy, placed, positionOf } from './helpers';

/** The tester's cfn-resource-condition: a guardrail Deny on $aws/ for guests, created only when Guardrails is on. */
const guardrail = (parameter: string, condition = '    Condition: GuardrailsOn\n') =>
  guestPoolTemplate({
    sections: `Parameters:\n  Guardrails:\n    Type: String${parameter}\nConditions:\n  GuardrailsOn: !Equals [!Ref Guardrails, 'on']\n`,
    role: onePolicy('Telemetry', 'iot:Publish', "!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/$aws/things/lamp-1/shadow/update'"),
    more: `  GuestGuardrail:
    Type: AWS::IAM::Policy
${condition}    Properties:
      PolicyName: GuestGuardrail
      Roles: [!Ref GuestRole]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Deny, Action: iot:Publish, Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/$aws/*' }] }
`,
  });

const rules = (report: CheckReport) => placed(report).map((p) => p.split(' ')[1]);
const guestsReachDevices = (report: CheckReport) => rules(report).includes('app-guest-reaches-devices');

describe("a resource's Condition (cfn-resource-condition)", () => {
  it('leaves out a resource whose condition is false: its Deny no longer hides the guests’ $aws/ access', () => {
    const report = checkTemplateText(guardrail("\n    Default: 'off'"));
    assert.deepEqual(
      report.files.map((f) => f.name),
      ['GuestRole.Policies[Telemetry]'],
    );
    assert.ok(guestsReachDevices(report), placed(report).join('\n'));
    assert.ok(report.notes.includes('template.yaml: GuestGuardrail is not created: its condition GuardrailsOn is false with the parameters in force'));
  });

  it('keeps a resource whose condition is true', () => {
    const report = checkTemplateText(guardrail("\n    Default: 'on'"));
    assert.ok(!guestsReachDevices(report), placed(report).join('\n'));
    // The config's parameters decide it too.
    assert.ok(guestsReachDevices(checkTemplateText(guardrail("\n    Default: 'on'"), 'template.yaml', { parameters: { Guardrails: 'off' } })));
  });

  it('applies the Deny of a resource the files may not create only if it certainly exists, counts its Allow, and says so', () => {
    const report = checkTemplateText(guardrail(''));
    assert.ok(guestsReachDevices(report), placed(report).join('\n'));
    assert.ok(
      report.notes.includes(
        'template.yaml: GuestGuardrail is created only when GuardrailsOn holds, which the files do not decide: its Allow statements count, its Deny statements do not',
      ),
      report.notes.join('\n'),
    );
    assert.ok(report.notes.some((n) => /GuestGuardrail: the condition GuardrailsOn is not decided by the files.*1 Deny statement/.test(n)));
    // Its Allow counts.
    const text = guardrail('').replace('Effect: Deny\n            Action: iot:Publish', 'Effect: Allow\n            Action: iot:Publish');
    const guests = checkTemplateText(text).apps[0].classes.find((c) => c.id === 'guests')!;
    assert.equal(guests.rolePolicies.length, 2);
  });

  it('does not create what depends on a resource that is not created, and guards what depends on one that may not be', () => {
    const text = guardrail("\n    Default: 'off'", '').replace(
      '  GuestRole:\n    Type: AWS::IAM::Role\n',
      '  GuestRole:\n    Type: AWS::IAM::Role\n    Condition: GuardrailsOn\n',
    );
    const off = checkTemplateText(text);
    assert.deepEqual(off.files, []);
    // No finding about the role nothing creates; the role attachment depends on it, so nothing in the files
    // sets the pool's roles: they may be attached elsewhere, unknown (never "guests get no credentials").
    assert.deepEqual(placed(off), [`${positionOf(text, 'Type: AWS::Cognito::IdentityPool')} unresolved-value`]);
    assert.match(off.findings[0].message, /^identity pool IdentityPool: no role attachment for this identity pool in these files/);
    assert.ok(off.notes.includes('template.yaml: GuestGuardrail is not created: it depends on GuestRole, which is not created'), off.notes.join('\n'));
    const undecided = checkTemplateText(text.replace("Default: 'off'", 'AllowedValues: [on, off]'));
    assert.ok(
      undecided.notes.includes(
        'template.yaml: GuestGuardrail is created only when GuardrailsOn holds, which the files do not decide: its Allow statements count, its Deny statements do not',
      ),
      undecided.notes.join('\n'),
    );
  });

  it('diff --fail-on-new-access sees the change that stops creating the guardrail', () => {
    const file = (path: string, text: string): ProjectFile => ({ path, configPath: path, text, role: 'template', format: 'cloudformation' });
    const options = { config: new ResolvedConfig({}), host: { readFile: () => undefined, resolve: (_f: string, r: string) => r } };
    const { diffs } = diffTemplateVersions(
      file('HEAD:template.yaml', guardrail("\n    Default: 'off'", '')),
      file('template.yaml', guardrail("\n    Default: 'off'")),
      options,
    );
    const guests = diffs.find((d) => d.new === 'template.yaml#IdentityPool guests (role policies)');
    assert.ok(
      guests?.diff.changes.some((c) => c.granted),
      JSON.stringify(diffs.map((d) => d.diff.changes)),
    );
  });
});

/** The tester's cfn-if-policy-item: a role's inline policy added by Fn::If. */
const devRole = (env: string, policies: string) =>
  guestPoolTemplate({
    sections: `Parameters:\n  Env: { Type: String${env} }\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n`,
    role: `      Policies:${policies}\n`,
  });
const ITEM = `
        - PolicyName: Connect
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Connect, Resource: '*' }] }
        - !If
          - IsDev
          - PolicyName: DevEverything
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 'iot:*', Resource: '*' }] }
          - !Ref AWS::NoValue`;
const WHOLE = ` !If
        - IsDev
        - - PolicyName: DevEverything
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 'iot:*', Resource: '*' }] }
        - - PolicyName: ProdConnect
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Connect, Resource: '*' }] }`;

describe('lists written with Fn::If and list functions (cfn-if-policy-item, cfn-managed-list)', () => {
  const names = (report: CheckReport) => report.files.map((f) => `${f.name} ${f.kind}`);

  it('reads a Policies item or the whole list chosen by Fn::If where the files decide it', () => {
    const item = checkTemplateText(devRole(', Default: dev', ITEM));
    assert.deepEqual(names(item), ['GuestRole.Policies[Connect] unauth-role', 'GuestRole.Policies[DevEverything] unauth-role']);
    assert.ok(rules(item).includes('app-admin-action'), placed(item).join('\n'));
    assert.deepEqual(names(checkTemplateText(devRole(', Default: prod', ITEM))), ['GuestRole.Policies[Connect] unauth-role']);
    assert.deepEqual(names(checkTemplateText(devRole(', Default: dev', WHOLE))), ['GuestRole.Policies[DevEverything] unauth-role']);
    assert.deepEqual(names(checkTemplateText(devRole(', Default: prod', WHOLE))), ['GuestRole.Policies[ProdConnect] unauth-role']);
  });

  it('reads both branches where the files do not decide: the Allow of either counts', () => {
    const report = checkTemplateText(devRole('', WHOLE));
    assert.deepEqual(names(report), ['GuestRole.Policies[DevEverything] unauth-role', 'GuestRole.Policies[ProdConnect] unauth-role']);
    assert.ok(rules(report).includes('app-admin-action'), placed(report).join('\n'));
    assert.ok(report.notes.some((n) => /GuestRole\.Policies\[DevEverything\]: the condition IsDev is not decided by the files/.test(n)));
  });

  const managed = (list: string, parameter = 'Default: arn:aws:iam::aws:policy/AWSIoTFullAccess') =>
    guestPoolTemplate({
      sections: `Parameters:\n  GuestManagedPolicies:\n    Type: CommaDelimitedList\n    ${parameter}\nConditions:\n  AlwaysTrue: !Equals [a, a]\n`,
      role: `      ManagedPolicyArns: ${list}\n`,
    });

  for (const [form, list, at] of [
    ['!Ref of a CommaDelimitedList', '!Ref GuestManagedPolicies', (text: string) => positionOf(text, 'GuestManagedPolicies', 1)],
    ['!Split', '!Split [",", "arn:aws:iam::aws:policy/AWSIoTFullAccess"]', (text: string) => positionOf(text, '[",", ')],
    [
      '!If choosing the list',
      '!If [AlwaysTrue, [arn:aws:iam::aws:policy/AWSIoTFullAccess], !Ref AWS::NoValue]',
      (text: string) => positionOf(text, 'arn:aws:iam::aws:policy/AWSIoTFullAccess]'),
    ],
  ] as const)
    it(`checks the AWS managed policies of ManagedPolicyArns given as ${form}`, () => {
      const text = managed(list);
      const report = checkTemplateText(text);
      assert.deepEqual(names(report), ['GuestRole.ManagedPolicyArns[AWSIoTFullAccess v2, 2026-12-07] unauth-role']);
      assert.ok(rules(report).includes('app-guest-reaches-devices'), placed(report).join('\n'));
      assert.ok(
        placed(report).every((p) => p.startsWith(`${at(text)} `)),
        placed(report).join('\n'),
      );
    });

  it('reports a list the files do not give as unknown, and the role’s class says so', () => {
    const text = managed('!Ref GuestManagedPolicies', '');
    const report = checkTemplateText(text);
    assert.deepEqual(placed(report), [`${positionOf(text, 'GuestManagedPolicies\n  RoleAttachment')} unknown-managed-policy`]);
    assert.match(report.findings[0].message, /Ref GuestManagedPolicies \(a parameter without a Default\)/);
    const guests = report.apps[0].classes.find((c) => c.id === 'guests')!;
    assert.match(guests.unknowns.join('\n'), /^GuestRole\.ManagedPolicyArns: managed policy/);
  });
});

describe('conditions on where the stack is deployed (cfn-assumed-region-decides-deny)', () => {
  const text = guestPoolTemplate({
    sections: "Conditions:\n  InHomeRegion: !Equals [!Ref 'AWS::Region', us-east-1]\n",
    role: `${onePolicy('Guest', 'iot:Publish', "!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/*'")}              - !If
                - InHomeRegion
                - Effect: Deny
                  Action: iot:Publish
                  Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/$aws/*'
                - !Ref AWS::NoValue
`,
  });

  it('does not decide a condition on the region the scenarios assume (the Deny it adds is not applied), unless the config gives it', () => {
    const report = checkTemplateText(text);
    assert.ok(guestsReachDevices(report), placed(report).join('\n'));
    assert.ok(report.notes.some((n) => /GuestRole\.Policies\[Guest\]: the condition InHomeRegion is not decided by the files/.test(n)));
    // The config's parameters decide it.
    const given = checkTemplateText(text, 'template.yaml', { parameters: { 'AWS::Region': 'us-east-1' } });
    assert.ok(!guestsReachDevices(given), placed(given).join('\n'));
    assert.ok(!given.notes.some((n) => n.includes('InHomeRegion')), given.notes.join('\n'));
  });
});
