import { isDataPlaneAction, KNOWN_ACTIONS } from '../../catalog/actions';
import { defineAppRule, UNDECIDED_MESSAGES } from '../app-rule';
import { isAllow, knownActionsOf } from '../helpers';
import { who, whomOf } from './witness';

const ADMIN_ACTIONS = KNOWN_ACTIONS.filter((a) => a.startsWith('iot:') && !isDataPlaneAction(a));

const rule = defineAppRule({
  meta: {
    id: 'app-admin-action',
    title: 'Pool identities can call AWS IoT administration actions',
    family: 'over-permission',
    severity: 'error',
    kinds: ['auth-role', 'unauth-role'],
    rationale:
      "Anyone who signs in (or, for guests, anyone) gets the role's credentials, and IoT policies do not scope administration actions down. Device Defender rates any IoT administration action in a pool role Critical (AttachPolicy, CreateThing, DeleteThing…). Asked of the engine over every known administration action and resource, so Allow with NotAction, service wildcards and several role policies count. Do administration in a backend.",
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-auth-cognito-role-permissive.html',
    auditCheck: 'AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK, UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK',
    messages: {
      adminAction:
        "{{who}}, any {{whom}}, may call {{action}} on {{resource}} (the role's statements cover {{count}} administration action(s)): IoT administration with pool credentials",
      ...UNDECIDED_MESSAGES,
    },
  },
  identities: ['authenticated', 'unauthenticated'],
  supersedes: ['admin-action-in-cognito-role'],
  check({ cls, questions, report, undecided }) {
    // IoT policies do not scope administration down: only what some Allow of the role covers can be granted.
    const covered = new Set(cls.rolePolicies.flatMap((p) => p.compiled.source.statements.filter(isAllow).flatMap((s) => [...knownActionsOf(s)])));
    const candidates = ADMIN_ACTIONS.filter((a) => covered.has(a));
    const answer = questions.canAccess(cls.type, candidates, ['*']);
    const whom = whomOf(cls);
    if (answer.verdict === 'unknown') return undecided(`a ${whom} may call an IoT administration action`, answer.reasons);
    if (answer.verdict === 'no') return;
    const { witness } = answer;
    const resource = witness.resource?.startsWith('arn:') ? witness.resource : '*';
    report({
      messageId: 'adminAction',
      data: { who: who(witness.identity), whom, action: witness.action ?? '', resource, count: candidates.length },
      checks: witness.checks,
    });
  },
});
export default rule;
