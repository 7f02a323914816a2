import { compileGlob, matchGlob, variableValue, type Glob, type VariableValues, type VariableToken } from '../match/glob';
import type { TemplatePart } from '../variables/template';

/**
 * A Resource entry's matcher. Most entries have one of a few shapes — `exact`, `prefix*`,
 * `prefix${var}suffix`, `prefix${var}suffix*` — and those are matched from fields stored on this one object.
 * With thousands of policies, evaluation is bound by memory reads rather than by computation; keeping
 * everything a match needs in one place (instead of glob → segments → parts) is what keeps it fast.
 * Every other pattern uses the general glob matcher. Both give the same answers (tested).
 */
export interface ResourceMatcher {
  /** `none`: the entry matches nothing (an Allow's Resource with a wildcard in the resource type). */
  readonly shape: 'exact' | 'prefix' | 'variable' | 'variable-prefix' | 'glob' | 'none';
  /** The literal text before the first wildcard or variable. */
  readonly head: string;
  /** The literal text between the variable and the end (or the trailing `*`). */
  readonly tail: string;
  readonly variable: VariableToken | undefined;
  readonly glob: Glob | undefined;
}

function literalText(parts: readonly TemplatePart[]): string | undefined {
  let text = '';
  for (const part of parts) {
    if (part.kind !== 'literal') return undefined;
    text += part.text;
  }
  return text;
}

export function compileResourceMatcher(parts: readonly TemplatePart[], source: string): ResourceMatcher {
  const endsWithStar = parts.length > 0 && parts[parts.length - 1].kind === 'star';
  const body = endsWithStar ? parts.slice(0, -1) : parts;
  const variableAt = body.findIndex((p) => p.kind === 'variable');
  const head = literalText(variableAt === -1 ? body : body.slice(0, variableAt));
  if (head !== undefined && variableAt === -1) {
    return { shape: endsWithStar ? 'prefix' : 'exact', head, tail: '', variable: undefined, glob: undefined };
  }
  const tail = variableAt === -1 ? undefined : literalText(body.slice(variableAt + 1));
  if (head !== undefined && tail !== undefined) {
    const variable = body[variableAt] as VariableToken;
    return { shape: endsWithStar ? 'variable-prefix' : 'variable', head, tail, variable, glob: undefined };
  }
  const first = parts[0];
  return { shape: 'glob', head: first?.kind === 'literal' ? first.text : '', tail: '', variable: undefined, glob: compileGlob(parts, source) };
}

export const MATCHES_NOTHING: ResourceMatcher = Object.freeze({ shape: 'none', head: '', tail: '', variable: undefined, glob: undefined });

export function matchResource(matcher: ResourceMatcher, resource: string, values: VariableValues): boolean {
  switch (matcher.shape) {
    case 'none':
      return false;
    case 'exact':
      return resource === matcher.head;
    case 'prefix':
      return resource.startsWith(matcher.head);
    case 'glob':
      return resource.startsWith(matcher.head) && matchGlob(matcher.glob!, resource, values);
    default: {
      if (!resource.startsWith(matcher.head)) return false;
      const value = variableValue(matcher.variable!, values);
      if (value === undefined || !resource.startsWith(value, matcher.head.length)) return false;
      const tailAt = matcher.head.length + value.length;
      if (matcher.shape === 'variable') return resource.length === tailAt + matcher.tail.length && resource.endsWith(matcher.tail);
      return resource.startsWith(matcher.tail, tailAt);
    }
  }
}
