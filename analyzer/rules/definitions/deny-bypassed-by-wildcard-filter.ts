import { splitArn } from '../../catalog/arn';
import type { ParsedPolicy } from '../../policy/model';
import { allowsTopic, patternMatches, topicPatterns, witness, type TopicPattern } from '../topic-patterns';
import { defineRule, type Fix } from '../rule';

/**
 * Filters broader than the denied one that MQTT would use to reach the same topics: `a/#` and `#` for `a/b/*`.
 * `${…}` variables stay in the prefix: they are bound to the caller in the Allow and the Deny alike, so
 * `users/${sub}/#` reaches a denied `users/${sub}/private/*`.
 */
function broaderFilters(name: string): string[] {
  const literalPrefix = name.split(/[*?]/)[0];
  const levels = literalPrefix.split('/').slice(0, -1);
  const filters = ['#'];
  for (let i = 1; i <= levels.length; i++) filters.push(`${levels.slice(0, i).join('/')}/#`);
  return filters;
}

// The policy pattern an author meant by an MQTT filter: "a/#" becomes "a/*", "a/+/b" becomes "a/*/b".
function asPolicyWildcards(name: string): string {
  return name.replace(/(^|\/)#$/, '$1*').replace(/(^|\/)\+(?=\/|$)/g, '$1*');
}

function addReceiveDenyFix(policy: ParsedPolicy, deny: TopicPattern): Fix | undefined {
  const { text } = policy;
  const arn = splitArn(deny.entry.value);
  if (!arn) return undefined;
  const receiveArn = `${deny.entry.value.slice(0, arn.resourceOffset)}topic/${asPolicyWildcards(deny.name)}`;
  const statementEnd = deny.statement.range.offset + deny.statement.range.length;
  const lineStart = text.lastIndexOf('\n', deny.statement.range.offset) + 1;
  const indent = text.slice(lineStart, deny.statement.range.offset).replace(/\S/g, ' ');
  const statement = `{\n${indent}  "Effect": "Deny",\n${indent}  "Action": "iot:Receive",\n${indent}  "Resource": ${JSON.stringify(receiveArn)}\n${indent}}`;
  return {
    title: `Also deny iot:Receive on topic/${asPolicyWildcards(deny.name)}`,
    edits: [{ range: policy.lines.range(statementEnd, 0), newText: `,\n${indent}${statement}` }],
  };
}

const rule = defineRule({
  meta: {
    id: 'deny-bypassed-by-wildcard-filter',
    title: 'Denied topic filters reachable through a broader wildcard subscription',
    family: 'mqtt',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'Denying iot:Subscribe on topicfilter/building/control_room/* does not stop a client allowed topicfilter/building/* from subscribing to "building/#" — and then, if iot:Receive is allowed on topic/building/*, it receives building/control_room/… messages. Deny iot:Receive on the same topics. Device Defender: TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS.',
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-iot-misconfigured-policies.html',
    auditCheck: 'IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK',
    fixable: true,
    messages: {
      bypassed: 'a client can still subscribe to "{{filter}}" and receive "{{topic}}": deny iot:Receive on topic/{{deny}} as well',
    },
  },
  check({ policy, report }) {
    const allowSubscribe = topicPatterns(policy, 'iot:Subscribe', 'Allow', 'topicfilter');
    const receivable = allowsTopic(policy, 'iot:Receive', 'topic');
    const denyReceive = topicPatterns(policy, 'iot:Receive', 'Deny', 'topic');
    for (const deny of topicPatterns(policy, 'iot:Subscribe', 'Deny', 'topicfilter')) {
      if (deny.name === '*') continue;
      const bypass = broaderFilters(deny.name).find((filter) => !patternMatches(deny, filter) && allowSubscribe.some((allow) => patternMatches(allow, filter)));
      if (!bypass) continue;
      const topic = witness(deny.name);
      if (!receivable(topic) || denyReceive.some((r) => patternMatches(r, topic))) continue;
      report({
        messageId: 'bypassed',
        data: { filter: bypass, topic, deny: asPolicyWildcards(deny.name) },
        range: deny.entry.range,
        fix: addReceiveDenyFix(policy, deny),
      });
    }
  },
});
export default rule;
