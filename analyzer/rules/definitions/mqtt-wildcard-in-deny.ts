import { isDeny, replaceString } from '../helpers';
import { mqttWildcardsIn, resourceName } from '../topic-patterns';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'mqtt-wildcard-in-deny',
    title: 'MQTT wildcard + or # in a Deny',
    family: 'mqtt',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'A Deny on topicfilter/building/control_room/# denies only the literal filter "building/control_room/#"; a client can still subscribe to building/control_room/data1. Device Defender reports this as POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT. Use * in Deny statements.',
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-iot-misconfigured-policies.html',
    auditCheck: 'IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK',
    fixable: true,
    messages: {
      literalInDeny:
        'this Deny matches only the literal {{wildcards}}, not what MQTT would match: "{{name}}" does not block the topics it looks like it blocks',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (!isDeny(statement) || statement.resources?.negated) continue;
      for (const entry of statement.resources?.values ?? []) {
        const name = resourceName(entry.value, 'topicfilter') ?? resourceName(entry.value, 'topic');
        const wildcards = mqttWildcardsIn(name ?? '');
        if (wildcards.length === 0) continue;
        const fixed = entry.value.replace(/\/#$/, '/*').replace(/\/\+(?=\/|$)/g, '/*');
        report({
          messageId: 'literalInDeny',
          data: { wildcards: wildcards.map((w) => `"${w}"`).join(' and '), name: name ?? '' },
          range: entry.range,
          fix: fixed !== entry.value ? { title: 'Use * instead of the MQTT wildcards', edits: [replaceString(entry, fixed)] } : undefined,
        });
      }
    }
  },
});
export default rule;
