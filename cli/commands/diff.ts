import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  classifyFile,
  classifyJson,
  diffFileVersions,
  diffPolicyVersions,
  formatLocation,
  isTemplatePartFormat,
  projectFilesOf,
  isReadFileName,
  ResolvedConfig,
  type DiscoveredFile,
  type FileVersions,
  type PolicyKind,
  type ProjectFile,
} from '../../analyzer';
import { accessFindings, describeUnknown, type AccessUnknown, type FileAccessDiff } from '../../analyzer/prove';
import { formatDiffJson } from '../format/diff-json';
import { formatDiffMarkdown } from '../format/diff-markdown';
import { formatDiffText } from '../format/diff-text';
import { gateUnknownLine, undecidedCount, type DiffReport } from '../format/reports';
import { formatSarif } from '../format/sarif';
import type { Io } from '../io';
import { configAtRevision, fileAtRevision, filesAtRevision, openRevision, repositoryPath, treeAtRevision, type Revision } from '../git-revision';
import { displayPath, projectFileHost } from '../node-host';
import { openConfig, policyKind, REPORT_FORMATS, reportFormat, ruleDocsBase, type ReportFormat } from '../options';
import { discoverFiles, findConfigFile } from '../project-files';
import { assertWithinLimit, readBounded, readProjectFile, type ReadKind } from '../read-bounded';
import { scenarioKinds, workingTree } from '../scenario-kinds';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../usage-error';

export const DIFF_HELP = `usage: iot-policy-lens diff <old> <new> [--kind iot|auth-role|unauth-role] [--format text|json|sarif|markdown] [--fail-on-new-access] [--allow-unknown]
       iot-policy-lens diff --base <git revision> [paths…] [same options]

What does this change grant? For each policy and each action, the resources the new version allows that
the old one did not (and those it no longer allows), decided over every resource string: the exact
Resource patterns responsible, what carves parts out of them, and an example the evaluator confirms.
<old> and <new> are two policy files, or two folders (policies paired by relative path). With --base,
the old versions are read from that git revision (git show REV:path) and the new ones from the working
tree (default path: the current folder).
  --kind                 the policies' kind (otherwise from the config's "kinds" globs, or from the
                         scenarios next to them; with --base, the old versions' from the config and the
                         scenarios at that revision); it decides the identity type: iot and auth-role →
                         authenticated identities, unauth-role → guests
  --config               the config file (default: the nearest iot-policy-lens.config.json)
  --format               text (default), json, sarif, or markdown (a report for a pull-request comment
                         or $GITHUB_STEP_SUMMARY: the new access by identity class)
  --rule-docs            with markdown: the URL rule pages are linked under (<URL><rule id>.md;
                         default docs/rules of the project on GitHub)
  --fail-on-new-access   exit 1 when any new access is granted (for CI gates), and also when anything
                         could not be decided: an action group too large to compare, a file skipped
                         for lack of a kind, or no file compared at all
  --allow-unknown        with --fail-on-new-access, let what could not be decided pass (the summary says so)
exit codes: 0 compared (no new access and nothing undecided, or without --fail-on-new-access), 1 new or
            undecided access with --fail-on-new-access, 2 usage errors, unreadable paths, invalid JSON or an
            unknown git revision`;

/** One policy file in two versions. `label` is how the old version is named (a path or REV:path). */
interface Pair {
  oldLabel?: string;
  oldText?: string;
  newPath?: string;
  newText?: string;
  /** Where the config's globs and scenarios look the kind up, and where reports point. */
  kindPath: string;
}

/** Files to compare: policy files, and templates compared by their apps. */
interface Pairs {
  pairs: Pair[];
  /** Templates, Terraform modules and plans in two versions, compared by the apps they describe. */
  templates: FileVersions[];
}

function readText(file: string): string {
  return readBounded(displayPath(file), 'policy');
}

const slashed = (relative: string) => relative.split(path.sep).join('/');

/**
 * Under a folder, found by the project discovery `check` uses: policy files (JSON with a Statement) by path
 * relative to it, and templates as `check` reads them, by the same relative path (`dir/*.tf` for a module).
 */
function filesUnder(dir: string): { policies: Map<string, string>; templates: Map<string, ProjectFile> } {
  const { files } = discoverFiles([dir], new ResolvedConfig(), dir);
  const policies = new Map(files.filter((f) => f.format === 'policy' && !f.explicit).map((f) => [slashed(path.relative(dir, f.path)), f.path]));
  const templates = files.filter((f) => isTemplatePartFormat(f.format)).map((f) => ({ ...f, key: slashed(path.relative(dir, f.path)) }));
  return { policies, templates: templateUnits(templates) };
}

