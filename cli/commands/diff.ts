import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { classifyJson, formatLocation, loadScenario, parsePolicy, ResolvedConfig, type PolicyKind } from '../../analyzer';
import { compilePolicyFor, diffAccess, type AccessChange, type AccessDelta, type AccessDiff } from '../../analyzer/prove';
import { version } from '../../package.json';
import { artifactLocation } from '../format/sarif';
import type { Io } from '../io';
import { displayPath, nodeFileHost } from '../node-host';
import { openConfig, policyKind, reportFormat } from '../options';
import { discoverFiles } from '../project-files';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../usage-error';

export const DIFF_HELP = `usage: iot-policy-lens diff <old> <new> [--kind iot|auth-role|unauth-role] [--format text|json|sarif] [--fail-on-new-access]
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
  --fail-on-new-access   exit 1 when any new access is granted (for CI gates)
exit codes: 0 compared (no new access, or without --fail-on-new-access), 1 new access with
            --fail-on-new-access, 2 usage errors, unreadable paths, invalid JSON or an unknown git revision`;

/** One policy file in two versions. `label` is how the old version is named (a path or REV:path). */
interface Pair {
  oldLabel?: string;
  oldText?: string;
  newPath?: string;
  newText?: string;
  /** Where the config's globs and scenarios look the kind up, and where reports point. */
  kindPath: string;
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
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: cannot read the file`);
  }
}

/** Policy files (JSON with a Statement) under a folder, by path relative to it, found by the project discovery `check` uses. */
function policiesUnder(dir: string): Map<string, string> {
  const { files } = discoverFiles([dir], new ResolvedConfig(), dir);
  return new Map(files.filter((f) => f.format === 'policy' && !f.explicit).map((f) => [path.relative(dir, f.path).split(path.sep).join('/'), f.path]));
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    throw new UsageError(`${file}: no such file or folder`);
  }
}

function pairsFromPaths(oldPath: string, newPath: string): Pair[] {
  const oldDir = isDirectory(oldPath);
  const newDir = isDirectory(newPath);
  if (oldDir !== newDir) throw new UsageError('diff compares two files or two folders, not a file with a folder');
  if (!oldDir) return [{ oldLabel: displayPath(oldPath), oldText: readText(oldPath), newPath: displayPath(newPath), newText: readText(newPath), kindPath: newPath }];
  const olds = policiesUnder(oldPath);
  const news = policiesUnder(newPath);
  return [...new Set([...olds.keys(), ...news.keys()])].sort().map((relative) => {
    const o = olds.get(relative);
    const n = news.get(relative);
    return { ...(o && { oldLabel: displayPath(o), oldText: readText(o) }), ...(n && { newPath: displayPath(n), newText: readText(n) }), kindPath: n ?? path.join(newPath, relative) };
  });
}

/** Working-tree files against their versions at a git revision (read with git show REV:path). */
function pairsFromGit(revision: string, paths: readonly string[]): Pair[] {
  let root: string;
  try {
    root = git(['rev-parse', '--show-toplevel'], process.cwd()).trim();
    git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], root);
  } catch {
    throw new UsageError(`--base ${revision}: not a git revision of the repository here`);
  }
  const atRevision = (relative: string): string | undefined => {
    try {
      return git(['show', `${revision}:${relative}`], root);
    } catch {
      return undefined;
    }
  };
  const repoPath = (file: string) => path.relative(root, path.resolve(file)).split(path.sep).join('/');
  const pairs = new Map<string, Pair>();
  for (const arg of paths.length > 0 ? paths : ['.']) {
    const exists = fs.existsSync(arg);
    if (exists && !isDirectory(arg)) {
      const relative = repoPath(arg);
      const oldText = atRevision(relative);
      pairs.set(relative, { ...(oldText !== undefined && { oldLabel: `${revision}:${relative}`, oldText }), newPath: displayPath(arg), newText: readText(arg), kindPath: arg });
      continue;
    }
    const relativeDir = repoPath(arg);
    const news = exists ? policiesUnder(arg) : new Map<string, string>();
    let listed: string[];
    try {
      listed = git(['ls-tree', '-r', '--name-only', revision, '--', relativeDir === '' ? '.' : relativeDir], root).split('\n').filter((f) => f.endsWith('.json'));
    } catch {
      listed = [];
    }
    if (!exists && listed.length === 0) throw new UsageError(`${arg}: no such file or folder (here or at ${revision})`);
    const oldFiles = new Map<string, string>();
    for (const file of listed) {
      const text = atRevision(file);
      if (text !== undefined && classifyJson(text, file) === 'policy') oldFiles.set(file, text);
    }
    for (const absolute of news.values()) {
      const relative = repoPath(absolute);
      const oldText = oldFiles.get(relative);
      pairs.set(relative, { ...(oldText !== undefined && { oldLabel: `${revision}:${relative}`, oldText }), newPath: displayPath(absolute), newText: readText(absolute), kindPath: absolute });
    }
    for (const [relative, oldText] of oldFiles) {
      if (!pairs.has(relative)) pairs.set(relative, { oldLabel: `${revision}:${relative}`, oldText, kindPath: path.join(root, relative) });
    }
  }
  return [...pairs.values()];
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
        const text = fs.readFileSync(file, 'utf8');
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
    options: { kind: { type: 'string' }, base: { type: 'string' }, config: { type: 'string' }, format: { type: 'string', default: 'text' }, 'fail-on-new-access': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const flagKind = policyKind(values.kind);
  reportFormat(values.format);
  if (values.base === undefined && positionals.length !== 2) throw new UsageError('diff needs <old> and <new> (two files or two folders), or --base <git revision>');
  const pairs = values.base !== undefined ? pairsFromGit(values.base, positionals) : pairsFromPaths(positionals[0], positionals[1]);

  const opened = openConfig(values.config, io);
  if (!opened) return EXIT_USAGE;
  const { config, configDir } = opened;
  const fromScenarios = values.kind === undefined ? scenarioKinds(pairs) : new Map<string, PolicyKind>();
  const kindOf = (pair: Pair): PolicyKind | undefined =>
    flagKind ?? config.kindFor(path.relative(configDir, path.resolve(pair.kindPath)).split(path.sep).join('/')) ?? fromScenarios.get(path.resolve(pair.kindPath));

  const results: FileDiff[] = [];
  let invalid = false;
  for (const pair of pairs) {
    const name = pair.newPath ?? pair.oldLabel!;
    const kind = kindOf(pair);
    if (!kind) {
      io.error(`${name}: ${pairs.length === 1 ? 'error' : 'warning'}: cannot tell whether this is an IoT policy or a role policy; pass --kind or add it to the config's "kinds"${pairs.length === 1 ? '' : ' (skipped)'}`);
      if (pairs.length === 1) invalid = true;
      continue;
    }
    const sides: Array<{ label: string; text: string }> = [];
    for (const side of [pair.oldText !== undefined && { label: pair.oldLabel!, text: pair.oldText }, pair.newText !== undefined && { label: pair.newPath!, text: pair.newText }]) if (side) sides.push(side);
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
    results.push({ ...(pair.oldLabel && { old: pair.oldLabel }), ...(pair.newPath && { new: pair.newPath }), location: pair.newPath ?? displayPath(pair.kindPath), diff: diffAccess(oldPolicies, newPolicies, kind) });
  }
  if (invalid) return EXIT_USAGE;
  if (values.format === 'json') io.out(formatDiffJson(results));
  else if (values.format === 'sarif') io.out(formatDiffSarif(results, values['fail-on-new-access'] ?? false));
  else io.out(formatDiffText(results));
  const granted = results.some((r) => r.diff.changes.some((c) => c.granted));
  return granted && values['fail-on-new-access'] ? EXIT_FINDINGS : EXIT_OK;
}

