import { grammarRule } from '../grammar-rule';

export default grammarRule(
  {
    id: 'invalid-json',
    title: 'The file is not valid JSON',
    severity: 'error',
    rationale: 'AWS rejects a policy that is not strict JSON (no comments, no trailing commas); nothing in it takes effect.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
  },
  ['invalid-json'],
);
