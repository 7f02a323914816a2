import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkProject, ResolvedConfig, type CheckReport, type Finding } from '../../analyzer';
import { ROOT } from '../cli/run-cli';
import { checkTemplateText } from './helpers';

/** The text after a finding's quick fix (edits applied from the end, as an editor would). */
function applyFix(text: string, finding: Finding): string {
  return [...finding.fix!.edits]
    .sort((a, b) => b.range.offset - a.range.offset)
    .reduce((t, e) => t.slice(0, e.range.offset) + e.newText + t.slice(e.range.offset + e.range.length), text);
}

const noFiles = { readFile: () => undefined, resolve: (_from: string, reference: string) => reference };
const checkTf = (text: string): CheckReport =>
  checkProject([{ path: 'main.tf', configPath: 'main.tf', text, role: 'template', format: 'terraform' }], { config: new ResolvedConfig(), host: noFiles });

describe('quick fixes inside templates', () => {
  const sample = fs.readFileSync(path.join(ROOT, 'samples/broken-app/cloudformation/template.yaml'), 'utf8');

  // app-client-id-takeover carries the quick fix of the client-id-spoofing finding it replaces.
  for (const ruleId of ['unknown-action', 'invalid-effect', 'resource-type-mismatch', 'app-client-id-takeover']) {
    it(`${ruleId}: the fix edits the YAML template in place and the finding goes away`, () => {
      const finding = checkTemplateText(sample).findings.find((f) => f.ruleId === ruleId && f.fix);
      assert.ok(finding, `a ${ruleId} finding with a fix`);
      const fixed = checkTemplateText(applyFix(sample, finding));
      assert.deepEqual(
        fixed.findings.filter((f) => f.ruleId === 'invalid-template'),
        [],
      );
      assert.equal(fixed.findings.filter((f) => f.ruleId === ruleId).length, checkTemplateText(sample).findings.filter((f) => f.ruleId === ruleId).length - 1);
    });
  }

  it('in Terraform, writes a literal ${ as $${', () => {
    const tf =
      'resource "aws_iot_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "iot:Connect", Resource = "arn:aws:iot:us-east-1:123456789012:client/$${iot:ClientId}" }]\n  })\n}\n';
    const finding = checkTf(tf).findings.find((f) => f.ruleId === 'app-client-id-takeover')!;
    assert.match(finding.fix!.edits[0].newText, /client\/\$\$\{cognito-identity\.amazonaws\.com:sub\}/);
    assert.deepEqual(
      checkTf(applyFix(tf, finding)).findings.map((f) => f.ruleId),
      [],
    );
  });

  it('is not offered where the edit would not mean the same in the file (computed or escaped strings)', () => {
    const computed =
      "Resources:\n  P:\n    Type: AWS::IoT::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement: [{ Effect: Allow, Action: iot:Connect, Resource: !Sub 'arn:aws:iot:${AWS::Region}:123456789012:client/${!iot:ClientId}' }]\n";
    const spoofing = checkTemplateText(computed).findings.find((f) => f.ruleId === 'app-client-id-takeover');
    assert.ok(spoofing && !spoofing.fix);
    const escaped = JSON.stringify({
      Resources: {
        P: {
          Type: 'AWS::IoT::Policy',
          Properties: { PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publsh', Resource: '*' }] }) },
        },
      },
    });
    const unknownAction = checkTemplateText(escaped, 't.json').findings.find((f) => f.ruleId === 'unknown-action');
    assert.ok(unknownAction && !unknownAction.fix);
    // No quick fix there, so the message says what to change.
    assert.match(unknownAction.message, /"iot:Publsh"; did you mean "iot:Publish"\? \(fix by hand: Change to "iot:Publish"\)$/);
  });
});
