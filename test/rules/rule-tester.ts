import { strict as assert } from 'node:assert';
import {
  findRule,
  lintPolicyText,
  placeholdersOf,
  renderMessage,
  type Finding,
  type MessageData,
  type PolicyKind,
  type Rule,
  type Severity,
  type TextEdit,
} from '../../analyzer';

/** A policy written as an object (serialized with 2-space indentation, like the samples) or as raw text. */
export type PolicySource = object | string;

export interface ValidCase {
  name: string;
  policy: PolicySource;
  kind?: PolicyKind;
  /** A generous mocha timeout (ms) for cases that lint very large policies. */
  timeout?: number;
}

export interface ExpectedFinding {
  /** Which of the rule's message templates (`meta.messages`) the finding uses. */
  messageId: string;
  /** When given, the message must be exactly that template filled with this data. */
  data?: MessageData;
  /** 1-based, where the finding starts. */
  line: number;
  column: number;
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /** The policy after applying the first finding's fix; the fixed policy must not raise that finding again. */
  fixed?: PolicySource;
}

/** A rule's cases (test/rules/cases/<id>.ts): run by its test, shown as examples in docs/rules/<id>.md. */
export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

export function policyText(source: PolicySource): string {
  return typeof source === 'string' ? source : JSON.stringify(source, null, 2);
}

/** Only this rule's findings, exactly as `check` would report them (same runner, same options). */
export function findingsOf(ruleId: string, source: PolicySource, kind?: PolicyKind): Finding[] {
  return lintPolicyText(policyText(source), 'case.json', { kind }).findings.filter((f) => f.ruleId === ruleId);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.range.offset - a.range.offset)
    .reduce((acc, e) => acc.slice(0, e.range.offset) + e.newText + acc.slice(e.range.offset + e.range.length), text);
}

/**
 * ESLint-style cases for one rule: valid policies raise nothing from it, invalid ones raise exactly the
 * listed findings at the listed positions, and fixes produce the expected policy.
 */
export function ruleTester(ruleId: string, cases: RuleCases): void {
  describe(`rule ${ruleId}`, () => {
    it('is in the catalog with complete metadata', () => {
      const rule = findRule(ruleId);
      assert.ok(rule, `no rule ${ruleId}`);
      assert.ok(rule.meta.title && rule.meta.rationale.length > 40 && /^https:\/\/docs\.aws\.amazon\.com\//.test(rule.meta.reference));
      assert.ok(cases.valid.length > 0 && cases.invalid.length > 0, 'each rule needs valid and invalid cases');
    });
    it('has an invalid case for each of its messages', () => {
      const rule = findRule(ruleId)!;
      const tested = new Set(cases.invalid.flatMap((c) => c.findings.map((f) => f.messageId)));
      assert.deepEqual(
        Object.keys(rule.meta.messages).filter((id) => !tested.has(id)),
        [],
        'message ids no invalid case expects',
      );
    });
    for (const valid of cases.valid) {
      it(`valid: ${valid.name}`, () => {
        assert.deepEqual(
          findingsOf(ruleId, valid.policy, valid.kind).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`),
          [],
        );
      });
    }
    for (const invalid of cases.invalid) {
      it(`invalid: ${invalid.name}`, function () {
        if (invalid.timeout) this.timeout(invalid.timeout);
        const findings = findingsOf(ruleId, invalid.policy, invalid.kind);
        assert.equal(
          findings.length,
          invalid.findings.length,
          `findings: ${findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`).join(' | ')}`,
        );
        const rule = findRule(ruleId)!;
        invalid.findings.forEach((expected, i) => {
          const actual = findings[i];
          assert.equal(actual.messageId, expected.messageId, actual.message);
          assertFilled(rule, actual);
          if (expected.data) assert.equal(actual.message, renderMessage(rule.meta.messages[expected.messageId], expected.data));
          assert.deepEqual(
            { line: actual.range.start.line, column: actual.range.start.column },
            { line: expected.line, column: expected.column },
            actual.message,
          );
          if (expected.severity) assert.equal(actual.severity, expected.severity);
        });
        if (invalid.fixed !== undefined) {
          const fix = findings[0].fix;
          assert.ok(fix, 'the first finding should offer a fix');
          const output = applyEdits(policyText(invalid.policy), fix.edits);
          const expectedText = policyText(invalid.fixed);
          assert.deepEqual(JSON.parse(output), JSON.parse(expectedText));
          const again = findingsOf(ruleId, output, invalid.kind).filter((f) => f.range.offset === findings[0].range.offset);
          assert.deepEqual(again, [], 'the fix should remove the finding');
        }
      });
    }
  });
}

/** Every `{{placeholder}}` of the finding's template was given data. */
function assertFilled(rule: Rule, finding: Finding): void {
  const unfilled = placeholdersOf(rule.meta.messages[finding.messageId]).filter((name) => finding.message.includes(`{{${name}}}`));
  assert.deepEqual(unfilled, [], `message "${finding.message}" has placeholders without data`);
}
