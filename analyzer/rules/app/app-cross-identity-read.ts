import { defineAppRule, UNDECIDED_MESSAGES } from '../app-rule';
import { identityNamespaces, mayAllowUnder, otherNamespaces, scopingPolicies } from './policy-statements';
import { who, whomOf } from './witness';

const rule = defineAppRule({
  meta: {
    id: 'app-cross-identity-read',
    title: "A signed-in user can read another user's per-identity topics",
    family: 'over-permission',
    severity: 'error',
    kinds: ['iot', 'auth-role'],
    rationale:
      "Topics under users/${cognito-identity.amazonaws.com:sub}/… are meant for one identity. When every policy a signed-in user gets lets them subscribe with a filter (users/#, users/+/status) that matches another identity's topics and receive them, any user reads every other user's messages. Asked of the engine over every filter and topic, with Subscribe and Receive taken from all the policies together.",
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: {
      crossRead:
        '{{who}} may subscribe with "{{filter}}" and receive "{{topic}}", another signed-in user\'s topic: every {{whom}} can read what is meant for one',
      ...UNDECIDED_MESSAGES,
    },
  },
  identities: ['authenticated'],
  supersedes: ['cross-identity-read'],
  check({ cls, questions, report, undecided }) {
    const namespaces = identityNamespaces(cls);
    if (namespaces.length === 0 || !mayAllowUnder(scopingPolicies(cls), 'iot:Receive', 'topic', namespaces, true)) return;
    const answer = questions.canReach('authenticated', ['receive'], otherNamespaces(namespaces));
    if (answer.verdict === 'unknown') return undecided("a signed-in user may receive another user's per-identity topics", answer.reasons);
    if (answer.verdict === 'no') return;
    const { witness } = answer;
    report({
      messageId: 'crossRead',
      data: { who: who(witness.identity), whom: whomOf(cls), filter: witness.filter ?? '', topic: witness.topic ?? '' },
      checks: witness.checks,
    });
  },
});
export default rule;
