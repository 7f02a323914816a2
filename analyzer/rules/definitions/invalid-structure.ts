import { grammarRule } from '../grammar-rule';

export default grammarRule(
  {
    id: 'invalid-structure',
    title: 'An element has the wrong type or a required element is missing',
    severity: 'error',
    rationale:
      'AWS rejects policies whose elements have the wrong JSON type, repeat a key, or lack Statement, Effect, an Action/NotAction or a Resource/NotResource. We never let such a policy grant anything.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
  },
  ['invalid-structure', 'missing-action-or-resource', 'duplicate-key'],
);
