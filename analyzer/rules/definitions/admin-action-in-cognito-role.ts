import { actionsCoveredBy, isDataPlaneAction } from '../../catalog/actions';
import { THING_ADMIN_READ_ACTIONS, THING_ADMIN_WRITE_ACTIONS } from '../../catalog/data-plane';
import { isAllow } from '../helpers';
import { defineRule } from '../rule';

const SERVICE_WILDCARDS = new Set(['*', 'iot:*']);
const THING_WRITE = new Set(THING_ADMIN_WRITE_ACTIONS);
const THING_READ = new Set(THING_ADMIN_READ_ACTIONS);

const rule = defineRule({
  meta: {
    id: 'admin-action-in-cognito-role',
    title: 'AWS IoT administration action in an identity pool role',
    family: 'over-permission',
    severity: 'error',
    kinds: ['auth-role', 'unauth-role'],
    rationale:
      "Anyone who signs in (or, for the guest role, anyone at all) gets the role's credentials. Device Defender rates these Critical: thing management (CreateThing, AttachThingPrincipal…), any other IoT administration (AttachPolicy, CreatePolicy…), and for guests even reading thing data (DescribeThing…). Do administration in a backend, never with Cognito credentials.",
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-auth-cognito-role-permissive.html',
    auditCheck: 'AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK, UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK',
    messages: {
      grants: '"{{action}}" gives {{who}} {{what}}',
    },
  },
  check({ policy, kind, report }) {
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.actions?.negated) continue;
      for (const entry of statement.actions?.values ?? []) {
        if (SERVICE_WILDCARDS.has(entry.value.toLowerCase())) continue; // service-wildcard-action reports these
        const admin = actionsCoveredBy(entry.value).filter((a) => a.startsWith('iot:') && !isDataPlaneAction(a));
        const thingWrite = admin.filter((a) => THING_WRITE.has(a));
        const thingRead = admin.filter((a) => THING_READ.has(a));
        const other = admin.filter((a) => !THING_WRITE.has(a) && !THING_READ.has(a));
        const reasons: string[] = [];
        if (thingWrite.length) reasons.push(`thing management (${thingWrite.slice(0, 3).join(', ')}${thingWrite.length > 3 ? ', …' : ''})`);
        if (other.length) reasons.push(`IoT administration (${other.slice(0, 3).join(', ')}${other.length > 3 ? ', …' : ''})`);
        // Authenticated roles may read single things; broad reads are broad-thing-read-in-auth-role's.
        if (thingRead.length && kind === 'unauth-role') reasons.push(`reading thing data (${thingRead.join(', ')})`);
        if (reasons.length === 0) continue;
        report({
          messageId: 'grants',
          data: { action: entry.value, who: kind === 'unauth-role' ? 'every guest' : 'every signed-in user', what: reasons.join(' and ') },
          range: entry.range,
        });
      }
    }
  },
});
export default rule;
