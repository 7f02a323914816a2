import { isJsonTemplate } from '../project/classify';
import { DEFAULT_SCOPE } from '../scenario/arn';
import type { FileHost } from '../scenario/model';
import { readTemplate } from './cloudformation/template';
import type { SourceReading } from './reading';
import { readServerless } from './serverless';
import { readTerraformPlan } from './terraform/plan';
import { readTerraform, type TerraformFile } from './terraform/terraform';
import { isAutoVariablesFile } from './terraform/variable-file-names';
import { SourceLimitError } from './limits';
import { parseJsonTemplate, parseYamlTemplate, type ParsedTemplate, type TemplateSyntaxError } from './tree';

export type TemplateFormat = 'cloudformation' | 'serverless' | 'terraform' | 'terraform-plan';

export interface TemplateFileInput {
  path: string;
  text: string;
  format?: TemplateFormat;
  /** A Terraform module's files (their texts joined in `text`, each at its offset); file() paths are relative to the first. */
  parts?: readonly TerraformFile[];
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
  if (file.format === 'terraform') {
    const parts = file.parts ?? [{ path: file.path, offset: 0, text: file.text }];
    return readTerraform(file.text, parts, options, (reference) => includedFile(parts[0].path, reference, host));
  }
  const parsed = file.tree ?? (isJsonTemplate(file.path, file.text) ? parseJsonTemplate(file.text) : parseYamlTemplate(file.text));
  if (!parsed.root) return nothingRead(parsed.errors[0] ?? { message: 'the file is empty', offset: 0, length: 0 });
  if (file.format === 'terraform-plan') return readTerraformPlan(parsed.root, file.text, options);
  return file.format === 'serverless' ? readServerless(parsed.root, file.text, options) : readTemplate(parsed.root, file.text, options);
}

/** A file a Terraform module includes, read only where the host allows (inside the project); its content is never put in a message. */
function includedFile(moduleFile: string, reference: string, host: FileHost): { text: string } | { unread: string } {
  const path = host.resolve(moduleFile, reference);
  if (!host.mayInclude) return { unread: 'files a module names are not read here' };
  if (!host.mayInclude(moduleFile, path)) return { unread: 'outside the project, not read' };
  const text = host.readFile(path);
  return text === undefined ? { unread: host.whyUnreadable?.(path) ?? 'cannot be read' } : { text };
}

/**
 * A template named alone (a scenario's app, a policy by name). A Terraform file is read as Terraform reads
 * it for its folder: with the variables files Terraform loads there by itself (terraform.tfvars,
 * *.auto.tfvars), when the host can list the folder.
 */
export function loneTemplateFile(path: string, text: string, format: TemplateFormat, host: FileHost): TemplateFileInput {
  return format === 'terraform' ? terraformFileWithVariables(path, text, host) : { path, text, format };
}

function terraformFileWithVariables(path: string, text: string, host: FileHost): TemplateFileInput {
  const parts: TerraformFile[] = [{ path, offset: 0, text }];
  let joined = `${text}\n`;
  for (const name of (host.listFolder?.(path) ?? []).filter(isAutoVariablesFile).sort()) {
    const variablesPath = host.resolve(path, name);
    const variables = host.readFile(variablesPath);
    if (variables === undefined) continue;
    parts.push({ path: variablesPath, offset: joined.length, text: variables });
    joined += `${variables}\n`;
  }
  return { path, text: joined, format: 'terraform', parts };
}

/** Nothing of the file read: a syntax error, or hostile input (`limit`), said where it is; the run cannot pass. */
function nothingRead(error: TemplateSyntaxError): SourceReading {
  return {
    policies: [],
    pools: [],
    notes: [],
    problems: [{ ruleId: 'invalid-template', message: error.message, span: [error.offset, error.offset + error.length], fatal: true }],
  };
}