/** Templates as `check` reads them (the .tf files of a folder are one module), by a key both versions share. */
function templateUnits(
  files: ReadonlyArray<Pick<DiscoveredFile, 'shown' | 'configPath' | 'text' | 'format' | 'tree'> & { key: string }>,
): Map<string, ProjectFile> {
  const keys = new Map(files.map((f) => [f.shown, f.key]));
  return new Map(
    projectFilesOf(files).map((unit) => {
      const first = unit.parts?.[0]?.path ?? unit.path;
      const key = keys.get(first)!;
      return [unit.format === 'terraform' ? `${path.posix.dirname(key)}/*.tf` : key, unit];
    }),
  );
}

/** Template pairs from the two versions' units, by key. */
function pairTemplates(olds: ReadonlyMap<string, ProjectFile>, news: ReadonlyMap<string, ProjectFile>): FileVersions[] {
  return [...new Set([...olds.keys(), ...news.keys()])].sort().map((key) => ({
    ...(olds.has(key) && { old: olds.get(key) }),
    ...(news.has(key) && { new: news.get(key) }),
  }));
}

/** A file read as a template; `alone`: named by itself, so a variables file (only a part of a module) is none. */
function templateFile(file: string, text: string, alone = false): Pick<DiscoveredFile, 'format' | 'tree'> | undefined {
  const found = classifyFile(file, text);
  if (!found || !isTemplatePartFormat(found.format) || (alone && found.format === 'terraform-variables')) return undefined;
  return { format: found.format, ...(found.tree && { tree: found.tree }) };
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    throw new UsageError(`${file}: no such file or folder`);
  }
}

function pairsFromPaths(oldPath: string, newPath: string): Pairs {
  const oldDir = isDirectory(oldPath);
  const newDir = isDirectory(newPath);
  if (oldDir !== newDir) throw new UsageError('diff compares two files or two folders, not a file with a folder');
  if (!oldDir) {
    // Two templates are compared by their apps; anything else as two policies, each held to the policy cap.
    const oldText = readProjectFile(displayPath(oldPath));
    const oldTemplate = templateFile(oldPath, oldText, true);
    const newText = oldTemplate ? readProjectFile(displayPath(newPath)) : undefined;
    const newTemplate = newText !== undefined ? templateFile(newPath, newText, true) : undefined;
    if (oldTemplate && newText !== undefined && newTemplate) {
      const unit = (file: string, text: string, found: typeof oldTemplate) =>
        templateUnits([{ shown: displayPath(file), configPath: displayPath(file), text, ...found, key: 'file' }]);
      return { pairs: [], templates: pairTemplates(unit(oldPath, oldText, oldTemplate), unit(newPath, newText, newTemplate)) };
    }
    return {
      pairs: [{ oldLabel: displayPath(oldPath), oldText: readText(oldPath), newPath: displayPath(newPath), newText: readText(newPath), kindPath: newPath }],
      templates: [],
    };
  }
  const { policies: olds, templates: oldTemplates } = filesUnder(oldPath);
  const { policies: news, templates: newTemplates } = filesUnder(newPath);
  const pairs = [...new Set([...olds.keys(), ...news.keys()])].sort().map((relative) => {
    const o = olds.get(relative);
    const n = news.get(relative);
    return {
      ...(o && { oldLabel: displayPath(o), oldText: readText(o) }),
      ...(n && { newPath: displayPath(n), newText: readText(n) }),
      kindPath: n ?? path.join(newPath, relative),
    };
  });
  return { pairs, templates: pairTemplates(oldTemplates, newTemplates) };
}

