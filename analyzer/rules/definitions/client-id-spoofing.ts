import { knownActionsOf, rangeWithinString, requiresAttachedThing } from '../helpers';
import { defineRule } from '../rule';

const CLIENT_ID_VARIABLE = /\$\{\s*iot:ClientId\s*\}/i;
const SUB = '${cognito-identity.amazonaws.com:sub}';

const rule = defineRule({
  meta: {
    id: 'client-id-spoofing',
    title: 'Connect on client/${iot:ClientId} lets a user pick any client ID',
    family: 'variables',
    severity: 'error',
    kinds: ['iot', 'auth-role', 'unauth-role'],
    rationale:
      "${iot:ClientId} is whatever the client sends, so client/${iot:ClientId} allows every client ID — including another user's, which disconnects that user and takes over any topics scoped by ${iot:ClientId}. Device Defender treats it like client/*. For Cognito identities, pin the client ID to the identity: client/${cognito-identity.amazonaws.com:sub}.",
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-iot-policy-permissive.html',
    auditCheck: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK',
    fixable: true,
    messages: {
      spoofable: 'client/${iot:ClientId} allows any client ID the caller chooses (client-ID spoofing); use client/${cognito-identity.amazonaws.com:sub}',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (statement.effect?.value !== 'Allow' || statement.resources?.negated || !knownActionsOf(statement).has('iot:Connect')) continue;
      if (requiresAttachedThing(statement)) continue;
      for (const entry of statement.resources?.values ?? []) {
        const at = entry.value.indexOf(':client/');
        const match = at === -1 ? null : CLIENT_ID_VARIABLE.exec(entry.value.slice(at));
        if (!match) continue;
        const offset = at + match.index;
        report({
          messageId: 'spoofable',
          range: rangeWithinString(policy, entry, offset, match[0].length),
          fix: {
            title: `Use ${SUB}`,
            edits: [{ range: entry.range, newText: JSON.stringify(entry.value.slice(0, offset) + SUB + entry.value.slice(offset + match[0].length)) }],
          },
        });
      }
    }
  },
});
export default rule;
