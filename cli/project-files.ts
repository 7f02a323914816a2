import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, discoverProject, DiscoveryError, parseConfig, ResolvedConfig, type ConfigProblem, type Discovery, type Target } from '../analyzer';
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
