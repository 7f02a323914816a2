import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyJson, CONFIG_FILE_NAME, parseConfig, ResolvedConfig, type ConfigProblem, type ProjectFile } from '../analyzer';
import { compilePathGlob } from '../analyzer/match/path-glob';
import { displayPath } from './node-host';
import { assertWithinLimit, readBounded, readProjectFile } from './read-bounded';
import { InputError } from './usage-error';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', 'dist', '.vscode-test', 'test-artifacts']);
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
 * The policy and scenario files named by the arguments: files as given, folders walked (skipping
 * node_modules, .git, dist and the config's excludes), globs matched below the working directory.
 * A path that does not exist is an input error (exit 2), never silently skipped.
 */
export function collectProjectFiles(args: readonly string[], config: ResolvedConfig, configDir: string): ProjectFile[] {
  const found = new Map<string, ProjectFile>();
  const configPath = (absolute: string) => path.relative(configDir, absolute).split(path.sep).join('/');
  const consider = (absolute: string, explicit: boolean) => {
    const relative = configPath(absolute);
    if (!explicit && config.isExcluded(relative)) return;
    const shown = displayPath(absolute);
    if (found.has(shown)) return;
    const text = readProjectFile(shown);
    const role = config.isScenario(relative) ? 'scenario' : classifyJson(text, absolute);
    if (role === 'policy') assertWithinLimit(text, 'policy', shown);
    if (role === 'config' || (role === 'other' && !explicit)) return;
    found.set(shown, { path: shown, configPath: relative, text, role: role === 'other' ? 'policy' : role });
  };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !config.isExcluded(configPath(absolute))) walk(absolute);
      } else if (entry.isFile() && entry.name.endsWith('.json')) {
        consider(absolute, false);
      }
    }
  };
  for (const arg of args.length > 0 ? args : ['.']) {
    if (GLOB_CHARACTERS.test(arg) && !fs.existsSync(arg)) {
      const matches = globFiles(arg);
      if (matches.length === 0) throw new InputError(`${arg}: no file matches this pattern`);
      matches.forEach((file) => consider(file, true));
      continue;
    }
    const absolute = path.resolve(arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new InputError(`${arg}: no such file or folder`);
    }
    if (stat.isDirectory()) walk(absolute);
    else consider(absolute, true);
  }
  return [...found.values()];
}

function globFiles(pattern: string): string[] {
  const compiled = compilePathGlob(pattern, { dot: false });
  if ('error' in compiled) throw new InputError(`${pattern}: ${compiled.error}`);
  const { match } = compiled;
  const results: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else if (match(path.relative(process.cwd(), absolute).split(path.sep).join('/'))) results.push(absolute);
    }
  };
  walk(process.cwd());
  return results.sort();
}
