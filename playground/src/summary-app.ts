/** The identity-pool app the playground's editors describe, for the access summary (DOM-free, like engine.ts). */
import { appFromKinds, appFromScenario, appPolicy, DEFAULT_SCOPE, loadScenario, parsePolicy, type App } from '../../analyzer';
import { EDITOR_IDS, isPolicyEditor, memoryHost, POLICY_KINDS, projectConfig, type Files } from './engine';

/** The app the editors describe: the scenario's, or the policies by their editor's kind. */
export function editorsApp(files: Files, extra: Readonly<Record<string, string>> = {}, parameters?: Readonly<Record<string, string>>): App | undefined {
  if (files.scenario.text.trim() !== '') {
    const { scenario } = loadScenario(files.scenario.text, files.scenario.path, memoryHost(files, extra), projectConfig(parameters));
    if (scenario) return appFromScenario(scenario);
  }
  const policies = EDITOR_IDS.filter(isPolicyEditor)
    .filter((id) => files[id].text.trim() !== '')
    .map((id) => appPolicy(files[id].path, POLICY_KINDS[id], () => parsePolicy(files[id].text, files[id].path)));
  return appFromKinds('the editors’ policies', files.scenario.path, DEFAULT_SCOPE, policies);
}
