import { defineAppRule, UNDECIDED_MESSAGES } from '../app-rule';
import { allowsIn } from './policy-statements';
import { writeFinding } from './witness';

const rule = defineAppRule({
  meta: {
    id: 'app-guest-writes-to-users',
    title: 'Guests can publish messages signed-in users receive',
    family: 'over-permission',
    severity: 'warning',
    kinds: ['unauth-role', 'auth-role', 'iot'],
    rationale:
      'A message a guest publishes comes from anyone on the internet. When signed-in users subscribe to and receive a topic guests may publish to, strangers can inject data users act on. Asked of the engine as a flow from a guest to a signed-in identity over every topic (retained messages read with GetRetainedMessage included); make such topics read-only for guests unless anonymous input is intended.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: {
      subscribed:
        '{{who}}, an anonymous guest, may publish to "{{topic}}" and {{receiver}} receives it through "{{filter}}": anyone can inject messages signed-in users read',
      retained:
        '{{who}}, an anonymous guest, may publish a retained message to "{{topic}}" and {{receiver}} reads it: anyone can inject messages signed-in users read',
      ...UNDECIDED_MESSAGES,
    },
  },
  identities: ['unauthenticated'],
  check({ cls, questions, report, undecided }) {
    if (!questions.signedIn || allowsIn(cls.rolePolicies, 'iot:Publish').length === 0) return;
    const answer = questions.canFlow('unauthenticated', 'authenticated');
    if (answer.verdict === 'unknown') return undecided('a guest may publish a message a signed-in user receives', answer.reasons);
    if (answer.verdict === 'no') return;
    report(writeFinding(answer.witness, cls));
  },
});
export default rule;
