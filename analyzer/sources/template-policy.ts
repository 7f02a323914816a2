import type { ParsedPolicy } from '../policy/model';
import { parsePolicy } from '../policy/parse';
import { classifyFile } from '../project/classify';
import type { FileHost, TemplateSettings } from '../scenario/model';
import type { SourceRange } from '../source/range';
import { preparePolicy } from './document';
import { mapToOriginal, type EmittedDocument } from './emit';
import { loneTemplateFile, rangesOf, readTemplateFile, unreadReason } from './read-template-file';
import type { Span } from './tree';

/**
 * One policy of a template, named the way `check` names it (`AuthRole.Policies[Data]`,
 * `aws_iot_policy.user`), parsed with every range in the template file — for scenarios that refer to
 * `template.yaml#UserIotPolicy`. A policy with values the files do not give cannot be used: its verdicts
 * would not be decided, so it is an error, never a guess.
 */
export function policyFromTemplate(
  path: string,
  text: string,
  name: string,
  host: FileHost,
  parameters: TemplateSettings['templateParameters'],
): { policy?: ParsedPolicy; error?: string } {
  const format = classifyFile(path, text)?.format;
  if (format !== 'cloudformation' && format !== 'serverless' && format !== 'terraform' && format !== 'terraform-plan')
    return { error: `${path} is not a CloudFormation/SAM template, Serverless service, Terraform file or Terraform plan` };
  const input = loneTemplateFile(path, text, format, host);
  const reading = readTemplateFile(input, host, parameters);
  const unread = unreadReason(input, reading);
  if (unread) return { error: `${path} is not read: ${unread}` };
  const found = reading.policies.find((p) => p.name === name);
  if (!found)
    return {
      error: `${path} has no policy named "${name}"${reading.policies.length ? ` (it has ${reading.policies.map((p) => `"${p.name}"`).join(', ')})` : ''}`,
    };
  const prepared = preparePolicy(found.document);
  const unknowns = prepared.unknownDocument ? [prepared.unknownDocument] : prepared.withheld.flatMap((w) => w.unknowns);
  if (unknowns.length > 0 || !prepared.emitted)
    return {
      error: `policy "${name}" depends on ${[...new Set(unknowns.map((u) => u.reason))].join(', ') || 'values'} that the files do not give, so no verdict can rely on it`,
    };
  return { policy: parseInTemplate(prepared.emitted, path, input.text, rangesOf(input)) };
}

/**
 * The emitted document of a template's policy, parsed, with every range moved into the template it came
 * from (`toRange` places an offset of the template's text, in the right file of a Terraform module).
 */
export function parseInTemplate(emitted: EmittedDocument, path: string, original: string, toRange: (span: Span) => SourceRange): ParsedPolicy {
  // Its ranges are all read, to be moved: built at once, with its elements (a policy read natively builds them when first read).
  const policy = parsePolicy(emitted.text, path, { rangesNow: true });
  moveRangesInto(policy, emitted, original, toRange);
  return policy;
}

/** Every range of a parsed policy, moved from the emitted document into the template it came from. */
function moveRangesInto(policy: ParsedPolicy, emitted: EmittedDocument, original: string, toRange: (span: Span) => SourceRange): void {
  const seen = new Set<object>();
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (isRange(value)) {
      Object.assign(value, toRange(mapToOriginal(emitted, original, value.offset, value.length)));
      return;
    }
    // jsonc nodes and line indexes belong to the emitted text and are not ranges to move.
    for (const [key, child] of Object.entries(value)) if (key !== 'node' && key !== 'root' && key !== 'lines' && key !== 'parent') visit(child);
  };
  visit(policy.statements);
  visit(policy.problems);
  visit(policy.version);
  visit(policy.statementKey);
}

function isRange(value: object): value is SourceRange {
  return 'file' in value && 'offset' in value && 'length' in value && 'start' in value && 'end' in value;
}
