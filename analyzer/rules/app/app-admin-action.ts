import { isDataPlaneAction, KNOWN_ACTIONS } from '../../catalog/actions';
import type { AppRule } from '../app-rule';
import { allowsOf } from './policy-statements';
import { who } from './witness';

const ADMIN_ACTIONS = KNOWN_ACTIONS.filter((a) => a.startsWith('iot:') && !isDataPlaneAction(a));

const rule: AppRule = {
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
  },
  identities: ['authenticated', 'unauthenticated'],
  supersedes: ['admin-action-in-cognito-role'],
  check({ cls, questions, report, undecided }) {
    // Only the actions some Allow of the role covers can be granted: the rest need no search.
    const candidates = ADMIN_ACTIONS.filter((a) => allowsOf(cls, a).length > 0);
    const answer = questions.canAccess(cls.type, candidates, ['*']);
    const whom = cls.type === 'authenticated' ? 'signed-in user' : 'anonymous guest';
    if (answer.verdict === 'unknown') return undecided(`a ${whom} may call an IoT administration action`, answer.reasons);
    if (answer.verdict === 'no') return;
    const { witness } = answer;
    const more = candidates.length > 1 ? ` (the role's statements cover ${candidates.length} administration actions)` : '';
    report({
      message: `${who(witness.identity)}, any ${whom}, may call ${witness.action}${witness.resource?.startsWith('arn:') ? ` on ${witness.resource}` : ''}${more}: IoT administration with pool credentials`,
      checks: witness.checks,
    });
  },
};
export default rule;
