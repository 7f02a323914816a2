import { actionPrefix, actionsCoveredBy, canonicalAction, CHECKED_PREFIXES, suggestAction } from '../../catalog/actions';
import { hasWildcard } from '../../match/glob';
import { replaceString } from '../helpers';
import { defineRule } from '../rule';

const rule = defineRule({
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
    messages: {
      notAnAction: '"{{action}}" is not an action: write service:Action, e.g. "iot:Publish"',
      matchesNothing: '"{{action}}" matches no {{service}} action',
      unknown: 'unknown action "{{action}}"',
      unknownWithSuggestion: 'unknown action "{{action}}"; did you mean "{{suggestion}}"?',
    },
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      for (const entry of statement.actions?.values ?? []) {
        const action = entry.value;
        if (action === '*') continue;
        if (!action.includes(':')) {
          report({ messageId: 'notAnAction', data: { action }, range: entry.range });
          continue;
        }
        if (!CHECKED_PREFIXES.has(actionPrefix(action))) continue;
        if (hasWildcard(action)) {
          if (actionsCoveredBy(action).length === 0)
            report({ messageId: 'matchesNothing', data: { action, service: actionPrefix(action) }, range: entry.range });
          continue;
        }
        if (canonicalAction(action)) continue;
        const suggestion = suggestAction(action);
        report({
          ...(suggestion ? { messageId: 'unknownWithSuggestion', data: { action, suggestion } } : { messageId: 'unknown', data: { action } }),
          range: entry.range,
          fix: suggestion ? { title: `Change to "${suggestion}"`, edits: [replaceString(entry, suggestion)] } : undefined,
        });
      }
    }
  },
});
export default rule;
