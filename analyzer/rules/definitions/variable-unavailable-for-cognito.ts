import { lookupContextKey } from '../../catalog/keys';
import { isAllow, knownActionsOf, rangeWithinString, requiresAttachedThing, variableUses } from '../helpers';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'variable-unavailable-for-cognito',
    title: 'Variable that does not resolve for Cognito identities here',
    family: 'variables',
    severity: 'warning',
    kinds: ['iot', 'auth-role', 'unauth-role'],
    rationale:
      'Cognito identities have no X.509 certificate, so ${iot:Certificate.*} never resolves for them. Thing variables (${iot:Connection.Thing.*}) resolve only for an authenticated identity attached to a thing that connects over MQTT with the thing name as client ID — never for guests (inferred) and never over HTTPS. ${iot:ClientId} is documented for IoT policies only; in an identity-pool role policy reports conflict on whether it resolves (reading A14), so verdicts that depend on it are ambiguous.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/thing-policy-variables.html',
    messages: {
      clientIdInRole:
        '${iot:ClientId} is documented for IoT policies, not for identity-pool role policies (reading A14): reports conflict on whether it resolves here, so verdicts that depend on this entry are ambiguous; use ${cognito-identity.amazonaws.com:sub}',
      certificateVariable: '${{{name}}} is a certificate variable: Cognito identities have no certificate, so it never resolves and this entry matches nothing',
      thingVariableForGuest:
        '${{{name}}} never resolves for guest identities (thing association is documented for authenticated identities only): this entry matches nothing',
      thingVariableNeedsThing:
        '${{{name}}} resolves only when a thing is attached to the identity and the client ID is the thing name (MQTT only); otherwise this entry matches nothing',
    },
  },
  check({ policy, kind, report }) {
    // Thing variables are deliberate when the policy requires an attached thing (Device Defender's compliant
    // form): on the statement itself, or on every statement that allows iot:Connect.
    const connects = policy.statements.filter((s) => isAllow(s) && knownActionsOf(s).has('iot:Connect'));
    const thingPolicy = connects.length > 0 && connects.every(requiresAttachedThing);
    for (const use of variableUses(policy)) {
      const lookup = lookupContextKey(use.name);
      if (!lookup.known) continue;
      const range = rangeWithinString(policy, use.entry, use.offset, use.length);
      if (use.name.toLowerCase() === 'iot:clientid' && (kind === 'auth-role' || kind === 'unauth-role')) {
        report({
          messageId: 'clientIdInRole',
          range,
        });
      } else if (lookup.neverForCognito) {
        report({
          severity: 'error',
          messageId: 'certificateVariable',
          data: { name: use.name },
          range,
        });
      } else if (lookup.thingOnly && kind === 'unauth-role') {
        report({
          severity: 'error',
          messageId: 'thingVariableForGuest',
          data: { name: use.name },
          range,
        });
      } else if (lookup.thingOnly && !thingPolicy && !requiresAttachedThing(use.statement)) {
        report({
          messageId: 'thingVariableNeedsThing',
          data: { name: use.name },
          range,
        });
      }
    }
  },
});
export default rule;
