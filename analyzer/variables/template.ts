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
// malformed-variable rule reports it), and as literal text it matches nothing — the safe reading. Sticky:
// matched where `lastIndex` says, without slicing the text.
const VARIABLE = /\$\{([^\s},']+)(?:,\s*'([^']*)')?\}/y;

function variableMatchAt(text: string, at: number): RegExpExecArray | null {
  VARIABLE.lastIndex = at;
  return VARIABLE.exec(text);
}

/** Whether a variable (or special character) starts at `at` in the text. */
export function variableAt(text: string, at: number): boolean {
  return variableMatchAt(text, at) !== null;
}

/**
 * @param wildcards whether `*` and `?` are wildcards in this position (Resource, Like operators)
 * @param substitute whether `${…}` is a variable (policy Version 2012-10-17)
 */
export function parseTemplate(source: string, wildcards: boolean, substitute: boolean): Template {
  const parts: TemplatePart[] = [];
  let hasVariables = false;
  // Literal text is cut from the source in one slice, never built a character at a time (a string built
  // so is a chain of one object per character, kept for as long as the compiled policy).
  let literalStart = 0;
  // Where the next `${`, `*` and `?` stand (-1: nowhere), found by indexOf: machine code from its first call,
  // where a scan in JavaScript or a regular expression per run of plain text costs most of a cold compile.
  let variableAt = substitute ? source.indexOf('${') : -1;
  let starAt = wildcards ? source.indexOf('*') : -1;
  let anyCharAt = wildcards ? source.indexOf('?') : -1;
  for (;;) {
    const at = firstOf(variableAt, starAt, anyCharAt);
    if (at === -1) break;
    if (at === variableAt) {
      const match = variableMatchAt(source, at);
      variableAt = source.indexOf('${', at + (match ? match[0].length : 1));
      if (!match) continue;
      const name = match[1];
      if (at > literalStart) pushLiteral(parts, source.slice(literalStart, at));
      // Own keys only: `${constructor}` or `${toString}` are variables, not Object.prototype's members.
      if (Object.hasOwn(SPECIAL_CHARACTERS, name)) {
        // `${*}`, `${?}` and `${$}` stand for the literal character.
        pushLiteral(parts, SPECIAL_CHARACTERS[name]);
      } else {
        hasVariables = true;
        parts.push({ kind: 'variable', name, key: name.toLowerCase(), defaultValue: match[2], offset: at, length: match[0].length });
      }
      literalStart = at + match[0].length;
      // A `*` or `?` inside the variable (`${*}`, a default value) is part of it.
      if (starAt !== -1 && starAt < literalStart) starAt = source.indexOf('*', literalStart);
      if (anyCharAt !== -1 && anyCharAt < literalStart) anyCharAt = source.indexOf('?', literalStart);
    } else {
      if (at > literalStart) pushLiteral(parts, source.slice(literalStart, at));
      if (at === starAt) {
        parts.push(STAR);
        starAt = source.indexOf('*', at + 1);
      } else {
        parts.push(ANY_CHAR);
        anyCharAt = source.indexOf('?', at + 1);
      }
      literalStart = at + 1;
    }
  }
  if (source.length > literalStart) pushLiteral(parts, source.slice(literalStart));
  // A copy of exactly its length: the parts are kept with the compiled policy, a list grown by push keeps spare room.
  return { source, parts: parts.slice(), hasVariables };
}

/** The smallest of the positions that are not -1, or -1. */
function firstOf(a: number, b: number, c: number): number {
  let first = a;
  if (b !== -1 && (first === -1 || b < first)) first = b;
  if (c !== -1 && (first === -1 || c < first)) first = c;
  return first;
}

const STAR: TemplatePart = Object.freeze({ kind: 'star' });
const ANY_CHAR: TemplatePart = Object.freeze({ kind: 'any-char' });

/** Appends literal text, merged with a literal just before it (from a special character), so plain strings stay one literal. */
function pushLiteral(parts: TemplatePart[], text: string): void {
  // Never reads parts[-1]: an out-of-range read leaves V8's fast path for arrays.
  const last = parts.length - 1;
  const previous = last >= 0 ? parts[last] : undefined;
  if (previous?.kind === 'literal') parts[last] = { kind: 'literal', text: previous.text + text };
  else parts.push({ kind: 'literal', text });
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
