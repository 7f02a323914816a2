/** What the VS Code Simulator panel shows, as the extension is told it (SimulatorView). DOM-free. */
import { editorsInUse, hasTemplate, whoMayDo, type Analysis, type PlaygroundState } from './engine';
import { isBlank, selectedTemplateClass, templateClasses } from './policy-sets';
import type { SimulatorView } from './webview-html';

export function simulatorView(state: PlaygroundState, analysis: Analysis): SimulatorView {
  const template = hasTemplate(state.files);
  const classes = template ? templateClasses(analysis.apps) : [];
  const selected = selectedTemplateClass(classes, state.query);
  const who = whoMayDo(state.files, state.query, analysis.scope, analysis.apps);
  return {
    mode: template ? 'template' : 'policies',
    files: Object.fromEntries(editorsInUse(state.files).flatMap((id) => (isBlank(state.files[id].text) ? [] : [[id, state.files[id].path]]))),
    classes: classes.map((c) => ({ key: c.key, label: c.label, unknown: c.appClass.unknowns.length > 0 || !c.appClass.certain })),
    ...(selected && { selectedClass: selected.key }),
    verdicts: who.rows.map((r) => ({ verb: r.verb, decision: r.decision, ...(r.reason && { reason: r.reason }) })),
  };
}
