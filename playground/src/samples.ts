/**
 * Sample sets: a folder of samples/ (a scenario and the policies it names) or the per-identity template,
 * mapped onto the four editors. Pure: the texts come from the build (virtual:lens-samples) or the engine.
 */
import { asUnchecked, DEFAULT_TEMPLATE_OPTIONS, perIdentityTemplate, scenarioPolicyFiles } from '../../analyzer';
import type { Identity, RequestStep, Scenario } from '../../analyzer/generated/scenario';
import { EDITOR_IDS, normalizePath, type EditorId, type FileState, type Files, type PlaygroundState, type PolicyEditorId, type Query } from './engine';

export interface SampleSet {
  id: string;
  label: string;
  /** Editors this sample fills; the others keep their text. */
  files: Partial<Files>;
  extra: Record<string, string>;
  query?: Partial<Query>;
  /** Lone files replace the text only: the editor keeps its path, so the current scenario still finds it. */
  textOnly?: boolean;
}

/** The editor a lone policy file belongs in, by the repository's naming convention (the config's kinds). */
export function editorForPolicyName(path: string): PolicyEditorId | undefined {
  const name = path.split('/').pop() ?? '';
  if (/\.iot\.json$/.test(name)) return 'iotPolicy';
  if (/^auth-role.*\.json$/.test(name)) return 'authRole';
  if (/^(guest|unauth)-role.*\.json$/.test(name)) return 'unauthRole';
  return undefined;
}

/** The scenario's JSON value, or undefined when the text is not JSON. */
function parseScenario(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A scenario and its folder's files → editors (the files the scenario names) and extra files (the rest). */
export function sampleSetFromFolder(
  id: string,
  label: string,
  folder: Readonly<Record<string, string>>,
  scenarioPath = 'scenario.json',
): SampleSet | undefined {
  const scenarioText = folder[scenarioPath];
  const scenario = scenarioText === undefined ? undefined : parseScenario(scenarioText);
  if (scenarioText === undefined || scenario === undefined) return undefined;
  const dir = scenarioPath.split('/').slice(0, -1).join('/');
  const resolve = (ref: string | undefined) => (ref === undefined ? undefined : normalizePath(`${dir}/${ref}`));
  const named = scenarioPolicyFiles(scenario);
  const refs: Partial<Record<EditorId, string | undefined>> = {
    authRole: resolve(named.authRole),
    unauthRole: resolve(named.unauthRole),
    iotPolicy: resolve(named.iotPolicy),
    scenario: scenarioPath,
  };
  const files: Partial<Files> = {};
  for (const editor of EDITOR_IDS) {
    const path = refs[editor];
    if (path !== undefined && folder[path] !== undefined) files[editor] = { path, text: folder[path] };
  }
  const used = new Set(Object.values(files).map((f) => (f as FileState).path));
  const extra = Object.fromEntries(Object.entries(folder).filter(([path]) => !used.has(path) && path.endsWith('.json')));
  const query = queryFromScenario(scenarioText);
  return { id, label, files, extra, ...(query && { query }) };
}

/** Every sample set: each samples/ folder with a scenario, each lone policy file, each CloudFormation/SAM template. */
export function sampleSets(samples: Readonly<Record<string, string>>): SampleSet[] {
  const sets: SampleSet[] = [];
  const folders = [...new Set(Object.keys(samples).map((p) => p.split('/')[0]))].sort();
  for (const folder of folders) {
    const inFolder = Object.fromEntries(
      Object.entries(samples)
        .filter(([p]) => p.startsWith(`${folder}/`))
        .map(([p, t]) => [p.slice(folder.length + 1), t]),
    );
    const set = sampleSetFromFolder(`samples/${folder}`, `samples/${folder} (scenario and policies)`, inFolder);
    if (set) sets.push(set);
  }
  for (const [path, text] of Object.entries(samples).sort(([a], [b]) => a.localeCompare(b))) {
    // A template holds the whole app: it takes the place of the policy editors, with an empty scenario to write.
    if (/^[^/]+\/cloudformation\/[^/]+\.ya?ml$/.test(path))
      sets.push({
        id: `samples/${path}`,
        label: `samples/${path} (template)`,
        files: { template: { path: path.split('/').slice(1).join('/'), text }, scenario: { path: 'scenario.json', text: '' } },
        extra: {},
      });
    const editor = editorForPolicyName(path);
    if (editor)
      sets.push({
        id: `samples/${path}`,
        label: `samples/${path} (into its editor)`,
        files: { [editor]: { path: path.split('/').slice(1).join('/'), text } },
        extra: {},
        textOnly: true,
      });
  }
  return sets;
}

export function templateSet(): SampleSet {
  const folder = Object.fromEntries(perIdentityTemplate(DEFAULT_TEMPLATE_OPTIONS).map((f) => [f.path, f.content]));
  return sampleSetFromFolder('template/per-identity', 'per-identity template (generated)', folder)!;
}

/** A sensible first question for a scenario: its first authenticated identity and a topic it publishes to. */
export function queryFromScenario(scenarioText: string): Partial<Query> | undefined {
  const scenario = asUnchecked<Scenario>(parseScenario(scenarioText));
  const entries = Object.entries(asUnchecked<Scenario['identities']>(scenario?.identities) ?? {}).map(([name, i]) => [name, asUnchecked<Identity>(i)] as const);
  const found = entries.find(([, i]) => i?.type === 'authenticated') ?? entries[0];
  if (!found) return undefined;
  const [name, identity] = found;
  const steps = (Array.isArray(scenario?.steps) ? scenario.steps : []).map((s) => asUnchecked<RequestStep>(s));
  const publish = steps.find((s) => s?.as === name && typeof s?.publish === 'string') ?? steps.find((s) => typeof s?.publish === 'string');
  const subscribe = steps.find((s) => typeof s?.subscribe === 'string');
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    identityType: identity?.type === 'unauthenticated' ? 'unauthenticated' : 'authenticated',
    identityId: str(identity?.identityId),
    clientId: str(identity?.clientId),
    identityPoolId: str(identity?.identityPoolId),
    protocol: identity?.protocol === 'mqtt' || identity?.protocol === 'https' ? identity.protocol : 'mqtt-wss',
    attachIotPolicy: true,
    target: str(publish?.publish ?? subscribe?.subscribe),
  };
}

/** The state after loading a sample: its files (or only their texts), its extra files and its question. */
export function withSample(current: PlaygroundState, set: SampleSet): PlaygroundState {
  const next = structuredClone(current);
  // A set without a template is about the policy editors: they come back.
  if (!set.files.template) next.files.template = { ...next.files.template, text: '' };
  for (const id of EDITOR_IDS) {
    const file = set.files[id];
    if (file) next.files[id] = set.textOnly ? { path: next.files[id].path, text: file.text } : { ...file };
  }
  if (!set.textOnly) next.extra = { ...set.extra };
  if (set.query) next.query = { ...next.query, ...set.query };
  delete next.step;
  delete next.verb;
  return next;
}
