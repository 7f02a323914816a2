import { defineRule } from '../rule';

const CURRENT = '2012-10-17';

const rule = defineRule({
  meta: {
    id: 'policy-version',
    title: 'Missing or old policy Version',
    family: 'syntax',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'Without "Version": "2012-10-17", `${…}` policy variables are not substituted: `${cognito-identity.amazonaws.com:sub}` is then compared as literal text and per-identity statements match nothing. AWS IoT policies use 2012-10-17.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
    fixable: true,
    messages: {
      unknownVersion: 'Version "{{version}}" does not exist: AWS rejects the policy (use "{{current}}")',
      oldVersion: 'Version "{{version}}" is not "{{current}}", {{consequence}}',
      noVersion: 'the policy has no "Version", {{consequence}}',
    },
  },
  check({ policy, report }) {
    // The version first: the syntax tree of a policy read without one is parsed when first read.
    if (policy.version?.value === CURRENT || !policy.root || policy.root.type !== 'object') return;
    const properties = policy.root.children ?? [];
    // A Version that is not a string is invalid-structure's to report; adding another would repeat the key.
    if (!policy.version && properties.some((p) => p.children?.[0]?.value === 'Version')) return;
    const usesVariables = policy.text.includes('${');
    const severity = usesVariables ? 'error' : 'warning';
    const consequence = usesVariables ? 'so its ${…} variables are read as literal text and those entries match nothing' : 'use "2012-10-17"';
    if (policy.version) {
      const rejected = policy.problems.some((p) => p.code === 'invalid-version');
      report({
        severity: rejected ? 'error' : severity,
        messageId: rejected ? 'unknownVersion' : 'oldVersion',
        data: { version: policy.version.value, current: CURRENT, consequence },
        range: policy.version.range,
        fix: { title: `Set Version to "${CURRENT}"`, edits: [{ range: policy.version.range, newText: JSON.stringify(CURRENT) }] },
      });
      return;
    }
    const at = policy.root.offset + 1;
    report({
      severity,
      messageId: 'noVersion',
      data: { consequence: usesVariables ? consequence : `so it defaults to 2008-10-17; use "${CURRENT}"` },
      range: policy.statementKey?.range ?? policy.lines.range(policy.root.offset, 1),
      fix: {
        title: `Add "Version": "${CURRENT}"`,
        edits: [{ range: policy.lines.range(at, 0), newText: `\n  "Version": "${CURRENT}"${properties.length > 0 ? ',' : ''}` }],
      },
    });
  },
});
export default rule;
