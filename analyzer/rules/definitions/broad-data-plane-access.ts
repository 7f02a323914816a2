import { splitArn } from '../../catalog/arn';
import { patternCovers } from '../../match/containment';
import type { ParsedPolicy } from '../../policy/model';
import { isAllow, isDeny, knownActionsOf } from '../helpers';
import { symbolicResourceMatches, witnessResource } from '../symbolic';
import { filtersDelivering, resourceName } from '../topic-patterns';
import { defineRule } from '../rule';

const STRANGER = 'zz-someone-else-7';
const reserved = (suffixes: string[]) => suffixes.map((s) => `$aws/things/${STRANGER}/${s}`);

const SUBSCRIBE_SHADOW = 'subscribe to the shadow topics of every thing';
const SUBSCRIBE_JOBS = 'subscribe to the job topics of every thing';

/** Device Defender's "broad set of devices" examples, as a stranger's resources each grant must not cover. */
const BROAD_CHECKS: Array<{ actions: string[]; resource: string; witnesses: string[]; what: string }> = [
  { actions: ['iot:Connect'], resource: 'client/', witnesses: [STRANGER], what: 'connect with any client ID (and so disconnect any other client)' },
  {
    actions: ['iot:Publish'],
    resource: 'topic/',
    witnesses: reserved(['shadow/update', 'shadow/delete', 'shadow/name/zz-shadow/update']),
    what: 'update the shadow of every thing',
  },
  {
    actions: ['iot:Publish'],
    resource: 'topic/',
    witnesses: reserved(['jobs/get', 'jobs/start-next', 'jobs/zz-job/update']),
    what: 'publish to the job topics of every thing',
  },
  // Subscribing with a filter (literal + and # included) that delivers another thing's reserved topics.
  {
    actions: ['iot:Subscribe'],
    resource: 'topicfilter/',
    witnesses: reserved(['shadow/update', 'shadow/update/delta']).flatMap(filtersDelivering),
    what: SUBSCRIBE_SHADOW,
  },
  {
    actions: ['iot:Subscribe'],
    resource: 'topicfilter/',
    witnesses: reserved(['jobs/notify', 'jobs/notify-next']).flatMap(filtersDelivering),
    what: SUBSCRIBE_JOBS,
  },
  {
    actions: [
      'iot:GetThingShadow',
      'iot:UpdateThingShadow',
      'iot:DeleteThingShadow',
      'iotjobsdata:DescribeJobExecution',
      'iotjobsdata:GetPendingJobExecutions',
      'iotjobsdata:StartNextPendingJobExecution',
      'iotjobsdata:UpdateJobExecution',
    ],
    resource: 'thing/',
    witnesses: [STRANGER],
    what: 'use the shadow or job APIs of every thing',
  },
];

/** Whether an entry can name reserved topics at all (cheap pre-check before trying the witnesses). */
function mayReachReserved(entry: string, resource: string): boolean {
  if (resource !== 'topic/' && resource !== 'topicfilter/') return true;
  const name = resourceName(entry, resource === 'topic/' ? 'topic' : 'topicfilter');
  return name !== undefined && /^[$*?]/.test(name);
}

/**
 * Whether an unconditional Deny of the policy surely takes the action on the resource away: its actions
 * and resources cover them, each ARN part by its own part (so whichever way AWS reads a `*` across
 * colons, docs/readings.md A6, the Deny applies). Conditional Denies and NotAction/NotResource ones are
 * not counted: they may not apply, and the finding stands.
 */
function deniedInPolicy(policy: ParsedPolicy, action: string, resource: string): boolean {
  return policy.statements.some(
    (s) =>
      isDeny(s) &&
      s.wellFormed &&
      s.conditions.length === 0 &&
      s.actions &&
      !s.actions.negated &&
      s.resources &&
      !s.resources.negated &&
      s.actions.values.some((a) => patternCovers(a.value.toLowerCase(), action.toLowerCase())) &&
      s.resources.values.some((r) => coversPartWise(r.value, resource)),
  );
}

/**
 * Whether an Allow's entry, for actions it grants, covers a witness of the check that no Deny of the policy
 * surely takes away. Loops, not callbacks: it runs for every entry of every Allow.
 */
function reaches(policy: ParsedPolicy, entry: string, actions: ReadonlySet<string>, check: (typeof BROAD_CHECKS)[number]): boolean {
  let mayReach: boolean | undefined;
  for (const action of check.actions) {
    if (!actions.has(action)) continue;
    if (!(mayReach ??= mayReachReserved(entry, check.resource))) return false;
    for (const witness of check.witnesses)
      if (symbolicResourceMatches(entry, check.resource, witness) && !deniedInPolicy(policy, action, witnessResource(entry, check.resource, witness)))
        return true;
  }
  return false;
}

function coversPartWise(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const [general, specific] = [splitArn(pattern), splitArn(arn)];
  if (!general || !specific) return false;
  const parts = (a: typeof general) => [a.partition, a.service, a.region, a.account, a.resource];
  const specificParts = parts(specific);
  return parts(general).every((part, i) => patternCovers(part, specificParts[i]));
}

const rule = defineRule({
  meta: {
    id: 'broad-data-plane-access',
    title: 'Data-plane access over every device',
    family: 'over-permission',
    severity: 'error',
    kinds: ['iot', 'unauth-role'],
    rationale:
      'Device Defender (IOT_POLICY_OVERLY_PERMISSIVE_CHECK, UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK) rates as Critical: Connect on client/*, Publish or Subscribe on $aws/things/* reserved topics, and shadow or job APIs on thing/* — one identity can then impersonate or control every device. Scope by ${cognito-identity.amazonaws.com:sub} or by thing. Receive on broad topics is fine: it only delivers what may be subscribed to. What an unconditional Deny of the policy (or of the other policies the same identities get) surely takes away is not claimed.',
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-iot-policy-permissive.html',
    auditCheck: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK',
    messages: {
      broad: '"{{resource}}" lets each identity {{what}}',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.resources?.negated) continue;
      const actions = knownActionsOf(statement);
      for (const entry of statement.resources?.values ?? []) {
        const problems: string[] = [];
        for (const check of BROAD_CHECKS) if (reaches(policy, entry.value, actions, check)) problems.push(check.what);
        const shadow = problems.indexOf(SUBSCRIBE_SHADOW);
        const jobs = problems.indexOf(SUBSCRIBE_JOBS);
        if (shadow !== -1 && jobs !== -1) problems.splice(shadow, 2, 'subscribe to the shadow and job topics of every thing');
        if (problems.length > 0) report({ messageId: 'broad', data: { resource: entry.value, what: problems.join(', and ') }, range: entry.range });
      }
    }
  },
});
export default rule;
