/**
 * The catalog of readings: every place where the engine must apply something AWS's documentation does not
 * state. Each reading names what is unknown, where AWS says what it does say, and the defensible outcomes.
 * `evaluated` readings are decided under every outcome when a request touches them (a verdict that differs
 * is `ambiguous`); the others are applied as `applied` says, for the reason given. docs/readings.md is
 * generated from this list (npm run docs:readings).
 */
export interface ReadingOutcome {
  /** Short id, used in scenarios (`"readings": {"A14": "resolves"}`) and JSON output. */
  readonly id: string;
  /** What AWS would do under this outcome, completing "AWS reads it as …" */
  readonly says: string;
}

export interface Reading {
  readonly id: string;
  readonly title: string;
  /** One line: what AWS does not state. */
  readonly unknown: string;
  readonly sources: readonly string[];
  readonly outcomes: readonly [ReadingOutcome, ReadingOutcome, ...ReadingOutcome[]];
  /** True when verdicts are computed under each outcome; false when one outcome is applied (see `applied`). */
  readonly evaluated: boolean;
  /** How the engine uses this reading, and why. */
  readonly applied: string;
  /** How to write the policy so that the reading no longer matters (for `check` findings). */
  readonly fix?: string;
}

const IOT = 'https://docs.aws.amazon.com/iot/latest/developerguide';
const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';

