import { defineAppRule, UNDECIDED_MESSAGES } from '../app-rule';
import { identityNamespaces, mayAllowUnder, otherNamespaces, scopingPolicies } from './policy-statements';
import { writeFinding } from './witness';

const rule = defineAppRule({
  meta: {
    id: 'app-cross-identity-write',
    title: "A signed-in user can publish into another user's per-identity topics",
    family: 'over-permission',
    severity: 'error',
    kinds: ['iot', 'auth-role'],
    rationale:
      "When a signed-in user may publish to a topic in another identity's namespace (users/<their ID>/…) that the other identity subscribes to and receives, any user can forge messages another user trusts as their own. Asked of the engine as a flow from one signed-in identity to another over every topic; topics outside the per-identity namespaces (shared areas) are not counted.",
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: {
      subscribed:
        '{{who}} may publish to "{{topic}}" and {{receiver}} receives it through "{{filter}}": any {{whom}} can forge messages in another user\'s namespace',
      retained: '{{who}} may publish a retained message to "{{topic}}" and {{receiver}} reads it: any {{whom}} can forge messages in another user\'s namespace',
      ...UNDECIDED_MESSAGES,
    },
  },
  identities: ['authenticated'],
  supersedes: ['publish-not-scoped-per-identity'],
  check({ cls, questions, report, undecided }) {
    const namespaces = identityNamespaces(cls);
    // A retained message needs Publish too: without a Publish into another namespace there is no flow.
    if (namespaces.length === 0 || !mayAllowUnder(scopingPolicies(cls), 'iot:Publish', 'topic', namespaces, true)) return;
    const answer = questions.canFlow('authenticated', 'authenticated', otherNamespaces(namespaces));
    if (answer.verdict === 'unknown') return undecided("a signed-in user may publish into another user's per-identity topics", answer.reasons);
    if (answer.verdict === 'no') return;
    report(writeFinding(answer.witness, cls));
  },
});
export default rule;
