import { compilePathGlob } from '../match/path-glob';
import { classifyFile, type FileFormat } from './classify';
import type { ParsedTemplate } from '../sources/tree';
import type { ResolvedConfig } from './config';
import { hostErrorMessage, isInside, type ListedEntry, type ProjectHost } from './host';
import { READ_FORMATS, TEMPLATE_EXTENSION } from './names';
import { isAutoVariablesFile } from '../sources/terraform/variable-file-names';

/**
 * Folders never walked into: dependencies, VCS data, build output, Terraform's provider cache, CDK
 * assets, and Amplify's copy of the last deployed backend (`amplify/#current-cloud-backend`, the same
 * stacks again, git-ignored by Amplify).
 */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', 'dist', '.vscode-test', 'test-artifacts', '.terraform', '#current-cloud-backend']);
const isCdkAsset = (name: string) => name.startsWith('asset.');

/** What the user asked for: a path, or a glob matched below `base`. */
export type Target = { path: string } | { glob: string; base: string };

export interface DiscoveredFile {
  /** The host's path. */
  path: string;
  /** The path shown in reports (and used by scenarios' references). */
  shown: string;
  /** The path relative to the config file's folder, for the config's globs. */
  configPath: string;
  text: string;
  format: Exclude<FileFormat, 'config' | 'other'>;
  /** Named by the user (not found while walking a folder). */
  explicit: boolean;
  /** A YAML template's tree, parsed while classifying it. */
  tree?: ParsedTemplate;
}

/** Something discovery did not read, and why: a user who expected it to be checked learns why it was not. */
export interface DiscoveryNote {
  path: string;
  message: string;
  /** A file the user named that cannot be read as anything: the run must not pass. */
  fatal: boolean;
}

export interface Discovery {
  files: DiscoveredFile[];
  notes: DiscoveryNote[];
  /** How many files were looked at (read and classified). */
  looked: number;
}

export interface DiscoveryOptions {
  config: ResolvedConfig;
  /** The folder the config's globs are relative to. */
  configDir: string;
  /** Links are followed only while they stay inside this folder (or inside a named folder outside it). */
  projectRoot: string;
}

/**
 * The project's files: named files as given, folders walked (skipping dependency and build folders and
 * the config's excludes), globs matched below their base. Links are followed inside the project (each
 * real folder once, so loops end) and reported when they point outside it. A named path that does not
 * exist throws; everything else not read is a note.
 */
