/**
 * The kind a policy had at git HEAD, for "What does this change grant?": a pull request may leave a policy
 * unchanged and give it to other identities by editing the config's kinds or a scenario's roles, and
 * comparing the HEAD version under today's kind would then say "no change". Read as the workspace reads
 * kinds now (config globs first, then the scenarios that name the file), each from its HEAD version.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadScenario, parseConfig, ResolvedConfig, type PolicyKind } from '../../analyzer';
import { scenarioFoldersOf } from '../../cli/scenario-kinds';
import { readAtHead } from './git-head';
import type { WorkspaceModel } from './workspace-model';

/**
 * The policy's kind at HEAD, or undefined when nothing gave it one there (or scenarios disagreed). Throws
 * when the config at HEAD is not valid: the kind is then not known, and no comparison is made.
 * Only the scenarios the workspace has now are read at HEAD: one deleted since is not seen.
 */
export async function kindAtHead(model: WorkspaceModel, file: string): Promise<PolicyKind | undefined> {
  const info = model.configFor(file);
  let config = new ResolvedConfig();
  if (info.file) {
    const head = await readAtHead(info.file, 'config');
    if ('text' in head) {
      const { config: read, problems } = parseConfig(head.text, head.label);
      if (!read || problems.length > 0)
        throw new Error(`${head.label} is not a valid config, so the kind the policy had at HEAD is not known: nothing compared`);
      config = read;
    }
  }
  const fromConfig = config.kindFor(model.configPath(file, info));
  if (fromConfig) return fromConfig;
  const kinds = new Set<PolicyKind>();
  // As `diff --base` reads them: the scenarios in the policy's folder and the one above (and still on disk).
  const near = new Set(scenarioFoldersOf(file));
  for (const scenario of model.scenarioFiles().filter((f) => near.has(path.dirname(f)) && fs.existsSync(f))) {
    const head = await readAtHead(scenario, 'scenario');
    if (!('text' in head)) continue;
    // Loaded, not run: only which policies it names, and as what, matters here.
    for (const { policy, kind } of loadScenario(head.text, scenario, model.host, config).scenario?.policies ?? []) {
      if (path.resolve(policy.source.file) === file) kinds.add(kind);
    }
  }
  return kinds.size === 1 ? [...kinds][0] : undefined;
}
