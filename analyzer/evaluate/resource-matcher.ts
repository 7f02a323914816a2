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
  /**
   * `none`: the entry matches nothing (an Allow's Resource with a wildcard in the resource type).
   * `parts`: wildcards confined to their colon-separated ARN part (reading A6 `within-part`).
   */
  readonly shape: 'exact' | 'prefix' | 'variable' | 'variable-prefix' | 'glob' | 'none' | 'parts';
  /** The literal text before the first wildcard or variable. */
  readonly head: string;
  /** The literal text between the variable and the end (or the trailing `*`). */
  readonly tail: string;
  readonly variable: VariableToken | undefined;
  readonly glob: Glob | undefined;
  /** For `parts`: one matcher per ARN part (the first five, then the resource part with its own colons). */
  readonly parts: readonly ResourceMatcher[] | undefined;
}

/** The text of parts[from, to) when all are literal, else undefined. */
function literalText(parts: readonly TemplatePart[], from: number, to: number): string | undefined {
  let text = '';
  for (let i = from; i < to; i++) {
    const part = parts[i];
    if (part.kind !== 'literal') return undefined;
    text += part.text;
  }
  return text;
}

export function compileResourceMatcher(parts: readonly TemplatePart[], source: string, withinParts = false): ResourceMatcher {
  if (withinParts) {
    const arnParts = splitAtColons(parts).map((p) => compileResourceMatcher(p, source));
    return { shape: 'parts', head: '', tail: '', variable: undefined, glob: undefined, parts: arnParts };
  }
  // Read in place (no sliced copies of the parts): every distinct Resource entry is compiled here.
  const endsWithStar = parts.length > 0 && parts[parts.length - 1].kind === 'star';
  const bodyEnd = endsWithStar ? parts.length - 1 : parts.length;
  let variableAt = -1;
  for (let i = 0; i < bodyEnd && variableAt === -1; i++) if (parts[i].kind === 'variable') variableAt = i;
  const head = literalText(parts, 0, variableAt === -1 ? bodyEnd : variableAt);
  if (head !== undefined && variableAt === -1) {
    return { shape: endsWithStar ? 'prefix' : 'exact', head, tail: '', variable: undefined, glob: undefined, parts: undefined };
  }
  const tail = variableAt === -1 ? undefined : literalText(parts, variableAt + 1, bodyEnd);
  if (head !== undefined && tail !== undefined) {
    const variable = parts[variableAt] as VariableToken;
    return { shape: endsWithStar ? 'variable-prefix' : 'variable', head, tail, variable, glob: undefined, parts: undefined };
  }
  const first = parts[0];
  return {
    shape: 'glob',
    head: first?.kind === 'literal' ? first.text : '',
    tail: '',
    variable: undefined,
    glob: compileGlob(parts, source),
    parts: undefined,
  };
}

/** Template parts split at the first five colons of their literal text: ARN parts, the last keeping its colons. */
function splitAtColons(parts: readonly TemplatePart[]): TemplatePart[][] {
  const result: TemplatePart[][] = [[]];
  for (const part of parts) {
    if (part.kind !== 'literal') {
      result[result.length - 1].push(part);
      continue;
    }
    let text = part.text;
    let colon = text.indexOf(':');
    while (colon !== -1 && result.length < 6) {
      if (colon > 0) result[result.length - 1].push({ kind: 'literal', text: text.slice(0, colon) });
      result.push([]);
      text = text.slice(colon + 1);
      colon = text.indexOf(':');
    }
    if (text) result[result.length - 1].push({ kind: 'literal', text });
  }
  return result;
}

/** The resource split like splitAtColons: at most six parts. */
function arnPartsOf(resource: string): string[] {
  const result: string[] = [];
  let start = 0;
  for (let colon = resource.indexOf(':'); colon !== -1 && result.length < 5; colon = resource.indexOf(':', start)) {
    result.push(resource.slice(start, colon));
    start = colon + 1;
  }
  result.push(resource.slice(start));
  return result;
}

export const MATCHES_NOTHING: ResourceMatcher = Object.freeze({ shape: 'none', head: '', tail: '', variable: undefined, glob: undefined, parts: undefined });

export function matchResource(matcher: ResourceMatcher, resource: string, values: VariableValues): boolean {
  switch (matcher.shape) {
    case 'none':
      return false;
    case 'parts': {
      const resourceParts = arnPartsOf(resource);
      const patternParts = matcher.parts!;
      return resourceParts.length === patternParts.length && patternParts.every((p, i) => matchResource(p, resourceParts[i], values));
    }
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
