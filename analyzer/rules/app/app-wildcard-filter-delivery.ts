import { topicFilterProblem } from '../../match/mqtt';
import { confirmedCheck, type AppQuestions } from '../../project/app-questions';
import type { AppClass } from '../../project/app';
import type { ScenarioIdentity } from '../../scenario/model';
import { defineAppRule, UNDECIDED_MESSAGES } from '../app-rule';
import { mqttWildcardsIn, resourceName } from '../topic-patterns';
import { allowsOf, identityNamespaces } from './policy-statements';
import { otherThan } from './witness';

const SUBSCRIBES = '{{who}} may subscribe with the filter "{{filter}}" — allowed literally, a wildcard subscription at run time — and receives "{{topic}}"';
const SUB = /\$\{\s*cognito-identity\.amazonaws\.com:sub\s*\}/gi;

const rule = defineAppRule({
  meta: {
    id: 'app-wildcard-filter-delivery',
    title: 'A literal + or # in an allowed topic filter is a real wildcard subscription',
    family: 'mqtt',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'In a policy, + and # in topicfilter/ are literal characters, so topicfilter/$aws/things/+/shadow/update/accepted allows exactly that filter. But a client that subscribes with exactly that filter gets an MQTT wildcard subscription: it receives every topic the filter matches that Receive allows — every device’s shadow updates here. Severity follows what is reachable: every device, every user or every topic is an error (Device Defender rates broad shadow subscriptions Critical).',
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-iot-policy-permissive.html',
    auditCheck: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK',
    messages: {
      everyTopic: `${SUBSCRIBES}: every topic of every client, wherever Receive allows`,
      everyDevice: `${SUBSCRIBES}: every device's reserved topics (shadows, jobs), wherever Receive allows`,
      otherUsers: `${SUBSCRIBES}: another signed-in user's per-identity topics, wherever Receive allows`,
      matchingTopics: `${SUBSCRIBES}: every topic the filter matches, wherever Receive allows`,
      ...UNDECIDED_MESSAGES,
    },
  },
  identities: ['authenticated', 'unauthenticated'],
  check({ cls, questions, report }) {
    const literal = allowsOf(cls, 'iot:Subscribe')
      .filter((s) => !s.resourcesNegated)
      .flatMap((s) => s.resources.map(({ entry }) => resourceName(entry.value, 'topicfilter')))
      .filter((name): name is string => name !== undefined && mqttWildcardsIn(name).length > 0);
    if (literal.length === 0) return;
    const [member] = questions.members(cls.type);
    const clientId = member && connectingClientId(questions, member, cls);
    if (!member || clientId === undefined) return;
    const namespaces = identityNamespaces(cls);
    const other = otherThan(questions.members(cls.type), member.identity.identityId)?.identity.identityId ?? 'zz-other';
    const seen = new Set<string>();
    for (const name of literal) {
      const filter = concreteFilter(name.replace(SUB, member.identity.identityId));
      // Below the identity's own namespace a wildcard reaches only what is its own.
      const own = namespaces.some((prefix) => filter?.startsWith(`${prefix}${member.identity.identityId}/`));
      if (filter === undefined || own || seen.has(filter)) continue;
      seen.add(filter);
      const { topic, reach } = delivered(filter, namespaces, other);
      const subscribe = questions.decide(member, 'iot:Subscribe', `topicfilter/${filter}`, clientId);
      const receive = questions.decide(member, 'iot:Receive', `topic/${topic}`, clientId);
      if (subscribe.decision === 'deny' || receive.decision === 'deny') continue;
      const connect = questions.decide(member, 'iot:Connect', `client/${clientId}`, clientId);
      report({
        messageId: reach,
        data: { who: `${member.name} (identity ID ${member.identity.identityId}, client ID ${clientId})`, filter, topic },
        severity: reach === 'matchingTopics' ? 'warning' : 'error',
        checks: [
          confirmedCheck(member.name, 'iot:Connect', questions.arn(`client/${clientId}`), connect, clientId),
          confirmedCheck(member.name, 'iot:Receive', questions.arn(`topic/${topic}`), receive, clientId),
          confirmedCheck(member.name, 'iot:Subscribe', questions.arn(`topicfilter/${filter}`), subscribe, clientId),
        ],
      });
    }
  },
});
export default rule;

/** The filter a client would send: `*` and `?` of the policy spelled as plain text; undefined when other variables remain or it is not a valid filter. */
function concreteFilter(name: string): string | undefined {
  if (name.includes('${')) return undefined;
  const filter = name.replace(/\*/g, 'x').replace(/\?/g, 'x');
  return topicFilterProblem(filter) ? undefined : filter;
}

type Reach = 'everyTopic' | 'everyDevice' | 'otherUsers' | 'matchingTopics';

/** A topic the filter delivers that its author likely did not mean to share, and how far the subscription reaches. */
function delivered(filter: string, namespaces: readonly string[], otherIdentity: string): { topic: string; reach: Reach } {
  const levels = filter.split('/');
  let reach: Reach = 'matchingTopics';
  const topic = levels
    .map((level, i) => {
      if (level !== '+' && level !== '#') return level;
      const before = levels.slice(0, i).join('/') + (i > 0 ? '/' : '');
      if (i === 0) reach = 'everyTopic';
      else if (before === '$aws/things/') {
        reach = 'everyDevice';
        return 'zz-device';
      } else if (namespaces.includes(before)) {
        reach = 'otherUsers';
        return otherIdentity;
      }
      return level === '#' ? 'zz-any' : 'zz-level';
    })
    .join('/');
  return { topic, reach };
}

/** A client ID the identity may connect with: its identity ID, else one its Connect statements spell. */
function connectingClientId(questions: AppQuestions, member: ScenarioIdentity, cls: AppClass): string | undefined {
  const spelled = allowsOf(cls, 'iot:Connect').flatMap((s) =>
    s.resources.flatMap(({ entry }) => {
      const at = entry.value.indexOf(':client/');
      const id =
        at === -1
          ? undefined
          : entry.value
              .slice(at + ':client/'.length)
              .replace(SUB, member.identity.identityId)
              .replace(/[*?]/g, 'x');
      return id && !id.includes('${') ? [id] : [];
    }),
  );
  const candidates = [member.identity.identityId, 'client-1', ...spelled];
  return candidates.find((id) => questions.decide(member, 'iot:Connect', `client/${id}`, id).decision !== 'deny');
}
