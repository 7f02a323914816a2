import type { RequestContext } from '../evaluate/context';
import { variableValue, type GlobToken, type PatternToken, type VariableToken } from '../match/glob';

/**
 * A policy string split into literal text, wildcards and `${…}` variables.
 * Variables are substituted only under `"Version": "2012-10-17"`; otherwise IAM leaves the text as written.
 */
export type TemplatePart = PatternToken;

export interface Template {
  source: string;
  parts: TemplatePart[];
  hasVariables: boolean;
}

export type VariablePart = VariableToken;

const SPECIAL_CHARACTERS: Record<string, string> = { '*': '*', '?': '?', $: '$' };
// `${key}` or `${key, 'default value'}`. The key has no spaces: `${ key }` is not a variable (the
// malformed-variable rule reports it), and as literal text it matches nothing — the safe reading.
const VARIABLE = /^\$\{([^\s},']+)(?:,\s*'([^']*)')?\}/;

/** Whether a variable (or special character) starts at `at` in the text. */
export function variableAt(text: string, at: number): boolean {
  return VARIABLE.test(text.slice(at));
}

/**
 * @param wildcards whether `*` and `?` are wildcards in this position (Resource, Like operators)
 * @param substitute whether `${…}` is a variable (policy Version 2012-10-17)
 */
export function parseTemplate(source: string, wildcards: boolean, substitute: boolean): Template {
  const parts: TemplatePart[] = [];
  let literal = '';
  let hasVariables = false;
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (substitute && ch === '$' && source[i + 1] === '{') {
      const match = VARIABLE.exec(source.slice(i));
      if (match) {
        const name = match[1];
        flush();
        if (name in SPECIAL_CHARACTERS) {
          // `${*}`, `${?}` and `${$}` stand for the literal character.
          parts.push({ kind: 'literal', text: SPECIAL_CHARACTERS[name] });
        } else {
          hasVariables = true;
          parts.push({ kind: 'variable', name, key: name.toLowerCase(), defaultValue: match[2], offset: i, length: match[0].length });
        }
        i += match[0].length - 1;
        continue;
      }
    }
    if (wildcards && (ch === '*' || ch === '?')) {
      flush();
      parts.push(ch === '*' ? { kind: 'star' } : { kind: 'any-char' });
    } else {
      literal += ch;
    }
  }
  flush();
  // Merge adjacent literals produced by special characters, so plain strings stay one literal.
  const merged: TemplatePart[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (part.kind === 'literal' && previous?.kind === 'literal') merged[merged.length - 1] = { kind: 'literal', text: previous.text + part.text };
    else merged.push(part);
  }
  return { source, parts: merged, hasVariables };
}

export function variablesOf(template: Template): VariablePart[] {
  return template.parts.filter((p): p is VariablePart => p.kind === 'variable');
}

/**
 * The value a variable takes in this context, or undefined when it cannot be resolved
 * (absent key with no default, or a multi-valued key, which IAM forbids as a variable).
 */
export function resolveVariable(part: VariablePart, context: RequestContext): string | undefined {
  return variableValue(part, context);
}

/**
 * Substitutes variables; values become literal text (a `*` inside a client id is not a wildcard — A8).
 * Returns undefined when a variable is unresolved: that entry then matches nothing (IAM, A5).
 */
export function instantiate(template: Template, context: RequestContext): GlobToken[] | undefined {
  if (!template.hasVariables) return template.parts as GlobToken[];
  const tokens: GlobToken[] = [];
  for (const part of template.parts) {
    if (part.kind !== 'variable') {
      tokens.push(part);
      continue;
    }
    const value = resolveVariable(part, context);
    if (value === undefined) return undefined;
    tokens.push({ kind: 'literal', text: value });
  }
  return tokens;
}

/** Resolved values of a template's variables, for explanations. */
export function describeVariables(template: Template, context: RequestContext): Array<{ variable: string; value?: string; note?: string }> {
  return variablesOf(template).map((part) => ({
    variable: `\${${part.name}}`,
    value: resolveVariable(part, context),
    ...(part.unavailable && { note: part.unavailable }),
  }));
}

/** Marks the variables a kind of policy cannot use (lowercased name → why), so they never resolve. */
export function withUnavailableVariables(template: Template, unavailable: ReadonlyMap<string, string> | undefined): Template {
  if (!unavailable || !template.hasVariables) return template;
  return {
    ...template,
    parts: template.parts.map((part) => (part.kind === 'variable' && unavailable.has(part.key) ? { ...part, unavailable: unavailable.get(part.key) } : part)),
  };
}
