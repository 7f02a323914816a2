import { canonicalAction } from '../../catalog/actions';
import { resourceTypesMatched } from '../../catalog/arn';
import { findDataPlaneAction, type IotResourceType } from '../../catalog/data-plane';
import { hasWildcard } from '../../match/glob';
import type { Located, ParsedStatement } from '../../policy/model';
import { replaceString } from '../helpers';
import { defineRule, type Fix, type RuleContext } from '../rule';

/** A listed data-plane action (its catalog name) and the resource type it checks. */
interface Need {
  action: string;
  type: IotResourceType;
}

/**
 * The resource type each listed data-plane action checks, each action once; undefined when the statement's
 * actions are not all known exactly. Arrays, not a Map and a Set: this runs for every statement of every policy.
 */
function dataPlaneNeeds(statement: ParsedStatement): Need[] | undefined {
  const needs: Need[] = [];
  for (const entry of statement.actions?.values ?? []) {
    if (hasWildcard(entry.value)) return undefined;
    const found = findDataPlaneAction(entry.value);
    const action = canonicalAction(entry.value);
    if (!found) {
      if (action) return undefined; // a control-plane action: its resource types vary
      continue;
    }
    const name = action ?? entry.value;
    if (!needs.some((need) => need.action === name)) needs.push({ action: name, type: found.resourceType });
  }
  return needs;
}

/** The distinct types the actions check, in the order they are listed. */
function typesWanted(needs: readonly Need[]): IotResourceType[] {
  const types: IotResourceType[] = [];
  for (const { type } of needs) if (!types.includes(type)) types.push(type);
  return types;
}

function someWanted(types: ReadonlySet<IotResourceType>, wanted: readonly IotResourceType[]): boolean {
  for (const type of wanted) if (types.has(type)) return true;
  return false;
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
      if (!needs || needs.length === 0) continue;
      const wanted = typesWanted(needs);
      if (wanted.includes('any')) continue;
      const entries = statement.resources.values.map((entry) => ({ entry, types: resourceTypesMatched(entry.value) }));
      for (const { entry, types } of entries) {
        if (types === 'all' || types.size === 0 || someWanted(types, wanted)) continue;
        const [actual] = types;
        const target = wanted.length === 1 ? wanted[0] : undefined;
        context.report({
          messageId: 'wrongType',
          data: {
            actions: needs.map((need) => need.action).join(', '),
            checks: needs.length === 1 ? 'checks' : 'check',
            wanted: wanted.map((t) => `${t}/`).join(' or '),
            actual,
            them: needs.length === 1 ? 'it' : 'them',
          },
          range: entry.range,
          fix: target ? typeFix(entry, actual, target) : undefined,
        });
      }
      if (entries.every(({ types }) => types !== 'all' && types.size > 0 && !someWanted(types, wanted))) continue;
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
