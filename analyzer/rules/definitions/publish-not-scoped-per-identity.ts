import { splitArn } from '../../catalog/arn';
import { namesAnIdentityId } from '../../cognito/identity-id';
import type { ParsedPolicy } from '../../policy/model';
import { isAllow, knownActionsOf } from '../helpers';
import { resourceName } from '../topic-patterns';
import { defineRule } from '../rule';

// Per-identity (the Cognito sub) or per-thing (the attached thing's name) scoping.
const SCOPED = /\$\{\s*(cognito-identity\.amazonaws\.com:sub|iot:Connection\.Thing\.ThingName)\s*\}/i;
// Basic Ingest: messages go straight to a rule, no client subscribes (iot-basic-ingest.html).
const BASIC_INGEST = '$aws/rules/';
const CLIENT_ID = /\$\{\s*iot:ClientId\s*\}/i;
const PINNED_CONNECT = /:client\/\$\{\s*cognito-identity\.amazonaws\.com:sub\s*\}$/i;

/** ${iot:ClientId} identifies the user only when every Connect this policy allows pins the client ID to the identity ID. */
function clientIdIsIdentity(policy: ParsedPolicy): boolean {
  const connects = policy.statements.filter((s) => isAllow(s) && knownActionsOf(s).has('iot:Connect'));
  return connects.length > 0 && connects.every((s) => !s.resources?.negated && (s.resources?.values ?? []).every((r) => PINNED_CONNECT.test(r.value)));
}

const rule = defineRule({
  meta: {
    id: 'publish-not-scoped-per-identity',
    title: 'Per-user IoT policy lets every user publish to shared topics',
    family: 'variables',
    severity: 'warning',
    kinds: ['iot'],
    rationale:
      'The same IoT policy is attached to every Cognito identity. Publish (or RetainPublish) on a topic pattern that does not contain ${cognito-identity.amazonaws.com:sub} — a bare "*" or arn:aws:iot:…:* included — lets every signed-in user write where every other user reads: impersonation and spoofed data. (${iot:ClientId} counts as per-identity only when the policy pins Connect to client/${cognito-identity.amazonaws.com:sub}.) Not reported: policies generated for one identity (they name its identity ID) and Basic Ingest topics ($aws/rules/…), which nobody subscribes to. Scope writes under a per-identity prefix such as users/${cognito-identity.amazonaws.com:sub}/…; in a project, app-cross-identity-write answers the same question over every policy the identities get.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/cog-iot-policies.html',
    messages: {
      unscoped:
        'every identity this policy is attached to may publish here; scope the topic with ${cognito-identity.amazonaws.com:sub} unless all users are meant to share it',
      everyTopic:
        "every identity this policy is attached to may publish to any topic, other users' topics included; list the topics, scoped with ${cognito-identity.amazonaws.com:sub}",
    },
  },
  check({ policy, report }) {
    if (namesAnIdentityId(policy)) return;
    const clientIdScoped = clientIdIsIdentity(policy);
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.resources?.negated) continue;
      const actions = knownActionsOf(statement);
      if (!actions.has('iot:Publish') && !actions.has('iot:RetainPublish')) continue;
      for (const entry of statement.resources?.values ?? []) {
        const name = resourceName(entry.value, 'topic');
        if (name === '*' && splitArn(entry.value)?.resourceType !== 'topic') {
          report({ messageId: 'everyTopic', range: entry.range });
          continue;
        }
        if (name === undefined || name.startsWith(BASIC_INGEST) || SCOPED.test(entry.value) || (clientIdScoped && CLIENT_ID.test(entry.value))) continue;
        report({ messageId: 'unscoped', range: entry.range });
      }
    }
  },
});
export default rule;
