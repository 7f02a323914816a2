/**
 * The policies "who may do what" asks, and when it must not answer: the template's identity pool when the
 * template editor holds one, else the three policy editors. DOM-free, like engine.ts.
 */
import { parsePolicy, type App, type PolicyInput } from '../../analyzer';
import type { FileState, Files, PolicyEditorId, Query } from './engine';

/** An editor left empty holds no file. */
export const isBlank = (text: string) => text.trim() === '';

export interface PolicySets {
  authRole: PolicyInput[];
  unauthRole: PolicyInput[];
  iotPolicies: PolicyInput[];
  /** Why no verdict can be given for this question (the rows say it instead of a verdict that might be wrong). */
  noVerdict?: string;
}

const policyInputs = (file: FileState) => (isBlank(file.text) ? [] : [{ text: file.text, file: file.path }]);

export function editorPolicySets(files: Files, query: Query): PolicySets {
  const unparsable = unparsablePolicies(files, query);
  return {
    authRole: policyInputs(files.authRole),
    unauthRole: policyInputs(files.unauthRole),
    iotPolicies: policyInputs(files.iotPolicy),
    ...(unparsable && { noVerdict: unparsable }),
  };
}

const NONE: PolicySets = { authRole: [], unauthRole: [], iotPolicies: [] };

/**
 * The template's identity pool, as `check` reads it (the app model, docs/app-model.md): guests get the
 * unauthenticated role, signed-in users the authenticated role and every IoT policy. A class whose
 * policies the template leaves partly unknown gets no verdict: a statement left out might allow it.
 */
export function templatePolicySets(all: readonly App[], query: Query): PolicySets {
  // A scenario beside the template describes an app of its own: the question is the template's.
  const apps = all.filter((app) => app.origin === 'template');
  if (apps.length !== 1)
    return {
      ...NONE,
      noVerdict:
        apps.length === 0
          ? 'the template holds no identity pool policies that can be analysed (see Problems)'
          : `the template describes ${apps.length} identity pools: no single answer (check them one by one)`,
    };
  const guests = apps[0].classes.find((c) => c.id === 'guests');
  const signedIn = apps[0].classes.find((c) => c.id === 'signed-in');
  const asked = query.identityType === 'unauthenticated' ? guests : signedIn;
  const sets: PolicySets = {
    authRole: signedIn?.rolePolicies.map((p) => p.compiled) ?? [],
    unauthRole: guests?.rolePolicies.map((p) => p.compiled) ?? [],
    iotPolicies: signedIn?.iotPolicies.map((p) => p.compiled) ?? [],
  };
  if (!asked)
    return {
      ...sets,
      noVerdict: `the template's identity pool gives ${query.identityType === 'unauthenticated' ? 'guests' : 'signed-in users'} no role: AWS gives them no credentials`,
    };
  if (asked.unknowns.length > 0) return { ...sets, noVerdict: `no verdict for ${asked.label}: ${asked.unknowns.join('; ')} (see Problems)` };
  return sets;
}

const POLICY_NAMES: Readonly<Record<PolicyEditorId, string>> = { authRole: 'authenticated role', unauthRole: 'unauthenticated role', iotPolicy: 'IoT policy' };

/**
 * A policy in play that does not parse gives no verdict: AWS would not accept it, so "implicit deny" would
 * describe a policy that cannot exist. The row names the file instead.
 */
function unparsablePolicies(files: Files, query: Query): string | undefined {
  const inPlay: PolicyEditorId[] = query.identityType === 'unauthenticated' ? ['unauthRole'] : query.attachIotPolicy ? ['authRole', 'iotPolicy'] : ['authRole'];
  const broken = inPlay.flatMap((id) => {
    const problem = isBlank(files[id].text) ? undefined : parsePolicy(files[id].text, files[id].path).problems.find((p) => p.code === 'invalid-json');
    return problem ? [`the ${POLICY_NAMES[id]} (${files[id].path}) does not parse (${problem.message.replace(/^invalid JSON: /, '')})`] : [];
  });
  return broken.length === 0 ? undefined : `${broken.join('; ')}: no verdict until it is valid JSON (see Problems)`;
}
