import { splitArn } from '../catalog/arn';
import { compileGlob, matchGlob, type Glob } from '../match/glob';
import { parseTemplate, type TemplatePart } from '../variables/template';

/** A glob for a policy string in which `${…}` variables stay literal text (bound to the caller, unknown here). */
export function symbolicGlob(text: string): Glob {
  const parts = parseTemplate(text, true, true).parts.map((part: TemplatePart) =>
    part.kind === 'variable' ? { kind: 'literal' as const, text: text.slice(part.offset, part.offset + part.length) } : part,
  );
  return compileGlob(parts, text);
}

/**
 * Whether a Resource entry covers resources chosen by someone else: the entry (with `${…}` variables kept
 * as literal text, i.e. bound to the caller) is matched against a stranger's resource, `<type><witness>`.
 * Entries scoped by a variable therefore do not count as broad; `*` and `thing/*` do.
 */
export function symbolicResourceMatches(entry: string, resourceWithoutName: string, witnessName = 'zz-someone-else-7'): boolean {
  if (!splitArn(entry) && entry !== '*') return false;
  return matchGlob(symbolicGlob(entry), witnessResource(entry, resourceWithoutName, witnessName));
}

/** The stranger's resource an entry is matched against: `<type><witness>` in the entry's own partition, region and account. */
export function witnessResource(entry: string, resourceWithoutName: string, witnessName = 'zz-someone-else-7'): string {
  const arn = splitArn(entry);
  return arn ? `${entry.slice(0, arn.resourceOffset)}${resourceWithoutName}${witnessName}` : `${resourceWithoutName}${witnessName}`;
}
