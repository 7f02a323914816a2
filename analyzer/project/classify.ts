import { visit } from 'jsonc-parser';
import { isMap, parseDocument } from 'yaml';
import { tooDeepAt } from '../policy/json';

export type JsonFileRole = 'policy' | 'scenario' | 'config' | 'cloudformation' | 'other';
/** What a file is to the project: a source format it reads, its config, or nothing it reads. */
export type FileFormat = JsonFileRole | 'serverless' | 'terraform';

/**
 * The root object's keys as the parser decodes them (so `"\u0053tatement"` is `Statement`), read without
 * building a tree; `errors` counts syntax errors.
 */
function topLevelJsonKeys(text: string): { keys: Set<string>; errors: number } {
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
  if (errors > 0 && text.includes('Statement')) return 'policy';
  if (errors > 0 && text.includes('"steps"')) return 'scenario';
  return 'other';
}

/** What a YAML file is: a CloudFormation/SAM template, a Serverless service, or nothing it reads. */
export function classifyYaml(text: string): FileFormat {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const root = document.contents;
  // A broken YAML file that looks like a template is reported (by the CloudFormation source) rather than skipped.
  if (!isMap(root)) return document.errors.length > 0 && /AWS::|AWSTemplateFormatVersion/.test(text) ? 'cloudformation' : 'other';
  const keys = new Set(root.items.map((pair) => String((pair.key as { value?: unknown } | null)?.value ?? pair.key)));
  if (keys.has('service') && keys.has('provider')) return 'serverless';
  if (keys.has('Resources') || keys.has('AWSTemplateFormatVersion')) return 'cloudformation';
  return 'other';
}

export const YAML_EXTENSIONS = ['.yaml', '.yml'];

/** A file's format from its name and text; undefined for files the project never reads (other extensions). */
export function classifyFile(fileName: string, text: string): FileFormat | undefined {
  if (fileName.endsWith('.json')) return classifyJson(text, fileName);
  if (YAML_EXTENSIONS.some((ext) => fileName.endsWith(ext))) return classifyYaml(text);
  if (fileName.endsWith('.tf')) return 'terraform';
  return undefined;
}
