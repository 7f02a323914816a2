import { patternMatches, topicPatterns, witness } from '../topic-patterns';
import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'receive-without-subscribe',
    title: 'Receive allowed on topics no allowed filter covers',
    family: 'mqtt',
    severity: 'info',
    kinds: 'any',
    rationale: 'Messages are delivered only to subscriptions. Receive on topics that no allowed Subscribe filter can cover is dead weight, or a sign that the Subscribe resource is wrong. Some reserved job topics are delivered without a subscription; for those this is expected.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/iot-policy-actions.html',
  },
  check({ policy, report }) {
    const subscribes = topicPatterns(policy, 'iot:Subscribe', 'Allow', 'topicfilter');
    for (const receive of topicPatterns(policy, 'iot:Receive', 'Allow', 'topic')) {
      const topic = witness(receive.name);
      if (subscribes.some((subscribe) => patternMatches(subscribe, topic) || patternMatches(subscribe, '#'))) continue;
      report({ message: `no statement allows a subscription that would deliver topic/${topic}`, range: receive.entry.range });
    }
  },
};
export default rule;
