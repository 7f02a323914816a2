import { lookupContextKey } from '../../catalog/keys';
import { parseOperator } from '../../conditions/operators';
import { parseTemplate } from '../../variables/template';
import { defineRule } from '../rule';

const TYPE_NAMES = {
  numeric: 'a number',
  date: 'a date (ISO 8601 or epoch seconds)',
  bool: '"true" or "false"',
  ip: 'an IP address or CIDR block',
  null: '"true" or "false"',
} as const;
const OPERATOR_FOR_TYPE = {
  ip: 'IpAddress',
  bool: 'Bool',
  date: 'DateLessThan/DateGreaterThan',
  numeric: 'NumericEquals',
  arn: 'ArnLike',
  string: 'StringEquals',
} as const;

const rule = defineRule({
  meta: {
    id: 'condition-value-type',
    title: 'Condition value or key of the wrong type for its operator',
    family: 'conditions',
    severity: 'error',
    kinds: 'any',
    rationale:
      'Each operator reads its values as one type. A Bool condition on "yes", an IpAddress on "10.0.0/8" or a date that does not parse can never be true; comparing aws:SourceIp with StringLike, or a multi-valued key such as iot:ConnectAttributes without ForAnyValue:/ForAllValues:, does not do what it seems to.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
    messages: {
      unreadableValue: '{{operator}} needs {{type}}, not "{{value}}"',
      operatorForType: '{{key}} holds {{holds}} value; compare it with {{operators}}, not {{operator}}',
      multiValuedKey: '{{key}} is multi-valued: use ForAnyValue:{{operator}} or ForAllValues:{{operator}}',
      singleValuedKey: '{{key}} has a single value; {{qualifier}}: is meant for multi-valued keys (ForAllValues: is true when the key is absent)',
    },
  },
  check({ policy, report }) {
    // A value holding a policy variable is read once the variable is substituted (2012-10-17 only).
    const substitutes = policy.version?.value === '2012-10-17';
    for (const statement of policy.statements) {
      for (const condition of statement.conditions) {
        const operator = parseOperator(condition.operator.value);
        if (!operator) continue;
        const { spec } = operator;
        if (spec.type in TYPE_NAMES) {
          for (const value of condition.values) {
            if (spec.variables && parseTemplate(value.value, false, substitutes).hasVariables) continue;
            if (spec.prepare(value.value) === undefined)
              report({
                messageId: 'unreadableValue',
                data: { operator: condition.operator.value, type: TYPE_NAMES[spec.type as keyof typeof TYPE_NAMES], value: value.value },
                range: value.range,
              });
          }
        }
        const key = lookupContextKey(condition.key.value);
        const info = key.known ? key.info : undefined;
        if (!info || spec.type === 'null') continue;
        if (info.type !== spec.type && !(info.type === 'arn' && spec.type === 'string') && !(info.type === 'date' && spec.type === 'numeric')) {
          report({
            severity: 'warning',
            messageId: 'operatorForType',
            data: {
              key: info.name,
              holds: info.type === 'ip' ? 'an IP address' : `a ${info.type}`,
              operators: OPERATOR_FOR_TYPE[info.type as keyof typeof OPERATOR_FOR_TYPE] ?? 'a matching operator',
              operator: condition.operator.value,
            },
            range: condition.key.range,
          });
        }
        if (info.multiValued && !operator.qualifier) {
          report({
            severity: 'warning',
            messageId: 'multiValuedKey',
            data: { key: info.name, operator: condition.operator.value },
            range: condition.operator.range,
          });
        } else if (!info.multiValued && operator.qualifier) {
          report({
            severity: 'warning',
            messageId: 'singleValuedKey',
            data: { key: info.name, qualifier: operator.qualifier },
            range: condition.operator.range,
          });
        }
      }
    }
  },
});
export default rule;
