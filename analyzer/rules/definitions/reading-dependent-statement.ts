import { findReading } from '../../readings/catalog';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'reading-dependent-statement',
    title: "Statement whose effect depends on a reading of AWS's documentation",
    family: 'readings',
    severity: 'warning',
    kinds: 'any',
    rationale:
      "Where AWS's documentation is silent (an unknown operator, a condition value its operator cannot read, a multi-valued key without ForAnyValue:/ForAllValues:, a Deny with a wildcard in the resource type, ${iot:ClientId} in a role policy, a * before the resource part of an ARN, an ARN of fewer than six parts, a variable default written without the space), verdicts this statement takes part in can differ between defensible readings: simulate reports them as ambiguous and CI treats a possible allow as an allow. Rewrite it in a form every reading agrees on (docs/readings.md).",
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    messages: {
      dependsOnReading: 'verdicts this statement takes part in depend on {{reading}} ({{id}}): AWS may read it as {{outcomes}}.{{fix}}',
    },
  },
  check({ compiled, report }) {
    // Compiled as its kind reads it: ${iot:ClientId} in role policies (A14), Cognito aud/amr in IoT policies (A3).
    for (const statement of compiled.statements) {
      for (const id of statement.readings) {
        const reading = findReading(id)!;
        const outcomes = reading.outcomes.map((o) => o.says).join(', or ');
        report({
          messageId: 'dependsOnReading',
          data: { reading: `${reading.title.charAt(0).toLowerCase()}${reading.title.slice(1)}`, id, outcomes, fix: reading.fix ? ` ${reading.fix}` : '' },
          range: (statement.source.sid ?? statement.source.effect!).range,
        });
      }
    }
  },
});
export default rule;
