import { grammarRule } from '../grammar-rule';

export default grammarRule(
  {
    id: 'principal-in-identity-policy',
    title: 'Principal in an identity or IoT policy',
    severity: 'error',
    rationale:
      'Role policies and AWS IoT policies apply to whoever they are attached to; "Principal"/"NotPrincipal" belong in resource-based policies and make AWS reject the document.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
  },
  ['principal-in-identity-policy'],
);
