import { actionPrefix, actionsCoveredBy, canonicalAction, CHECKED_PREFIXES, suggestAction } from '../../catalog/actions';
import { hasWildcard } from '../../match/glob';
import { replaceString } from '../helpers';
import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'unknown-action',
    title: 'Unknown AWS IoT action',
    family: 'actions',
    severity: 'error',
    kinds: 'any',
    rationale:
      'A misspelt action (iot:Publsh, iot:Subcribe) matches nothing: the permission you meant to grant or deny silently does not exist. Checked for the iot: and iotjobsdata: prefixes against the Service Authorization Reference.',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiot.html',
    fixable: true,
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      for (const entry of statement.actions?.values ?? []) {
        const action = entry.value;
        if (action === '*') continue;
        if (!action.includes(':')) {
          report({ message: `"${action}" is not an action: write service:Action, e.g. "iot:Publish"`, range: entry.range });
          continue;
        }
        if (!CHECKED_PREFIXES.has(actionPrefix(action))) continue;
        if (hasWildcard(action)) {
          if (actionsCoveredBy(action).length === 0) report({ message: `"${action}" matches no ${actionPrefix(action)} action`, range: entry.range });
          continue;
        }
        if (canonicalAction(action)) continue;
        const suggestion = suggestAction(action);
        report({
          message: `unknown action "${action}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          range: entry.range,
          fix: suggestion ? { title: `Change to "${suggestion}"`, edits: [replaceString(entry, suggestion)] } : undefined,
        });
      }
    }
  },
};
export default rule;
