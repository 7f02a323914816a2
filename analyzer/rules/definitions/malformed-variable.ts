import type { Located, ParsedPolicy } from '../../policy/model';
import { variableAt } from '../../variables/template';
import { rangeWithinString } from '../helpers';
import { defineRule } from '../rule';

type Problem = { messageId: 'unclosed' | 'empty' } | { messageId: 'spaces' | 'notVariable'; data: { inside: string; suggestion?: string } };

/** Why the `${` at `at` does not start a variable. */
function problemAt(value: string, at: number): Problem {
  const close = value.indexOf('}', at);
  if (close === -1) return { messageId: 'unclosed' };
  const inside = value.slice(at + 2, close);
  if (inside.trim() === '') return { messageId: 'empty' };
  const [name, ...rest] = inside.split(',');
  if (/\s/.test(name)) return { messageId: 'spaces', data: { inside, suggestion: [name.trim(), ...rest].join(',') } };
  return { messageId: 'notVariable', data: { inside } };
}

function strings(policy: ParsedPolicy): Array<Located<string>> {
  const found: Array<Located<string>> = [];
  for (const statement of policy.statements) {
    for (const entry of statement.resources?.values ?? []) found.push(entry);
    for (const condition of statement.conditions) for (const entry of condition.values) found.push(entry);
  }
  return found;
}

const rule = defineRule({
  meta: {
    id: 'malformed-variable',
    title: 'Malformed ${…} policy variable',
    family: 'variables',
    severity: 'error',
    kinds: 'any',
    rationale:
      'A policy variable is written ${key} or ${key, \'default\'}, with no spaces. An unclosed "${", spaces inside the braces or an empty "${}" is not substituted: the text stays literal and the entry matches nothing (Access Analyzer rejects these too).',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
    messages: {
      unclosed: '"${" is never closed with "}": the text is read literally and this entry matches nothing',
      empty: '"${}" names no variable',
      spaces: '"${{{inside}}}" has spaces around the variable name: write "${{{suggestion}}}"',
      notVariable: '"${{{inside}}}" is not a variable: write ${key} or ${key, \'default\'}',
    },
  },
  check({ policy, report }) {
    if (policy.version?.value !== '2012-10-17') return; // without it, ${…} is literal text by design (policy-version reports that)
    for (const entry of strings(policy)) {
      for (let at = entry.value.indexOf('${'); at !== -1; at = entry.value.indexOf('${', at + 2)) {
        if (variableAt(entry.value, at)) continue;
        const close = entry.value.indexOf('}', at);
        report({ ...problemAt(entry.value, at), range: rangeWithinString(policy, entry, at, (close === -1 ? entry.value.length : close + 1) - at) });
      }
    }
  },
});
export default rule;
