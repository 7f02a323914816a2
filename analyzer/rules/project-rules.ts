import { APP_RULES } from './app-registry';
import type { RuleMeta } from './rule';

/**
 * Findings about the project rather than one policy's text: scenarios, configuration, and what each identity
 * class of an app can do (the app rules, analyzer/rules/app/). They have catalog metadata (for reports,
 * SARIF and the README) but no per-policy check. A `problem` message passes on the text of the reader that
 * found it (scenario loader, config or template reader).
 */
export const PROJECT_RULES: readonly RuleMeta[] = [
  {
    id: 'scenario-expectation-failed',
    title: 'A scenario step did not get its expected verdict',
    family: 'scenario',
    severity: 'error',
    kinds: 'any',
    rationale:
      'Scenarios state who may connect, publish, subscribe and receive. A failed expectation means the policies leak data (an unexpected allow) or lock users out (an unexpected deny).',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: { unexpectedVerdict: '{{step}}expected {{expected}}, got {{got}} — {{request}}' },
  },
  {
    id: 'scenario-verdict-ambiguous',
    title: 'An expected allow holds only under some readings',
    family: 'scenario',
    severity: 'warning',
    kinds: 'any',
    rationale:
      "The step expects access and gets it under one reading of AWS's documentation but not under another (docs/readings.md): AWS may refuse it. Test AWS's behaviour and pin the reading in the scenario, or rewrite the policy so every reading agrees.",
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    messages: { ambiguousAllow: '{{step}}expected {{expected}}: {{warning}} — {{request}}' },
  },
  {
    id: 'invalid-scenario',
    title: 'A scenario file cannot be run',
    family: 'scenario',
    severity: 'error',
    kinds: 'any',
    rationale: 'A scenario with schema errors, unknown identities or missing policy files proves nothing; it is reported instead of silently skipped.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: { problem: '{{problem}}' },
  },
  {
    id: 'invalid-config',
    title: 'The configuration file is not valid',
    family: 'project',
    severity: 'error',
    kinds: 'any',
    rationale: 'A configuration that cannot be read would silently change which rules run; it is reported and the check stops.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/iot-policies.html',
    messages: { problem: '{{problem}}' },
  },
  {
    id: 'unresolved-value',
    title: 'A policy statement depends on a value the files do not give',
    family: 'project',
    severity: 'error',
    kinds: 'any',
    rationale:
      'A parameter without a default, another stack\'s export or a condition the template does not decide leaves part of a statement unknown. Its Allow is never counted and its Deny is not applied, so the analysis may show access the Deny would remove; the run fails until the value is given (config "parameters") or the rule is turned down.',
    reference: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html',
    messages: {
      unknownDocument: '{{policy}}: the policy document depends on {{reason}}, which the files do not give; nothing of it is analysed',
      withheldStatement: '{{policy}}: {{statement}} depends on {{reasons}}, which the files do not give; it is left out of the analysis ({{consequence}})',
    },
  },
  {
    id: 'unknown-managed-policy',
    title: 'A role has a managed policy whose document is not known',
    family: 'project',
    severity: 'error',
    kinds: 'any',
    rationale:
      'A managed policy that is neither in the files nor among the AWS managed policies the tool ships may grant anything; it is reported, never treated as empty.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
    messages: { problem: '{{problem}}' },
  },
  {
    id: 'invalid-template',
    title: 'An infrastructure-as-code file cannot be read',
    family: 'project',
    severity: 'error',
    kinds: 'any',
    rationale: 'A template that does not parse, or a policy document in it that is not JSON, hides its policies; it is reported instead of skipped.',
    reference: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
    messages: { problem: '{{problem}}' },
  },
  ...APP_RULES.map((rule) => rule.meta),
];

export const PROJECT_RULE_IDS: readonly string[] = PROJECT_RULES.map((r) => r.id);
