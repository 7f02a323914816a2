import { strict as assert } from 'node:assert';
import { checkTemplateText, placed, positionOf } from './helpers';

describe('a policy document that is a list holding an unknown value (hostile-emitjson-crash)', () => {
  it('is an unresolved-value at the value, in CloudFormation and Terraform, never an internal error', () => {
    const cfn = 'Parameters:\n  X: {Type: String}\nResources:\n  P:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument: [!Ref X]\n';
    const tf = 'variable "x" {}\nresource "aws_iot_policy" "p" {\n  name   = "p"\n  policy = jsonencode([var.x])\n}\n';
    for (const [text, path, format, needle] of [
      [cfn, 'template.yaml', 'cloudformation', 'X]'],
      [tf, 'main.tf', 'terraform', 'var.x'],
    ] as const) {
      const report = checkTemplateText(text, path, {}, format);
      assert.deepEqual(
        placed(report).filter((p) => p.endsWith(' unresolved-value')),
        [`${positionOf(text, needle)} unresolved-value`],
      );
    }
  });
});
