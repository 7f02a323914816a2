import { strict as assert } from 'node:assert';
import { parseHcl } from '../../analyzer/sources/terraform/hcl-parser';
import { runCli, runMeasuredCli, tempProject } from '../cli/run-cli';
import { analysedDocument, checkModule, GUEST_POOL } from './terraform-helpers';

const policy = (resource: string, extra = '') => `${extra}
resource "aws_iot_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iot:Publish", Resource = ${resource} }] })
}
`;
const resourcesOf = (text: string) =>
  (analysedDocument({ 'main.tf': text }, 'aws_iot_policy.p') as { Statement: Array<{ Resource: unknown }> }).Statement[0].Resource;
const TOPIC = 'arn:aws:iot:us-east-1:123456789012:topic';

describe('Terraform expressions', function () {
  this.timeout(60_000);

  it('parses every expression of valid Terraform the tester found rejected: -1, !x, [*], { (k) = v }, for, conditionals', () => {
    const text = `locals {
  a = -1
  b = !var.flag
  c = one(aws_iam_role.guest[*].id)
  d = aws_iam_role.guest.*.arn
  e = { (local.k) = "v" }
  f = { for k, v in var.m : k => v... if v != "" }
  g = [for x in var.l : upper(x)]
  h = var.flag ? "a" : "b"
  i = "\${~ local.k ~}/%{ if true }x%{ endif }"
  j = var.list.0
  k = (1 + 2) * 3 >= 9 && !false || null == null
  l = concat(local.g, ["x"]...)
  m = provider::aws::arn_parse("arn:aws:iam::123456789012:role/x")
  ü = "unicode names"
}
`;
    const body = parseHcl(text);
    assert.deepEqual(
      body.blocks[0].body.attributes.map((a) => a.value.kind),
      ['unary', 'unary', 'call', 'splat', 'object', 'for', 'for', 'conditional', 'template', 'traversal', 'binary', 'call', 'call', 'template'],
    );
  });

  it('evaluates what the files decide: for expressions, conditionals, operators, functions, templates with strip markers', () => {
    const extra = `variable "families" {
  default = ["lamp", "lock", "lamp"]
}
locals {
  topics = [for f in toset(var.families) : "${TOPIC}/\${f}/*" if f != "lock"]
  many   = length(var.families) > 2 ? "many" : "few"
  keyed  = { (local.name) = upper(local.name) }
  name   = "x"
  groups = { for f in var.families : f => f... }
}
`;
    assert.deepEqual(resourcesOf(policy('local.topics', extra)), [`${TOPIC}/lamp/*`]);
    assert.deepEqual(
      resourcesOf(policy(`"${TOPIC}/\${length(local.groups.lamp)}/\${length(distinct(var.families))}/\${join("-", keys(local.groups))}"`, extra)),
      `${TOPIC}/2/2/lamp-lock`,
    );
    assert.equal(resourcesOf(policy(`"${TOPIC}/\${local.many}/\${local.keyed.x}/\${~ "y" ~}/\${-1 + 3 * 2}"`, extra)), `${TOPIC}/many/X/y/5`);
  });

  it('links a role through a splat (one(aws_iam_role.guest[*].id)) and checks its policy with the guest kind', () => {
    const text = `${GUEST_POOL}resource "aws_iam_role_policy" "guest" {
  role = one(aws_iam_role.guest[*].id)
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iot:*", Resource = "*" }]
  })
}
`;
    assert.deepEqual(
      checkModule({ 'main.tf': text }).files.map((f) => [f.name, f.kind]),
      [['aws_iam_role_policy.guest', 'unauth-role']],
    );
  });

  it('a value the files do not give stays unknown (a conditional on an undecided variable), never guessed', () => {
    const unresolved = checkModule({ 'main.tf': policy(`var.wide ? "*" : "${TOPIC}/a"`, 'variable "wide" {}\n') }).findings.filter(
      (f) => f.ruleId === 'unresolved-value',
    );
    assert.equal(unresolved.length, 1);
    assert.match(unresolved[0].message, /Allow statement depends on var\.wide \(no default/);
  });

  it('a file that does not parse is reported at its line and column with exit 2, never as "nothing to check"', () => {
    const dir = tempProject({ 'infra/main.tf': 'resource "aws_iot_policy" "p" {\n  name = "p"\n  policy = jsonencode({ Version = "2012-10-17" }\n}\n' });
    const result = runCli(['check', 'infra'], dir);
    assert.equal(result.status, 2, result.stdout + result.stderr);
    assert.match(result.stdout, /^infra\/main\.tf:4:1 error invalid-template invalid HCL: expected \), found "}"$/m);
    assert.match(result.stderr, /^infra\/main\.tf:4:1: invalid HCL: expected \), found "}"; nothing in this file was checked \(exit code 2\)$/m);
    assert.doesNotMatch(result.stderr, /nothing to check/);
  });

  it('a template whose only policy is a string that is not JSON is reported, not "nothing to check"', () => {
    const dir = tempProject({
      'template.yaml': 'Resources:\n  P:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument: "literal string not json"\n',
    });
    const result = runCli(['check', '.'], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^template\.yaml:5:23 error invalid-template P: the policy document is a string that is not JSON$/m);
  });

  it('deep nesting (templates in interpolations, parentheses, ! and conditionals) is a syntax error where it goes too deep, never a crash', () => {
    const n = 5000;
    for (const deep of ['"${'.repeat(n) + '1' + '}"'.repeat(n), '('.repeat(n) + '1' + ')'.repeat(n), '!'.repeat(n) + 'true', 'true ? 1 : '.repeat(n) + '0']) {
      const report = checkModule({ 'main.tf': `locals {\n  x = ${deep}\n}\n` });
      assert.deepEqual(
        report.findings.map((f) => `${f.range.start.line} ${f.ruleId} ${f.message}`),
        ['2 invalid-template invalid HCL: nested too deeply'],
      );
      assert.equal(report.unread.length, 1);
    }
  });

  it('bounds the strings locals build (12 KB of locals multiplying a string): exit 2 at the local, in bounded memory', () => {
    const b = 'x'.repeat(10_000);
    const times = (name: string, n: number) => Array.from({ length: n }, () => `\${local.${name}}`).join('');
    const text = `locals {\n  b = "${b}"\n  a = "${times('b', 100)}"\n  c = "${times('a', 100)}"\n  d = "${times('c', 6)}"\n}\n${policy('"arn:aws:iot:us-east-1:123456789012:client/${local.d}"')}`;
    const dir = tempProject({ 'main.tf': text });
    const result = runMeasuredCli(['check', '.'], dir);
    assert.equal(result.status, 2, result.stderr);
    assert.match(
      result.stdout,
      /^main\.tf:4:7 error invalid-template a value of more than 1,048,576 characters \(no policy is near that size\): the module is not read$/m,
    );
    assert.doesNotMatch(result.stderr, /internal error|Invalid string length/);
    assert.ok(result.usage && result.usage.maxRssKb < 512 * 1024, `peak memory ${result.usage?.maxRssKb} KB`);
  });
});
