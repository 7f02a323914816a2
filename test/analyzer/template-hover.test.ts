import { strict as assert } from 'node:assert';
import { checkTemplateFile, editorDocuments, LanguageService, ResolvedConfig, type FileHost, type HoverInfo } from '../../analyzer';

const SUB = '${cognito-identity.amazonaws.com:sub}';
const noFiles: FileHost = { readFile: () => undefined, resolve: (_from, reference) => reference };

/** The hover at the `delta`-th character of the `occurrence`-th `needle` of a template, as the editor asks for it. */
function hoverIn(file: string, text: string, needle: string, delta = 1, occurrence = 0, host: FileHost = noFiles): { hover?: HoverInfo; covered?: string } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.notEqual(at, -1, `${needle} not in ${file}`);
  const service = new LanguageService(editorDocuments(() => ({ host })));
  const hover = service.document({ uri: file, version: 1, file, getText: () => text }).hover(at + delta);
  return { hover, covered: hover && text.slice(hover.offset, hover.offset + hover.length) };
}

/** A CloudFormation template with one IoT policy of one statement (a YAML flow map). */
const iotPolicyTemplate = (statement: string) =>
  [
    'Resources:',
    '  P:',
    '    Type: AWS::IoT::Policy',
    '    Properties:',
    '      PolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    `          - ${statement}`,
    '',
  ].join('\n');

