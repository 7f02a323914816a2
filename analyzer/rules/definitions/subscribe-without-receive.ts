import { allowsTopic, filtersDelivering, mqttWildcardsIn, patternMatches, topicPatterns, witness } from '../topic-patterns';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'subscribe-without-receive',
    title: 'Subscribe allowed without a matching Receive',
    family: 'mqtt',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'iot:Subscribe is checked when the client subscribes; iot:Receive is checked on every message delivered. A filter that may be subscribed to but whose topics may not be received delivers nothing — the subscription succeeds and stays silent.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/iot-policy-actions.html',
    messages: {
      receivesNothing: 'subscriptions allowed by this filter receive nothing: no statement allows iot:Receive on topic/{{topic}}',
    },
  },
  check({ policy, report }) {
    const receivable = allowsTopic(policy, 'iot:Receive', 'topic');
    // Topics some Receive grant covers (patterns with a literal + or # match no topic at all).
    const receivedTopics = topicPatterns(policy, 'iot:Receive', 'Allow', 'topic')
      .filter((receive) => mqttWildcardsIn(receive.name).length === 0)
      .map((receive) => witness(receive.name));
    for (const subscribe of topicPatterns(policy, 'iot:Subscribe', 'Allow', 'topicfilter')) {
      const topic = witness(subscribe.name);
      if (receivable(topic)) continue;
      // A broad Subscribe grant (topicfilter/*) with narrow Receive grants still delivers those narrow topics.
      if (
        receivedTopics.some(
          (received) => patternMatches(subscribe, received) || filtersDelivering(received).some((filter) => patternMatches(subscribe, filter)),
        )
      )
        continue;
      report({
        messageId: 'receivesNothing',
        data: { topic },
        range: subscribe.entry.range,
      });
    }
  },
});
export default rule;
