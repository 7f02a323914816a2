import { grammarRule } from '../grammar-rule';

export default grammarRule(
  {
    id: 'empty-statement',
    title: 'Statement is an empty list',
    severity: 'error',
    rationale: 'A policy needs at least one statement; AWS rejects an empty Statement array.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html',
  },
  ['empty-statement'],
);
