import { ARN, GOOD, THING, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const publish = (topic: string) => policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/${topic}` });

/** publish-to-reserved-response-topic: the cases its test runs and its documentation shows (docs/rules/publish-to-reserved-response-topic.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'the shadow request topic', policy: publish(`$aws/things/${THING}/shadow/update`) },
    { name: 'every shadow topic of the thing (requests included)', policy: publish(`$aws/things/${THING}/shadow/*`) },
    {
      name: 'subscribing to the replies',
      policy: policy({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/$aws/things/${THING}/shadow/update/accepted` }),
    },
    { name: 'a job execution update request', policy: publish(`$aws/things/${THING}/jobs/job-1/update`) },
  ],
  invalid: [
    {
      name: 'Publish on the shadow’s accepted reply',
      policy: publish('$aws/things/lamp/shadow/update/accepted'),
      findings: [{ messageId: 'responseTopic', line: 7, column: 19 }],
    },
    {
      name: 'Publish on a named shadow’s delta, for every thing',
      policy: publish('$aws/things/*/shadow/name/config/update/delta'),
      findings: [{ messageId: 'responseTopic', line: 7, column: 19 }],
    },
    {
      name: 'Publish on the jobs notification topic of the connected thing',
      policy: publish(`$aws/things/${THING}/jobs/notify-next`),
      findings: [{ messageId: 'responseTopic', line: 7, column: 19 }],
    },
  ],
};
export default cases;
