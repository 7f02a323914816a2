import { grammarRule } from '../grammar-rule';

export default grammarRule(
  {
    id: 'invalid-effect',
    title: 'Effect is not exactly "Allow" or "Deny"',
    severity: 'error',
    rationale: 'Effect values are case-sensitive: "allow" or "DENY" make AWS reject the policy. A statement with an invalid Effect never grants.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html',
    fixable: true,
  },
  ['invalid-effect'],
  (range, text) => {
    const value = JSON.parse(text.slice(range.offset, range.offset + range.length)) as string;
    const fixed = ['Allow', 'Deny'].find((e) => e.toLowerCase() === value.toLowerCase());
    return fixed ? { title: `Change Effect to "${fixed}"`, edits: [{ range, newText: JSON.stringify(fixed) }] } : undefined;
  },
);
