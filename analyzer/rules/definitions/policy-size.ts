import type { PolicyKind } from '../../policy/model';
import { defineRule } from '../rule';

/** Quotas counted without whitespace (docs/iot-authorization.md §6). */
const LIMITS: Record<PolicyKind, { max: number; warnAbove?: number; what: string }> = {
  iot: { max: 2048, what: 'an AWS IoT policy document' },
  'auth-role': { max: 10240, warnAbove: 6144, what: "an IAM role's inline policies" },
  'unauth-role': { max: 10240, warnAbove: 6144, what: "an IAM role's inline policies" },
};

/** The characters of `text` that are not whitespace (JavaScript's `\s`), counted without copying the text. */
export function sizeWithoutWhitespace(text: string): number {
  let size = 0;
  for (let i = 0; i < text.length; i++) if (!isWhitespace(text.charCodeAt(i))) size++;
  return size;
}

/** JavaScript's `\s`: ASCII whitespace, no-break and Unicode spaces, line and paragraph separators, the BOM. */
function isWhitespace(ch: number): boolean {
  if (ch <= 0x20) return ch === 0x20 || (ch >= 0x09 && ch <= 0x0d);
  if (ch < 0xa0) return false;
  return (
    ch === 0xa0 ||
    ch === 0x1680 ||
    (ch >= 0x2000 && ch <= 0x200a) ||
    ch === 0x2028 ||
    ch === 0x2029 ||
    ch === 0x202f ||
    ch === 0x205f ||
    ch === 0x3000 ||
    ch === 0xfeff
  );
}

const rule = defineRule({
  meta: {
    id: 'policy-size',
    title: 'Policy over the AWS size quota',
    family: 'size',
    severity: 'error',
    kinds: ['iot', 'auth-role', 'unauth-role'],
    rationale:
      "An AWS IoT policy may hold at most 2,048 characters not counting whitespace; CreatePolicy and CreatePolicyVersion reject larger ones. IAM limits a managed policy to 6,144 and a role's inline policies to 10,240 characters together.",
    reference: 'https://docs.aws.amazon.com/iot/latest/apireference/API_CreatePolicy.html',
    messages: {
      tooLarge: '{{size}} characters without whitespace; {{what}} may have at most {{max}}',
      tooLargeForManaged: '{{size}} characters without whitespace: too large for a managed policy ({{max}}); only an inline policy can hold it',
    },
  },
  check({ policy, kind, report }) {
    // Text that is not JSON is reported as such; the syntax tree is read only to place a finding.
    if (!kind || policy.problems.some((p) => p.code === 'invalid-json')) return;
    const size = sizeWithoutWhitespace(policy.text);
    const limit = LIMITS[kind];
    if (size <= limit.max && !(limit.warnAbove && size > limit.warnAbove)) return;
    const range = policy.lines.range(policy.root!.offset, 1);
    if (size > limit.max) report({ messageId: 'tooLarge', data: { size, what: limit.what, max: limit.max }, range });
    else if (limit.warnAbove && size > limit.warnAbove)
      report({
        severity: 'warning',
        messageId: 'tooLargeForManaged',
        data: { size, max: limit.warnAbove },
        range,
      });
  },
});
export default rule;
