import { strict as assert } from 'node:assert';
import { DEFAULT_SCOPE } from '../../analyzer';
import { resolveValue, type TemplateContext } from '../../analyzer/sources/cloudformation/intrinsics';
import { parseSub } from '../../analyzer/sources/cloudformation/sub';
import { entry, parseJsonTemplate, parseYamlTemplate, type TemplateNode } from '../../analyzer/sources/tree';
import type { Resolved } from '../../analyzer/sources/value';

const TEMPLATE = `
Parameters:
  Stage: { Type: String, Default: prod }
  NoDefault: { Type: String }
  Names: { Type: CommaDelimitedList, Default: "a,b,c" }
  GuestTopic: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /lamps/guest-topic }
Mappings:
  Env: { prod: { Topic: live } }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  Unknowable: !Equals [!Ref NoDefault, x]
Resources:
  NamedRole: { Type: AWS::IAM::Role, Properties: { RoleName: app-auth } }
  UnnamedRole: { Type: AWS::IAM::Role, Properties: {} }
  Pool: { Type: AWS::Cognito::IdentityPool, Properties: { AllowUnauthenticatedIdentities: false } }
`;

function contextOf(root: TemplateNode): TemplateContext {
  const mapOf = (node: TemplateNode | undefined) => new Map(node?.type === 'map' ? node.entries.map((e) => [e.key, e.value] as const) : []);
  const resources = new Map(
    [...mapOf(entry(root, 'Resources'))].map(([id, node]) => [id, { type: String((entry(node, 'Type') as { value: string }).value), node }]),
  );
  return {
    scope: DEFAULT_SCOPE,
    parameters: mapOf(entry(root, 'Parameters')),
    overrides: {},
    mappings: entry(root, 'Mappings'),
    conditions: mapOf(entry(root, 'Conditions')),
    resources,
    usedPseudo: new Set(),
  };
}

const template = parseYamlTemplate(TEMPLATE).root!;
const context = contextOf(template);
function resolveYaml(expression: string, ctx = context): Resolved {
  return resolveValue(entry(parseYamlTemplate(`v: ${expression}`).root, 'v')!, ctx);
}
const valueOf = (resolved: Resolved): unknown =>
  resolved.type === 'array'
    ? resolved.items.map(valueOf)
    : resolved.type === 'unknown'
      ? `unknown: ${resolved.reason}`
      : resolved.type === 'object'
        ? 'object'
        : resolved.value;