function actionList(change: AccessChange): string {
  return change.actions.length <= 4 ? change.actions.join(', ') : `${change.actions.slice(0, 3).join(', ')} and ${change.actions.length - 3} more actions`;
}

function deltaLines(sign: '+' | '-', delta: AccessDelta): string[] {
  const verb = sign === '+' ? 'now allows' : 'no longer allows';
  const lines: string[] = [];
  for (const pattern of delta.patterns) {
    lines.push(`    ${sign} ${verb} ${pattern.pattern}${pattern.whole ? '' : ' (in part)'} — ${pattern.statement}${pattern.example ? `, e.g. ${pattern.example}` : ''}`);
  }
  if (delta.patterns.length === 0) lines.push(`    ${sign} ${verb} resources such as ${delta.examples[0].resource}`);
  for (const example of delta.examples) {
    const vars = Object.entries(example.variables).map(([k, v]) => `\${${k}} = ${v}`);
    lines.push(`      example: ${example.resource}${vars.length > 0 ? ` with ${vars.join(', ')}` : ''}${example.confirmed ? ' (confirmed by the evaluator)' : ` (not confirmed: depends on ${delta.uncertainBecause ? 'variable values' : 'conditions'})`}`);
  }
  if (!delta.certain) lines.push(`      ${delta.uncertainBecause ?? 'only under some conditions: the statements involved have conditions'}`);
  for (const except of delta.except) lines.push(`      except what ${except.effect === 'Deny' ? 'is denied by' : sign === '+' ? 'was already allowed by' : 'is still allowed by'} ${except.pattern} — ${except.statement}`);
  return lines;
}

