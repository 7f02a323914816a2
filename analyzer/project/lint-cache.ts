import { lintPolicyText } from '../rules/lint';
import type { Finding } from '../rules/rule';
import type { PolicyKind } from '../policy/model';
import type { ResolvedConfig } from './config';

/** Documents remembered per config: enough for the policies of the templates open in an editor. */
const MAX_ENTRIES = 64;
const cache = new WeakMap<ResolvedConfig, Map<string, readonly Finding[]>>();

/**
 * The findings of one policy document emitted from a template, remembered by its text, file and kind:
 * after an edit in a template only the policies whose documents changed are checked again (the
 * editor's re-check after each keystroke). Findings are in the emitted document's coordinates and are
 * never changed by callers, so sharing them is safe.
 */
export function lintEmitted(text: string, file: string, configPath: string, kind: PolicyKind | undefined, config: ResolvedConfig): readonly Finding[] {
  let entries = cache.get(config);
  if (!entries) cache.set(config, (entries = new Map()));
  const key = `${file}\0${configPath}\0${kind ?? ''}\0${text}`;
  const known = entries.get(key);
  if (known) return known;
  const { findings } = lintPolicyText(text, file, config.lintOptionsFor(configPath, kind));
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, findings);
  return findings;
}
