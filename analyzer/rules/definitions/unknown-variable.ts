import { KNOWN_KEY_NAMES, lookupContextKey } from '../../catalog/keys';
import { closestMatch } from '../../catalog/suggest';
import { rangeWithinString, variableUses } from '../helpers';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'unknown-variable',
    title: 'Unknown or unusable policy variable',
    family: 'variables',
    severity: 'error',
    kinds: 'any',
    rationale:
      'A variable that does not exist never resolves, and an entry with an unresolved variable matches nothing: a typo such as ${cognito-identity.amazonaws.com:sud} or ${iot:ClientName} is accepted by AWS but silently locks users out. (Variable names are case-insensitive, so ${iot:clientid} is fine.) Multi-valued keys (cognito-identity.amazonaws.com:amr) cannot be variables at all.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
    fixable: true,
    messages: {
      multiValued: '${{{name}}} is multi-valued and cannot be used as a variable; test it in a Condition with ForAnyValue:StringEquals',
      unknown: 'unknown variable ${{{name}}}: it never resolves, so this entry matches nothing',
      unknownWithSuggestion: 'unknown variable ${{{name}}}: it never resolves, so this entry matches nothing; did you mean ${{{suggestion}}}?',
    },
  },
  check({ policy, report }) {
    for (const use of variableUses(policy)) {
      const range = rangeWithinString(policy, use.entry, use.offset, use.length);
      const lookup = lookupContextKey(use.name);
      if (lookup.known && lookup.info?.multiValued) {
        report({ messageId: 'multiValued', data: { name: use.name }, range });
        continue;
      }
      if (lookup.known) continue;
      const suggestion = closestMatch(use.name, KNOWN_KEY_NAMES);
      const fixedValue = suggestion && use.entry.value.slice(0, use.offset) + `\${${suggestion}}` + use.entry.value.slice(use.offset + use.length);
      report({
        ...(suggestion ? { messageId: 'unknownWithSuggestion', data: { name: use.name, suggestion } } : { messageId: 'unknown', data: { name: use.name } }),
        range,
        fix: fixedValue ? { title: `Change to \${${suggestion}}`, edits: [{ range: use.entry.range, newText: JSON.stringify(fixedValue) }] } : undefined,
      });
    }
  },
});
export default rule;
