import type { AppRule } from '../app-rule';
import { publishLast, who } from './witness';

const rule: AppRule = {
  meta: {
    id: 'app-guest-writes-to-users',
    title: 'Guests can publish messages signed-in users receive',
    family: 'over-permission',
    severity: 'warning',
    kinds: ['unauth-role', 'auth-role', 'iot'],
    rationale:
      'A message a guest publishes comes from anyone on the internet. When signed-in users subscribe to and receive a topic guests may publish to, strangers can inject data users act on. Asked of the engine as a flow from a guest to a signed-in identity over every topic (retained messages read with GetRetainedMessage included); make such topics read-only for guests unless anonymous input is intended.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
  },
  identities: ['unauthenticated'],
  check({ questions, report, undecided }) {
    if (!questions.signedIn) return;
    const answer = questions.canFlow('unauthenticated', 'authenticated');
    if (answer.verdict === 'unknown') return undecided('a guest may publish a message a signed-in user receives', answer.reasons);
    if (answer.verdict === 'no') return;
    const { witness } = answer;
    report({
      message: `${who(witness.identity)}, an anonymous guest, may publish to "${witness.topic}" and ${who(witness.receiver!)} receives it${witness.filter ? ` through "${witness.filter}"` : ' as a retained message'}: anyone can inject messages signed-in users read`,
      checks: publishLast(witness),
    });
  },
};
export default rule;
