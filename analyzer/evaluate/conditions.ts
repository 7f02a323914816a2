import { instantiate } from '../variables/template';
import type { CompiledCondition, CompiledConditionValue } from './compile';
import type { RequestContext } from './context';

/**
 * Whether the condition holds for the request: a reading may fix its value (an unknown operator, a value
 * that does not parse for its operator; docs/readings.md), otherwise IAM's semantics decide.
 */
export function conditionApplies(condition: CompiledCondition, context: RequestContext): boolean {
  return condition.fixed ?? conditionHolds(condition, context);
}

/**
 * IAM condition semantics: a missing key makes positive operators false and negated ones true; `IfExists`
 * makes a missing key true; `ForAllValues` is true on a null data set (no values, or an empty string),
 * `ForAnyValue` false; values of one key are ORed; an unresolved variable in a value removes that value (so
 * positive operators fail, negated succeed).
 */
export function conditionHolds(condition: CompiledCondition, context: RequestContext): boolean {
  const operator = condition.operator!;
  const { spec, qualifier, ifExists } = operator;
  // A3 `absent`: the key is not in an IoT policy's request context, whatever the identity has.
  const raw = condition.absentKey ? undefined : context.getNormalized(condition.key);
  const requestValues = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  if (spec.type === 'null') {
    const absent = requestValues.length === 0;
    return condition.values.some((v) => (v.prepared === 'true' ? absent : v.prepared === 'false' ? !absent : false));
  }
  if (raw === undefined) {
    if (ifExists || qualifier === 'ForAllValues') return true;
    if (qualifier === 'ForAnyValue') return false;
    return spec.negated;
  }
  // AWS: a key that resolves to a null data set, "such as an empty string", makes ForAllValues true and
  // ForAnyValue false, like an empty list (docs/iot-authorization.md §4).
  if (raw === '' && qualifier) return qualifier === 'ForAllValues';
  const policyValues = preparedValues(condition, context);
  const matchesAny = (requestValue: string) => {
    const read = spec.readRequest(requestValue);
    for (const prepared of policyValues) if (spec.test(prepared, read)) return true;
    return false;
  };
  const holdsFor = (requestValue: string) => (spec.negated ? !matchesAny(requestValue) : matchesAny(requestValue));
  if (qualifier === 'ForAllValues') return requestValues.every(holdsFor);
  if (qualifier === 'ForAnyValue') return requestValues.some(holdsFor);
  if (requestValues.length === 1) return holdsFor(requestValues[0]);
  // A multi-valued key under a single-valued operator (R-multi-single, docs/readings.md): by default true when
  // any value matches (negated: when none does); under `every-value`, when all match (negated: when one does not).
  if (condition.everyValue) return spec.negated ? !requestValues.every(matchesAny) : requestValues.every(matchesAny);
  return spec.negated ? !requestValues.some(matchesAny) : requestValues.some(matchesAny);
}

function preparedValues(condition: CompiledCondition, context: RequestContext): unknown[] {
  const result: unknown[] = [];
  for (const value of condition.values) {
    const prepared = prepareValue(condition, value, context);
    if (prepared !== undefined) result.push(prepared);
  }
  return result;
}

function prepareValue(condition: CompiledCondition, value: CompiledConditionValue, context: RequestContext): unknown {
  if (!value.template.hasVariables) return value.prepared;
  const tokens = instantiate(value.template, context);
  return tokens && condition.operator!.spec.prepareTokens(tokens);
}
