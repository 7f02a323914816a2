import { strict as assert } from 'node:assert';
import { checkTemplateText, placed, positionOf } from './helpers';

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