export function formatDiffText(results: readonly FileDiff[]): string {
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
  lines.push('', `${s.files} file${s.files === 1 ? '' : 's'} compared: ${s.granted} action group${s.granted === 1 ? '' : 's'} with new access, ${s.removed} with access removed`);
  return lines.join('\n');
}

function totals(results: readonly FileDiff[]) {
  const changes = results.flatMap((r) => r.diff.changes);
  return { files: results.length, granted: changes.filter((c) => c.granted).length, removed: changes.filter((c) => c.removed).length };
}

const position = (range: { start: { line: number; column: number }; end: { line: number; column: number } }) => ({ start: { line: range.start.line, column: range.start.column }, end: { line: range.end.line, column: range.end.column } });

function deltaJson(delta: AccessDelta) {
  const ref = (p: AccessDelta['patterns'][number]) => ({ ...p, file: p.range.file, range: position(p.range) });
  return { certain: delta.certain, examples: delta.examples, patterns: delta.patterns.map(ref), except: delta.except.map(ref) };
}

export function formatDiffJson(results: readonly FileDiff[]): string {
  return JSON.stringify(
    {
      files: results.map((r) => ({
        ...(r.old && { old: r.old }),
        ...(r.new && { new: r.new }),
        kind: r.diff.kind,
        identityType: r.diff.identityType,
        changes: r.diff.changes.map((c) => ({ identityType: c.identityType, actions: c.actions, ...(c.granted && { granted: deltaJson(c.granted) }), ...(c.removed && { removed: deltaJson(c.removed) }) })),
        undecided: r.diff.undecided,
      })),
      summary: totals(results),
    },
    null,
    2,
  );
}

/** SARIF 2.1.0: new access at the Resource entries that grant it; removed access as notes. */
export function formatDiffSarif(results: readonly FileDiff[], failOnNewAccess: boolean): string {
  const rules = [
    { id: 'new-access', text: 'The change grants new access', level: failOnNewAccess ? 'error' : 'warning' },
    { id: 'removed-access', text: 'The change removes access', level: 'note' },
  ];
  const sarifResults = results.flatMap((r) =>
    r.diff.changes.flatMap((change) => {
      const out: object[] = [];
      const add = (rule: 0 | 1, delta: AccessDelta) => {
        const example = delta.examples[0];
        const message = `${r.diff.identityType} identities ${rule === 0 ? 'now may' : 'no longer may'} ${actionList(change)} on ${delta.patterns.map((p) => p.pattern).join(', ') || example.resource} (e.g. ${example.resource})${delta.certain ? '' : delta.uncertainBecause ? ' (possibly, depending on variable values)' : ' under some conditions'}`;
        const anchors = rule === 0 ? delta.patterns : [];
        const locations =
          anchors.length > 0
            ? anchors.map((p) => ({ physicalLocation: { artifactLocation: artifactLocation(p.range.file), region: { startLine: p.range.start.line, startColumn: p.range.start.column, endLine: p.range.end.line, endColumn: p.range.end.column } } }))
            : [{ physicalLocation: { artifactLocation: artifactLocation(r.location) } }];
        out.push({ ruleId: rules[rule].id, ruleIndex: rule, level: rules[rule].level, message: { text: message }, locations });
      };
      if (change.granted) add(0, change.granted);
      if (change.removed) add(1, change.removed);
      return out;
    }),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'iot-policy-lens', version, semanticVersion: version, informationUri: 'https://github.com/iot-policy-lens/iot-policy-lens', rules: rules.map((rule) => ({ id: rule.id, name: rule.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()), shortDescription: { text: rule.text }, defaultConfiguration: { level: rule.level } })) } },
          columnKind: 'utf16CodeUnits',
          results: sarifResults,
        },
      ],
    },
    null,
    2,
  );
}
