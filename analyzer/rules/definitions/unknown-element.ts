import { grammarRule } from '../grammar-rule';

export default grammarRule(
  {
    id: 'unknown-element',
    title: 'Unknown policy or statement element',
    severity: 'error',
    rationale:
      'Element names are case-sensitive and fixed by the policy grammar; AWS rejects anything else (a misspelt "Resources" or "condition" is not ignored, it is an error).',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html',
  },
  ['unknown-element'],
);
