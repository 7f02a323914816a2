import { isAllow } from '../helpers';
import { mqttWildcardsIn, resourceName } from '../topic-patterns';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'mqtt-wildcard-in-allow',
    title: 'MQTT wildcard + or # in an allowed resource',
    family: 'mqtt',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'In policies, + and # are literal characters, not MQTT wildcards. topicfilter/sensors/+ allows exactly the filter "sensors/+" — but a client that subscribes with that filter gets a real MQTT wildcard subscription, delivering every topic it matches that Receive allows (app-wildcard-filter-delivery reports what it reaches). topic/sensors/# matches no topic at all, because topic names cannot contain # or +. Use * (any characters) or ? (one character) to allow a range of topics or filters.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/pub-sub-policy.html',
    messages: {
      literalInTopic: '{{wildcards}} {{are}} literal in policies, and topic names cannot contain {{them}}: this entry matches no topic (use * or ?)',
      literalInFilter:
        '{{wildcards}} {{are}} literal here: this allows exactly the filter "{{filter}}", and a client subscribing with it gets an MQTT wildcard subscription that delivers every matching topic Receive allows (use * or ? to allow a range of filters)',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.resources?.negated) continue;
      for (const entry of statement.resources?.values ?? []) {
        const topic = resourceName(entry.value, 'topic');
        const filter = resourceName(entry.value, 'topicfilter');
        const wildcards = mqttWildcardsIn(topic ?? filter ?? '');
        if (wildcards.length === 0 || topic === '*' || filter === '*') continue;
        const chars = wildcards.map((w) => `"${w}"`).join(' and ');
        if (topic !== undefined) {
          report({
            messageId: 'literalInTopic',
            data: { wildcards: chars, are: wildcards.length > 1 ? 'are' : 'is', them: wildcards.length > 1 ? 'them' : 'it' },
            range: entry.range,
          });
        } else {
          report({
            severity: 'info',
            messageId: 'literalInFilter',
            data: { wildcards: chars, are: wildcards.length > 1 ? 'are' : 'is', filter: filter ?? '' },
            range: entry.range,
          });
        }
      }
    }
  },
});
export default rule;
