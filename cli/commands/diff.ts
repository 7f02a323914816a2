import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  classifyFile,
  classifyJson,
  diffTemplateVersions,
  formatLocation,
  loadScenario,
  parsePolicy,
  projectFilesOf,
  ResolvedConfig,
  type DiscoveredFile,
  type FileFormat,
  type PolicyKind,
  type ProjectFile,
} from '../../analyzer';
import { compilePolicyFor, diffAccess, type AccessChange, type AccessDelta, type AccessDiff } from '../../analyzer/prove';
import { artifactLocation, region, sarifLog, sarifRuleName } from '../format/sarif';
import type { Io } from '../io';
import { displayPath, nodeFileHost } from '../node-host';
import { openConfig, policyKind, reportFormat } from '../options';
import { discoverFiles } from '../project-files';
import { assertWithinLimit, readBounded, readProjectFile, READ_LIMITS, textOfBytes, type ReadKind } from '../read-bounded';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, InputError, UsageError } from '../usage-error';

export const DIFF_HELP = `usage: iot-policy-lens diff <old> <new> [--kind iot|auth-role|unauth-role] [--format text|json|sarif] [--fail-on-new-access] [--allow-unknown]
       iot-policy-lens diff --base <git revision> [paths…] [same options]

What does this change grant? For each policy and each action, the resources the new version allows that
the old one did not (and those it no longer allows), decided over every resource string: the exact
Resource patterns responsible, what carves parts out of them, and an example the evaluator confirms.
<old> and <new> are two policy files, or two folders (policies paired by relative path). With --base,
the old versions are read from that git revision (git show REV:path) and the new ones from the working
tree (default path: the current folder).
  --kind                 the policies' kind (otherwise from the config's "kinds" globs, or from the
                         scenarios next to them); it decides the identity type: iot and auth-role →
                         authenticated identities, unauth-role → guests
  --config               the config file (default: the nearest iot-policy-lens.config.json)
  --format               text (default), json, or sarif
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

/** A template, Terraform module or plan in two versions, compared by the apps it describes (diffTemplateVersions). */
interface TemplatePair {
  old?: ProjectFile;
  new?: ProjectFile;
}

/** Files to compare: policy files, and templates compared by their apps. */
interface Pairs {
  pairs: Pair[];
  templates: TemplatePair[];
}

/** What a run could not decide: a gate never passes these unless told to. */
interface Undecided {
  /** Files skipped because their kind is unknown. */
  skipped: string[];
  /** Action groups too large to compare, as "file: actions". */
  tooLarge: string[];
  /** No file was compared at all. */
  nothingCompared: boolean;
  /** What the templates do not say in either version (values, managed policies, roles): their access is not known. */
  unknownInTemplates: string[];
}

interface FileDiff {
  old?: string;
  new?: string;
  /** The file reports point at (the new version, or where the deleted one was). */
  location: string;
  diff: AccessDiff;
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function readText(file: string): string {
  return readBounded(displayPath(file), 'policy');
}

type TemplateFileFormat = 'cloudformation' | 'serverless' | 'terraform' | 'terraform-plan';
const TEMPLATE_FORMATS = new Set<FileFormat>(['cloudformation', 'serverless', 'terraform', 'terraform-plan']);
const isTemplateFormat = (format: FileFormat): format is TemplateFileFormat => TEMPLATE_FORMATS.has(format);
const slashed = (relative: string) => relative.split(path.sep).join('/');

/**
 * Under a folder, found by the project discovery `check` uses: policy files (JSON with a Statement) by path
 * relative to it, and templates as `check` reads them, by the same relative path (`dir/*.tf` for a module).
 */
