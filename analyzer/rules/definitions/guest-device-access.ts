import { isAllow, knownActionsOf } from '../helpers';
import { symbolicResourceMatches } from '../symbolic';
import type { Rule } from '../rule';

const TOPIC_ACTIONS = ['iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:RetainPublish'];
const THING_ACTIONS = ['iot:GetThingShadow', 'iot:UpdateThingShadow', 'iot:DeleteThingShadow', 'iot:ListNamedShadowsForThing'];

const rule: Rule = {
  meta: {
    id: 'guest-device-access',
    title: 'Guests can reach device shadows or reserved topics',
    family: 'over-permission',
    severity: 'error',
    kinds: ['unauth-role'],
    rationale: 'Unauthenticated identities are anonymous and IoT policies never scope them down: whatever the guest role allows on $aws/things/… topics or thing/ shadows, anyone on the internet can do. AWS recommends very limited guest access (cog-iot-policies.html).',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.resources?.negated) continue;
      const actions = knownActionsOf(statement);
      const topicActions = TOPIC_ACTIONS.filter((a) => actions.has(a));
      const thingActions = THING_ACTIONS.filter((a) => actions.has(a));
      for (const entry of statement.resources?.values ?? []) {
        const reachesReserved =
          topicActions.length > 0 &&
          (symbolicResourceMatches(entry.value, 'topic/', '$aws/things/zz-device/shadow/get') || symbolicResourceMatches(entry.value, 'topicfilter/', '$aws/things/zz-device/shadow/get') || entry.value.includes(':topic/$aws/') || entry.value.includes(':topicfilter/$aws/'));
        const reachesThings = thingActions.length > 0 && (symbolicResourceMatches(entry.value, 'thing/', 'zz-device') || entry.value.includes(':thing/'));
        if (reachesReserved) report({ message: `guests may ${topicActions.join('/')} on "${entry.value}", which reaches the reserved $aws/things/… device topics`, range: entry.range });
        if (reachesThings) report({ message: `guests may ${thingActions.join('/')} on "${entry.value}": anonymous access to device shadows`, range: entry.range });
      }
    }
  },
};
export default rule;
