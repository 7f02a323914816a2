import { isAllow } from '../helpers';
import { defineRule } from '../rule';

const SERVICE_WILDCARDS = new Set(['*', 'iot:*', 'iotjobsdata:*']);

const rule = defineRule({
  meta: {
    id: 'service-wildcard-action',
    title: 'Allow on "*" or "iot:*"',
    family: 'over-permission',
    severity: 'warning',
    kinds: 'any',
    rationale:
      '"iot:*" grants every AWS IoT action, present and future. In an identity pool role that includes the control plane (creating things, attaching policies, reading every device\'s registry data) for anyone who can get Cognito credentials; in an IoT policy it grants every data-plane action. Device Defender flags both. List the actions the app needs.',
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-unauth-cognito-role-permissive.html',
    messages: {
      wholeApiForRole: '"{{action}}" gives every {{who}} the whole AWS IoT API, administration included',
      everyAction: '"{{action}}" grants every action; list the data-plane actions this policy is for',
    },
  },
  check({ policy, kind, report }) {
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.actions?.negated) continue;
      for (const entry of statement.actions?.values ?? []) {
        if (!SERVICE_WILDCARDS.has(entry.value.toLowerCase())) continue;
        const roleKind = kind === 'auth-role' || kind === 'unauth-role';
        report({
          severity: roleKind ? 'error' : 'warning',
          ...(roleKind
            ? { messageId: 'wholeApiForRole', data: { action: entry.value, who: kind === 'unauth-role' ? 'guest' : 'signed-in user' } }
            : { messageId: 'everyAction', data: { action: entry.value } }),
          range: entry.range,
        });
      }
    }
  },
});
export default rule;
