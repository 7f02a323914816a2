import { DATA_PLANE_ACTIONS } from '../../catalog/data-plane';
import { defineAppRule, UNDECIDED_MESSAGES } from '../app-rule';
import type { Answer } from '../../project/app-questions';
import { allowsIn, mayAllowUnder } from './policy-statements';
import { who } from './witness';

/** The shadow and job APIs: they act on any thing their resource names. */
const RESERVED = '$aws/';
const THING_ACTIONS = DATA_PLANE_ACTIONS.filter((a) => a.resourceType === 'thing').map((a) => a.name);

const rule = defineAppRule({
  meta: {
    id: 'app-guest-reaches-devices',
    title: 'Guests can reach devices or reserved topics',
    family: 'over-permission',
    severity: 'error',
    kinds: ['unauth-role'],
    rationale:
      'Guests are anonymous: whatever the unauthenticated role allows, anyone on the internet can do, and IoT policies never scope it down. Publishing to, subscribing to and receiving $aws/ reserved topics (device shadows, jobs, Basic Ingest) or calling the shadow and job APIs on things lets strangers read and drive devices. Asked of the engine over every topic, filter and thing, NotResource and NotAction included; Receive counts only with a subscription that delivers it.',
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-unauth-cognito-role-permissive.html',
    auditCheck: 'UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK',
    messages: {
      publish: '{{who}}, an anonymous guest, may publish to "{{topic}}": anyone can reach the reserved device topics',
      subscribe: '{{who}}, an anonymous guest, may subscribe with "{{filter}}": anyone can reach the reserved device topics',
      thingApi: '{{who}}, an anonymous guest, may call {{action}} on {{resource}}: anyone can read or drive the device',
      ...UNDECIDED_MESSAGES,
    },
  },
  identities: ['unauthenticated'],
  supersedes: ['guest-device-access'],
  check({ cls, questions, report, undecided }) {
    const reachable =
      mayAllowUnder(cls.rolePolicies, 'iot:Publish', 'topic', [RESERVED], false) ||
      mayAllowUnder(cls.rolePolicies, 'iot:Subscribe', 'topicfilter', [RESERVED], false);
    // Receiving a reserved topic needs a subscription with a $aws/ filter, which Subscribe already answers.
    const topics: Answer = reachable ? questions.canReach('unauthenticated', ['publish', 'subscribe'], [`${RESERVED}*`]) : { verdict: 'no' };
    if (topics.verdict === 'unknown') undecided('a guest may use $aws/ reserved topics', topics.reasons);
    if (topics.verdict === 'yes') {
      const { witness } = topics;
      const messageId = witness.operation === 'publish' ? 'publish' : 'subscribe';
      report({ messageId, data: { who: who(witness.identity), topic: witness.topic ?? '', filter: witness.filter ?? '' }, checks: witness.checks });
    }
    const thingActions = THING_ACTIONS.filter((a) => allowsIn(cls.rolePolicies, a).length > 0);
    const things = questions.canAccess('unauthenticated', thingActions, ['thing/*']);
    if (things.verdict === 'unknown') undecided('a guest may call the shadow or job APIs', things.reasons);
    if (things.verdict === 'yes') {
      const { witness } = things;
      report({
        messageId: 'thingApi',
        data: { who: who(witness.identity), action: witness.action ?? '', resource: witness.resource ?? '' },
        checks: witness.checks,
      });
    }
  },
});
export default rule;
