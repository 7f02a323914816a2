import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CONFIG_FILE_NAME,
  checkScenarioFile,
  classifyJson,
  parseConfig,
  ResolvedConfig,
  type ConfigProblem,
  type FileHost,
  type PolicyKind,
  type ScenarioCheck,
} from '../../analyzer';
import { diskFileHost } from '../../cli/node-host';

export interface ConfigInfo {
  config: ResolvedConfig;
  /** The folder the config's globs are relative to (the workspace folder when there is no config file). */
  dir: string;
  file?: string;
  problems: ConfigProblem[];
}

/**
 * What the workspace says about each file: its config, its kind (config globs, then the scenarios that
 * reference it), and the scenarios themselves. Paths are absolute file-system paths; reports use paths
 * relative to the workspace folder, like the CLI run from there.
 */
export class WorkspaceModel implements vscode.Disposable {
  private readonly configs = new Map<string, ConfigInfo>();
  private readonly configByFolder = new Map<string, ConfigInfo>();
  private readonly scenarios = new Map<string, ScenarioCheck>();
  private scanned: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const invalidate = () => this.invalidateConfigs();
    this.disposables.push(
      watcher,
      watcher.onDidChange(invalidate),
      watcher.onDidCreate(invalidate),
      watcher.onDidDelete(invalidate),
      // Saving the config in the editor takes effect at once, whatever the file watcher does.
      vscode.workspace.onDidSaveTextDocument((d) => d.fileName.endsWith(CONFIG_FILE_NAME) && invalidate()),
    );
  }

  /** Forgets every config read so far; the next check reads them again and re-runs the scenarios. */
  invalidateConfigs(): void {
    this.configs.clear();
    this.configByFolder.clear();
    for (const file of [...this.scenarios.keys()]) {
      const text = this.host.readFile(file);
      if (text === undefined) this.scenarios.delete(file);
      else this.updateScenario(file, text);
    }
    this.changed.fire();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  /**
   * Reads open documents first (unsaved edits count), then the disk, bounded like the CLI: a repository can
   * link its config or a policy to /dev/zero or a FIFO, which must not hang or exhaust the extension host.
   * The largest cap: this host reads configs, scenarios and policies alike.
   */
  readonly host: FileHost = diskFileHost({
    kind: 'scenario',
    projectRoot: (file) => this.workspaceRoot(file),
    overlay: (file) =>
      (
        vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file) ??
        vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)
      )?.getText(),
  });

  workspaceRoot(file: string): string {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) ?? vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.fsPath ?? path.dirname(file);
  }

  /** How reports name a file: relative to its workspace folder, with `/`. */
  displayPath(file: string): string {
    return path.relative(this.workspaceRoot(file), file).split(path.sep).join('/') || path.basename(file);
  }

  /** The nearest config above the file (cached per folder until a config changes: checks run on every keystroke). */
  configFor(file: string): ConfigInfo {
    const folder = path.dirname(file);
    let info = this.configByFolder.get(folder);
    if (!info) {
      info = this.findConfig(file);
      this.configByFolder.set(folder, info);
    }
    return info;
  }

  private findConfig(file: string): ConfigInfo {
    const root = this.workspaceRoot(file);
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      const cached = this.configs.get(candidate);
      if (cached) return cached;
      if (fs.existsSync(candidate)) {
        const text = this.host.readFile(candidate);
        if (text === undefined) this.log.warn(`${this.host.whyUnreadable?.(candidate) ?? `${candidate}: cannot be read`}; using defaults`);
        const { config, problems } = parseConfig(text ?? '', this.displayPath(candidate));
        if (problems.length > 0) this.log.warn(`${this.displayPath(candidate)} has ${problems.length} problem(s); using defaults until it is fixed`);
        const info: ConfigInfo = { config: config ?? new ResolvedConfig(), dir, file: candidate, problems };
        this.configs.set(candidate, info);
        return info;
      }
      if (dir === root || path.dirname(dir) === dir) break;
    }
    return { config: new ResolvedConfig(), dir: root, problems: [] };
  }

  /** The path the config's globs see. */
  configPath(file: string, info = this.configFor(file)): string {
    return path.relative(info.dir, file).split(path.sep).join('/');
  }

  /** Finds and runs every scenario in the workspace once; later edits update single scenarios. */
  scanScenarios(): Promise<void> {
    this.scanned ??= (async () => {
      const started = performance.now();
      const files = await vscode.workspace.findFiles('**/*.json', '{**/node_modules/**,**/.git/**,**/dist/**}', 5000);
      for (const uri of files) {
        const text = this.host.readFile(uri.fsPath);
        if (
          text !== undefined &&
          (classifyJson(text, uri.fsPath) === 'scenario' || this.configFor(uri.fsPath).config.isScenario(this.configPath(uri.fsPath)))
        ) {
          this.updateScenario(uri.fsPath, text);
        }
      }
      this.log.info(`found ${this.scenarios.size} scenario(s) among ${files.length} JSON files in ${(performance.now() - started).toFixed(0)} ms`);
      this.changed.fire();
    })();
    return this.scanned;
  }

  updateScenario(file: string, text: string): ScenarioCheck {
    const info = this.configFor(file);
    const checked = checkScenarioFile({ path: file, configPath: this.configPath(file, info), text }, info.config, this.host);
    this.scenarios.set(file, checked);
    return checked;
  }

  forgetScenario(file: string): void {
    if (this.scenarios.delete(file)) this.changed.fire();
  }

  scenario(file: string): ScenarioCheck | undefined {
    return this.scenarios.get(file);
  }

  /** The scenario files the workspace has (absolute paths). */
  scenarioFiles(): string[] {
    return [...this.scenarios.keys()];
  }

  /** Scenarios that use this policy file. */
  scenariosUsing(policyFile: string): Array<[string, ScenarioCheck]> {
    return [...this.scenarios].filter(([, check]) => check.policyKinds.has(policyFile));
  }

  /** The kind of a policy: config globs first, then any scenario that references it. */
  kindOf(file: string): { kind?: PolicyKind; source?: 'config' | 'scenario' } {
    const info = this.configFor(file);
    const fromConfig = info.config.kindFor(this.configPath(file, info));
    if (fromConfig) return { kind: fromConfig, source: 'config' };
    for (const check of this.scenarios.values()) {
      const kind = check.policyKinds.get(file);
      if (kind) return { kind, source: 'scenario' };
    }
    return {};
  }
}
