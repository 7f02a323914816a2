import { isJsonTemplate } from '../project/classify';
import { DEFAULT_SCOPE } from '../scenario/arn';
import type { FileHost } from '../scenario/model';
import { readTemplate } from './cloudformation/template';
import type { SourceReading } from './reading';
import { readServerless } from './serverless';
import { readTerraformPlan } from './terraform/plan';
import { readTerraform, type TerraformFile } from './terraform/terraform';
import { isConfigurationFile, joinModuleFiles } from './terraform/module-files';
import { baseName, isAutoVariablesFile } from './terraform/variable-file-names';
import { SourceLimitError } from './limits';
import { parseJsonTemplate, parseYamlTemplate, type ParsedTemplate, type Span, type TemplateSyntaxError } from './tree';
import { LineIndex, type SourceRange } from '../source/range';

export type TemplateFormat = 'cloudformation' | 'serverless' | 'terraform' | 'terraform-plan';

export interface TemplateFileInput {
  path: string;
  text: string;
  format?: TemplateFormat;
  /** A Terraform module's files (their texts joined in `text`, each at its offset); file() paths are relative to the first. */
  parts?: readonly TerraformFile[];
  /** A YAML template's tree when discovery already parsed it. */
  tree?: ParsedTemplate;
  /** Files of a Terraform module that could not be read (the module is not known without them). */
  unread?: readonly UnreadPart[];
}

export interface UnreadPart {
  path: string;
  why: string;
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
    const reading = readTerraform(file.text, parts, options, (reference) => includedFile(parts[0].path, reference, host));
    for (const { path, why } of file.unread ?? [])
      reading.problems.unshift({
        ruleId: 'invalid-template',
        message: `${path}, a file of this module, ${why}: the module is not known without it`,
        span: [0, 0],
        fatal: true,
        roles: 'any',
      });
    return reading;
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
 * its folder — as `check` reads it: every `.tf` and `.tf.json` file there is one module, with the
 * variables files Terraform loads by itself (terraform.tfvars, *.auto.tfvars), when the host can list the
 * folder. A file of the module that cannot be read is a fatal problem: the module is not known without it.
 */
export function loneTemplateFile(path: string, text: string, format: TemplateFormat, host: FileHost): TemplateFileInput {
  return format === 'terraform' ? terraformFolder(path, text, host) : { path, text, format };
}

function terraformFolder(path: string, text: string, host: FileHost): TemplateFileInput {
  const files = [{ path, text }];
  const unread: UnreadPart[] = [];
  const names = host.listFolder?.(path) ?? [];
  // Configuration files first, then the variables files (their precedence is decided by readTerraform).
  const others = [...names.filter(isConfigurationFile).sort(), ...names.filter(isAutoVariablesFile).sort()];
  for (const name of others.filter((n) => n !== baseName(path))) {
    const partPath = host.resolve(path, name);
    const allowed = host.mayInclude?.(path, partPath) ?? true;
    const partText = allowed ? host.readFile(partPath) : undefined;
    if (partText === undefined) {
      unread.push({
        path: partPath,
        why: allowed ? `cannot be read (${host.whyUnreadable?.(partPath) ?? 'unreadable'})` : 'is a link out of the project, not read',
      });
      continue;
    }
    files.push({ path: partPath, text: partText });
  }
  return { path, ...joinModuleFiles(files), format: 'terraform', ...(unread.length > 0 && { unread }) };
}

/** Where an offset of a template's text is: for a Terraform module read as one, in the file it comes from. */
export function rangesOf(file: TemplateFileInput): (span: Span) => SourceRange {
  const parts = file.parts ?? [{ path: file.path, offset: 0, text: file.text }];
  const indexes = parts.map((part) => ({ part, lines: new LineIndex(part.path, part.text) }));
  return (span) => {
    let found = indexes[0];
    for (const index of indexes) if (index.part.offset <= span[0]) found = index;
    return found.lines.range(span[0] - found.part.offset, span[1] - span[0]);
  };
}

/** The first problem that left (part of) the template unread, as `file:line:column: message`; undefined when it was read whole. */
export function unreadReason(file: TemplateFileInput, reading: SourceReading): string | undefined {
  const fatal = reading.problems.find((p) => p.fatal);
  if (!fatal) return undefined;
  const { file: where, start } = rangesOf(file)(fatal.span);
  return `${where}:${start.line}:${start.column}: ${fatal.message}`;
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
