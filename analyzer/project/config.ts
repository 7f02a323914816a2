import configSchema from '../../schemas/config.schema.json';
import { closestMatch } from '../catalog/suggest';
import type { LensConfig } from '../generated/config';
import { compilePathGlob } from '../match/path-glob';
import { duplicateKeyErrors, parseJsonTree, rangeOf } from '../policy/json';
import type { PolicyKind } from '../policy/model';
import { findRule, RULES } from '../rules/registry';
import type { LintOptions } from '../rules/lint';
import type { Severity } from '../rules/rule';
import type { TemplateSettings } from '../scenario/model';
import { GATE_RULE_IDS, PROJECT_RULE_IDS } from '../rules/project-rules';
import { validateNode } from '../schema/validate';
import { LineIndex, type SourceRange } from '../source/range';
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';

export interface ConfigProblem {
  message: string;
  range: SourceRange;
}

type Matcher = (path: string) => boolean;

/** Config globs match dot files too; parseConfig reports bad globs with their location before this runs. */
function glob(pattern: string): Matcher {
  const compiled = compilePathGlob(pattern, { dot: true });
  if ('error' in compiled) throw new Error(`invalid glob "${pattern}": ${compiled.error}`);
  return compiled.match;
}

/** A configuration ready to answer per-file questions. Paths are relative to the config file's folder, with `/`. */
export class ResolvedConfig implements TemplateSettings {
  private readonly kindMatchers: Array<{ match: Matcher; kind: PolicyKind }>;
  private readonly ignoreMatchers: Array<{ match: Matcher; rules: string[]; sids?: string[] }>;
  private readonly excludeMatchers: Matcher[];
  private readonly scenarioMatchers: Matcher[];

  constructor(
    readonly config: LensConfig = {},
    readonly file?: string,
  ) {
    this.kindMatchers = Object.entries(config.kinds ?? {}).map(([pattern, kind]) => ({ match: glob(pattern), kind }));
    this.ignoreMatchers = (config.ignore ?? []).map((i) => ({ match: glob(i.files), rules: i.rules, sids: i.sids }));
    // An excluded folder excludes what is inside it: a path is excluded when it or a folder above it matches.
    this.excludeMatchers = (config.exclude ?? []).map((pattern) => {
      const match = glob(pattern.replace(/(.)\/$/, '$1'));
      return (path: string) => match(path) || [...path.matchAll(/\//g)].some((slash) => match(path.slice(0, slash.index)));
    });
    this.scenarioMatchers = (config.scenarios ?? []).map(glob);
  }

  /** The values templates are read with, for `check` and for the templates scenarios name alike. */
  get templateParameters(): Readonly<Record<string, string>> | undefined {
    return this.config.parameters;
  }

  kindFor(path: string): PolicyKind | undefined {
    return this.kindMatchers.find((k) => k.match(path))?.kind;
  }

  isExcluded(path: string): boolean {
    return this.excludeMatchers.some((match) => match(path));
  }

  isScenario(path: string): boolean {
    return this.scenarioMatchers.some((match) => match(path));
  }

  lintOptionsFor(path: string, kind: PolicyKind | undefined): LintOptions {
    const ignore = new Set<string>();
    const ignoreSids = new Map<string, Set<string>>();
    for (const entry of this.ignoreMatchers) {
      if (!entry.match(path)) continue;
      for (const rule of entry.rules) {
        if (!entry.sids) ignore.add(rule);
        else ignoreSids.set(rule, new Set([...(ignoreSids.get(rule) ?? []), ...entry.sids]));
      }
    }
    return { kind, severities: this.config.rules, ignore, ignoreSids };
  }

  /** The severity a scenario finding gets (config may turn it down or off). */
  severityOf(ruleId: string, fallback: Severity): Severity | 'off' {
    return this.config.rules?.[ruleId] ?? fallback;
  }

  isIgnored(path: string, ruleId: string): boolean {
    return this.ignoreMatchers.some((entry) => !entry.sids && entry.rules.includes(ruleId) && entry.match(path));
  }
}

/** Reads a config file: schema-checked, rule ids checked against the catalog. Never throws. */
export function parseConfig(text: string, file: string): { config?: ResolvedConfig; problems: ConfigProblem[] } {
  const lines = new LineIndex(file, text);
  const { root, errors } = parseJsonTree(lines);
  if (!root || errors.length > 0) return { problems: errors.length ? errors : [{ message: 'invalid JSON: the file is empty', range: lines.range(0, 0) }] };
  const problems: ConfigProblem[] = [...duplicateKeyErrors(lines, root), ...validateNode(configSchema.$id, root, lines, '')];
  const config = getNodeValue(root) as LensConfig;
  problems.push(...globProblems(root, lines));
  for (const [path, ids] of [
    [['rules'], Object.keys(config.rules ?? {})],
    ...(config.ignore ?? []).map((entry, i) => [['ignore', i, 'rules'], entry.rules ?? []] as const),
  ] as const) {
    ids.forEach((id, index) => {
      if (findRule(id) || (PROJECT_RULE_IDS.includes(id) && !GATE_RULE_IDS.includes(id))) return;
      const node = path[0] === 'rules' ? findNodeAtLocation(root, ['rules', id])?.parent?.children?.[0] : findNodeAtLocation(root, [...path, index]);
      const range = node ? rangeOf(lines, node) : rangeOf(lines, root);
      if (GATE_RULE_IDS.includes(id)) {
        problems.push({
          message: `"${id}" is a result of prove or diff, set by their flags (--fail-on-new-access, --allow-unknown), not by the config`,
          range,
        });
        return;
      }
      const suggestion = closestMatch(id, [...RULES.map((r) => r.meta.id), ...PROJECT_RULE_IDS]);
      problems.push({ message: `unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, range });
    });
  }
  return problems.length > 0 ? { problems } : { config: new ResolvedConfig(config, file), problems };
}

/** Every glob of the config that cannot be compiled (too long, unsupported syntax), at the glob. */
function globProblems(root: Node, lines: LineIndex): ConfigProblem[] {
  const globs: Node[] = [];
  for (const property of findNodeAtLocation(root, ['kinds'])?.children ?? []) if (property.children?.[0]) globs.push(property.children[0]);
  for (const entry of findNodeAtLocation(root, ['ignore'])?.children ?? []) {
    const files = findNodeAtLocation(entry, ['files']);
    if (files) globs.push(files);
  }
  for (const list of ['exclude', 'scenarios']) for (const node of findNodeAtLocation(root, [list])?.children ?? []) globs.push(node);
  return globs.flatMap((node) => {
    const pattern = String(node.value);
    const compiled = compilePathGlob(pattern, { dot: true });
    const shown = pattern.length > 60 ? `${pattern.slice(0, 59)}…` : pattern;
    return typeof node.value !== 'string' || !('error' in compiled)
      ? []
      : [{ message: `invalid glob "${shown}": ${compiled.error}`, range: rangeOf(lines, node) }];
  });
}
