import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { timeCheck } from './time-check';

const STATEMENTS = 18;

/** A CloudFormation app of about 200 lines: pool, role attachment, two roles and an IoT policy. */
export function cloudFormationApp(i: number): string {
  const iotStatements = Array.from(
    { length: STATEMENTS },
    (_, s) => `          - Sid: Namespace${s}
            Effect: Allow
            Action: [iot:Publish, iot:Receive]
            Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/app${i}/area${s}/\${!cognito-identity.amazonaws.com:sub}/*'
          - Sid: Filters${s}
            Effect: Allow
            Action: iot:Subscribe
            Resource: !Join ['', ['arn:aws:iot:', !Ref 'AWS::Region', ':', !Ref 'AWS::AccountId', ':topicfilter/app${i}/area${s}/\${cognito-identity.amazonaws.com:sub}/*']]`,
  ).join('\n');
  const role = (name: string, amr: string, action: string) => `  ${name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Federated: cognito-identity.amazonaws.com }
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: { 'cognito-identity.amazonaws.com:aud': !Ref Pool }
              ForAnyValue:StringLike: { 'cognito-identity.amazonaws.com:amr': ${amr} }
      Policies:
        - PolicyName: iot
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: ${action}
                Resource: !Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:client/\${!cognito-identity.amazonaws.com:sub}'`;
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Stage: { Type: String, Default: prod }
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: true }
  Roles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles:
        authenticated: !GetAtt AuthRole.Arn
        unauthenticated: !GetAtt GuestRole.Arn
${role('AuthRole', 'authenticated', 'iot:Connect')}
${role('GuestRole', 'unauthenticated', 'iot:Connect')}
  UserPolicy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${iotStatements}
`;
}

/** A Terraform file with a role, its policy from a data document, and an IoT policy in jsonencode. */
function terraformFile(i: number): string {
  return `resource "aws_iam_role" "r${i}" {
  assume_role_policy = "{}"
}
data "aws_iam_policy_document" "d${i}" {
  statement {
    actions   = ["iot:Connect"]
    resources = ["arn:aws:iot:us-east-1:123456789012:client/&{cognito-identity.amazonaws.com:sub}"]
  }
}
resource "aws_iam_role_policy" "p${i}" {
  role   = aws_iam_role.r${i}.id
  policy = data.aws_iam_policy_document.d${i}.json
}
resource "aws_iot_policy" "i${i}" {
  name = "p${i}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iot:Publish", Resource = "arn:aws:iot:us-east-1:123456789012:topic/t${i}/$\${cognito-identity.amazonaws.com:sub}/*" },
    ]
  })
}
`;
}

/** `check` over 1,000 CloudFormation YAML templates and 500 Terraform files (issue #8's target: under 10 s). */
export function iacBenchmark(format: (n: number) => string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-bench-iac-'));
  try {
    for (let i = 0; i < 1000; i++) {
      const folder = path.join(dir, 'stacks', `app${Math.floor(i / 100)}`);
      if (i % 100 === 0) fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `app-${i}.yaml`), cloudFormationApp(i));
    }
    for (let i = 0; i < 500; i++) {
      const folder = path.join(dir, 'terraform', `module${Math.floor(i / 10)}`);
      if (i % 10 === 0) fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `file-${i}.tf`), terraformFile(i));
    }
    const lines = cloudFormationApp(0).split('\n').length;
    const { seconds, summary } = timeCheck(dir);
    console.log(
      `iot-policy-lens check over 1,000 CloudFormation YAML templates (${lines} lines each) and 500 Terraform files: ${seconds.toFixed(2)} s, ${format(summary.files)} policies (${summary.errors} errors, ${summary.warnings} warnings; target < 10 s)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
