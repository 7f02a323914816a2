import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'duplicate-sid',
    title: 'Two statements share a Sid',
    family: 'syntax',
    severity: 'error',
    kinds: 'any',
    rationale: 'Sids must be unique within a policy; AWS rejects duplicates, and reviewers and our reports refer to statements by Sid.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html',
    messages: {
      duplicate: 'Sid "{{sid}}" is already used by statement #{{first}}',
    },
  },
  check({ policy, report }) {
    const first = new Map<string, (typeof policy.statements)[number]>();
    for (const statement of policy.statements) {
      if (!statement.sid) continue;
      const earlier = first.get(statement.sid.value);
      if (!earlier) {
        first.set(statement.sid.value, statement);
        continue;
      }
      report({
        messageId: 'duplicate',
        data: { sid: statement.sid.value, first: earlier.index + 1 },
        range: statement.sid.range,
        related: [{ message: 'first use', range: earlier.sid!.range }],
      });
    }
  },
});
export default rule;