export function discoverProject(targets: readonly Target[], host: ProjectHost, options: DiscoveryOptions): Discovery {
  const { config } = options;
  const files = new Map<string, DiscoveredFile>();
  const notes: DiscoveryNote[] = [];
  const visitedFolders = new Set<string>();
  let looked = 0;
  const configPath = (path: string) => host.relative(options.configDir, path);
  const note = (path: string, message: string, fatal = false) => notes.push({ path: host.display(path), message, fatal });

  const consider = (path: string, realPath: string, explicit: boolean) => {
    const relative = configPath(path);
    if (!explicit && config.isExcluded(relative)) return;
    const shown = host.display(path);
    if (files.has(realPath)) return;
    let text: string;
    try {
      text = host.read(path);
    } catch (error) {
      // A file that may hold policies and cannot be read was not examined: the run must not pass.
      if (explicit || isReadFileName(path)) note(path, `cannot be read: ${hostErrorMessage(error)}`, true);
      return;
    }
    const found = config.isScenario(relative) ? { format: 'scenario' as const } : classifyFile(path, text);
    if (found === undefined) {
      if (explicit) note(path, `not a format this tool reads (it reads ${READ_FORMATS})`, true);
      return;
    }
    looked++;
    // A YAML file the user names that does not parse is reported with the parser's position.
    const classified = explicit && found.tree && found.tree.errors.length > 0 ? 'cloudformation' : found.format;
    if (classified === 'config') return;
    if (classified === 'other') {
      // A JSON file the user names is checked as the policy they say it is; a YAML file is named with the reason.
      if (explicit && path.endsWith('.json')) files.set(realPath, { path, shown, configPath: relative, text, format: 'policy', explicit });
      else if (explicit) note(path, 'neither a CloudFormation/SAM template (no "Resources") nor a Serverless service (no "service" and "provider")', true);
      return;
    }
    files.set(realPath, { path, shown, configPath: relative, text, format: classified, explicit, ...(found.tree && { tree: found.tree }) });
    // Terraform loads the variables files of a configuration's folder by itself: a named .tf file brings them along.
    if (explicit && classified === 'terraform') variablesBeside(path);
  };

  const variablesBeside = (file: string) => {
    const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    const dir = slash === -1 ? '.' : slash === 0 ? file.slice(0, 1) : file.slice(0, slash);
    let names: string[];
    try {
      names = host.list(dir);
    } catch (error) {
      // Its variables may change what the file grants: not knowing them, the run must not pass.
      note(dir, `folder cannot be listed for its Terraform variables files: ${hostErrorMessage(error)}`, true);
      return;
    }
    for (const name of names.filter(isAutoVariablesFile).sort()) {
      const path = host.join(dir, name);
      const stat = host.stat(path);
      if (stat?.type === 'file' && (!stat.isLink || isInside(host, options.projectRoot, stat.realPath))) consider(path, stat.realPath, false);
    }
  };

  const walk = (dir: string, realDir: string, root: string) => {
    let entries: Array<{ name: string; type?: ListedEntry['type'] }>;
    try {
      entries = (host.listEntries?.(dir) ?? host.list(dir).map((name) => ({ name }))).sort((a, b) => byName(a.name, b.name));
    } catch (error) {
      // A folder that may hold policies and cannot be listed was not examined: the run must not pass.
      note(dir, `folder cannot be listed: ${hostErrorMessage(error)}`, true);
      return;
    }
    if (entries.some((e) => e.name === 'cdk.json') && !entries.some((e) => e.name === 'cdk.out'))
      note(
        host.join(dir, 'cdk.json'),
        'a CDK app without cdk.out: run `cdk synth` first, then check again (the synthesized templates are what this tool reads)',
        true,
      );
    for (const { name, type } of entries) {
      const path = host.join(dir, name);
      // What is not a link is where its folder really is: only links need the host to say where they lead.
      const stat = type === undefined || type === 'link' ? host.stat(path) : { type, isLink: false, realPath: host.join(realDir, name) };
      if (!stat) {
        note(path, 'a link to nothing (dangling), skipped');
        continue;
      }
      if (stat.isLink && !isInside(host, root, stat.realPath)) {
        if (stat.type === 'directory' || isReadFileName(name)) note(path, `a link out of the project (to ${host.display(stat.realPath)}), not followed`);
        continue;
      }
      if (stat.type === 'directory') {
        if (!ALWAYS_SKIPPED.has(name) && !isCdkAsset(name) && !config.isExcluded(configPath(path))) walkOnce(path, stat.realPath, root);
      } else if (stat.type === 'file' && isReadFileName(name)) {
        consider(path, stat.realPath, false);
      } else if (stat.type === 'other' && isReadFileName(name)) {
        // A FIFO or device named like a policy: never read (it could block or never end), never skipped silently.
        note(path, 'not a regular file or folder, not read');
      }
    }
  };
  const walkOnce = (dir: string, realPath: string, root: string) => {
    if (visitedFolders.has(realPath)) return;
    visitedFolders.add(realPath);
    walk(dir, realPath, root);
  };

  for (const target of targets) {
    if ('glob' in target) {
      const matches = globFiles(target.glob, target.base, host);
      if (matches.length === 0) throw new DiscoveryError(`${target.glob}: no file matches this pattern`);
      matches.forEach(({ path, realPath }) => consider(path, realPath, true));
      continue;
    }
    const stat = host.stat(target.path);
    if (!stat) throw new DiscoveryError(`${host.display(target.path)}: no such file or folder`);
    // A folder outside the project is its own project: links stay inside it.
    if (stat.type === 'directory')
      walkOnce(target.path, stat.realPath, isInside(host, options.projectRoot, stat.realPath) ? options.projectRoot : stat.realPath);
    else if (stat.type === 'file') consider(target.path, stat.realPath, true);
    else note(target.path, 'not a regular file or folder, not read', true);
  }
  return { files: [...files.values()], notes, looked };
}

let collator: Intl.Collator | undefined;
/** Folder entries in the order of `localeCompare`: one collator for all, made when first needed (making one loads ICU's data). */
const byName = (a: string, b: string) => (collator ??= new Intl.Collator()).compare(a, b);

const READ_EXTENSIONS = ['.json', '.yaml', '.yml', TEMPLATE_EXTENSION, '.tf'];

/** Whether a folder walk reads a file of this name: by its extension, or a variables file Terraform loads by itself. */
export function isReadFileName(name: string): boolean {
  return READ_EXTENSIONS.some((extension) => name.endsWith(extension)) || isAutoVariablesFile(name);
}

/** A path the user named that does not exist, or a glob that matches nothing (a usage error). */
export class DiscoveryError extends Error {}

function globFiles(pattern: string, base: string, host: ProjectHost): Array<{ path: string; realPath: string }> {
  const compiled = compilePathGlob(pattern, { dot: false });
  if ('error' in compiled) throw new DiscoveryError(`${pattern}: ${compiled.error}`);
  const { match } = compiled;
  const results: Array<{ path: string; realPath: string }> = [];
  const visited = new Set<string>();
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = host.list(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (ALWAYS_SKIPPED.has(name)) continue;
      const path = host.join(dir, name);
      const stat = host.stat(path);
      if (!stat || (stat.isLink && !isInside(host, base, stat.realPath))) continue;
      if (stat.type === 'directory' && !visited.has(stat.realPath)) {
        visited.add(stat.realPath);
        walk(path);
      } else if (stat.type === 'file' && match(host.relative(base, path))) results.push({ path, realPath: stat.realPath });
    }
  };
  walk(base);
  return results.sort((a, b) => a.path.localeCompare(b.path));
}
