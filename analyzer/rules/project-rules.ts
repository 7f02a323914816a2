import { APP_RULES } from './app-registry';
import type { RuleMeta } from './rule';

/**
 * Findings about the project rather than one policy's text: scenarios, configuration, proofs (`prove`),
 * access changes (`diff`) and what each identity class of an app can do (the app rules, analyzer/rules/app/).
 * They have catalog metadata (for reports, SARIF and docs/rules) but no per-policy check; the engine reports
 * them (project/check.ts, project/app-findings.ts, prove/findings.ts). A `problem` message passes on the
 * text of the reader that found it (scenario loader, config or template reader).
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
      'A parameter without a default, another stack\'s export, a nested stack whose template is elsewhere, or a condition the template does not decide where both outcomes cannot be analysed (outside the statements, or more than four in one policy) leaves part of a statement unknown. Its Allow is never counted and its Deny is not applied, so the analysis may show access the Deny would remove; the run fails until the value is given (config "parameters") or the rule is turned down.',
    reference: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html',
    messages: {
      unknownDocument: '{{policy}}: the policy document depends on {{reason}}, which the files do not give; nothing of it is analysed',
      withheldStatement: '{{policy}}: {{statement}} depends on {{reasons}}, which the files do not give; it is left out of the analysis ({{consequence}})',
      problem: '{{problem}}',
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
  {
    id: 'property-refuted',
    title: 'A proof property is refuted',
    family: 'proof',
    severity: 'error',
    kinds: 'any',
    rationale:
      'The policies allow what the property rules out, for some identity and some topic, filter or resource. The result carries a counterexample the evaluator confirms as an allow, and the statements that allow it as related locations.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: { refuted: '{{property}}: refuted — {{counterexample}}' },
  },
  {
    id: 'property-unknown',
    title: 'A proof property could not be decided',
    family: 'proof',
    severity: 'error',
    kinds: 'any',
    rationale:
      'The prover could neither prove the property nor confirm a counterexample (conditions, unknown variable values, or patterns outside its model); the reasons are in the message. Undecided is not proved: it fails `prove` unless `--allow-unknown` is given, which reports it as a warning.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: { unknown: '{{property}}: unknown — {{reasons}}' },
  },
  {
    id: 'new-access',
    title: 'The change grants new access',
    family: 'access-change',
    severity: 'error',
    kinds: 'any',
    rationale:
      'The new version of a policy allows requests the old one did not, for the identities its kind applies to (signed-in users for IoT and authenticated-role policies, guests for unauthenticated-role policies). Reported at the Resource entries that grant it, with an example. An error with `diff --fail-on-new-access` (the gate), a warning without.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: { granted: '{{identities}} identities now may {{actions}} on {{where}} (e.g. {{example}}){{certainty}}' },
  },
  {
    id: 'removed-access',
    title: 'The change removes access',
    family: 'access-change',
    severity: 'info',
    kinds: 'any',
    rationale:
      'The new version no longer allows requests the old one did. Not a risk in itself, but a user or device may lose access it needs: check the scenarios still pass.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: { removed: '{{identities}} identities no longer may {{actions}} on {{where}} (e.g. {{example}}){{certainty}}' },
  },
  {
    id: 'undecided-access',
    title: 'Whether the change grants new access could not be decided',
    family: 'access-change',
    severity: 'error',
    kinds: 'any',
    rationale:
      'A file skipped because its kind is unknown (pass `--kind` or set the config\'s "kinds"), an action group too large to compare, or a part of a template the files do not give (a parameter value, a managed policy, a role) may grant anything. `diff --fail-on-new-access` fails on it unless `--allow-unknown` is given, which reports it as a warning.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    messages: {
      tooLarge: '{{group}}: too large to compare; not decided',
      skipped: 'skipped: its kind is unknown (pass --kind or add it to the config\'s "kinds"); not compared',
      unknown: '{{unknown}} (not known, so not compared)',
    },
  },
  ...APP_RULES.map((rule) => rule.meta),
];

export const PROJECT_RULE_IDS: readonly string[] = PROJECT_RULES.map((r) => r.id);

/**
 * The results of `prove` and `diff`: their gates are set by those commands' flags (--fail-on-new-access,
 * --allow-unknown), so a config setting for them would be silently ignored; the config refuses them.
 */
export const GATE_RULE_IDS: readonly string[] = ['property-refuted', 'property-unknown', 'new-access', 'removed-access', 'undecided-access'];
