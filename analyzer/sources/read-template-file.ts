import { isJsonTemplate } from '../project/classify';
import { DEFAULT_SCOPE } from '../scenario/arn';
import type { FileHost } from '../scenario/model';
import { readTemplate } from './cloudformation/template';
import type { SourceReading } from './reading';
import { readServerless } from './serverless';
import { readTerraformPlan } from './terraform/plan';
import { readTerraform } from './terraform/terraform';
import { SourceLimitError } from './limits';
import { parseJsonTemplate, parseYamlTemplate, type ParsedTemplate, type TemplateSyntaxError } from './tree';

export type TemplateFormat = 'cloudformation' | 'serverless' | 'terraform' | 'terraform-plan';

export interface TemplateFileInput {
  path: string;
  text: string;
  format?: TemplateFormat;
  /** A Terraform module's files (their texts joined in `text`); file() paths are relative to the first. */
  parts?: ReadonlyArray<{ path: string }>;
  /** A YAML template's tree when discovery already parsed it. */
  tree?: ParsedTemplate;
}

/**
 * Reads a template file into policies, pools and problems (no checking); `host` reads the files it names
 * (Terraform `file()`). A file past the budgets of limits.ts (hostile input) is refused as a whole, with
 * one problem where the budget ran out.
 */
export function readTemplateFile(file: TemplateFileInput, host: FileHost, parameters?: Readonly<Record<string, string>>): SourceReading {
  try {
    return readWithinLimits(file, host, parameters);
  } catch (error) {
    if (!(error instanceof SourceLimitError)) throw error;
    return nothingRead({ message: error.message, offset: error.span[0], length: Math.max(1, error.span[1] - error.span[0]), limit: true });
  }
}

function readWithinLimits(file: TemplateFileInput, host: FileHost, parameters?: Readonly<Record<string, string>>): SourceReading {
  const options = { scope: DEFAULT_SCOPE, parameters };
  const base = file.parts?.[0]?.path ?? file.path;
  if (file.format === 'terraform') return readTerraform(file.text, options, (reference) => host.readFile(host.resolve(base, reference)));
  const parsed = file.tree ?? (isJsonTemplate(file.path, file.text) ? parseJsonTemplate(file.text) : parseYamlTemplate(file.text));
  if (!parsed.root) return nothingRead(parsed.errors[0] ?? { message: 'the file is empty', offset: 0, length: 0 });
  if (file.format === 'terraform-plan') return readTerraformPlan(parsed.root, file.text, options);
  return file.format === 'serverless' ? readServerless(parsed.root, file.text, options) : readTemplate(parsed.root, file.text, options);
}

/** Nothing of the file read: a syntax error, or hostile input (`limit`), said where it is. */
function nothingRead(error: TemplateSyntaxError): SourceReading {
  return {
    policies: [],
    pools: [],
    notes: [],
    problems: [{ ruleId: 'invalid-template', message: error.message, span: [error.offset, error.offset + error.length] }],
    ...(error.limit && { refused: true }),
  };
}
