import { strict as assert } from 'node:assert';
import type { CheckReport } from '../../analyzer';
import { checkTemplateText, positionOf, SINGLE_FILE_RULES } from './helpers';

/** Each finding as `line:column ruleId`, with whether it carries a quick fix. */
const placedWithFix = (report: CheckReport) => report.findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId}${f.fix ? ' (fix)' : ''}`);

/** The tester's sub-block-positions: a policy written as JSON in a `!Sub |` block scalar. */
const SUB_BLOCK = `Resources:
  UserIotPolicy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument: !Sub |
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": "iot:Connect",
              "Resource": "arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:client/\${!iot:ClientId}" },
            { "Effect": "Allow", "Action": "iot:Publsh", "Resource": "arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/x" }
          ]
        }
`;

describe('findings inside a multi-line Fn::Sub point at the element, not at the function', () => {
  it('a `!Sub |` block scalar: each string as a whole, at its element inside the block (sub-block-positions)', () => {
    const report = checkTemplateText(SUB_BLOCK, 'template.yaml', SINGLE_FILE_RULES);
    // The client ID is not scoped per identity: the substituted string is placed as a whole, without a quick fix
    // (what is written there is not the value: the fix's ${iot:ClientId} would have to be ${!…} inside Sub).
    assert.deepEqual(placedWithFix(report), [
      `${positionOf(SUB_BLOCK, '"arn:aws:iot:${AWS::Region}:${AWS::AccountId}:client/')} client-id-spoofing`,
      `${positionOf(SUB_BLOCK, '"iot:Publsh"')} unknown-action`,
    ]);
    const withAppRules = checkTemplateText(SUB_BLOCK);
    const takeover = withAppRules.findings.find((f) => f.ruleId === 'app-client-id-takeover')!;
    assert.equal(`${takeover.range.start.line}:${takeover.range.start.column}`, positionOf(SUB_BLOCK, '"arn:aws:iot:${AWS::Region}:${AWS::AccountId}:client/'));
    // The whole string, up to its closing quote: what is written there is not the value, so no quick fix edits it.
    assert.equal(takeover.range.end.column - takeover.range.start.column, '"arn:aws:iot:${AWS::Region}:${AWS::AccountId}:client/${!iot:ClientId}"'.length);
    assert.equal(takeover.fix, undefined);
  });

  it('the long form `Fn::Sub: |`, and the [string, variables] list form', () => {
    const longForm = SUB_BLOCK.replace('PolicyDocument: !Sub |', 'PolicyDocument:\n        Fn::Sub: |').replace(/\n {8}(?=[{}" ])/g, '\n          ');
    assert.deepEqual(placedWithFix(checkTemplateText(longForm, 'template.yaml', SINGLE_FILE_RULES)), [
      `${positionOf(longForm, '"arn:aws:iot:${AWS::Region}:${AWS::AccountId}:client/')} client-id-spoofing`,
      `${positionOf(longForm, '"iot:Publsh"')} unknown-action`,
    ]);
    const list = `Resources:
  UserIotPolicy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument: !Sub
        - |
          { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "iot:Publsh", "Resource": "arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/\${Root}/x" }] }
        - { Root: devices }
`;
    assert.deepEqual(placedWithFix(checkTemplateText(list, 'template.yaml', SINGLE_FILE_RULES)), [`${positionOf(list, '"iot:Publsh"')} unknown-action`]);
  });

  it('a JSON template whose Fn::Sub string has escapes (\\n, \\"): at the element inside the string', () => {
    const document =
      '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "iot:Publsh", "Resource": "arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/x" }]\n}';
    const text = `{"Resources": {"P": {"Type": "AWS::IoT::Policy", "Properties": {"PolicyDocument": {"Fn::Sub": ${JSON.stringify(document)}}}}}}`;
    const report = checkTemplateText(text, 'template.json', SINGLE_FILE_RULES);
    assert.deepEqual(placedWithFix(report), [`${positionOf(text, '\\"iot:Publsh')} unknown-action`]);
  });

  it('a Sub whose text a Serverless variable changed is placed at the function, never guessed inside it', () => {
    const text = `service: s
provider: { name: aws }
custom: { action: 'iot:Publsh' }
resources:
  Resources:
    P:
      Type: AWS::IoT::Policy
      Properties:
        PolicyDocument: !Sub |
          { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "\${self:custom.action}", "Resource": "arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/x" }] }
`;
    const report = checkTemplateText(text, 'serverless.yml', SINGLE_FILE_RULES, 'serverless');
    assert.deepEqual(placedWithFix(report), [`${positionOf(text, '|')} unknown-action`]);
  });
});