/** Working-tree files against their versions at a git revision (read with git show REV:path). */
function pairsFromGit(base: Revision, paths: readonly string[]): Pairs {
  const { root, name: revision } = base;
  const atRevision = (relative: string, kind: ReadKind) => fileAtRevision(base, relative, kind);
  const repoPath = (file: string) => repositoryPath(root, file);
  const pairs = new Map<string, Pair>();
  const oldTemplates: Array<Parameters<typeof templateUnits>[0][number]> = [];
  const newTemplates: typeof oldTemplates = [];
  for (const arg of paths.length > 0 ? paths : ['.']) {
    const exists = fs.existsSync(arg);
    const named = exists && !isDirectory(arg) ? readProjectFile(displayPath(arg)) : undefined;
    const namedTemplate = named !== undefined ? templateFile(arg, named, true) : undefined;
    if (named !== undefined && namedTemplate) {
      const relative = repoPath(arg);
      newTemplates.push({ shown: displayPath(arg), configPath: relative, text: named, ...namedTemplate, key: relative });
      const oldText = atRevision(relative, 'scenario');
      const oldTemplate = oldText !== undefined ? templateFile(relative, oldText, true) : undefined;
      if (oldText !== undefined && oldTemplate)
        oldTemplates.push({ shown: `${revision}:${relative}`, configPath: relative, text: oldText, ...oldTemplate, key: relative });
      continue;
    }
    if (exists && !isDirectory(arg)) {
      const relative = repoPath(arg);
      const oldText = atRevision(relative, 'policy');
      pairs.set(relative, {
        ...(oldText !== undefined && { oldLabel: `${revision}:${relative}`, oldText }),
        newPath: displayPath(arg),
        newText: readText(arg),
        kindPath: arg,
      });
      continue;
    }
    const relativeDir = repoPath(arg);
    const discovered = exists ? discoverFiles([arg], new ResolvedConfig(), arg).files : [];
    const news = new Map(discovered.filter((f) => f.format === 'policy' && !f.explicit).map((f) => [f.path, f.path]));
    for (const f of discovered) if (isTemplatePartFormat(f.format)) newTemplates.push({ ...f, key: repoPath(f.path) });
    const listed = filesAtRevision(base, relativeDir).filter(isReadFileName);
    if (!exists && listed.length === 0) throw new UsageError(`${arg}: no such file or folder (here or at ${revision})`);
    const oldFiles = new Map<string, string>();
    for (const file of listed) {
      // Of unknown kind until classified: read within the largest cap, then held to the policy cap.
      const text = atRevision(file, 'scenario');
      const template = text !== undefined ? templateFile(file, text) : undefined;
      if (text !== undefined && template) oldTemplates.push({ shown: `${revision}:${file}`, configPath: file, text, ...template, key: file });
      if (text === undefined || !file.endsWith('.json') || classifyJson(text, file) !== 'policy') continue;
      assertWithinLimit(text, 'policy', `${revision}:${file}`);
      oldFiles.set(file, text);
    }
    for (const absolute of news.values()) {
      const relative = repoPath(absolute);
      const oldText = oldFiles.get(relative);
      pairs.set(relative, {
        ...(oldText !== undefined && { oldLabel: `${revision}:${relative}`, oldText }),
        newPath: displayPath(absolute),
        newText: readText(absolute),
        kindPath: absolute,
      });
    }
    for (const [relative, oldText] of oldFiles) {
      if (!pairs.has(relative)) pairs.set(relative, { oldLabel: `${revision}:${relative}`, oldText, kindPath: path.join(root, relative) });
    }
  }
  return { pairs: [...pairs.values()], templates: pairTemplates(templateUnits(oldTemplates), templateUnits(newTemplates)) };
}

