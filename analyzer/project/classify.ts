import { visit } from 'jsonc-parser';
import { tooDeepAt } from '../policy/json';
import { isConfigurationFile } from '../sources/terraform/module-files';
import { isAutoVariablesFile } from '../sources/terraform/variable-file-names';
import { parseYamlTemplate, type ParsedTemplate } from '../sources/tree';
import type { TemplateFormat } from '../sources/read-template-file';
import { TEMPLATE_EXTENSION } from './names';

export type JsonFileRole = 'policy' | 'scenario' | 'config' | 'cloudformation' | 'terraform-plan' | 'other';
/**
 * What a file is to the project: a source format it reads, its config, or nothing it reads.
 * `terraform-variables` files (terraform.tfvars, *.auto.tfvars) belong to the module of their folder.
 */
export type FileFormat = JsonFileRole | 'serverless' | 'terraform' | 'terraform-variables';

/**
 * The root object's keys as the parser decodes them (so `"\u0053tatement"` is `Statement`), read without
 * building a tree; `errors` counts syntax errors. Well-formed JSON is read by the built-in parser (many
 * times faster); the keys are those of the first objects reached through arrays only, as the visit counts them.
 */
function topLevelJsonKeys(text: string): { keys: Set<string>; errors: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return visitedTopLevelKeys(text);
  }
  const keys = new Set<string>();
  const addKeys = (item: unknown): void => {
    if (Array.isArray(item)) item.forEach(addKeys);
    else if (item !== null && typeof item === 'object') for (const key of Object.keys(item)) keys.add(key);
  };
  addKeys(value);
  return { keys, errors: 0 };
}

function visitedTopLevelKeys(text: string): { keys: Set<string>; errors: number } {
  const keys = new Set<string>();
  let depth = 0;
  let errors = 0;
  visit(
    text,
    {
      onObjectBegin: () => {
        depth++;
      },
      onObjectEnd: () => {
        depth--;
      },
      onObjectProperty: (property) => {
        if (depth === 1) keys.add(property);
      },
      onError: () => {
        errors++;
      },
    },
    { disallowComments: true },
  );
  return { keys, errors };
}

const isConfigFile = (fileName: string) => fileName.endsWith('iot-policy-lens.config.json');

/**
 * What a JSON file is, by parsing it (never by searching its text for a key, which escapes defeat).
 * Unparseable files count as policies when they mention "Statement", so a broken policy is reported
 * rather than skipped.
 */
export function classifyJson(text: string, fileName: string): JsonFileRole {
  if (isConfigFile(fileName)) return 'config';
  // Too deep to be any of them: the parsers refuse such files, so report them as the policy they may claim to be.
  if (tooDeepAt(text) !== -1) return /Statement|\\u/.test(text) ? 'policy' : 'other';
  const { keys, errors } = topLevelJsonKeys(text);
  if (keys.has('steps') && keys.has('identities')) return 'scenario';
  if (keys.has('Statement')) return 'policy';
  if (keys.has('Resources')) return 'cloudformation';
  // `terraform show -json` of a plan or a state.
  if (keys.has('format_version') && (keys.has('planned_values') || keys.has('values'))) return 'terraform-plan';
  if (errors > 0 && text.includes('Statement')) return 'policy';
  if (errors > 0 && text.includes('"steps"')) return 'scenario';
  return 'other';
}

/** What a YAML file is (from its parsed tree): a CloudFormation/SAM template, a Serverless service, or nothing it reads. */
export function classifyYaml(parsed: ParsedTemplate, text: string): FileFormat {
  const root = parsed.root;
  // A broken YAML file that looks like a template is reported (by the CloudFormation source) rather than skipped.
  if (root?.type !== 'map')
    return parsed.errors.length > 0 && /AWS::|^["']?(Resources|AWSTemplateFormatVersion)["']?\s*:/m.test(text) ? 'cloudformation' : 'other';
  const keys = new Set(root.entries.map((e) => e.key));
  if (keys.has('service') && keys.has('provider')) return 'serverless';
  if (keys.has('Resources') || keys.has('AWSTemplateFormatVersion')) return 'cloudformation';
  return 'other';
}

export const YAML_EXTENSIONS = ['.yaml', '.yml'];

const TEMPLATE_FORMATS: ReadonlySet<FileFormat> = new Set<TemplateFormat>(['cloudformation', 'serverless', 'terraform', 'terraform-plan']);

/** Formats whose policies sit inside infrastructure-as-code: read as templates, compared by the apps they describe. */
export function isTemplateFormat(format: FileFormat): format is TemplateFormat {
  return TEMPLATE_FORMATS.has(format);
}

/** Formats read into a template: templates, and Terraform variables files, which join the module of their folder. */
export function isTemplatePartFormat(format: FileFormat): format is TemplateFormat | 'terraform-variables' {
  return TEMPLATE_FORMATS.has(format) || format === 'terraform-variables';
}

/** Whether a template file is JSON (by its name, or a `.template` that starts as JSON does) or YAML. */
export function isJsonTemplate(fileName: string, text: string): boolean {
  return fileName.endsWith('.json') || (fileName.endsWith(TEMPLATE_EXTENSION) && text.trimStart().startsWith('{'));
}

/**
 * A file's format from its name and text; undefined for files the project never reads (other
 * extensions). A YAML file's tree comes along, so the template is parsed once. A `.template` file is
 * a CloudFormation template or nothing this tool reads.
 */
export function classifyFile(fileName: string, text: string): { format: FileFormat; tree?: ParsedTemplate } | undefined {
  if (fileName.endsWith(TEMPLATE_EXTENSION)) {
    const found = isJsonTemplate(fileName, text) ? { format: classifyJson(text, fileName) } : classifyYamlFile(text);
    return found.format === 'cloudformation' ? found : { ...found, format: 'other' };
  }
  // Terraform reads `.tf.json` files (its JSON syntax) with the `.tf` files of their folder.
  if (isConfigurationFile(fileName)) return { format: 'terraform' };
  if (isAutoVariablesFile(fileName)) return { format: 'terraform-variables' };
  if (fileName.endsWith('.json')) return { format: classifyJson(text, fileName) };
  if (YAML_EXTENSIONS.some((ext) => fileName.endsWith(ext))) return classifyYamlFile(text);
  return undefined;
}

function classifyYamlFile(text: string): { format: FileFormat; tree: ParsedTemplate } {
  const tree = parseYamlTemplate(text);
  return { format: classifyYaml(tree, text), tree };
}
