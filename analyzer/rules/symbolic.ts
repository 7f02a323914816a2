import { splitArn } from '../catalog/arn';
import { compileGlob, matchGlob, type Glob } from '../match/glob';
import { parseTemplate, type TemplatePart } from '../variables/template';

// Several rules ask for the globs of the same entries: those of the last policy or so are kept.
const recentGlobs = new Map<string, Glob>();
const RECENT_GLOBS = 1024;

/** A glob for a policy string in which `${…}` variables stay literal text (bound to the caller, unknown here). The same glob for the same text. */
export function symbolicGlob(text: string): Glob {
  let glob = recentGlobs.get(text);
  if (!glob) {
    const parts = parseTemplate(text, true, true).parts.map((part: TemplatePart) =>
      part.kind === 'variable' ? { kind: 'literal' as const, text: text.slice(part.offset, part.offset + part.length) } : part,
    );
    glob = compileGlob(parts, text);
    if (recentGlobs.size >= RECENT_GLOBS) recentGlobs.clear();
    recentGlobs.set(text, glob);
  }
  return glob;
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
