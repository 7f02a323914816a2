import { strict as assert } from 'node:assert';
import type { CheckReport, Finding } from '../../analyzer';
import { checkTemplateText, positionOf, SINGLE_FILE_RULES } from './helpers';

/**
 * A policy written as a JSON string in a template, with a character outside the Basic Multilingual Plane
 * (😀, U+1F600: two UTF-16 units) before the finding. Offsets count UTF-16 units, as editors and SARIF do.
 */
const RESOURCE = 'arn:aws:iot:us-east-1:123456789012:topic/😀';
const DOCUMENT = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: RESOURCE, Action: 'iot:Publsh' }] });

const cloudFormation = (policyDocument: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  P:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument: ${policyDocument}
`;
const terraform = (policy: string) => `resource "aws_iot_policy" "p" {
  name   = "p"
  policy = ${policy}
}
`;

/** The unknown-action finding as `line:column-column`, with whether it carries a quick fix. */
function unknownAction(report: CheckReport): { at: string; fix: boolean; finding: Finding } {
  const findings = report.findings.filter((f) => f.ruleId === 'unknown-action');
  assert.equal(findings.length, 1, report.findings.map((f) => f.message).join('\n'));
  const { start, end } = findings[0].range;
  assert.equal(end.line, start.line);
  return { at: `${start.line}:${start.column}-${end.column}`, fix: findings[0].fix !== undefined, finding: findings[0] };
}

/** Where `written` (the finding's whole text in the file) lies, as `line:column-column`. */
function spanOf(text: string, written: string): string {
  const at = positionOf(text, written);
  return `${at}-${Number(at.split(':')[1]) + written.length}`;
}

function applyFix(text: string, finding: Finding): string {
  return [...finding.fix!.edits]
    .sort((a, b) => b.range.offset - a.range.offset)
    .reduce((t, e) => t.slice(0, e.range.offset) + e.newText + t.slice(e.range.offset + e.range.length), text);
}

/** The fix replaces exactly the misspelt action, and the template still reads with the finding gone. */
function assertFixWorks(text: string, finding: Finding, path: string, format: 'cloudformation' | 'terraform' = 'cloudformation'): void {
  const fixed = applyFix(text, finding);
  assert.equal(fixed, text.replace('"iot:Publsh"', '"iot:Publish"'));
  assert.deepEqual(
    checkTemplateText(fixed, path, SINGLE_FILE_RULES, format).findings.map((f) => f.ruleId),
    ['publish-not-scoped-per-identity'],
  );
}

describe('findings inside a policy written as a string with characters outside the BMP point at the element', () => {
  it('a YAML single-quoted string: at the element, with a quick fix that edits it', () => {
    const text = cloudFormation(`'${DOCUMENT}'`);
    const found = unknownAction(checkTemplateText(text, 'template.yaml', SINGLE_FILE_RULES));
    assert.equal(found.at, spanOf(text, '"iot:Publsh"'));
    assert.ok(found.fix);
    assertFixWorks(text, found.finding, 'template.yaml');
  });

  it('a YAML double-quoted string: at the escaped element, the closing \\" included; fixed by hand', () => {
    const text = cloudFormation(JSON.stringify(DOCUMENT));
    const found = unknownAction(checkTemplateText(text, 'template.yaml', SINGLE_FILE_RULES));
    assert.equal(found.at, spanOf(text, '\\"iot:Publsh\\"'));
    assert.ok(!found.fix);
    assert.match(found.finding.message, /\(fix by hand: Change to "iot:Publish"\)$/);
  });

  it("a YAML double-quoted string with YAML's 8-digit escape \\U0001F600", () => {
    const text = cloudFormation(JSON.stringify(DOCUMENT).replace('😀', '\\U0001F600'));
    assert.ok(text.includes('topic/\\U0001F600\\"'));
    const found = unknownAction(checkTemplateText(text, 'template.yaml', SINGLE_FILE_RULES));
    assert.equal(found.at, spanOf(text, '\\"iot:Publsh\\"'));
    assert.ok(!found.fix);
  });

  it('a YAML block scalar and a flow mapping', () => {
    const block = cloudFormation(`|\n        ${DOCUMENT}`);
    const inBlock = unknownAction(checkTemplateText(block, 'template.yaml', SINGLE_FILE_RULES));
    assert.equal(inBlock.at, spanOf(block, '"iot:Publsh"'));
    assertFixWorks(block, inBlock.finding, 'template.yaml');
    const flow = cloudFormation(DOCUMENT);
    const inFlow = unknownAction(checkTemplateText(flow, 'template.yaml', SINGLE_FILE_RULES));
    assert.equal(inFlow.at, spanOf(flow, '"iot:Publsh"'));
    assertFixWorks(flow, inFlow.finding, 'template.yaml');
  });

  it('a JSON template whose policy is an escaped JSON string', () => {
    const text = JSON.stringify({ Resources: { P: { Type: 'AWS::IoT::Policy', Properties: { PolicyDocument: DOCUMENT } } } });
    const found = unknownAction(checkTemplateText(text, 'template.json', SINGLE_FILE_RULES));
    assert.equal(found.at, spanOf(text, '\\"iot:Publsh\\"'));
    assert.ok(!found.fix);
  });

  it('a Terraform heredoc (<<EOT and <<-EOT): at the element, with a quick fix', () => {
    for (const heredoc of [`<<EOT\n${DOCUMENT}\nEOT`, `<<-EOT\n    ${DOCUMENT}\n  EOT`]) {
      const text = terraform(heredoc);
      const found = unknownAction(checkTemplateText(text, 'main.tf', SINGLE_FILE_RULES, 'terraform'));
      assert.equal(found.at, spanOf(text, '"iot:Publsh"'), heredoc.slice(0, 7));
      assert.ok(found.fix);
      assertFixWorks(text, found.finding, 'main.tf', 'terraform');
    }
  });

  it('a Terraform quoted string, raw or with the \\U0001F600 escape', () => {
    for (const emoji of ['😀', '\\U0001F600']) {
      const text = terraform(JSON.stringify(DOCUMENT).replace('😀', emoji));
      const found = unknownAction(checkTemplateText(text, 'main.tf', SINGLE_FILE_RULES, 'terraform'));
      assert.equal(found.at, spanOf(text, '\\"iot:Publsh\\"'), emoji);
      assert.ok(!found.fix);
    }
  });

  it('a Terraform source_policy_documents string of an aws_iam_policy_document, heredoc or quoted with the \\U0001F600 escape', () => {
    for (const [source, written] of [
      [`<<EOT\n${DOCUMENT}\nEOT`, '"iot:Publsh"'],
      [JSON.stringify(DOCUMENT).replace('😀', '\\U0001F600'), '\\"iot:Publsh\\"'],
    ]) {
      const text = `data "aws_iam_policy_document" "d" {\n  source_policy_documents = [\n    ${source}\n  ]\n}\n${terraform('data.aws_iam_policy_document.d.json')}`;
      const found = unknownAction(checkTemplateText(text, 'main.tf', SINGLE_FILE_RULES, 'terraform'));
      assert.equal(found.at, spanOf(text, written), source.slice(0, 5));
    }
  });
});
