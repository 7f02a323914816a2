import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAME,
  discoverProject,
  DiscoveryError,
  parseConfig,
  ResolvedConfig,
  terraformModule,
  type ConfigProblem,
  type DiscoveredFile,
  type Discovery,
  type ProjectFile,
  type Target,
} from '../analyzer';
import { displayPath, nodeProjectHost, realFolder } from './node-host';
import { assertWithinLimit, readBounded } from './read-bounded';
import { InputError } from './usage-error';

const GLOB_CHARACTERS = /[*?[\]{}]/;

/** The config file named by --config, or the nearest iot-policy-lens.config.json above the working directory. */
export function findConfigFile(explicit: string | undefined): string | undefined {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new InputError(`${explicit}: config file not found`);
    return path.resolve(explicit);
  }
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function loadConfig(file: string | undefined): { config: ResolvedConfig; problems: ConfigProblem[] } {
  if (!file) return { config: new ResolvedConfig(), problems: [] };
  const shown = displayPath(file);
  const text = readBounded(shown, 'config');
  const { config, problems } = parseConfig(text, shown);
  return { config: config ?? new ResolvedConfig(), problems };
}

/**
 * The project's files for the arguments (default: the working folder), found by the analyzer's project
 * model on the local file system. A path that does not exist is a usage error (exit 2), never skipped.
 */
export function discoverFiles(args: readonly string[], config: ResolvedConfig, configDir: string): Discovery {
  const targets: Target[] = (args.length > 0 ? args : ['.']).map((arg) =>
    GLOB_CHARACTERS.test(arg) && !fs.existsSync(arg) ? { glob: arg, base: process.cwd() } : { path: path.resolve(arg) },
  );
  try {
    const discovery = discoverProject(targets, nodeProjectHost, { config, configDir, projectRoot: realFolder(configDir) });
    for (const file of discovery.files) if (file.format === 'policy') assertWithinLimit(file.text, 'policy', file.shown);
    return discovery;
  } catch (error) {
    if (error instanceof DiscoveryError) throw new InputError(error.message);
    throw error;
  }
}

/** Discovered files as the analyzer checks them: the .tf files of one folder are one Terraform module. */
export function projectFiles(discovered: readonly DiscoveredFile[]): ProjectFile[] {
  const modules = new Map<string, DiscoveredFile[]>();
  const files: ProjectFile[] = [];
  for (const f of discovered) {
    if (f.format === 'terraform') modules.set(path.dirname(f.shown), [...(modules.get(path.dirname(f.shown)) ?? []), f]);
    else if (f.format === 'policy' || f.format === 'scenario') files.push({ path: f.shown, configPath: f.configPath, text: f.text, role: f.format });
    else files.push({ path: f.shown, configPath: f.configPath, text: f.text, role: 'template', format: f.format, ...(f.tree && { tree: f.tree }) });
  }
  for (const [folder, tfFiles] of modules)
    files.push(
      terraformModule(
        tfFiles.map((f) => ({ path: f.shown, configPath: f.configPath, text: f.text })),
        tfFiles.length === 1 ? tfFiles[0].shown : `${folder}/*.tf`,
      ),
    );
  return files;
}