function filesUnder(dir: string): { policies: Map<string, string>; templates: Map<string, ProjectFile> } {
  const { files } = discoverFiles([dir], new ResolvedConfig(), dir);
  const policies = new Map(files.filter((f) => f.format === 'policy' && !f.explicit).map((f) => [slashed(path.relative(dir, f.path)), f.path]));
  const templates = files.filter((f) => isTemplateFormat(f.format)).map((f) => ({ ...f, key: slashed(path.relative(dir, f.path)) }));
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
function pairTemplates(olds: ReadonlyMap<string, ProjectFile>, news: ReadonlyMap<string, ProjectFile>): TemplatePair[] {
  return [...new Set([...olds.keys(), ...news.keys()])].sort().map((key) => ({
    ...(olds.has(key) && { old: olds.get(key) }),
    ...(news.has(key) && { new: news.get(key) }),
  }));
}

function templateFile(file: string, text: string): Pick<DiscoveredFile, 'format' | 'tree'> | undefined {
  const found = classifyFile(file, text);
  return found && isTemplateFormat(found.format) ? { format: found.format, ...(found.tree && { tree: found.tree }) } : undefined;
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
    const oldTemplate = templateFile(oldPath, oldText);
    const newText = oldTemplate ? readProjectFile(displayPath(newPath)) : undefined;
    const newTemplate = newText !== undefined ? templateFile(newPath, newText) : undefined;
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
function pairsFromGit(revision: string, paths: readonly string[]): Pairs {
  let root: string;
  try {
    root = git(['rev-parse', '--show-toplevel'], process.cwd()).trim();
    git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], root);
  } catch {
    throw new UsageError(`--base ${revision}: not a git revision of the repository here`);
  }
  /** The file at the revision (undefined when it is not there), bounded and strictly decoded like a local read. */
  const atRevision = (relative: string, kind: ReadKind): string | undefined => {
    const label = `${revision}:${relative}`;
    let bytes: Buffer;
    try {
      bytes = execFileSync('git', ['show', label], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: READ_LIMITS[kind] + 1 });
    } catch (error) {
      // Too large is not "absent": that would make an old version look like a new file.
      if ((error as { code?: string }).code === 'ENOBUFS')
        throw new InputError(`${label}: too large (more than ${READ_LIMITS[kind]} bytes; limit ${READ_LIMITS[kind]})`);
      return undefined;
    }
    const decoded = textOfBytes(bytes, kind, label);
    if ('error' in decoded) throw new InputError(decoded.error);
    return decoded.text;
  };
  const repoPath = (file: string) => path.relative(root, path.resolve(file)).split(path.sep).join('/');
  const pairs = new Map<string, Pair>();
  const oldTemplates: Array<Parameters<typeof templateUnits>[0][number]> = [];
  const newTemplates: typeof oldTemplates = [];
  for (const arg of paths.length > 0 ? paths : ['.']) {
    const exists = fs.existsSync(arg);
    const named = exists && !isDirectory(arg) ? readProjectFile(displayPath(arg)) : undefined;
    const namedTemplate = named !== undefined ? templateFile(arg, named) : undefined;
    if (named !== undefined && namedTemplate) {
      const relative = repoPath(arg);
      newTemplates.push({ shown: displayPath(arg), configPath: relative, text: named, ...namedTemplate, key: relative });
      const oldText = atRevision(relative, 'scenario');
      const oldTemplate = oldText !== undefined ? templateFile(relative, oldText) : undefined;
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
    for (const f of discovered) if (isTemplateFormat(f.format)) newTemplates.push({ ...f, key: repoPath(f.path) });
    let listed: string[];
    try {
      // -z: names as they are (quoted otherwise: "\303\251.json" for é.json, and tabs and newlines escaped).
      listed = git(['ls-tree', '-r', '-z', '--name-only', revision, '--', relativeDir === '' ? '.' : relativeDir], root)
        .split('\0')
        .filter((f) => /\.(json|ya?ml|tf)$/.test(f));
    } catch {
      listed = [];
    }
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

/** Kinds the scenarios near the files give them (roles.authenticated → auth-role…), by display path. */
function scenarioKinds(pairs: readonly Pair[]): Map<string, PolicyKind> {
  const kinds = new Map<string, PolicyKind>();
  const dirs = new Set(pairs.map((p) => path.dirname(path.resolve(p.kindPath))));
  const scanned = new Set<string>();
  for (const dir of dirs) {
    for (const candidate of [dir, path.dirname(dir)]) {
      if (scanned.has(candidate) || !fs.existsSync(candidate)) continue;
      scanned.add(candidate);
      for (const entry of fs.readdirSync(candidate)) {
        if (!entry.endsWith('.json')) continue;
        const file = path.join(candidate, entry);
        const text = readProjectFile(displayPath(file));
        if (classifyJson(text, file) !== 'scenario') continue;
        const { scenario } = loadScenario(text, displayPath(file), nodeFileHost);
        for (const { policy, kind } of scenario?.policies ?? []) kinds.set(path.resolve(policy.source.file), kind);
      }
    }
  }
  return kinds;
}

export function diffCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    options: {
      kind: { type: 'string' },
      base: { type: 'string' },
      config: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'fail-on-new-access': { type: 'boolean', default: false },
      'allow-unknown': { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const flagKind = policyKind(values.kind);
  reportFormat(values.format);
  if (values.base === undefined && positionals.length !== 2)
    throw new UsageError('diff needs <old> and <new> (two files or two folders), or --base <git revision>');
  const { pairs, templates } = values.base !== undefined ? pairsFromGit(values.base, positionals) : pairsFromPaths(positionals[0], positionals[1]);

  const opened = openConfig(values.config, io);
  if (!opened) return EXIT_USAGE;
  const { config, configDir } = opened;
  const fromScenarios = values.kind === undefined ? scenarioKinds(pairs) : new Map<string, PolicyKind>();
  const kindOf = (pair: Pair): PolicyKind | undefined =>
    flagKind ??
    config.kindFor(path.relative(configDir, path.resolve(pair.kindPath)).split(path.sep).join('/')) ??
    fromScenarios.get(path.resolve(pair.kindPath));

  const results: FileDiff[] = [];
  const skipped: string[] = [];
  let invalid = false;
  for (const pair of pairs) {
    const name = pair.newPath ?? pair.oldLabel!;
    const kind = kindOf(pair);
    if (!kind) {
      io.error(
        `${name}: ${pairs.length === 1 ? 'error' : 'warning'}: cannot tell whether this is an IoT policy or a role policy; pass --kind or add it to the config's "kinds"${pairs.length === 1 ? '' : ' (skipped)'}`,
      );
      if (pairs.length === 1) invalid = true;
      skipped.push(name);
      continue;
    }
    const sides: Array<{ label: string; text: string }> = [];
    for (const side of [
      pair.oldText !== undefined && { label: pair.oldLabel!, text: pair.oldText },
      pair.newText !== undefined && { label: pair.newPath!, text: pair.newText },
    ])
      if (side) sides.push(side);
    let unreadable = false;
    for (const side of sides) {
      const syntax = parsePolicy(side.text, side.label).problems.find((p) => p.code === 'invalid-json');
      if (syntax) {
        io.error(`${formatLocation(syntax.range)}: error: ${syntax.message}`);
        unreadable = true;
      }
    }
    if (unreadable) {
      invalid = true;
      continue;
    }
    const oldPolicies = pair.oldText !== undefined ? [compilePolicyFor(pair.oldText, pair.oldLabel!, kind)] : [];
    const newPolicies = pair.newText !== undefined ? [compilePolicyFor(pair.newText, pair.newPath!, kind)] : [];
    results.push({
      ...(pair.oldLabel && { old: pair.oldLabel }),
      ...(pair.newPath && { new: pair.newPath }),
      location: pair.newPath ?? displayPath(pair.kindPath),
      diff: diffAccess(oldPolicies, newPolicies, kind),
    });
  }
  if (invalid) return EXIT_USAGE;
  const unknownInTemplates: string[] = [];
  for (const pair of templates) {
    const compared = diffTemplateVersions(pair.old, pair.new, { config, host: nodeFileHost });
    results.push(...compared.diffs);
    unknownInTemplates.push(...compared.unknowns);
  }
  for (const unknown of unknownInTemplates) io.error(`${unknown} (not known, so not compared)`);
  const undecided: Undecided = {
    skipped,
    tooLarge: results.flatMap((r) => r.diff.undecided.map((group) => `${r.location}: ${group}`)),
    nothingCompared: results.length === 0,
    unknownInTemplates,
  };
  const gate = values['fail-on-new-access'] ? { allowUnknown: values['allow-unknown'] ?? false } : undefined;
  if (values.format === 'json') io.out(formatDiffJson(results, undecided));
  else if (values.format === 'sarif') io.out(formatDiffSarif(results, gate, undecided));
  else io.out(formatDiffText(results, undecided, gate));
  if (!gate) return EXIT_OK;
  const granted = results.some((r) => r.diff.changes.some((c) => c.granted));
  const unknown = undecidedCount(undecided) > 0;
  // Text output has it in its summary; JSON and SARIF readers get it on stderr.
  if (unknown && values.format !== 'text') io.error(gateUnknownLine(undecided, gate.allowUnknown));
  return granted || (unknown && !gate.allowUnknown) ? EXIT_FINDINGS : EXIT_OK;
}

function undecidedCount(undecided: Undecided): number {
  return undecided.skipped.length + undecided.tooLarge.length + undecided.unknownInTemplates.length + (undecided.nothingCompared ? 1 : 0);
}

/** The gate's word on what it could not decide: a failure, or accepted because --allow-unknown says so. */
function gateUnknownLine(undecided: Undecided, allowUnknown: boolean): string {
  const parts = [
    undecided.nothingCompared && 'no file was compared',
    undecided.skipped.length > 0 && `${undecided.skipped.length} file${undecided.skipped.length === 1 ? '' : 's'} skipped for lack of a kind`,
    undecided.tooLarge.length > 0 && `${undecided.tooLarge.length} action group${undecided.tooLarge.length === 1 ? '' : 's'} too large to compare`,
    undecided.unknownInTemplates.length > 0 &&
      `${undecided.unknownInTemplates.length} part${undecided.unknownInTemplates.length === 1 ? '' : 's'} of the templates the files do not give`,
  ].filter(Boolean);
  return allowUnknown
    ? `--fail-on-new-access: not decided (${parts.join('; ')}), accepted because of --allow-unknown`
    : `--fail-on-new-access: FAILED, not decided: ${parts.join('; ')} (pass --allow-unknown to accept what cannot be decided)`;
}

function actionList(change: AccessChange): string {
  return change.actions.length <= 4 ? change.actions.join(', ') : `${change.actions.slice(0, 3).join(', ')} and ${change.actions.length - 3} more actions`;
}

function deltaLines(sign: '+' | '-', delta: AccessDelta): string[] {
  const verb = sign === '+' ? 'now allows' : 'no longer allows';
  const lines: string[] = [];
  for (const pattern of delta.patterns) {
    lines.push(
      `    ${sign} ${verb} ${pattern.pattern}${pattern.whole ? '' : ' (in part)'} — ${pattern.statement}${pattern.example ? `, e.g. ${pattern.example}` : ''}`,
    );
  }
  if (delta.patterns.length === 0) lines.push(`    ${sign} ${verb} resources such as ${delta.examples[0].resource}`);
  for (const example of delta.examples) {
    const vars = Object.entries(example.variables).map(([k, v]) => `\${${k}} = ${v}`);
    lines.push(
      `      example: ${example.resource}${vars.length > 0 ? ` with ${vars.join(', ')}` : ''}${example.confirmed ? ' (confirmed by the evaluator)' : ` (not confirmed: depends on ${delta.uncertainBecause ? 'variable values' : 'conditions'})`}`,
    );
  }
  if (!delta.certain) lines.push(`      ${delta.uncertainBecause ?? 'only under some conditions: the statements involved have conditions'}`);
  for (const except of delta.except)
    lines.push(
      `      except what ${except.effect === 'Deny' ? 'is denied by' : sign === '+' ? 'was already allowed by' : 'is still allowed by'} ${except.pattern} — ${except.statement}`,
    );
  return lines;
}

export function formatDiffText(results: readonly FileDiff[], undecided?: Undecided, gate?: { allowUnknown: boolean }): string {
  const lines: string[] = [];
  for (const result of results) {
    const { diff } = result;
    const title = result.old && result.new ? `${result.old} → ${result.new}` : result.new ? `${result.new} (new file)` : `${result.old} (deleted)`;
    lines.push(`${title} [${diff.kind}: ${diff.identityType} identities]`);
    if (diff.changes.length === 0 && diff.undecided.length === 0) lines.push('  no change in access');
    for (const change of diff.changes) {
      lines.push(`  ${actionList(change)}`);
      if (change.granted) lines.push(...deltaLines('+', change.granted));
      if (change.removed) lines.push(...deltaLines('-', change.removed));
    }
    for (const group of diff.undecided) lines.push(`  ${group}: too large to compare`);
  }
  const s = totals(results);
  lines.push(
    '',
    `${s.files} file${s.files === 1 ? '' : 's'} compared: ${s.granted} action group${s.granted === 1 ? '' : 's'} with new access, ${s.removed} with access removed`,
  );
  if (undecided && gate && undecidedCount(undecided) > 0) lines.push(gateUnknownLine(undecided, gate.allowUnknown));
  return lines.join('\n');
}

function totals(results: readonly FileDiff[]) {
  const changes = results.flatMap((r) => r.diff.changes);
  return { files: results.length, granted: changes.filter((c) => c.granted).length, removed: changes.filter((c) => c.removed).length };
}

const position = (range: { start: { line: number; column: number }; end: { line: number; column: number } }) => ({
  start: { line: range.start.line, column: range.start.column },
  end: { line: range.end.line, column: range.end.column },
});

function deltaJson(delta: AccessDelta) {
  const ref = (p: AccessDelta['patterns'][number]) => ({ ...p, file: p.range.file, range: position(p.range) });
  return { certain: delta.certain, examples: delta.examples, patterns: delta.patterns.map(ref), except: delta.except.map(ref) };
}

export function formatDiffJson(results: readonly FileDiff[], undecided: Undecided): string {
  return JSON.stringify(
    {
      files: results.map((r) => ({
        ...(r.old && { old: r.old }),
        ...(r.new && { new: r.new }),
        kind: r.diff.kind,
        identityType: r.diff.identityType,
        changes: r.diff.changes.map((c) => ({
          identityType: c.identityType,
          actions: c.actions,
          ...(c.granted && { granted: deltaJson(c.granted) }),
          ...(c.removed && { removed: deltaJson(c.removed) }),
        })),
        undecided: r.diff.undecided,
      })),
      summary: { ...totals(results), skipped: undecided.skipped, tooLargeToCompare: undecided.tooLarge.length, undecided: undecidedCount(undecided) },
    },
    null,
    2,
  );
}

/**
 * SARIF 2.1.0: new access at the Resource entries that grant it; removed access as notes; what could not
 * be decided (too large to compare, skipped for lack of a kind) as errors when it fails the gate.
 */
export function formatDiffSarif(results: readonly FileDiff[], gate: { allowUnknown: boolean } | undefined, undecided: Undecided): string {
  const rules = [
    { id: 'new-access', text: 'The change grants new access', level: gate ? 'error' : 'warning' },
    { id: 'removed-access', text: 'The change removes access', level: 'note' },
    { id: 'undecided-access', text: 'Whether the change grants new access could not be decided', level: gate && !gate.allowUnknown ? 'error' : 'warning' },
  ];
  const undecidedResult = (file: string, text: string) => ({
    ruleId: rules[2].id,
    ruleIndex: 2,
    level: rules[2].level,
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(file) } }],
  });
  const sarifResults = results.flatMap((r) =>
    r.diff.changes.flatMap((change) => {
      const out: object[] = [];
      const add = (rule: 0 | 1, delta: AccessDelta) => {
        const example = delta.examples[0];
        const message = `${r.diff.identityType} identities ${rule === 0 ? 'now may' : 'no longer may'} ${actionList(change)} on ${delta.patterns.map((p) => p.pattern).join(', ') || example.resource} (e.g. ${example.resource})${delta.certain ? '' : delta.uncertainBecause ? ' (possibly, depending on variable values)' : ' under some conditions'}`;
        const anchors = rule === 0 ? delta.patterns : [];
        const locations =
          anchors.length > 0
            ? anchors.map((p) => ({
                physicalLocation: {
                  artifactLocation: artifactLocation(p.range.file),
                  region: region(p.range),
                },
              }))
            : [{ physicalLocation: { artifactLocation: artifactLocation(r.location) } }];
        out.push({ ruleId: rules[rule].id, ruleIndex: rule, level: rules[rule].level, message: { text: message }, locations });
      };
      if (change.granted) add(0, change.granted);
      if (change.removed) add(1, change.removed);
      return out;
    }),
  );
  for (const r of results) for (const group of r.diff.undecided) sarifResults.push(undecidedResult(r.location, `${group}: too large to compare; not decided`));
  for (const file of undecided.skipped)
    sarifResults.push(undecidedResult(file, 'skipped: its kind is unknown (pass --kind or add it to the config\'s "kinds"); not compared'));
  return sarifLog(
    rules.map((rule) => ({
      id: rule.id,
      name: sarifRuleName(rule.id),
      shortDescription: { text: rule.text },
      defaultConfiguration: { level: rule.level },
    })),
    sarifResults,
  );
}
