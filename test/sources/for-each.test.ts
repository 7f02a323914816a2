import { strict as assert } from 'node:assert';
import type { CheckReport } from '../../analyzer';
import { checkTemplateText, guestPoolTemplate, onePolicy, placed, positionOf, unreadFiles } from './helpers';

const kinds = (report: CheckReport) => report.files.map((f) => `${f.name} ${f.kind ?? 'none'}`);

/** The tester's cfn-language-extensions without the AWS::Include: guest policies generated per device family. */
const DEVICE_POLICIES = guestPoolTemplate({
  sections: 'Transform: AWS::LanguageExtensions\n',
  role: onePolicy('Connect', 'iot:Connect', "!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:client/${!cognito-identity.amazonaws.com:sub}'"),
  more: `  Fn::ForEach::DevicePolicies:
    - Family
    - [lamp, lock]
    - \${Family}GuestPolicy:
        Type: AWS::IAM::Policy
        Properties:
          PolicyName: !Sub '\${Family}-guest'
          Roles: [!Ref GuestRole]
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [iot:UpdateThingShadow, iot:GetThingShadow]
                Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:thing/\${Family}-*'
`,
});

describe('Fn::ForEach (AWS::LanguageExtensions): the resources a loop generates are read', () => {
  it('expands a literal collection into one resource per value, with the kind of its role and findings in the loop body (cfn-language-extensions)', () => {
    const report = checkTemplateText(DEVICE_POLICIES);
    assert.deepEqual(kinds(report), ['GuestRole.Policies[Connect] unauth-role', 'lampGuestPolicy unauth-role', 'lockGuestPolicy unauth-role']);
    assert.deepEqual(
      report.findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId}`),
      [`${positionOf(DEVICE_POLICIES, "'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:thing/")} app-guest-reaches-devices`],
    );
    assert.match(report.findings[0].message, /thing\/(lamp|lock)-/);
    const guests = report.apps[0].classes.find((c) => c.id === 'guests')!;
    assert.deepEqual(
      guests.rolePolicies.map((p) => p.name),
      ['GuestRole.Policies[Connect]', 'lampGuestPolicy', 'lockGuestPolicy'],
    );
    assert.deepEqual(guests.unknowns, []);
  });

  it('takes the collection from a CommaDelimitedList parameter: its default, or the config’s value', () => {
    const text = DEVICE_POLICIES.replace(
      'Transform: AWS::LanguageExtensions\n',
      'Transform: AWS::LanguageExtensions\nParameters:\n  Families: { Type: CommaDelimitedList, Default: "lamp, lock" }\n',
    ).replace('    - [lamp, lock]', '    - !Ref Families');
    assert.deepEqual(kinds(checkTemplateText(text)).slice(1), ['lampGuestPolicy unauth-role', 'lockGuestPolicy unauth-role']);
    assert.deepEqual(kinds(checkTemplateText(text, 'template.yaml', { parameters: { Families: 'fan' } })).slice(1), ['fanGuestPolicy unauth-role']);
  });

  it('replaces &{Identifier} by the value without non-alphanumeric characters, and Ref Identifier by the value', () => {
    const text = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Topics:
    - Topic
    - [team/a, team/b]
    - Policy&{Topic}:
        Type: AWS::IoT::Policy
        Properties:
          PolicyName: !Ref Topic
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: iot:Publish
                Resource: !Sub 'arn:aws:iot:us-east-1:123456789012:topic/\${Topic}'
`;
    const report = checkTemplateText(text);
    assert.deepEqual(kinds(report), ['Policyteama iot', 'Policyteamb iot']);
    const resources = report.apps[0].classes
      .find((c) => c.id === 'signed-in')!
      .iotPolicies.map((p) => p.compiled.statements[0].resources.map((r) => r.entry.value));
    assert.deepEqual(resources, [['arn:aws:iot:us-east-1:123456789012:topic/team/a'], ['arn:aws:iot:us-east-1:123456789012:topic/team/b']]);
  });

  it('expands nested loops and loops inside a resource', () => {
    const text = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Sites:
    - Site
    - [north, south]
    - Fn::ForEach::Kinds:
        - Kind
        - [lamp, lock]
        - \${Site}\${Kind}Policy:
            Type: AWS::IoT::Policy
            Properties:
              Fn::ForEach::Document:
                - Key
                - [PolicyDocument]
                - \${Key}: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Publish, Resource: !Sub 'arn:aws:iot:us-east-1:123456789012:topic/\${Site}/\${Kind}' }] }
`;
    assert.deepEqual(kinds(checkTemplateText(text)), ['northlampPolicy iot', 'northlockPolicy iot', 'southlampPolicy iot', 'southlockPolicy iot']);
  });

  it('a collection the files do not give is an unresolved-value at the loop, and every class may get more (fail closed)', () => {
    const text = DEVICE_POLICIES.replace(
      'Transform: AWS::LanguageExtensions\n',
      'Transform: AWS::LanguageExtensions\nParameters:\n  Families: { Type: CommaDelimitedList }\n',
    ).replace('    - [lamp, lock]', '    - !Ref Families');
    const report = checkTemplateText(text);
    assert.deepEqual(placed(report), [`${positionOf(text, 'Fn::ForEach::DevicePolicies')} unresolved-value`]);
    assert.match(report.findings[0].message, /^Fn::ForEach::DevicePolicies: its collection depends on Ref Families \(a parameter without a Default\)/);
    assert.deepEqual(kinds(report), ['GuestRole.Policies[Connect] unauth-role']);
    assert.ok(report.apps[0].classes.every((c) => c.unknowns.some((u) => u.startsWith('Fn::ForEach::DevicePolicies: '))));
  });

  it('a loop that makes one key twice is an invalid-template error at the key (CloudFormation rejects it)', () => {
    const text = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Same:
    - X
    - [a, b]
    - Policy:
        Type: AWS::IoT::Policy
        Properties:
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Publish, Resource: '*' }] }
`;
    const report = checkTemplateText(text);
    assert.ok(placed(report).includes(`${positionOf(text, 'Policy:')} invalid-template`), placed(report).join('\n'));
  });

  it('nested loops over long collections are refused within the template budget, never built', function () {
    this.timeout(60_000);
    const values = `[${Array.from({ length: 300 }, (_, i) => `v${i}`).join(', ')}]`;
    const text = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::A:
    - A
    - ${values}
    - Fn::ForEach::B:
        - B
        - ${values}
        - Fn::ForEach::C:
            - C
            - ${values}
            - P\${A}\${B}\${C}: { Type: AWS::IoT::Policy, Properties: { PolicyDocument: { Statement: [] } } }
`;
    const report = checkTemplateText(text);
    assert.deepEqual(unreadFiles(report), ['template.yaml']);
    assert.match(report.findings[0].message, /more than 16,777,216 characters/);
  });
});
