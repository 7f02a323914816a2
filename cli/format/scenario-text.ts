import type { ScenarioResult, StepResult } from '../../analyzer';

/** A scenario's results for a terminal: one line per step, explanations for failures (or all with --explain). */
export function formatScenarioText(result: ScenarioResult, explainAll: boolean): string {
  const lines = [`${result.file} — ${result.name}`];
  for (const step of result.steps) {
    lines.push(`  ${mark(step)} ${step.range.start.line}:${step.range.start.column} ${step.name ? `${step.name}: ` : ''}${step.explanation[0]}`);
    if (explainAll || step.pass === false) lines.push(...step.explanation.slice(1).map((line) => `    ${line}`));
  }
  const { steps, passed, failed, unchecked } = result.summary;
  lines.push(`  ${steps} step${steps === 1 ? '' : 's'}: ${passed} passed, ${failed} failed${unchecked ? `, ${unchecked} without expectation` : ''}`);
  return lines.join('\n');
}

function mark(step: StepResult): string {
  if (step.pass === undefined) return '·';
  return step.pass ? '✓' : '✗';
}
