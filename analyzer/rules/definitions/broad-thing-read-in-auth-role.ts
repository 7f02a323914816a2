import { actionsCoveredBy } from '../../catalog/actions';
import { THING_ADMIN_READ_ACTIONS } from '../../catalog/data-plane';
import { isAllow } from '../helpers';
import { symbolicResourceMatches } from '../symbolic';
import { defineRule } from '../rule';

const THING_READ = new Set(THING_ADMIN_READ_ACTIONS);

const rule = defineRule({
  meta: {
    id: 'broad-thing-read-in-auth-role',
    title: 'Authenticated role reads the registry data of every thing',
    family: 'over-permission',
    severity: 'error',
    kinds: ['auth-role'],
    rationale:
      "DescribeThing, ListThingPrincipals, ListThingGroupsForThing and ListJobExecutionsForThing on thing/* let every signed-in user read every device's registry data. A single thing or a prefix (thing/MyApp*) is compliant. Device Defender: ALLOWS_BROAD_ACCESS_TO_IOT_THING_ADMIN_READ_ACTIONS.",
    reference: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-auth-cognito-role-permissive.html',
    auditCheck: 'AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK',
    messages: {
      notResource: '{{actions}} with {{element}} covers every thing the list does not exclude; name the things (or a prefix) the app needs',
      everyThing: '{{actions}} on "{{resource}}" covers every thing; name the things (or a prefix) the app needs',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (!isAllow(statement) || statement.actions?.negated) continue;
      const reads = (statement.actions?.values ?? []).flatMap((a) => actionsCoveredBy(a.value)).filter((a) => THING_READ.has(a));
      if (reads.length === 0) continue;
      const names = [...new Set(reads)].join(', ');
      if (statement.resources?.negated) {
        // NotResource grants every resource it does not list: broad unless a listed entry excludes other users' things.
        if (!statement.resources.values.some((entry) => symbolicResourceMatches(entry.value, 'thing/'))) {
          report({
            messageId: 'notResource',
            data: { actions: names, element: statement.resources.key.value },
            range: statement.resources.key.range,
          });
        }
        continue;
      }
      for (const entry of statement.resources?.values ?? []) {
        if (symbolicResourceMatches(entry.value, 'thing/')) {
          report({ messageId: 'everyThing', data: { actions: names, resource: entry.value }, range: entry.range });
        }
      }
    }
  },
});
export default rule;