export function diffCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    options: {
      kind: { type: 'string' },
      base: { type: 'string' },
      config: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'rule-docs': { type: 'string' },
      'fail-on-new-access': { type: 'boolean', default: false },
      'allow-unknown': { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const flagKind = policyKind(values.kind);
  const format = reportFormat(values.format, REPORT_FORMATS);
  const ruleDocs = ruleDocsBase(values['rule-docs']);
  if (values.base === undefined && positionals.length !== 2)
    throw new UsageError('diff needs <old> and <new> (two files or two folders), or --base <git revision>');
  const base = values.base !== undefined ? openRevision(values.base) : undefined;
  const { pairs, templates } = base ? pairsFromGit(base, positionals) : pairsFromPaths(positionals[0], positionals[1]);

  const opened = openConfig(values.config, io);
  if (!opened) return EXIT_USAGE;
  const { config, configDir } = opened;
  // The old versions are read as the config of their time described them (its kinds and parameters).
  const oldConfig = base ? configAtRevision(base, findConfigFile(values.config), config, io) : config;
  if (!oldConfig) return EXIT_USAGE;
  // So are their kinds: the scenarios as they were at the base give the old versions theirs.
  const kindPaths = pairs.map((pair) => pair.kindPath);
  const warn = (line: string) => io.error(line);
  const newScenarioKinds = flagKind ? new Map<string, PolicyKind | undefined>() : scenarioKinds(kindPaths, workingTree, config, warn);
  const oldScenarioKinds = base && !flagKind ? scenarioKinds(kindPaths, treeAtRevision(base), oldConfig, warn) : newScenarioKinds;
  const kindIn = (pair: Pair, described: ResolvedConfig, fromScenarios: ReadonlyMap<string, PolicyKind | undefined>): PolicyKind | undefined =>
    flagKind ??
    described.kindFor(path.relative(configDir, path.resolve(pair.kindPath)).split(path.sep).join('/')) ??
    fromScenarios.get(path.resolve(pair.kindPath));

  const results: FileAccessDiff[] = [];
  const options = { config, host: projectFileHost(configDir) };
  const policies = diffPolicyVersions(
    pairs.flatMap((pair): FileVersions[] => {
      const kind = kindIn(pair, config, newScenarioKinds);
      const version = (label: string, text: string, as = kind): ProjectFile => ({
        path: label,
        configPath: label,
        text,
        role: 'policy',
        ...(as && { kind: as }),
      });
      const location = pair.newPath ?? displayPath(pair.kindPath);
      // A policy the config or the scenarios now give another kind, or none, left its old class: what it grants
      // in its new one is new, and without a kind it is not compared (which fails the gate).
      const oldKind = kindIn(pair, oldConfig, oldScenarioKinds);
      if (pair.oldText !== undefined && pair.newText !== undefined && !oldKind && kind) {
        // Given to no one at the base, as far as its config and scenarios said: all it grants now is new.
        io.error(`${location}: note: ${pair.oldLabel} had no kind (from the config or the scenarios of its time), so all it grants is compared as new access`);
        return [{ new: version(pair.newPath!, pair.newText), location }];
      }
      if (pair.oldText !== undefined && pair.newText !== undefined && oldKind && oldKind !== kind)
        return [
          { old: version(pair.oldLabel!, pair.oldText, oldKind), location },
          { new: version(pair.newPath!, pair.newText), location },
        ];
      return [
        {
          ...(pair.oldText !== undefined && { old: version(pair.oldLabel!, pair.oldText, oldKind) }),
          ...(pair.newText !== undefined && { new: version(pair.newPath!, pair.newText) }),
          location,
        },
      ];
    }),
  );
  const skipped = policies.kindUnknown;
  for (const name of skipped)
    io.error(
      `${name}: ${pairs.length === 1 ? 'error' : 'warning'}: cannot tell whether this is an IoT policy or a role policy; pass --kind or add it to the config's "kinds"${pairs.length === 1 ? '' : ' (skipped)'}`,
    );
  for (const problem of policies.invalid) io.error(`${formatLocation(problem.range)}: error: ${problem.message}`);
  const invalid = policies.invalid.length > 0 || (pairs.length === 1 && skipped.length === 1);
  results.push(...policies.diffs);
  if (invalid) return EXIT_USAGE;
  const unknowns: AccessUnknown[] = [];
  const oldOptions = { ...options, config: oldConfig };
  for (const pair of templates) {
    const compared = diffFileVersions(pair, options, oldOptions);
    results.push(...compared.diffs);
    unknowns.push(...compared.unknowns);
  }
  const unknownInTemplates = unknowns.map(describeUnknown);
  for (const unknown of unknownInTemplates) io.error(`${unknown} (not known, so not compared)`);
  const gate = values['fail-on-new-access'] ? { allowUnknown: values['allow-unknown'] ?? false } : undefined;
  const report: DiffReport = {
    files: results,
    undecided: {
      skipped,
      tooLarge: results.flatMap((r) => r.diff.undecided.map((group) => `${r.location}: ${group}`)),
      nothingCompared: results.length === 0,
      unknownInTemplates,
    },
    findings: accessFindings(results, skipped, gate, unknowns),
    ...(gate && { gate }),
    ...(values.base !== undefined && { base: values.base }),
  };
  const presenters: Record<ReportFormat, () => string> = {
    text: () => formatDiffText(report),
    json: () => formatDiffJson(report),
    sarif: () => formatSarif(report.findings),
    markdown: () => formatDiffMarkdown(report, { ruleDocs }),
  };
  io.out(presenters[format]());
  if (!gate) return EXIT_OK;
  const granted = results.some((r) => r.diff.changes.some((c) => c.granted));
  const unknown = undecidedCount(report.undecided) > 0;
  // Text and Markdown output have it in their summary; JSON and SARIF readers get it on stderr.
  if (unknown && (format === 'json' || format === 'sarif')) io.error(gateUnknownLine(report.undecided, gate.allowUnknown));
  return granted || (unknown && !gate.allowUnknown) ? EXIT_FINDINGS : EXIT_OK;
}
