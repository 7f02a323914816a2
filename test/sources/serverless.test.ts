import { strict as assert } from 'node:assert';
import { readTemplateFile } from '../../analyzer/sources/read-template-file';
import { checkTemplateText, placed, positionOf } from './helpers';

const noFiles = { readFile: () => undefined, resolve: (_from: string, reference: string) => reference };

const SERVICE = `service: chat
provider:
  name: aws
  stage: \${opt:stage, 'prod'}
  iam:
    role:
      statements:
        - Effect: Allow
          Action: iot:Publsh
          Resource: arn:aws:iot:\${aws:region}:\${aws:accountId}:topic/\${self:custom.root}/\${sls:stage}/\${iot:ClientId}
        - Effect: Allow
          Action: iot:Connect
          Resource: \${ssm:/chat/client-arn}
custom:
  root: rooms
`;

describe('Serverless source', () => {
  const report = checkTemplateText(SERVICE, 'serverless.yml', {}, 'serverless');

  it('makes provider.iam.role.statements the Lambda role, findings at their lines in serverless.yml', () => {
    assert.deepEqual(
      report.files.map((f) => f.name),
      ['IamRoleLambdaExecution.Policies[provider.iam.role.statements]'],
    );
    assert.ok(placed(report).includes(`${positionOf(SERVICE, 'iot:Publsh')} unknown-action`), placed(report).join('\n'));
  });

  it('resolves ${self:…}, stage and ${aws:…} variables, keeps IAM variables, and leaves variables the file does not give unknown', () => {
    const unresolved = report.findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.equal(unresolved.length, 1);
    assert.match(unresolved[0].message, /the Serverless variable \$\{ssm:\/chat\/client-arn\}/);
    assert.equal(`${unresolved[0].range.start.line}:${unresolved[0].range.start.column}`, positionOf(SERVICE, '${ssm:'));
    // No unknown-variable finding: ${iot:ClientId} stays an IAM policy variable; the rest resolved.
    assert.ok(!report.findings.some((f) => f.ruleId === 'unknown-variable'), placed(report).join('\n'));
    assert.ok(report.notes.some((n) => n.includes('${aws:accountId}, ${aws:region} taken as')));
  });

  it("leaves ${env:…} and ${ssm:…} unknown even with a fallback: the deploy decides whether it applies (tester's cfn-ssm-parameter-and-dynamic-ref)", () => {
    const text = `service: chat
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: iot:Publish
          Resource: arn:aws:iot:us-east-1:123456789012:topic/\${env:TOPIC, 'news'}
        - Effect: Allow
          Action: iot:Subscribe
          Resource: arn:aws:iot:us-east-1:123456789012:topicfilter/\${ssm:/chat/filter, 'news'}
        - Effect: Allow
          Action: iot:Receive
          Resource: arn:aws:iot:us-east-1:123456789012:topic/\${opt:topic, 'news'}
`;
    const unresolved = checkTemplateText(text, 'serverless.yml', {}, 'serverless').findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.deepEqual(
      unresolved.map((f) => `${f.range.start.line}:${f.range.start.column}`),
      [positionOf(text, 'arn:aws:iot:us-east-1:123456789012:topic/${env:'), positionOf(text, 'arn:aws:iot:us-east-1:123456789012:topicfilter/${ssm:')],
    );
    assert.match(
      unresolved[0].message,
      /the Serverless variable \$\{env:TOPIC, 'news'\} \(env at deploy time; the fallback applies only when it has no value\)/,
    );
  });

  it('resolves variables inside the values of other variables, and nested ones, as Serverless does (sls-nested-variables)', () => {
    const text = `service: lamps
provider:
  name: aws
  stage: \${opt:stage, 'dev'}
custom:
  devicePrefix: \${sls:stage}-lamp
  topics:
    dev: dev/devices
    prod: prod/devices
  loop: \${self:custom.loop}
  iot:
    statements:
      - Effect: Allow
        Action: iot:Publish
        Resource: arn:aws:iot:\${aws:region}:\${aws:accountId}:topic/\${self:custom.topics.\${sls:stage}}/*
provider2: x
resources:
  Resources:
    P:
      Type: AWS::IoT::Policy
      Properties:
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - { Effect: Allow, Action: iot:UpdateThingShadow, Resource: 'arn:aws:iot:\${aws:region}:\${aws:accountId}:thing/\${self:custom.devicePrefix}-*' }
            - { Effect: Allow, Action: iot:Publish, Resource: 'arn:aws:iot:\${aws:region}:\${aws:accountId}:topic/\${self:custom.topics.\${sls:stage}}/\${iot:ClientId}' }
            - { Effect: Allow, Action: iot:Connect, Resource: 'arn:aws:iot:\${aws:region}:\${aws:accountId}:client/\${self:custom.loop}' }
`;
    const report = checkTemplateText(text, 'serverless.yml', {}, 'serverless');
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.message.split(';')[0]}`).filter((f) => /unknown-variable|unresolved-value/.test(f)),
      ['unresolved-value P: Allow statement depends on the Serverless variable ${self:custom.loop} (it refers to itself), which the files do not give'],
    );
    const document = JSON.stringify(readTemplateFile({ path: 'serverless.yml', text, format: 'serverless' }, noFiles).policies[0].document);
    assert.ok(document.includes('"arn:aws:iot:us-east-1:123456789012:thing/dev-lamp-*"'), document);
    assert.ok(document.includes('"arn:aws:iot:us-east-1:123456789012:topic/dev/devices/${iot:ClientId}"'), document);
  });

  it('reads the older provider.iamRoleStatements', () => {
    const old = checkTemplateText(
      'service: x\nprovider:\n  name: aws\n  iamRoleStatements:\n    - { Effect: Allow, Action: iot:Publsh, Resource: "*" }\n',
      'serverless.yml',
      {},
      'serverless',
    );
    assert.deepEqual(
      old.findings.map((f) => f.ruleId).filter((id) => id === 'unknown-action'),
      ['unknown-action'],
    );
  });
});
