import { visit } from 'jsonc-parser';
import { tooDeepAt } from '../policy/json';

export type JsonFileRole = 'policy' | 'scenario' | 'config' | 'other';

/** The root object's keys, read without building a tree (nested values are skipped); `errors` counts syntax errors. */
function topLevelKeys(text: string): { keys: Set<string>; errors: number } {
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

/**
 * What a JSON file found while walking a folder is. Unparseable files count as policies when they mention
 * "Statement", so a broken policy is reported rather than skipped.
 */
export function classifyJson(text: string, fileName: string): JsonFileRole {
  if (fileName.endsWith('iot-policy-lens.config.json')) return 'config';
  const mentionsStatement = text.includes('"Statement"');
  const mentionsScenario = text.includes('"steps"') && text.includes('"identities"');
  if (!mentionsStatement && !mentionsScenario) return 'other';
  // Too deep to be either: the parsers refuse such files, so report them as the policy they claim to be.
  if (tooDeepAt(text) !== -1) return mentionsStatement ? 'policy' : 'other';
  const { keys, errors } = topLevelKeys(text);
  if (keys.has('steps') && keys.has('identities')) return 'scenario';
  if (keys.has('Statement')) return 'policy';
  if (errors > 0 && mentionsStatement) return 'policy';
  if (errors > 0 && mentionsScenario) return 'scenario';
  return 'other';
}
