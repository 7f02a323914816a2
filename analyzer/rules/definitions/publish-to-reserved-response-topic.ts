import { isAllow, knownActionsOf } from '../helpers';
import { defineRule } from '../rule';
import { resourceName } from '../topic-patterns';

/** Replies the Device Shadow and Jobs services publish; clients may only subscribe to them (reserved-topics.html). */
const RESPONSE_TOPIC =
  /^\$aws\/things\/[^/]+\/(?:shadow(?:\/name\/[^/]+)?\/(?:(?:get|update|delete)\/(?:accepted|rejected)|update\/(?:delta|documents))|jobs\/(?:notify|notify-next|(?:get|start-next)\/(?:accepted|rejected)|[^/]+\/(?:get|update)\/(?:accepted|rejected)))$/;

const rule = defineRule({
  meta: {
    id: 'publish-to-reserved-response-topic',
    title: 'Publish allowed on a reserved topic only AWS publishes to',
    family: 'mqtt',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'The Device Shadow and Jobs services answer on reserved topics (…/shadow/update/accepted, …/rejected, …/delta, …/documents, …/jobs/notify…). AWS IoT lists Subscribe as the only client operation on them, so a Publish grant there never works — usually the author meant Subscribe, or the request topic (…/shadow/update). Grant Publish on the request topics and Subscribe/Receive on the responses.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/reserved-topics.html',
    messages: {
      responseTopic: '"{{topic}}" is a reply the {{service}} service publishes; clients may only subscribe to it, so this Publish grant never works',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.resources?.negated) continue;
      const actions = knownActionsOf(statement);
      if (!actions.has('iot:Publish') && !actions.has('iot:RetainPublish')) continue;
      for (const entry of statement.resources?.values ?? []) {
        const topic = resourceName(entry.value, 'topic');
        // Variables (the thing name) stand for one level; the pattern must name replies only.
        if (topic === undefined || !RESPONSE_TOPIC.test(topic.replace(/\$\{[^}]*\}/g, 'x'))) continue;
        report({ messageId: 'responseTopic', data: { topic, service: topic.includes('/jobs/') ? 'Jobs' : 'Device Shadow' }, range: entry.range });
      }
    }
  },
});
export default rule;
