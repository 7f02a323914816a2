/**
 * The policies "who may do what" asks, and when it must not answer: a class of the template's app when the
 * template editor holds a template, else the three policy editors. DOM-free, like engine.ts.
 */
import { parsePolicy, type App, type AppClass, type PolicyInput } from '../../analyzer';
import type { FileState, Files, PolicyEditorId, Query } from './engine';

/** An editor left empty holds no file. */
export const isBlank = (text: string) => text.trim() === '';

export interface PolicySets {
  authRole: PolicyInput[];
  unauthRole: PolicyInput[];
  iotPolicies: PolicyInput[];
  /** Why no verdict can be given for this question (the rows say it instead of a verdict that might be wrong). */
  noVerdict?: string;
  /** What the files do not say that the verdict depends on: the rows say UNKNOWN, with what the known policies decide. */
  unknown?: string;
}

/** Why the editor's text is not JSON, or undefined (a blank editor holds no file). */
const jsonProblem = (file: FileState) => (isBlank(file.text) ? undefined : parsePolicy(file.text, file.path).problems.find((p) => p.code === 'invalid-json'));

export function editorPolicySets(files: Files, query: Query): PolicySets {
  const problems = { authRole: jsonProblem(files.authRole), unauthRole: jsonProblem(files.unauthRole), iotPolicy: jsonProblem(files.iotPolicy) };
  // The editor's policy, when it holds one that parses: the library refuses text that is not JSON (a question about it has no verdict).
  const policyInputs = (id: PolicyEditorId) => (isBlank(files[id].text) || problems[id] ? [] : [{ text: files[id].text, file: files[id].path }]);
  const unparsable = unparsablePolicies(files, query, problems);
  return {
    authRole: policyInputs('authRole'),
    unauthRole: policyInputs('unauthRole'),
    iotPolicies: policyInputs('iotPolicy'),
    ...(unparsable && { noVerdict: unparsable }),
  };
}

const NONE: PolicySets = { authRole: [], unauthRole: [], iotPolicies: [] };

/** An identity class of the template's app, as the "who may do what" form offers it. */
export interface TemplateClassChoice {
  /** Stable across edits of the template: the app's name and the class id (`guests`, `signed-in`, `role:<role>`…). */
  key: string;
  label: string;
  app: App;
  appClass: AppClass;
}

/** Every class of every identity pool the template describes (the app model, docs/app-model.md). */
export function templateClasses(all: readonly App[]): TemplateClassChoice[] {
  // A scenario beside the template describes an app of its own: the question is the template's.
  const apps = all.filter((app) => app.origin === 'template');
  return apps.flatMap((app) =>
    app.classes.map((appClass) => ({
      key: `${app.name}|${appClass.id}`,
      label: apps.length > 1 ? `${app.name}: ${appClass.label}` : appClass.label,
      app,
      appClass,
    })),
  );
}

/** The class asked about: the one picked if it is still there and of the asked identity type, else the first of that type. */
export function selectedTemplateClass(choices: readonly TemplateClassChoice[], query: Query): TemplateClassChoice | undefined {
  const ofType = choices.filter((c) => c.appClass.type === query.identityType);
  return ofType.find((c) => c.key === query.appClass) ?? ofType[0];
}

/**
 * The picked class of the template's app, as `check` reads it: its role's policies, and for signed-in
 * classes the IoT policies the model takes as attached. What the files leave unknown about the class (a
 * role they do not define, a statement with unresolved values) makes every verdict unknown: a statement
 * left out might allow or deny it.
 */
export function templatePolicySets(all: readonly App[], query: Query): PolicySets {
  const choices = templateClasses(all);
  if (choices.length === 0) return { ...NONE, noVerdict: 'the template holds no identity pool policies that can be analysed (see Problems)' };
  const chosen = selectedTemplateClass(choices, query);
  if (!chosen)
    return {
      ...NONE,
      noVerdict: `the template's identity pool gives ${query.identityType === 'unauthenticated' ? 'guests' : 'signed-in users'} no role: AWS gives them no credentials`,
    };
  const { appClass } = chosen;
  const roles = appClass.rolePolicies.map((p) => p.compiled);
  const unknowns = [...appClass.unknowns, ...(appClass.certain ? [] : [`whether ${appClass.label} get credentials at all is not decided by the files`])];
  return {
    authRole: appClass.type === 'authenticated' ? roles : [],
    unauthRole: appClass.type === 'unauthenticated' ? roles : [],
    iotPolicies: appClass.iotPolicies.map((p) => p.compiled),
    ...(unknowns.length > 0 && { unknown: `${appClass.label}: ${unknowns.join('; ')}` }),
  };
}

const POLICY_NAMES: Readonly<Record<PolicyEditorId, string>> = { authRole: 'authenticated role', unauthRole: 'unauthenticated role', iotPolicy: 'IoT policy' };

/**
 * A policy in play that does not parse gives no verdict: AWS would not accept it, so "implicit deny" would
 * describe a policy that cannot exist. The row names the file instead.
 */
function unparsablePolicies(files: Files, query: Query, problems: Readonly<Record<PolicyEditorId, { message: string } | undefined>>): string | undefined {
  const inPlay: PolicyEditorId[] = query.identityType === 'unauthenticated' ? ['unauthRole'] : query.attachIotPolicy ? ['authRole', 'iotPolicy'] : ['authRole'];
  const broken = inPlay.flatMap((id) => {
    const problem = problems[id];
    return problem ? [`the ${POLICY_NAMES[id]} (${files[id].path}) does not parse (${problem.message.replace(/^invalid JSON: /, '')})`] : [];
  });
  return broken.length === 0 ? undefined : `${broken.join('; ')}: no verdict until it is valid JSON (see Problems)`;
}
