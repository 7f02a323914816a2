import type { ParsedStatement } from '../../policy/model';
import { isAllow, knownActionsOf } from '../helpers';
import { symbolicResourceMatches } from '../symbolic';
import { defineRule } from '../rule';

const PUBLISH_ACTIONS = ['iot:Publish', 'iot:RetainPublish'];
const THING_ACTIONS = ['iot:GetThingShadow', 'iot:UpdateThingShadow', 'iot:DeleteThingShadow', 'iot:ListNamedShadowsForThing'];
const DEVICE_TOPIC = '$aws/things/zz-device/shadow/get';

const reachesTopics = (entry: string) => symbolicResourceMatches(entry, 'topic/', DEVICE_TOPIC) || entry.includes(':topic/$aws/');
const reachesFilters = (entry: string) => symbolicResourceMatches(entry, 'topicfilter/', DEVICE_TOPIC) || entry.includes(':topicfilter/$aws/');
const usable = (statement: ParsedStatement) => isAllow(statement) && !statement.resources?.negated;

const rule = defineRule({
  meta: {
    id: 'guest-device-access',
    title: 'Guests can reach device shadows or reserved topics',
    family: 'over-permission',
    severity: 'error',
    kinds: ['unauth-role'],
    rationale:
      'Unauthenticated identities are anonymous and IoT policies never scope them down: whatever the guest role allows on $aws/things/… topics or thing/ shadows, anyone on the internet can do. AWS recommends very limited guest access (cog-iot-policies.html).',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    auditCheck: 'UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK',
    messages: {
      reservedTopics: 'guests may {{actions}} on "{{resource}}", which reaches the reserved $aws/things/… device topics',
      deviceShadows: 'guests may {{actions}} on "{{resource}}": anonymous access to device shadows',
    },
  },
  check({ policy, report }) {
    // Receive delivers only what may be subscribed to (Device Defender rates broad Receive compliant): it lets
    // guests read device topics only when they may also subscribe to them.
    const guestsSubscribeToDevices = policy.statements.some(
      (s) => usable(s) && knownActionsOf(s).has('iot:Subscribe') && (s.resources?.values ?? []).some((entry) => reachesFilters(entry.value)),
    );
    for (const statement of policy.statements) {
      if (!usable(statement)) continue;
      const actions = knownActionsOf(statement);
      const thingActions = THING_ACTIONS.filter((a) => actions.has(a));
      for (const entry of statement.resources?.values ?? []) {
        const topicActions = [
          ...PUBLISH_ACTIONS.filter((a) => actions.has(a) && reachesTopics(entry.value)),
          ...(actions.has('iot:Subscribe') && reachesFilters(entry.value) ? ['iot:Subscribe'] : []),
          ...(actions.has('iot:Receive') && guestsSubscribeToDevices && reachesTopics(entry.value) ? ['iot:Receive'] : []),
        ];
        const reachesThings = thingActions.length > 0 && (symbolicResourceMatches(entry.value, 'thing/', 'zz-device') || entry.value.includes(':thing/'));
        if (topicActions.length > 0)
          report({
            messageId: 'reservedTopics',
            data: { actions: topicActions.join('/'), resource: entry.value },
            range: entry.range,
          });
        if (reachesThings) report({ messageId: 'deviceShadows', data: { actions: thingActions.join('/'), resource: entry.value }, range: entry.range });
      }
    }
  },
});
export default rule;
