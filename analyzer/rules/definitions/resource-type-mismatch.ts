import { canonicalAction } from '../../catalog/actions';
import { resourceTypesMatched } from '../../catalog/arn';
import { findDataPlaneAction, type IotResourceType } from '../../catalog/data-plane';
import { hasWildcard } from '../../match/glob';
import type { Located, ParsedStatement } from '../../policy/model';
import { replaceString } from '../helpers';
import { defineRule, type Fix, type RuleContext } from '../rule';

/** The resource type each listed data-plane action checks; undefined when the statement's actions are not all known exactly. */
function dataPlaneNeeds(statement: ParsedStatement): Map<string, IotResourceType> | undefined {
  const needs = new Map<string, IotResourceType>();
  for (const entry of statement.actions?.values ?? []) {
    if (hasWildcard(entry.value)) return undefined;
    const action = findDataPlaneAction(entry.value);
    if (action) needs.set(canonicalAction(entry.value) ?? entry.value, action.resourceType);
    else if (canonicalAction(entry.value)) return undefined; // a control-plane action: its resource types vary
  }
  return needs;
}

function someIn<T>(values: ReadonlySet<T>, wanted: ReadonlySet<T>): boolean {
  for (const value of values) if (wanted.has(value)) return true;
  return false;
}

function first<T>(values: ReadonlySet<T>): T {
  return values.values().next().value as T;
}

function typeFix(entry: Located<string>, from: string, to: IotResourceType): Fix | undefined {
  if (to === 'any') return undefined;
  const marker = `:${from}/`;
  const at = entry.value.indexOf(marker);
  if (at === -1) return undefined;
  const fixed = `${entry.value.slice(0, at)}:${to}/${entry.value.slice(at + marker.length)}`;
  return { title: `Change "${from}/" to "${to}/"`, edits: [replaceString(entry, fixed)] };
}

const rule = defineRule({
  meta: {
    id: 'resource-type-mismatch',
    title: 'Resource type that the action never checks',
    family: 'resources',
    severity: 'error',
    kinds: 'any',
    rationale:
      'Each IoT action checks one resource type: Subscribe checks topicfilter/, Publish and Receive check topic/, Connect checks client/, the shadow APIs check thing/. iot:Subscribe on a topic/ ARN never matches, the most common reason subscriptions fail with Cognito credentials.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/iot-action-resources.html',
    fixable: true,
    messages: {
      wrongType: '{{actions}} {{checks}} {{wanted}} resources; "{{actual}}/…" never matches {{them}}',
      noResourceOfType: '"{{action}}" checks {{type}}/ resources, and this statement lists none: it grants nothing for this action',
    },
  },
  check(context: RuleContext<'wrongType' | 'noResourceOfType'>) {
    for (const statement of context.policy.statements) {
      if (!statement.resources || statement.resources.negated || statement.actions?.negated) continue;
      const needs = dataPlaneNeeds(statement);
      if (!needs || needs.size === 0) continue;
      const wanted = new Set(needs.values());
      if (wanted.has('any')) continue;
      const entries = statement.resources.values.map((entry) => ({ entry, types: resourceTypesMatched(entry.value) }));
      for (const { entry, types } of entries) {
        if (types === 'all' || types.size === 0 || someIn(types, wanted)) continue;
        const actual = first(types);
        const target = wanted.size === 1 ? first(wanted) : undefined;
        context.report({
          messageId: 'wrongType',
          data: {
            actions: [...needs.keys()].join(', '),
            checks: needs.size === 1 ? 'checks' : 'check',
            wanted: [...wanted].map((t) => `${t}/`).join(' or '),
            actual,
            them: needs.size === 1 ? 'it' : 'them',
          },
          range: entry.range,
          fix: target ? typeFix(entry, actual, target) : undefined,
        });
      }
      if (entries.every(({ types }) => types !== 'all' && types.size > 0 && !someIn(types, wanted))) continue;
      for (const entry of statement.actions!.values) {
        const type = findDataPlaneAction(entry.value)?.resourceType;
        if (type && type !== 'any' && !entries.some(({ types }) => types === 'all' || types.has(type))) {
          context.report({
            messageId: 'noResourceOfType',
            data: { action: entry.value, type },
            range: entry.range,
          });
        }
      }
    }
  },
});
export default rule;
