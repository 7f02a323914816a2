import { isAllow, knownActionsOf } from '../helpers';
import { symbolicResourceMatches } from '../symbolic';
import type { Rule } from '../rule';

/** Device Defender's "broad set of devices" examples, as a stranger's resource each grant must not cover. */
const BROAD_CHECKS: Array<{ actions: string[]; resource: string; witness: string; what: string }> = [
  { actions: ['iot:Connect'], resource: 'client/', witness: 'zz-someone-else-7', what: 'connect with any client ID (and so disconnect any other client)' },
  { actions: ['iot:Publish'], resource: 'topic/', witness: '$aws/things/zz-someone-else-7/shadow/update', what: 'update the shadow of every thing' },
  { actions: ['iot:Subscribe'], resource: 'topicfilter/', witness: '$aws/things/zz-someone-else-7/shadow/update', what: 'subscribe to the shadow topics of every thing' },
  {
    actions: ['iot:GetThingShadow', 'iot:UpdateThingShadow', 'iot:DeleteThingShadow', 'iotjobsdata:DescribeJobExecution', 'iotjobsdata:GetPendingJobExecutions', 'iotjobsdata:StartNextPendingJobExecution', 'iotjobsdata:UpdateJobExecution'],
    resource: 'thing/',
    witness: 'zz-someone-else-7',
    what: 'use the shadow or job APIs of every thing',
  },
];
// Literal MQTT-wildcard filters over every thing's reserved topics (DD lists these explicitly).
const BROAD_FILTERS = ['$aws/things/#', '$aws/things/+/shadow/update'];

const rule: Rule = {
  meta: {
    id: 'broad-data-plane-access',
    title: 'Data-plane access over every device',
    family: 'over-permission',
    severity: 'error',
    kinds: ['iot', 'unauth-role'],
    rationale: 'Device Defender (IOT_POLICY_OVERLY_PERMISSIVE_CHECK, UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK) rates as Critical: Connect on client/*, Publish or Subscribe on $aws/things/* reserved topics, and shadow or job APIs on thing/* — one identity can then impersonate or control every device. Scope by ${cognito-identity.amazonaws.com:sub} or by thing. Receive on broad topics is fine: it only delivers what may be subscribed to.',
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-iot-policy-permissive.html',
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.resources?.negated) continue;
      const actions = knownActionsOf(statement);
      for (const entry of statement.resources?.values ?? []) {
        const problems = BROAD_CHECKS.filter((c) => c.actions.some((a) => actions.has(a)) && symbolicResourceMatches(entry.value, c.resource, c.witness)).map((c) => c.what);
        if (actions.has('iot:Subscribe') && BROAD_FILTERS.some((f) => symbolicResourceMatches(entry.value, 'topicfilter/', f)) && !problems.includes(BROAD_CHECKS[2].what)) problems.push(BROAD_CHECKS[2].what);
        if (problems.length > 0) report({ message: `"${entry.value}" lets each identity ${problems.join(', and ')}`, range: entry.range });
      }
    }
  },
};
export default rule;