export const READINGS: readonly Reading[] = [
  {
    id: 'A1',
    title: "The guest session policy of Cognito's enhanced flow",
    unknown:
      "Whether the enhanced flow's session policy for guests restricts iot: actions (the Cognito guide lists AWS IoT as allowed; the newer managed session policy has no iot:).",
    sources: [
      'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html',
      'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonCognitoUnAuthedIdentitiesSessionPolicy.html',
    ],
    outcomes: [
      { id: 'unrestricted', says: 'no session policy limiting AWS IoT (the basic flow, or the enhanced flow as the Cognito guide lists it)' },
      { id: 'restricted', says: 'a session policy without iot: or iotjobsdata: (the managed policy as published), refusing AWS IoT actions to guests' },
    ],
    evaluated: true,
    applied:
      'Decided under both outcomes for guests: where the unauthenticated role allows, the verdict is ambiguous (a guest allow AWS may refuse); a role that denies denies under both. Pin "unrestricted" if your app uses the basic flow or you have tested guest access.',
    fix: 'Nothing in the policy decides it: pin the reading in the scenario ("readings": {"A1": "unrestricted"}) once you know which flow and session policy your app gets.',
  },
  {
    id: 'A2',
    title: 'Newer data-plane actions and the scope-down list',
    unknown:
      'Whether RetainPublish, DeleteConnection, ListNamedShadowsForThing, GetRetainedMessage, ListRetainedMessages and iotjobsdata: need the attached IoT policy too, or are decided by the authenticated role alone.',
    sources: [`${IOT}/pub-sub-policy.html#pub-sub-policy-cognito`, `${IOT}/cog-iot-policies.html`],
    outcomes: [
      { id: 'iot-policy-required', says: 'an action the attached IoT policy must also allow' },
      { id: 'role-alone', says: 'an action the authenticated role decides alone' },
    ],
    evaluated: true,
    applied: 'Decided under both outcomes for signed-in identities; a difference is an ambiguous verdict.',
    fix: 'Make the role and the IoT policy agree on the action (allow or deny it in both).',
  },
  {
    id: 'A3',
    title: 'Cognito aud/amr keys in IoT policies',
    unknown: 'Whether cognito-identity.amazonaws.com:aud and :amr are in the request context of AWS IoT policies (AWS shows only :sub there).',
    sources: [`${IAM}/reference_policies_iam-condition-keys.html#condition-keys-wif`, `${IOT}/pub-sub-policy.html#pub-sub-policy-cognito`],
    outcomes: [
      { id: 'present', says: 'keys present in IoT policies, with the identity’s values' },
      { id: 'absent', says: 'keys absent from IoT policies (variables unresolved, conditions on a missing key)' },
    ],
    evaluated: true,
    applied: 'Decided under both outcomes for IoT-policy statements that use cognito-identity.amazonaws.com:aud or :amr; a difference is an ambiguous verdict.',
    fix: 'Test aud and amr in the identity-pool role policy, where AWS documents them, and keep the IoT policy to ${cognito-identity.amazonaws.com:sub}.',
  },
  {
    id: 'A4',
    title: 'Thing variables for Cognito identities',
    unknown: 'When iot:Connection.Thing.* resolve for a Cognito identity (exclusive thing association, guests, HTTPS).',
    sources: [`${IOT}/thing-policy-variables.html`, `${IOT}/thing-policy-examples.html`],
    outcomes: [
      { id: 'attached-thing-client-id', says: 'resolving only for a signed-in identity over MQTT whose client ID is the attached thing name' },
      { id: 'exclusive-association', says: 'resolving for any client ID of an exclusively attached thing' },
    ],
    evaluated: false,
    applied: 'attached-thing-client-id (the documented non-exclusive rule); scenarios can set the thing keys explicitly.',
  },
  {
    id: 'A5',
    title: 'How an unresolved variable is represented',
    unknown: 'IAM says an entry with an unresolved variable matches nothing; AWS IoT says some unresolved variables stay as literal ${…} text.',
    sources: [`${IAM}/reference_policies_variables.html#policy-vars-no-value`, `${IOT}/cert-policy-variables.html`],
    outcomes: [
      { id: 'matches-nothing', says: 'an entry that matches nothing' },
      { id: 'literal-text', says: 'the literal text ${…}' },
    ],
    evaluated: false,
    applied: 'matches-nothing: both outcomes agree unless a topic literally contains "${", which MQTT clients do not send to these policies.',
  },
  {
    id: 'A6',
    title: 'A wildcard across colons',
    unknown:
      'IAM says wildcards work "within ARN segments"; whether a * in the middle of a Resource ARN may match a colon (arn:aws:iot:*:123456789012:topic/x, …:us-east-1:*/x) is not stated.',
    sources: [`${IAM}/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards`],
    outcomes: [
      { id: 'spans-colons', says: 'a * that may match colons' },
      { id: 'within-part', says: 'a * confined to its colon-separated part' },
    ],
    evaluated: true,
    applied:
      'Decided under both outcomes for entries with a * or ? before the resource part (the text after the fifth colon, which keeps its own colons): they differ for resources whose names repeat the pattern across colons, and for patterns with fewer than six parts (arn:aws:iot:*), which match nothing when the wildcard stays in its part.',
    fix: 'Write each ARN part explicitly, with wildcards only inside one part.',
  },
  {
    id: 'A7',
    title: 'Special-character variables',
    unknown: 'AWS IoT prints $(*), $(?), $($) where IAM writes ${*}, ${?}, ${$}.',
    sources: [`${IOT}/iot-policy-variables.html`, `${IAM}/reference_policies_variables.html#policy-vars-specialchars`],
    outcomes: [
      { id: 'iam-spelling', says: '${*} as the literal character' },
      { id: 'iot-spelling', says: '$(*) as the literal character' },
    ],
    evaluated: false,
    applied: 'iam-spelling; $(*) is literal text (with a real * wildcard).',
  },
  {
    id: 'A8',
    title: 'Wildcards inside substituted values',
    unknown: 'Whether a * or ? inside a client ID or identity ID substituted into a policy acts as a wildcard.',
    sources: [`${IOT}/cert-policy-variables.html`, `${IOT}/basic-policy-variables.html`],
    outcomes: [
      { id: 'literal', says: 'substituted text as literal characters' },
      { id: 'wildcard', says: 'substituted * and ? as wildcards' },
    ],
    evaluated: false,
    applied: 'literal; identity IDs never contain * or ?, and client IDs are pinned by the Connect rules (client-id-spoofing).',
  },
  {
    id: 'A9',
    title: 'Condition keys of IoT data-plane requests',
    unknown:
      'Which global keys (aws:CurrentTime, aws:SecureTransport, iot:ClientId as a key…) AWS IoT puts in the request context; the Service Authorization Reference lists none.',
    sources: ['https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiot.html', `${IOT}/basic-policy-variables.html`],
    outcomes: [
      { id: 'present', says: 'the key present with its IAM value' },
      { id: 'absent', says: 'the key absent' },
    ],
    evaluated: true,
    applied:
      'A condition on aws:CurrentTime, aws:EpochTime or aws:SecureTransport is decided with the key present (IAM adds them to every request) and absent; a verdict that differs is ambiguous. Scenarios can pin A9 or set the keys with "context".',
  },
  {
    id: 'A10',
    title: 'Authenticated-role audit check',
    unknown: 'Device Defender lists broad MQTT examples for the authenticated role but only admin reason codes.',
    sources: ['https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-auth-cognito-role-permissive.html'],
    outcomes: [
      { id: 'admin-only', says: 'a check that reports admin actions only' },
      { id: 'data-plane-too', says: 'a check that also reports broad data-plane grants' },
    ],
    evaluated: false,
    applied: 'Affects rule wording only (broad-data-plane-access reports both); never a verdict.',
  },
  {
    id: 'A11',
    title: 'Audit-page typos',
    unknown: 'Device Defender pages print topicfilter/$aws/things/* where the text means #, and a topicfilter/ ARN for Receive.',
    sources: ['https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-unauth-cognito-role-permissive.html'],
    outcomes: [
      { id: 'text', says: 'the examples as the text describes them' },
      { id: 'printed', says: 'the examples as printed' },
    ],
    evaluated: false,
    applied: 'Affects rule wording only; never a verdict.',
  },
  {
    id: 'A12',
    title: 'Retained messages and last will',
    unknown: 'Whether a retained publish is one request checked twice, and whether a last-will retain is checked at CONNECT or at delivery.',
    sources: [`${IOT}/iot-policy-actions.html`, `${IOT}/connect-policy.html`],
    outcomes: [
      { id: 'two-checks', says: 'Publish and RetainPublish as two separate checks' },
      { id: 'one-check', says: 'one combined check' },
    ],
    evaluated: false,
    applied: 'two-checks: a retained publish needs both allowed, which never reports an allow AWS refuses.',
  },
  {
    id: 'A13',
    title: 'Case of Resource matching',
    unknown: 'No IoT page states that Resource matching is case-sensitive; it is inferred from case-sensitive topic names and ARN operators.',
    sources: [`${IOT}/topics.html`, `${IAM}/reference_policies_elements_condition_operators.html`],
    outcomes: [
      { id: 'case-sensitive', says: 'Resource patterns as case-sensitive' },
      { id: 'case-insensitive', says: 'Resource patterns as case-insensitive' },
    ],
    evaluated: false,
    applied: 'case-sensitive, as for the topics themselves.',
  },
  {
    id: 'A14',
    title: '${iot:ClientId} in identity-pool role policies',
    unknown: 'AWS shows ${iot:ClientId} only in IoT policies; community reports conflict on whether it resolves in a Cognito role policy.',
    sources: [
      `${IOT}/basic-policy-variables.html`,
      'https://github.com/awsdocs/aws-iot-docs/issues/42',
      'https://github.com/aws/aws-iot-device-sdk-js/issues/78',
    ],
    outcomes: [
      { id: 'never-resolves', says: '${iot:ClientId} as never resolving in role policies' },
      { id: 'resolves', says: '${iot:ClientId} as the client ID in role policies' },
    ],
    evaluated: true,
    applied: 'Decided under both outcomes for role statements that use it; a difference is an ambiguous verdict.',
    fix: 'In role policies, use ${cognito-identity.amazonaws.com:sub} (and pin the client ID to it in Connect) instead of ${iot:ClientId}.',
  },
  {
    id: 'A15',
    title: 'IoT policies per Cognito identity',
    unknown: 'The figure of 10 comes from an archived quota table; the current table could not be read in full.',
    sources: ['https://docs.aws.amazon.com/general/latest/gr/iot-core.html'],
    outcomes: [
      { id: 'ten', says: 'at most 10 attached policies' },
      { id: 'other', says: 'another limit' },
    ],
    evaluated: false,
    applied: 'Affects the attach flow and a lint warning only; never a verdict.',
  },
  {
    id: 'R-malformed-value',
    title: 'A condition value that does not parse for its operator',
    unknown:
      "What AWS does with a value its operator cannot read (NotIpAddress 10.0.0/8, DateNotEquals 'soon', Bool 'yes'): it may reject the policy, ignore the value, or fail the condition.",
    sources: [`${IAM}/reference_policies_elements_condition_operators.html`],
    outcomes: [
      { id: 'value-ignored', says: 'a value that matches nothing (a negated operator then holds)' },
      { id: 'condition-fails', says: 'a condition that can never be true' },
    ],
    evaluated: true,
    applied: 'Decided under both outcomes; they differ for negated operators, whose Allow or Deny then applies under one reading only.',
    fix: 'Write the value in its operator’s type (a CIDR block, an ISO 8601 date, "true"/"false", a number).',
  },
  {
    id: 'R-unknown-operator',
    title: 'An unknown condition operator',
    unknown:
      'AWS rejects unknown operators when a policy is created through the API; a document that holds one anyway (old versions, hand-made files) has no documented meaning.',
    sources: [`${IAM}/reference_policies_elements_condition_operators.html`, `${IAM}/reference_policies_grammar.html`],
    outcomes: [
      { id: 'condition-fails', says: 'a condition that is never true' },
      { id: 'condition-ignored', says: 'a condition that is left out' },
    ],
    evaluated: true,
    applied:
      'Decided under both outcomes (an Allow applies under condition-ignored only, a Deny too); a single answer reads the Allow as never applying and the Deny as applying.',
    fix: 'Use a documented operator name, spelt exactly (StringEquals, not StringEqual).',
  },
  {
    id: 'R-multi-single',
    title: 'A multi-valued key under a single-valued operator',
    unknown:
      'AWS says multi-valued keys need ForAllValues:/ForAnyValue: but not what StringEquals does with several request values (cognito-identity.amazonaws.com:amr, iot:ConnectAttributes).',
    sources: [`${IAM}/reference_policies_condition-single-vs-multi-valued-context-keys.html`],
    outcomes: [
      { id: 'any-value', says: 'a condition that holds when any request value matches' },
      { id: 'every-value', says: 'a condition that holds only when every request value matches' },
    ],
    evaluated: true,
    applied: 'Decided under both outcomes when the request carries several values for the key.',
    fix: 'Add ForAnyValue: or ForAllValues: to the operator, whichever you mean.',
  },
  {
    id: 'R-type-wildcard-deny',
    title: 'A Deny with a wildcard in the resource type',
    unknown:
      'AWS does not allow wildcards in the resource-type part of an ARN; whether such a Deny denies what its pattern reaches or nothing is not stated (in an Allow it grants nothing either way).',
    sources: [`${IAM}/reference-arns.html`],
    outcomes: [
      { id: 'denies-pattern', says: 'a Deny that covers what its pattern reaches' },
      { id: 'denies-nothing', says: 'a Deny that covers nothing' },
    ],
    evaluated: true,
    applied: 'Decided under both outcomes.',
    fix: 'Name the resource type (topic/…, topicfilter/…, client/…) and put the wildcard after it.',
  },
  {
    id: 'R-short-arn',
    title: 'A Resource with fewer than six ARN parts',
    unknown: 'An ARN pattern with fewer than six colon-separated parts (arn:aws:iot:us-east-1:topic/x) has no documented meaning; AWS may reject the policy.',
    sources: [`${IAM}/reference-arns.html`],
    outcomes: [
      { id: 'stored', says: 'a policy AWS stores, the entry matched as written (nothing without a wildcard reaching across colons, A6)' },
      { id: 'rejected', says: 'a policy AWS refuses to store, which takes no part (neither its Allows nor its Denies)' },
    ],
    evaluated: true,
    applied:
      'Decided under both outcomes for every request the policy takes part in: a Deny so written denies nothing under either, and the policy’s Allows grant only if AWS stores it. malformed-arn reports the entry as an error.',
    fix: 'Write all six parts: arn:aws:iot:region:account-id:type/name (use * for a whole part).',
  },
  {
    id: 'R-unresolved-deny',
    title: 'An unresolved variable in a Deny or a NotResource',
    unknown:
      'IAM documents that an entry with an unresolved variable matches nothing; whether AWS IoT applies that to Denies and NotResource the same way (rather than failing the request) is not stated for IoT.',
    sources: [`${IAM}/reference_policies_variables.html#policy-vars-no-value`, `${IOT}/thing-policy-examples.html`],
    outcomes: [
      { id: 'matches-nothing', says: 'a Deny entry that matches nothing' },
      { id: 'request-fails', says: 'a request that fails authorization' },
    ],
    evaluated: false,
    applied: 'matches-nothing, as IAM documents; variable-unavailable-for-cognito and unknown-variable report such entries.',
  },
  {
    id: 'R-default-spacing',
    title: 'A variable default written without the space',
    unknown: "IAM documents ${key, 'default'} with a space after the comma; whether ${key,'default'} is a variable with a default is not stated.",
    sources: [`${IAM}/reference_policies_variables.html`],
    outcomes: [
      { id: 'default', says: 'a variable with a default' },
      { id: 'unresolved', says: 'no default: text no request resolves, so the entry matches nothing (as an unresolved variable)' },
    ],
    evaluated: true,
    applied:
      'Decided under both outcomes: under unresolved the entry matches nothing, so they differ wherever it would match with the variable’s value or its default.',
    fix: "Write the default as IAM documents it, with a space: ${key, 'default'}.",
  },
  {
    id: 'R-rejected-policy',
    title: 'A policy AWS would reject at creation',
    unknown: 'A document AWS would refuse (bad JSON, wrong Effect case, unknown element) cannot be attached, but a file may still describe one.',
    sources: [`${IAM}/reference_policies_grammar.html`],
    outcomes: [
      { id: 'grants-nothing', says: 'a policy that grants nothing (its well-formed Denies kept)' },
      { id: 'absent', says: 'no policy at all' },
    ],
    evaluated: false,
    applied:
      'absent: the document takes no part, neither its Allows nor its Denies, so no gate rests on a Deny AWS never stores; the syntax rules report the document as an error, which fails check.',
  },
];

const BY_ID = new Map(READINGS.map((r) => [r.id, r]));

export function findReading(id: string): Reading | undefined {
  return BY_ID.get(id);
}
