import { isAllow } from '../helpers';
import { allowsTopic, filtersDelivering, resourceName, topicPatterns, patternMatches } from '../topic-patterns';
import { defineRule } from '../rule';

const SUB = /\$\{cognito-identity\.amazonaws\.com:sub\}/i;
// Another identity's ID, as AWS formats them: what a per-identity namespace must keep out.
const OTHER_IDENTITY = 'us-east-1:00000000-0000-4000-8000-0000000000ff';

const rule = defineRule({
  meta: {
    id: 'cross-identity-read',
    title: "Per-user IoT policy lets every user read other users' topics",
    family: 'variables',
    severity: 'error',
    kinds: ['iot'],
    rationale:
      "When an IoT policy scopes topics by ${cognito-identity.amazonaws.com:sub} (users/${…sub}/…), that namespace is meant to be private. A broader Subscribe (topicfilter/users/*) together with a broader Receive (topic/users/*) lets every signed-in user subscribe to users/# and read every other user's messages — the leak per-identity policies exist to prevent.",
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: {
      crossRead:
        'any identity can subscribe to "{{filter}}" and receive another identity\'s "{{prefix}}<identity ID>/…" topics; scope Subscribe and Receive with ${cognito-identity.amazonaws.com:sub}',
    },
  },
  check({ policy, report }) {
    const prefixes = new Set<string>();
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.resources?.negated) continue;
      for (const entry of statement.resources?.values ?? []) {
        const name = resourceName(entry.value, 'topic') ?? resourceName(entry.value, 'topicfilter');
        const at = name?.search(SUB) ?? -1;
        if (name && at !== -1 && !/[*?]/.test(name.slice(0, at))) prefixes.add(name.slice(0, at));
      }
    }
    const mayReceive = allowsTopic(policy, 'iot:Receive', 'topic');
    const maySubscribe = allowsTopic(policy, 'iot:Subscribe', 'topicfilter');
    const receives = topicPatterns(policy, 'iot:Receive', 'Allow', 'topic');
    for (const prefix of prefixes) {
      const topic = `${prefix}${OTHER_IDENTITY}/x`;
      if (!mayReceive(topic)) continue;
      // Name the widest filter that works: it shows the reach of the leak ("users/#" rather than one topic).
      const filters = filtersDelivering(topic);
      const filter = filters.find((f) => f.endsWith('#') && maySubscribe(f)) ?? filters.find(maySubscribe);
      if (!filter) continue;
      const entry = receives.find((r) => patternMatches(r, topic))?.entry;
      const statement = policy.statements.find((s) => isAllow(s) && s.resources?.negated);
      const range = entry?.range ?? statement?.resources?.key.range ?? policy.lines.range(0, 1);
      report({
        messageId: 'crossRead',
        data: { filter, prefix },
        range,
      });
    }
  },
});
export default rule;