describe('CloudFormation intrinsics', () => {
  it('Ref: pseudo parameters from the scope, parameters by Default, lists split, config values first', () => {
    assert.equal(valueOf(resolveYaml("!Ref 'AWS::Region'")), 'us-east-1');
    assert.equal(valueOf(resolveYaml("!Ref 'AWS::AccountId'")), '123456789012');
    assert.equal(valueOf(resolveYaml("!Ref 'AWS::Partition'")), 'aws');
    assert.equal(valueOf(resolveYaml('!Ref Stage')), 'prod');
    assert.deepEqual(valueOf(resolveYaml('!Ref Names')), ['a', 'b', 'c']);
    assert.equal(valueOf(resolveYaml('!Ref Stage', { ...context, overrides: { Stage: 'dev' } })), 'dev');
    assert.equal(
      valueOf(
        resolveYaml("!Sub '${AWS::Region}:${AWS::AccountId}'", { ...context, overrides: { 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '111122223333' } }),
      ),
      'eu-west-1:111122223333',
    );
    assert.equal(valueOf(resolveYaml("!Ref 'toString'")), 'unknown: Ref toString (not defined in this template)');
    assert.equal(valueOf(resolveYaml('!Ref NoDefault')), 'unknown: Ref NoDefault (a parameter without a Default)');
    assert.equal(valueOf(resolveYaml('!Ref Pool')), 'unknown: Ref Pool (a value AWS generates at deploy time)');
    assert.equal(valueOf(resolveYaml('!Ref Nowhere')), 'unknown: Ref Nowhere (not defined in this template)');
  });

  it("values CloudFormation reads at deploy time are unknown: SSM parameter types (their Default is the SSM parameter's name) and dynamic references (tester's cfn-ssm-parameter-and-dynamic-ref)", () => {
    assert.equal(valueOf(resolveYaml('!Ref GuestTopic')), 'unknown: Ref GuestTopic (the value of SSM parameter /lamps/guest-topic, read at deploy time)');
    assert.equal(
      valueOf(resolveYaml("!Sub 'topic/${GuestTopic}'")),
      'unknown: Ref GuestTopic (the value of SSM parameter /lamps/guest-topic, read at deploy time)',
    );
    assert.equal(valueOf(resolveYaml('!Ref GuestTopic', { ...context, overrides: { GuestTopic: 'lamps/x' } })), 'lamps/x');
    assert.equal(
      valueOf(resolveYaml("'{{resolve:ssm:/lamps/guest-topic-arn}}'")),
      'unknown: the dynamic reference {{resolve:ssm:/lamps/guest-topic-arn}} (read by CloudFormation at deploy time)',
    );
    assert.equal(
      valueOf(resolveYaml("!Sub 'arn:aws:iot:${AWS::Region}:123456789012:topic/{{resolve:ssm:/t}}'")),
      'unknown: the dynamic reference {{resolve:ssm:/t}} (read by CloudFormation at deploy time)',
    );
  });

  it('Fn::Sub: ${!x} is the literal ${x} (a policy variable), variables from the map, parameters and pseudo parameters', () => {
    assert.equal(
      valueOf(resolveYaml("!Sub 'arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:client/${!iot:ClientId}'")),
      'arn:aws:iot:us-east-1:123456789012:client/${iot:ClientId}',
    );
    assert.equal(
      valueOf(resolveYaml("!Sub ['${Root}/${Stage}/${!cognito-identity.amazonaws.com:sub}', { Root: users }]")),
      'users/prod/${cognito-identity.amazonaws.com:sub}',
    );
    assert.equal(valueOf(resolveYaml("!Sub 'role/${NamedRole}'")), 'role/app-auth');
    assert.equal(valueOf(resolveYaml("!Sub '${NoDefault}/x'")), 'unknown: Ref NoDefault (a parameter without a Default)');
    // One pass: a substituted value is never substituted again.
    // Each literal character with its index in the Sub string (the `!` of an escape is not one).
    assert.deepEqual(parseSub('a${!b}${c}'), [{ literal: 'a${b}', at: [0, 1, 2, 4, 5] }, { name: 'c' }]);
    assert.deepEqual(parseSub('open ${ only'), [{ literal: 'open ${ only', at: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }]);
  });

  it('Fn::Join keeps ${…} outside Sub as written; Select, Split and FindInMap resolve', () => {
    assert.equal(
      valueOf(resolveYaml("!Join ['', ['arn:aws:iot:', !Ref 'AWS::Region', ':', !Ref 'AWS::AccountId', ':topic/${iot:ClientId}']]")),
      'arn:aws:iot:us-east-1:123456789012:topic/${iot:ClientId}',
    );
    assert.equal(valueOf(resolveYaml("!Join [':', [a, !Ref NoDefault]]")), 'unknown: Ref NoDefault (a parameter without a Default)');
    assert.equal(valueOf(resolveYaml('!Select [1, !Ref Names]')), 'b');
    assert.deepEqual(valueOf(resolveYaml("!Split ['/', 'x/y']")), ['x', 'y']);
    assert.equal(valueOf(resolveYaml('!FindInMap [Env, !Ref Stage, Topic]')), 'live');
  });

  it('Fn::GetAtt Arn of a role named in the template; other attributes are unknown', () => {
    assert.equal(valueOf(resolveYaml('!GetAtt NamedRole.Arn')), 'arn:aws:iam::123456789012:role/app-auth');
    assert.match(String(valueOf(resolveYaml('!GetAtt UnnamedRole.Arn'))), /^unknown: /);
    assert.match(String(valueOf(resolveYaml('!GetAtt Pool.Name'))), /^unknown: Fn::GetAtt Pool\.Name/);
  });

  it('Fn::If follows a condition the template decides, and is unknown otherwise; AWS::NoValue removes the value', () => {
    assert.equal(valueOf(resolveYaml('!If [IsProd, live, test]')), 'live');
    assert.equal(valueOf(resolveYaml('!If [IsDev, live, test]')), 'test');
    assert.equal(valueOf(resolveYaml('!If [Unknowable, a, b]')), 'unknown: Fn::If Unknowable (a condition the template does not decide)');
    assert.deepEqual(valueOf(resolveYaml("[a, !If [IsProd, !Ref 'AWS::NoValue', b]]")), ['a']);
    assert.equal(
      valueOf(resolveYaml('!ImportValue shared-arn')),
      'unknown: Fn::ImportValue shared-arn (an output another stack exports, which this tool does not read)',
    );
  });

  it('says how to write a policy variable inside Fn::Sub instead of taking it for a reference', () => {
    assert.equal(
      valueOf(resolveYaml("!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:client/${cognito-identity.amazonaws.com:sub}'")),
      'unknown: ${cognito-identity.amazonaws.com:sub} inside Fn::Sub, which CloudFormation takes for a reference and rejects (write ${!cognito-identity.amazonaws.com:sub} for the policy variable)',
    );
    assert.equal(valueOf(resolveYaml("!Sub 'client/${!iot:ClientId}'")), 'client/${iot:ClientId}');
  });

  it('reads the JSON long forms the same as the YAML short forms', () => {
    const json = parseJsonTemplate(
      '{"v": {"Fn::Sub": "arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:client/${!iot:ClientId}"}, "w": {"Fn::GetAtt": "NamedRole.Arn"}}',
    ).root;
    assert.equal(valueOf(resolveValue(entry(json, 'v')!, context)), 'arn:aws:iot:us-east-1:123456789012:client/${iot:ClientId}');
    assert.equal(valueOf(resolveValue(entry(json, 'w')!, context)), 'arn:aws:iam::123456789012:role/app-auth');
  });

  it('reports YAML errors and unknown tags with their position instead of guessing', () => {
    assert.match(parseYamlTemplate('a: !Bogus x').errors[0]?.message ?? '', /unknown tag !Bogus/);
    assert.equal(parseYamlTemplate('a: [unclosed').errors.length, 1);
  });
});

describe('hostile templates stay bounded', function () {
  this.timeout(60_000);

  it('a YAML alias bomb is refused with a message, not expanded', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    const parsed = parseYamlTemplate(`${lines.join('\n')}\nResources: *a11\n`);
    assert.equal(parsed.root, undefined);
    assert.match(parsed.errors[0].message, /more than 1,000,000 values once aliases are expanded/);
  });
});
