import { strict as assert } from 'node:assert';
import { appFindings, appFromKinds, appPolicy, findAppRule, parsePolicy, type App, type AppPolicy, type Finding, type Severity } from '../../../analyzer';
import { policyText, type PolicySource } from '../rule-tester';

export const ARN = 'arn:aws:iot:us-east-1:123456789012';
export const SUB = '${cognito-identity.amazonaws.com:sub}';

/** An app as the config's kinds give it: guests' role, signed-in users' role, IoT policies attached to every signed-in identity. */
export interface AppCase {
  name: string;
  guestRole?: PolicySource[];
  authRole?: PolicySource[];
  iot?: PolicySource[];
}

export interface ExpectedAppFinding {
  messageId: string;
  message: RegExp;
  /** The policy file the finding points at (`auth-role-0.json`, `iot-1.json`, `guest-role-0.json`) and the 1-based line. */
  file: string;
  line: number;
  severity?: Severity;
  /** Files the related locations (the other responsible statements) must include. */
  related?: string[];
}

export interface AppInvalidCase extends AppCase {
  findings: ExpectedAppFinding[];
}

/** Every statement as its own array element, so a case's line numbers are easy to read off. */
export function doc(...statements: object[]): PolicySource {
  return { Version: '2012-10-17', Statement: statements };
}

export function appOf(c: AppCase): App {
  const policies: AppPolicy[] = [];
  const add = (sources: PolicySource[] | undefined, kind: 'auth-role' | 'unauth-role' | 'iot', prefix: string) =>
    (sources ?? []).forEach((source, i) => {
      const file = `${prefix}-${i}.json`;
      policies.push(appPolicy(file, kind, () => parsePolicy(policyText(source), file)));
    });
  add(c.guestRole, 'unauth-role', 'guest-role');
  add(c.authRole, 'auth-role', 'auth-role');
  add(c.iot, 'iot', 'iot');
  return appFromKinds('case', 'iot-policy-lens.config.json', { partition: 'aws', region: 'us-east-1', account: '123456789012' }, policies)!;
}

export function appFindingsOf(ruleId: string, c: AppCase): Finding[] {
  return appFindings(appOf(c), { enabled: (id) => id === ruleId }).findings;
}

/** Cases for one app rule, like ruleTester: valid apps raise nothing from it, invalid ones exactly the listed findings. */
export function appRuleTester(ruleId: string, cases: { valid: AppCase[]; invalid: AppInvalidCase[] }): void {
  describe(`app rule ${ruleId}`, function () {
    this.timeout(20_000);
    it('is in the catalog with complete metadata', () => {
      const rule = findAppRule(ruleId);
      assert.ok(rule, `no app rule ${ruleId}`);
      assert.ok(rule.meta.title && rule.meta.rationale.length > 40 && /^https:\/\/docs\.aws\.amazon\.com\//.test(rule.meta.reference));
      assert.ok(cases.valid.length > 0 && cases.invalid.length > 0, 'each rule needs valid and invalid cases');
      // "undecided" is every app rule's; app-questions.test.ts covers it.
      const covered = new Set(cases.invalid.flatMap((c) => c.findings.map((f) => f.messageId)));
      const uncovered = Object.keys(rule.meta.messages).filter((id) => id !== 'undecided' && !covered.has(id));
      assert.deepEqual(uncovered, [], 'every message needs an invalid case');
    });
    for (const valid of cases.valid) {
      it(`valid: ${valid.name}`, () => {
        assert.deepEqual(
          appFindingsOf(ruleId, valid).map((f) => `${f.range.file}:${f.range.start.line} ${f.message}`),
          [],
        );
      });
    }
    for (const invalid of cases.invalid) {
      it(`invalid: ${invalid.name}`, () => {
        const findings = appFindingsOf(ruleId, invalid);
        const shown = findings.map((f) => `${f.range.file}:${f.range.start.line} ${f.severity} ${f.message}`).join(' | ');
        assert.equal(findings.length, invalid.findings.length, `findings: ${shown}`);
        invalid.findings.forEach((expected, i) => {
          const actual = findings[i];
          assert.equal(actual.messageId, expected.messageId, shown);
          assert.match(actual.message, expected.message, shown);
          assert.equal(`${actual.range.file}:${actual.range.start.line}`, `${expected.file}:${expected.line}`, actual.message);
          assert.equal(actual.severity, expected.severity ?? findAppRule(ruleId)!.meta.severity, actual.message);
          for (const file of expected.related ?? [])
            assert.ok(
              actual.related?.some((r) => r.range.file === file),
              `no related location in ${file}: ${JSON.stringify(actual.related?.map((r) => `${r.range.file}:${r.range.start.line}`))}`,
            );
        });
      });
    }
  });
}
