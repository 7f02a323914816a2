import { defineAppRule, UNDECIDED_MESSAGES } from '../app-rule';
import { confirmedCheck, OTHER_IDENTITY } from '../../project/app-questions';
import { connectPinned, othersClientIdPatterns, scopingPolicies } from './policy-statements';
import { otherThan, who, whomOf } from './witness';

const rule = defineAppRule({
  meta: {
    id: 'app-client-id-takeover',
    title: "A signed-in user can connect with another user's client ID",
    family: 'over-permission',
    severity: 'error',
    kinds: ['iot', 'auth-role'],
    rationale:
      "AWS IoT disconnects a client when another connects with the same client ID. When the client IDs one signed-in user may connect with overlap another's — client/*, client/${iot:ClientId}, a shared prefix such as client/user-* — any user can kick another off and take over whatever is scoped by ${iot:ClientId}. Asked of the engine over every client ID and every policy the identities get; pin Connect to client/${cognito-identity.amazonaws.com:sub}.",
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-iot-policy-permissive.html',
    auditCheck: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK',
    messages: {
      takeover:
        '{{who}} may connect with client ID "{{clientId}}", which {{victim}} may also use: connecting with it disconnects that user, so any {{whom}} can take over another\'s connection',
      ...UNDECIDED_MESSAGES,
    },
  },
  identities: ['authenticated'],
  supersedes: ['client-id-spoofing'],
  check({ cls, questions, report, undecided }) {
    const question = 'a signed-in user may connect with a client ID another signed-in user may use';
    if (connectPinned(scopingPolicies(cls))) return;
    const shared = questions.canAccess('authenticated', ['iot:Connect'], othersClientIdPatterns(cls));
    // Connecting with the other user's own identity ID reads best, when the policies allow it.
    const exact = shared.verdict === 'yes' ? questions.canAccess('authenticated', ['iot:Connect'], [`client/${OTHER_IDENTITY}`]) : shared;
    const answer = exact.verdict === 'yes' ? exact : shared;
    if (answer.verdict === 'unknown') return undecided(question, answer.reasons);
    if (answer.verdict === 'no') return;
    const { witness } = answer;
    const clientId = witness.resource!.slice(witness.resource!.indexOf(':client/') + ':client/'.length);
    const victim = otherThan(questions.members('authenticated'), witness.identity.identityId);
    const decision = victim && questions.decide(victim, 'iot:Connect', `client/${clientId}`, clientId);
    if (!victim || !decision || decision.decision === 'deny')
      return undecided(question, [`${who(witness.identity)} may connect as "${clientId}", but no other signed-in user is shown to use it`]);
    report({
      messageId: 'takeover',
      data: { who: who(witness.identity), whom: whomOf(cls), clientId, victim: `${victim.name} (identity ID ${victim.identity.identityId})` },
      checks: [confirmedCheck(victim.name, 'iot:Connect', questions.arn(`client/${clientId}`), decision, clientId), ...witness.checks],
    });
  },
});
export default rule;