describe('hovers on policy elements inside templates', () => {
  describe('CloudFormation YAML', () => {
    const template = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Parameters:',
      '  Verbs: { Type: CommaDelimitedList, Default: "iot:Publish,iot:Receive" }',
      '  Secret: { Type: String }',
      'Resources:',
      '  UserIotPolicy:',
      '    Type: AWS::IoT::Policy',
      '    Properties:',
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Action: [iot:Connect, iot:Subscribe]',
      `            Resource: arn:aws:iot:us-east-1:123456789012:client/${SUB}`,
      '            Condition:',
      '              StringEquals:',
      "                'iot:ConnectAttributes': PersistentConnect",
      '          - Effect: Deny',
      '            Action: !Ref Verbs',
      "            Resource: !Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/users/${!cognito-identity.amazonaws.com:sub}/*'",
      '          - Effect: Allow',
      '            Action: iot:Publish',
      '            Resource:',
      '              - Fn::Sub:',
      "                  - 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/${Root}/${!iot:ClientId}'",
      '                  - Root: rooms',
      '              - !Ref Secret',
      '',
    ].join('\n');
    const hover = (needle: string, delta?: number, occurrence?: number) => hoverIn('template.yaml', template, needle, delta, occurrence);

    it('explains an action in a flow sequence, over that action only', () => {
      const { hover: h, covered } = hover('iot:Subscribe');
      assert.equal(covered, 'iot:Subscribe');
      assert.match(h!.markdown, /^\*\*iot:Subscribe\*\* — Subscribe with a topic filter/);
      assert.match(h!.markdown, /both the role and an attached IoT policy must allow it/);
    });

    it('explains the effect, the condition operator and the condition key, as in a JSON policy', () => {
      const allow = hover('Effect: Allow', 9);
      assert.equal(allow.covered, 'Allow');
      assert.match(allow.hover!.markdown, /^\*\*Allow\*\* — the statement grants/);
      assert.match(hover('Effect: Deny', 9).hover!.markdown, /^\*\*Deny\*\* — an explicit deny/);
      const operator = hover('StringEquals');
      assert.equal(operator.covered, 'StringEquals');
      assert.match(operator.hover!.markdown, /^\*\*StringEquals\*\* — /);
      const key = hover('iot:ConnectAttributes');
      assert.equal(key.covered, "'iot:ConnectAttributes'");
      assert.match(key.hover!.markdown, /^\*\*iot:ConnectAttributes\*\* \(multi-valued string\)/);
    });

    it('shows a policy variable in a plain scalar over the variable, and the ARN around it elsewhere', () => {
      const variable = hover(SUB, 3);
      assert.equal(variable.covered, SUB);
      assert.match(variable.hover!.markdown, /\| authenticated \| the caller's identity ID/);
      const arn = hover('arn:aws:iot:us-east-1', 3);
      assert.equal(arn.covered, `arn:aws:iot:us-east-1:123456789012:client/${SUB}`);
      assert.match(arn.hover!.markdown, /\| resource type \| `client` \|/);
      assert.doesNotMatch(arn.hover!.markdown, /Resolved from the template/, 'written as is');
    });

    it('reads a !Sub flow scalar: ${!x} is the policy variable x; ${AWS::Region} shows the ARN as resolved', () => {
      const variable = hover('${!cognito', 4);
      assert.equal(variable.covered, '${!cognito-identity.amazonaws.com:sub}');
      assert.match(variable.hover!.markdown, /^\*\*\$\{cognito-identity\.amazonaws\.com:sub\}\*\* — /);
      const region = hover('${AWS::Region}', 3);
      assert.equal(region.covered, "'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/users/${!cognito-identity.amazonaws.com:sub}/*'");
      assert.match(
        region.hover!.markdown,
        /^Resolved from the template: `arn:aws:iot:us-east-1:123456789012:topic\/users\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*`/,
      );
      assert.match(region.hover!.markdown, /\| region \| `us-east-1` \|/);
    });

    it('reads the long Fn::Sub form with its variable map', () => {
      const variable = hover('${!iot:ClientId}', 4);
      assert.equal(variable.covered, '${!iot:ClientId}');
      assert.match(variable.hover!.markdown, /^\*\*\$\{iot:ClientId\}\*\* — The MQTT client ID/);
      assert.match(hover('${Root}', 2).hover!.markdown, /^Resolved from the template: `arn:aws:iot:us-east-1:123456789012:topic\/rooms\/\$\{iot:ClientId\}`/);
    });

    it('describes every action a list parameter gives, over the !Ref', () => {
      // The YAML scalar after its tag: where CloudFormation's value is.
      const { hover: h, covered } = hover('!Ref Verbs', 6);
      assert.equal(covered, 'Verbs');
      const parts = h!.markdown.split('\n\n---\n\n');
      assert.equal(parts.length, 2);
      assert.match(parts[0], /^Resolved from the template: `iot:Publish`\n\n\*\*iot:Publish\*\* — /);
      assert.match(parts[1], /^Resolved from the template: `iot:Receive`\n\n\*\*iot:Receive\*\* — /);
    });

    it('says a value the files do not give is unknown, and that its statement is left out', () => {
      const unknown = hover('!Ref Secret', 6);
      assert.equal(unknown.covered, 'Secret');
      // Text from the file is escaped (markdown.ts): `\(` shows as `(`.
      assert.match(
        unknown.hover!.markdown,
        /^\*\*Unknown value\*\* — it depends on Ref Secret \\\(a parameter without a Default\\\), which the files do not give/,
      );
      const action = hover('Action: iot:Publish', 9);
      assert.equal(action.covered, 'iot:Publish');
      assert.match(action.hover!.markdown, /This statement is left out of the analysis: it depends on Ref Secret \\\(a parameter without a Default\\\)/);
    });

    it('has nothing to say outside policy elements', () => {
      assert.equal(hover("'2012-10-17'").hover, undefined);
      assert.equal(hover('Type: AWS::IoT::Policy', 8).hover, undefined);
      assert.equal(hover('CommaDelimitedList').hover, undefined);
    });
  });

  it('CloudFormation JSON with the PolicyDocument as a JSON string: elements inside the string', () => {
    const inner = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `arn:aws:iot:us-east-1:123456789012:topicfilter/users/${SUB}/*` }],
    });
    const template = JSON.stringify({ Resources: { P: { Type: 'AWS::IoT::Policy', Properties: { PolicyDocument: inner } } } }, null, 2);
    const hover = (needle: string, delta?: number) => hoverIn('template.json', template, needle, delta);
    const action = hover('iot:Subscribe');
    assert.equal(action.covered, 'iot:Subscribe');
    assert.match(action.hover!.markdown, /^\*\*iot:Subscribe\*\* — /);
    const variable = hover(SUB, 5);
    assert.equal(variable.covered, SUB);
    assert.match(variable.hover!.markdown, /^\*\*\$\{cognito-identity\.amazonaws\.com:sub\}\*\* — /);
    const arn = hover('topicfilter/users');
    assert.equal(arn.covered, `arn:aws:iot:us-east-1:123456789012:topicfilter/users/${SUB}/*`);
    assert.equal(hover('Allow').covered, 'Allow');
  });

  it('a document shipped by AWS has no element under the cursor; one computed by Fn::Sub of JSON has its elements where they are written', () => {
    const template = JSON.stringify(
      {
        Resources: {
          P: {
            Type: 'AWS::IoT::Policy',
            Properties: {
              PolicyDocument: {
                'Fn::Sub':
                  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"arn:aws:iot:${AWS::Region}:1:client/x"}]}',
              },
            },
          },
          R: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSIoTDataAccess'] } },
        },
      },
      null,
      2,
    );
    const action = hoverIn('template.json', template, 'iot:Connect');
    assert.equal(action.covered, 'iot:Connect');
    assert.match(action.hover!.markdown, /iot:Connect/);
    assert.equal(hoverIn('template.json', template, 'AWSIoTDataAccess').hover, undefined);
  });

  it('Serverless provider.iam.role.statements: Serverless variables resolved, policy variables as written', () => {
    const service = [
      'service: app',
      'provider:',
      '  name: aws',
      '  iam:',
      '    role:',
      '      statements:',
      '        - Effect: Allow',
      '          Action:',
      '            - iot:Connect',
      `          Resource: arn:aws:iot:\${aws:region}:\${aws:accountId}:client/${SUB}`,
      '',
    ].join('\n');
    const hover = (needle: string, delta?: number) => hoverIn('serverless.yml', service, needle, delta);
    assert.equal(hover('iot:Connect').covered, 'iot:Connect');
    assert.match(hover('iot:Connect').hover!.markdown, /^\*\*iot:Connect\*\* — /);
    const variable = hover(SUB, 5);
    assert.equal(variable.covered, SUB);
    assert.match(variable.hover!.markdown, /^\*\*\$\{cognito-identity\.amazonaws\.com:sub\}\*\* — /);
    const region = hover('${aws:region}', 3);
    assert.equal(region.covered, `arn:aws:iot:\${aws:region}:\${aws:accountId}:client/${SUB}`);
    assert.match(
      region.hover!.markdown,
      /^Resolved from the template: `arn:aws:iot:us-east-1:123456789012:client\/\$\{cognito-identity\.amazonaws\.com:sub\}`/,
    );
  });

  describe('Terraform', () => {
    const module = [
      'resource "aws_iot_policy" "user" {',
      '  name = "user"',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect   = "Allow"',
      '      Action   = ["iot:Publish"]',
      '      Resource = "arn:aws:iot:us-east-1:123456789012:topic/users/$${cognito-identity.amazonaws.com:sub}/*"',
      '    }]',
      '  })',
      '}',
      'data "aws_iam_policy_document" "auth" {',
      '  statement {',
      '    actions   = ["iot:Connect"]',
      '    resources = ["arn:aws:iot:us-east-1:123456789012:client/&{cognito-identity.amazonaws.com:sub}"]',
      '    condition {',
      '      test     = "Bool"',
      '      variable = "aws:SecureTransport"',
      '      values   = ["true"]',
      '    }',
      '  }',
      '  statement {',
      '    effect  = "Deny"',
      '    actions = ["iot:Receive"]',
      '    resources = ["arn:aws:iot:us-east-1:123456789012:topic/admin/*"]',
      '  }',
      '}',
      'resource "aws_iam_role" "auth" {',
      '  name = "auth"',
      '  inline_policy {',
      '    name   = "iot"',
      '    policy = data.aws_iam_policy_document.auth.json',
      '  }',
      '}',
      '',
    ].join('\n');
    const hover = (needle: string, delta?: number) => hoverIn('main.tf', module, needle, delta);

    it('jsonencode({...}): actions, effects and $${…} policy variables', () => {
      const action = hover('iot:Publish');
      assert.equal(action.covered, 'iot:Publish');
      assert.match(action.hover!.markdown, /^\*\*iot:Publish\*\* — /);
      assert.equal(hover('"Allow"').covered, 'Allow');
      const variable = hover('$${cognito', 5);
      assert.equal(variable.covered, '$${cognito-identity.amazonaws.com:sub}');
      assert.match(variable.hover!.markdown, /^\*\*\$\{cognito-identity\.amazonaws\.com:sub\}\*\* — /);
    });

    it('data "aws_iam_policy_document": actions, &{…} variables, condition test and variable, effect', () => {
      assert.equal(hover('iot:Connect').covered, 'iot:Connect');
      const variable = hover('&{cognito', 5);
      assert.equal(variable.covered, '&{cognito-identity.amazonaws.com:sub}');
      assert.match(variable.hover!.markdown, /^\*\*\$\{cognito-identity\.amazonaws\.com:sub\}\*\* — /);
      const operator = hover('"Bool"');
      assert.equal(operator.covered, '"Bool"');
      assert.match(operator.hover!.markdown, /^\*\*Bool\*\* — /);
      const key = hover('"aws:SecureTransport"');
      assert.equal(key.covered, '"aws:SecureTransport"');
      assert.match(key.hover!.markdown, /^\*\*aws:SecureTransport\*\*/);
      assert.equal(hover('"Deny"').covered, 'Deny');
      assert.match(hover('"Deny"').hover!.markdown, /^\*\*Deny\*\* — an explicit deny/);
      // The first statement's Effect is Terraform's default: it is written nowhere, so nothing there is an Effect.
      assert.equal(hover('statement {').hover, undefined);
    });
  });

  describe('completion inside templates, where it is exact', () => {
    const complete = (file: string, text: string, needle: string, delta: number) =>
      new LanguageService(editorDocuments(() => ({ host: noFiles })))
        .document({ uri: file, version: 1, file, getText: () => text })
        .completions(text.indexOf(needle) + delta);
    const template = iotPolicyTemplate("{ Effect: Allow, Action: iot:Pu, Resource: !Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/a' }");

    it('offers every action for an action written as is, replacing it whole', () => {
      const completions = complete('t.yaml', template, 'iot:Pu', 6)!;
      assert.equal(template.slice(completions.replace.offset, completions.replace.offset + completions.replace.length), 'iot:Pu');
      assert.ok(completions.items.some((i) => i.insertText === 'iot:Publish' && i.detail === 'AWS IoT data plane'));
    });

    it('offers nothing where the value is computed or is not an action (no ${…} guessed into !Sub)', () => {
      assert.equal(complete('t.yaml', template, 'topic/a', 3), undefined);
      assert.equal(complete('t.yaml', template, 'Effect: Allow', 9), undefined);
    });
  });

  describe('the template document of an editor', () => {
    const template = iotPolicyTemplate('{ Effect: Allow, Action: iot:Connect, Resource: !Sub "arn:aws:iot:${AWS::Region}:${AWS::AccountId}:client/${Id}" }');

    it('is read once per check; hovers of that version reuse the reading (with its parameters)', () => {
      let contexts = 0;
      const service = new LanguageService(editorDocuments(() => (contexts++, { host: noFiles })));
      const opened = { uri: 't.yaml', version: 3, file: 't.yaml', getText: () => template };
      const document = service.document(opened);
      assert.equal(document.kind, 'template');
      assert.equal(document.format, 'cloudformation');
      if (document.kind !== 'template') return;
      // The check reads with the config's parameters; hovers then see `Id` as given, without reading again.
      const reading = document.read({ host: noFiles, parameters: { Id: 'device-1' } });
      const findings = checkTemplateFile(
        { path: 't.yaml', configPath: 't.yaml', text: template, role: 'template', format: 'cloudformation', reading },
        { config: new ResolvedConfig({ parameters: { Id: 'device-1' } }), host: noFiles },
      ).findings;
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        [],
      );
      const hover = service.document(opened).hover(template.indexOf('${Id}') + 2)!;
      assert.match(hover.markdown, /^Resolved from the template: `arn:aws:iot:us-east-1:123456789012:client\/device-1`/);
      assert.equal(contexts, 0, 'no reading of its own');
    });

    it('reads on its own, in its project, when asked before any check', () => {
      const service = new LanguageService(editorDocuments(() => ({ host: noFiles })));
      const hover = service.document({ uri: 't.yaml', version: 1, file: 't.yaml', getText: () => template }).hover(template.indexOf('${Id}') + 2)!;
      assert.match(hover.markdown, /^\*\*Unknown value\*\* — it depends on Ref Id \\\(not defined in this template\\\)/);
    });

    it('keeps JSON policies as policy documents', () => {
      const service = new LanguageService(editorDocuments(() => ({ host: noFiles })));
      const policy = '{ "Version": "2012-10-17", "Statement": [] }';
      const document = service.document({ uri: 'p.json', version: 1, file: 'p.json', getText: () => policy });
      assert.equal(document.kind, 'policy');
      assert.equal(document.format, 'policy');
    });
  });
});
