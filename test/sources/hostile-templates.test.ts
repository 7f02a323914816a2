import { strict as assert } from 'node:assert';
import { checkTemplateText, placed, positionOf, unreadFiles } from './helpers';

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

/** The tester's hostile-string-blowup-cfn, scaled by `size`: a long scalar aliased `copies` times in a !Join, that list joined `joins` times. */
function stringBomb(size: number, copies: number, joins: number): string {
  const aliases = Array.from({ length: copies }, () => '*big').join(', ');
  const joined = Array.from({ length: joins }, () => "!Join ['', *l1]").join(', ');
  return `Mappings:
  M:
    K:
      V: &big ${'x'.repeat(size)}
      L: &l1 [${aliases}]
Resources:
  P:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Publish, Resource: !Join ['', [${joined}]] }] }
`;
}

describe('hostile templates: bounded time and memory, refused at the place with a message', function () {
  this.timeout(60_000);

  it('refuses aliases of a long value that expand past the budget (hostile-string-blowup-cfn)', () => {
    const started = process.cpuUsage();
    const report = checkTemplateText(stringBomb(100_000, 60, 100));
    const cpu = process.cpuUsage(started);
    assert.deepEqual(unreadFiles(report), ['template.yaml']);
    assert.equal(report.files.length, 0, 'nothing of a refused template is read');
    assert.deepEqual(
      report.findings.map((f) => `${f.range.file} ${f.ruleId} ${f.message}`),
      ['template.yaml invalid-template more than 16,777,216 characters once aliases are expanded; not read'],
    );
    // Far below what building the strings took (seconds, hundreds of MB): the budget stops it early.
    assert.ok(cpu.user + cpu.system < 5_000_000, `CPU ${cpu.user + cpu.system} µs`);
  });

  it('refuses functions that build a huge string from a long value (Fn::FindInMap in Fn::Join), at the function', () => {
    const text = `Mappings:\n  M:\n    K:\n      V: ${'x'.repeat(100_000)}\nResources:\n  P:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: iot:Publish\n            Resource: !Join ['', [${Array(200).fill('!FindInMap [M, K, V]').join(', ')}]]\n`;
    const report = checkTemplateText(text);
    assert.deepEqual(unreadFiles(report), ['template.yaml']);
    assert.deepEqual(
      placed(report).map((p) => `${p} ${report.findings[0].message}`),
      [
        `${positionOf(text, "['', [!FindInMap")} invalid-template its values build more than 16,777,216 characters (a long value repeated by aliases, functions or variables); not read`,
      ],
    );
  });

  it('refuses a template nested deeper than the YAML parser can follow, saying so (not "Maximum call stack size exceeded")', () => {
    const text = `Resources:\n  P:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument:\n        x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    const report = checkTemplateText(text);
    assert.deepEqual(unreadFiles(report), ['template.yaml']);
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.message}`),
      ['invalid-template invalid YAML: nested too deeply to be a template (over 100 levels)'],
    );
  });

  it('reads a template of ordinary size with aliases, joins and substitutions as before', () => {
    const report = checkTemplateText(stringBomb(100, 3, 3));
    assert.deepEqual(unreadFiles(report), []);
    assert.equal(report.files.length, 1);
  });
});
