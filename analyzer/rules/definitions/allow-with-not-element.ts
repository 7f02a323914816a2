import { isAllow } from '../helpers';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'allow-with-not-element',
    title: 'Allow with NotAction or NotResource',
    family: 'over-permission',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'Allow with NotAction grants every action except the listed ones — including actions AWS adds later; Allow with NotResource grants every resource except the listed ones. Both grant far more than they appear to. The one documented IoT use is Allow iot:Receive with NotResource to carve out restricted topics; prefer an explicit Deny.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
    messages: {
      receiveCarveOut: 'Allow iot:Receive with NotResource is the documented carve-out; an explicit Deny on the restricted topics says the same more plainly',
      allowWithNot: 'Allow with {{element}} grants everything except the listed entries; list what is allowed instead, or add an explicit Deny',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (!isAllow(statement)) continue;
      for (const list of [statement.actions, statement.resources]) {
        if (!list?.negated) continue;
        // AWS's documented carve-out (pub-sub-policy.html): Receive delivers only what may be subscribed to, so
        // this grants no more than it appears to; an explicit Deny is still clearer.
        const receiveCarveOut =
          list === statement.resources &&
          !statement.actions?.negated &&
          !!statement.actions?.values.length &&
          statement.actions.values.every((a) => a.value.toLowerCase() === 'iot:receive');
        if (receiveCarveOut) {
          report({
            severity: 'info',
            messageId: 'receiveCarveOut',
            range: list.key.range,
          });
        } else {
          report({
            messageId: 'allowWithNot',
            data: { element: list.key.value },
            range: list.key.range,
          });
        }
      }
    }
  },
});
export default rule;
