import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_TEMPLATE_OPTIONS, perIdentityTemplate, templateOptionsProblem, type TemplateOptions } from '../../analyzer';
import { requireTrust } from './trust';

export interface TemplateRequest {
  /** Absolute folder to write into; asked for when absent. */
  folder?: string;
  options?: Partial<TemplateOptions>;
}

/** The wizard asks at most this many questions; each prompt says which one it is. */
const QUESTIONS = 7;
const stepTitle = (step: number) => `New per-identity policy set (${step}/${QUESTIONS})`;

async function ask(step: number, prompt: string, value: string, validate: (v: string) => string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: stepTitle(step), prompt, value, ignoreFocusOut: true, validateInput: (v) => validate(v) ?? null });
}

/** Guided inputs; every answer is validated by the same checks the template itself applies. */
async function askOptions(): Promise<TemplateOptions | undefined> {
  const options = { ...DEFAULT_TEMPLATE_OPTIONS };
  const check = (patch: Partial<TemplateOptions>) => templateOptionsProblem({ ...options, ...patch });
  const region = await ask(1, 'AWS region of the identity pool and IoT endpoint', options.region, (region) => check({ region }));
  if (region === undefined) return undefined;
  options.region = region;
  const account = await ask(2, 'AWS account ID', options.account, (account) => check({ account }));
  if (account === undefined) return undefined;
  options.account = account;
  const topicPrefix = await ask(3, 'Topic prefix each identity owns (<prefix>/<identity ID>/…)', options.topicPrefix, (topicPrefix) => check({ topicPrefix }));
  if (topicPrefix === undefined) return undefined;
  options.topicPrefix = topicPrefix;
  const abilities = await vscode.window.showQuickPick(
    [
      { label: 'Publish', picked: true, key: 'publish' },
      { label: 'Subscribe and receive', picked: true, key: 'subscribe' },
      { label: 'Own device shadow (thing named after the identity ID)', picked: false, key: 'shadows' },
    ],
    { canPickMany: true, title: `${stepTitle(4)}: what may each signed-in user do in their own namespace?`, ignoreFocusOut: true },
  );
  if (!abilities) return undefined;
  options.publish = abilities.some((a) => a.key === 'publish');
  options.subscribe = abilities.some((a) => a.key === 'subscribe');
  options.shadows = abilities.some((a) => a.key === 'shadows');
  const shared = await ask(5, 'Shared topics every user may read (empty for none)', options.sharedReadPrefix, (sharedReadPrefix) =>
    check({ sharedReadPrefix, guest: sharedReadPrefix ? options.guest : 'none' }),
  );
  if (shared === undefined) return undefined;
  options.sharedReadPrefix = shared;
  if (shared) {
    const guest = await vscode.window.showQuickPick(
      [
        { label: 'Guests may read the shared topics', value: 'read-shared' as const },
        { label: 'Guests get no IoT access', value: 'none' as const },
      ],
      { title: `${stepTitle(6)}: unauthenticated (guest) identities`, ignoreFocusOut: true },
    );
    if (!guest) return undefined;
    options.guest = guest.value;
  } else {
    options.guest = 'none';
  }
  return options;
}

/**
 * "New Per-Identity Policy Set from Template…": writes the IoT policy, the roles, a scenario proving the
 * isolation and the attach-on-sign-in snippet. Never overwrites: it stops if any target file exists.
 */
export async function newFromTemplate(request: TemplateRequest | undefined, log: vscode.LogOutputChannel): Promise<string[] | undefined> {
  requireTrust('writing a template is');
  const options = request?.options ? { ...DEFAULT_TEMPLATE_OPTIONS, ...request.options } : await askOptions();
  if (!options) return undefined;
  const problem = templateOptionsProblem(options);
  if (problem) throw new Error(problem);
  let folder = request?.folder;
  if (!folder) {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!root) throw new Error('open a folder first: the template writes several files');
    const name = await ask(QUESTIONS, 'Folder for the new files (relative to the workspace)', 'iot-policies', (v) =>
      v && !path.isAbsolute(v) && !v.split(/[\\/]/).includes('..') ? undefined : 'a relative folder inside the workspace',
    );
    if (!name) return undefined;
    folder = path.join(root, name);
  }
  const files = perIdentityTemplate(options).map((f) => ({ ...f, target: path.join(folder!, f.path) }));
  const existing = files.filter((f) => fs.existsSync(f.target));
  if (existing.length > 0)
    throw new Error(`not writing the template: ${existing.map((f) => f.path).join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${folder}`);
  const edit = new vscode.WorkspaceEdit();
  for (const file of files) edit.createFile(vscode.Uri.file(file.target), { contents: new TextEncoder().encode(file.content) });
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not write the files in ${folder}`);
  for (const file of files) await (await vscode.workspace.openTextDocument(file.target)).save();
  log.info(`template written to ${folder}: ${files.map((f) => f.path).join(', ')}`);
  // The wizard ends on what it made: the IoT policy beside the scenario that checks it.
  for (const file of files.filter((f) => f.path === 'scenario.json' || f.path.endsWith('.iot.json'))) {
    await vscode.window.showTextDocument(vscode.Uri.file(file.target), {
      preview: false,
      viewColumn: file.path === 'scenario.json' ? vscode.ViewColumn.One : vscode.ViewColumn.Two,
    });
  }
  return files.map((f) => f.target);
}
