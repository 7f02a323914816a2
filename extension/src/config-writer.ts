import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyEdits, modify, parseTree, findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import { CONFIG_FILE_NAME, type PolicyKind } from '../../analyzer';
import { requireTrust } from './trust';
import type { WorkspaceModel } from './workspace-model';

/**
 * Edits iot-policy-lens.config.json in place, keeping its formatting and everything else in it; creates it
 * in the workspace folder when there is none. An unreadable config is never overwritten.
 */
export class ConfigWriter {
  constructor(private readonly model: WorkspaceModel) {}

  /**
   * Rewrites the config on disk. An open config with unsaved changes is left alone (the user's edits would be
   * lost); an unreadable one is never overwritten.
   */
  private async edit(file: string, change: (text: string) => string): Promise<string> {
    requireTrust(`writing ${CONFIG_FILE_NAME} is`);
    const info = this.model.configFor(file);
    const target = info.file ?? path.join(this.model.workspaceRoot(file), CONFIG_FILE_NAME);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === target);
    if (open?.isDirty) throw new Error(`${this.model.displayPath(target)} has unsaved changes; save or revert it first`);
    const existing = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '{\n  "$schema": "https://iot-policy-lens.dev/schemas/config.schema.json"\n}\n';
    const errors: never[] = [];
    parseTree(existing, errors);
    if (errors.length > 0) throw new Error(`${this.model.displayPath(target)} is not valid JSON; fix it before changing settings from the editor`);
    await vscode.workspace.fs.writeFile(vscode.Uri.file(target), new TextEncoder().encode(change(existing)));
    this.model.invalidateConfigs();
    return target;
  }

  private configRelative(file: string): string {
    const info = this.model.configFor(file);
    const dir = info.file ? path.dirname(info.file) : this.model.workspaceRoot(file);
    return path.relative(dir, file).split(path.sep).join('/');
  }

  /** Records the file's kind under "kinds". */
  setKind(file: string, kind: PolicyKind): Promise<string> {
    const relative = this.configRelative(file);
    return this.edit(file, (text) => applyEdits(text, modify(text, ['kinds', relative], kind, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
  }

  /** Adds `{ files: <this file>, rules: [ruleId] }` to "ignore" (or the rule to an existing entry for the file). */
  ignoreRule(file: string, ruleId: string): Promise<string> {
    const relative = this.configRelative(file);
    return this.edit(file, (text) => {
      const root = parseTree(text);
      const entries =
        (root && findNodeAtLocation(root, ['ignore'])
          ? (getNodeValue(findNodeAtLocation(root, ['ignore'])!) as Array<{ files: string; rules: string[]; sids?: string[] }>)
          : []) ?? [];
      const existing = entries.findIndex((e) => e.files === relative && !e.sids);
      const options = { formattingOptions: { insertSpaces: true, tabSize: 2 } };
      if (existing !== -1) {
        if (entries[existing].rules.includes(ruleId)) return text;
        return applyEdits(text, modify(text, ['ignore', existing, 'rules', entries[existing].rules.length], ruleId, { ...options, isArrayInsertion: true }));
      }
      return applyEdits(text, modify(text, ['ignore', entries.length], { files: relative, rules: [ruleId] }, { ...options, isArrayInsertion: true }));
    });
  }
}
