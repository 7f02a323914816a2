import { filtersDelivering, mqttWildcardsIn, patternMatches, topicPatterns, witness } from '../topic-patterns';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'receive-without-subscribe',
    title: 'Receive allowed on topics no allowed filter covers',
    family: 'mqtt',
    severity: 'info',
    kinds: 'any',
    rationale:
      'Messages are delivered only to subscriptions. Receive on topics that no allowed Subscribe filter can cover is dead weight, or a sign that the Subscribe resource is wrong. Some reserved job topics are delivered without a subscription; for those this is expected.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/iot-policy-actions.html',
    messages: {
      literalWildcard: 'no subscription can deliver topic/{{topic}}: {{wildcards}} {{are}} literal here, and topic names cannot contain {{them}}',
      noSubscription: 'no statement allows a subscription that would deliver topic/{{topic}}',
    },
  },
  check({ policy, report }) {
    const subscribes = topicPatterns(policy, 'iot:Subscribe', 'Allow', 'topicfilter');
    for (const receive of topicPatterns(policy, 'iot:Receive', 'Allow', 'topic')) {
      // + and # are literal in policies and topic names cannot contain them: no subscription delivers such a topic.
      const literal = mqttWildcardsIn(receive.name);
      if (literal.length > 0) {
        report({
          messageId: 'literalWildcard',
          data: {
            topic: receive.name,
            wildcards: literal.map((w) => `"${w}"`).join(' and '),
            are: literal.length > 1 ? 'are' : 'is',
            them: literal.length > 1 ? 'them' : 'it',
          },
          range: receive.entry.range,
        });
        continue;
      }
      const topic = witness(receive.name);
      // Any MQTT filter that delivers the topic will do: the topic itself, users/+/status, users/#, #…
      if (subscribes.some((subscribe) => patternMatches(subscribe, topic))) continue;
      if (subscribes.length > 0 && filtersDelivering(topic).some((filter) => subscribes.some((subscribe) => patternMatches(subscribe, filter)))) continue;
      report({ messageId: 'noSubscription', data: { topic }, range: receive.entry.range });
    }
  },
});
export default rule;
