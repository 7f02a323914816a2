import type { SourcePolicy } from '../sources/document';
import type { Span } from '../sources/tree';
import type { ResolvedString, UnknownValue } from '../sources/value';
import { describeAction, describeArn, describeEffect, describeKey, describeOperator, describeVariable, type HoverInfo } from './hover';
import { variableAround } from './json-location';
import { codeSpan, escapeMarkdown } from './markdown';
import { placeInTemplate, writtenAt } from './template-place';

/**
 * The hover of a policy element inside a template: what the same element says in a JSON policy (the same
 * describe* functions), over the span of the template that gives it. Values the files do not give are said
 * to be unknown; values computed by the template (`!Sub`, `!Ref`, Serverless or Terraform variables) are
 * described as resolved, and say so.
 */
export function hoverInTemplate(policies: readonly SourcePolicy[], text: string, offset: number): HoverInfo | undefined {
  const place = placeInTemplate(policies, offset);
  switch (place.kind) {
    case 'other':
      return undefined;
    case 'unknown':
      return { markdown: describeUnknown(place.value), ...at(place.value.span) };
    case 'condition-operator':
      return { markdown: withWithheld(describeOperator(place.value), place.withheld), ...at(place.span) };
    case 'condition-key':
      return { markdown: withWithheld(describeKey(place.value), place.withheld), ...at(place.span) };
    default: {
      const [first] = place.values;
      if (place.kind === 'resource' || place.kind === 'condition-value') {
        const variable = writtenVariableAt(text, first, offset);
        if (variable) return { markdown: withWithheld(describeVariable(variable.name), place.withheld), ...at(variable.span) };
        if (place.kind === 'condition-value') return undefined;
      }
      const describe = place.kind === 'action' ? describeAction : place.kind === 'resource' ? describeArn : describeEffect;
      const written = writtenAt(text, first);
      const parts = place.values.map(
        (value) =>
          (value.value !== '' && writtenAt(text, value) === -1 ? `Resolved from the template: ${codeSpan(value.value)}\n\n` : '') + describe(value.value),
      );
      return {
        markdown: withWithheld(parts.join('\n\n---\n\n'), place.withheld),
        ...at(written === -1 ? first.span : [written, written + first.value.length]),
      };
    }
  }
}

const at = (span: Span) => ({ offset: span[0], length: span[1] - span[0] });

/**
 * How a policy variable may be written in a template: `${x}` as is, `${!x}` inside `Fn::Sub`, `$${x}` in an
 * HCL string, `&{x}` in Terraform's aws_iam_policy_document (docs/iac-sources.md). A match is a policy
 * variable only when the resolved value holds `${x}` — otherwise it is the template's own substitution
 * (`${AWS::Region}`, `${var.topic}`), which the value's hover describes as resolved.
 */
const WRITTEN_VARIABLE = /(?:\$\$|\$|&)\{!?([^{}]*)\}/g;

/** The policy variable written at the offset, with its span in the file. */
function writtenVariableAt(text: string, value: ResolvedString, offset: number): { name: string; span: Span } | undefined {
  const start = writtenAt(text, value);
  if (start !== -1) {
    const variable = variableAround(value.value, offset - start);
    return variable && { name: variable.name, span: [start + variable.start, start + variable.end] };
  }
  const written = text.slice(value.span[0], value.span[1]);
  for (const match of written.matchAll(WRITTEN_VARIABLE)) {
    const span: Span = [value.span[0] + match.index, value.span[0] + match.index + match[0].length];
    if (offset < span[0] || offset > span[1]) continue;
    return value.value.includes(`\${${match[1]}}`) ? { name: match[1].split(',')[0].trim(), span } : undefined;
  }
  return undefined;
}

function describeUnknown(value: UnknownValue): string {
  return `**Unknown value** — it depends on ${escapeMarkdown(value.reason)}, which the files do not give. IoT Policy Lens does not guess it: the statement that uses it is left out of the analysis and reported as \`unresolved-value\`. A parameter or variable can be given its value in the config's \`parameters\`.`;
}

function withWithheld(markdown: string, withheld: readonly UnknownValue[]): string {
  if (withheld.length === 0) return markdown;
  const reasons = [...new Set(withheld.map((u) => escapeMarkdown(u.reason)))].join(', ');
  return `${markdown}\n\n*This statement is left out of the analysis: it depends on ${reasons}, which the files do not give (\`unresolved-value\`).*`;
}
