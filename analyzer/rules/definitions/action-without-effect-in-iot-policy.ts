import { actionPrefix, canonicalAction, isDataPlaneAction } from '../../catalog/actions';
import { hasWildcard } from '../../match/glob';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'action-without-effect-in-iot-policy',
    title: 'Action that an IoT policy cannot grant to a Cognito identity',
    family: 'actions',
    severity: 'warning',
    kinds: ['iot'],
    rationale:
      "For Cognito identities, AWS IoT uses the attached IoT policy only to scope down data-plane actions (Connect, Publish, Subscribe, Receive, shadow and retained-message APIs). Control-plane actions (CreateThing, AttachPolicy…) and other services' actions are decided by the identity pool role alone, so listing them here grants nothing and misleads reviewers.",
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/pub-sub-policy.html#pub-sub-policy-cognito',
    messages: {
      notIotAction: '"{{action}}" is not an AWS IoT action; an IoT policy cannot grant it (put it in the identity pool role if it is needed)',
      controlPlane: '"{{action}}" is a control-plane action: for Cognito identities the role alone decides it, so this IoT policy statement has no effect',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (statement.effect?.value !== 'Allow' || statement.actions?.negated) continue;
      for (const entry of statement.actions?.values ?? []) {
        if (hasWildcard(entry.value)) continue;
        const prefix = actionPrefix(entry.value);
        if (prefix !== 'iot' && prefix !== 'iotjobsdata') {
          report({
            messageId: 'notIotAction',
            data: { action: entry.value },
            range: entry.range,
          });
        } else if (canonicalAction(entry.value) && !isDataPlaneAction(entry.value)) {
          report({
            messageId: 'controlPlane',
            data: { action: entry.value },
            range: entry.range,
          });
        }
      }
    }
  },
});
export default rule;
