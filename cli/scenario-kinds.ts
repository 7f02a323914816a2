import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyJson, formatLocation, loadScenario, type FileHost, type PolicyKind, type ResolvedConfig } from '../analyzer';
import { displayPath, nodeFileHost } from './node-host';
import { tryReadBounded } from './read-bounded';

/** Where scenarios and the policy files they name are read: the working tree, or a git revision (git-revision.ts). */
export interface ScenarioTree {
  /** The names of the .json files directly in a folder (absolute path) that may be scenarios; none when it is not there. */
  jsonFilesIn(dir: string): string[];
  /** A file's text within the scenario cap, or undefined when it cannot be read (it then gives no kind). */
  readScenario(name: string): string | undefined;
  /** How the scenarios read the policy files they name. */
  host: FileHost;
  /** The absolute working-tree path of a file the tree names (kinds are looked up by it). */
  pathOf(name: string): string;
}

export const workingTree: ScenarioTree = {
  jsonFilesIn: (dir) => {
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((entry) => entry.endsWith('.json'))
      .map((entry) => displayPath(path.join(dir, entry)));
  },
  readScenario: (name) => {
    const read = tryReadBounded(name, 'scenario');
    return 'text' in read ? read.text : undefined;
  },
  host: nodeFileHost,
  pathOf: (name) => path.resolve(name),
};

/** Where the scenarios that give a policy file its kind are looked for: its folder and the one above (absolute). */
export function scenarioFoldersOf(file: string): string[] {
  const folder = path.dirname(path.resolve(file));
  return [folder, path.dirname(folder)];
}

/**
 * Kinds the scenarios near the files (in their folders and the folders above) give them — roles.authenticated →
 * auth-role, roles.unauthenticated → unauth-role, iotPolicies → iot — by absolute path. A file two scenarios give
 * different kinds has none (undefined): who it is for is not known, so it is not compared. A scenario that cannot
 * be loaded gives no kinds; `warn` is told why, since the files it names may then be skipped or compared as new.
 */
export function scenarioKinds(
  files: readonly string[],
  tree: ScenarioTree,
  config: ResolvedConfig,
  warn: (line: string) => void,
): Map<string, PolicyKind | undefined> {
  const kinds = new Map<string, PolicyKind | undefined>();
  const folders = new Set(files.flatMap(scenarioFoldersOf));
  for (const folder of folders) {
    for (const name of tree.jsonFilesIn(folder)) {
      // A file that cannot be read (too large, not UTF-8) gives no kind: a policy left without one is not compared, and that fails the run.
      const text = tree.readScenario(name);
      if (text === undefined || classifyJson(text, name) !== 'scenario') continue;
      const { scenario, problems } = loadScenario(text, name, tree.host, config);
      if (!scenario) {
        const first = problems.find((problem) => problem.severity === 'error');
        if (first) warn(`${formatLocation(first.range)}: warning: ${first.message} (this scenario gives no policy file a kind)`);
        continue;
      }
      for (const { policy, kind } of scenario.policies) {
        const file = tree.pathOf(policy.source.file);
        kinds.set(file, kinds.has(file) && kinds.get(file) !== kind ? undefined : kind);
      }
    }
  }
  return kinds;
}
