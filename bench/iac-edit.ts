import { performance } from 'node:perf_hooks';
import { checkTemplateFile, classifyFile, ResolvedConfig, type ProjectFile } from '../analyzer';
import { cloudFormationApp } from './iac';
import { againstTarget, wallAndCpu } from './target';

const ROUNDS = 40;
const noFiles = { readFile: () => undefined, resolve: (_from: string, reference: string) => reference };

/**
 * The editor's path after a keystroke in a CloudFormation template of about 1,000 lines (pool, two roles,
 * an IoT policy of 234 statements): classify the text (parsing the YAML once) and check every policy in it
 * (issue #10's target: under 30 ms). Each round edits the text anew, once inside the large IoT policy
 * (every line of it checked again) and once in a role policy: each edit is inside one value, so the parse
 * of the version before is reused (analyzer/sources/yaml-edit.ts), as in the editor. An edit outside any
 * value (here a comment line) parses the whole file again: shown too. Wall time is what a user waits on
 * this machine; CPU time of the process is less disturbed by other work on a shared machine.
 */
export function iacEditBenchmark(): void {
  const base = cloudFormationApp(0, 117);
  const lines = base.split('\n').length;
  const config = new ResolvedConfig({});
  const measure = (edit: (round: number) => string) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let round = -5; round < ROUNDS; round++) {
      const text = edit(round + 5);
      const [start, startCpu] = [performance.now(), process.cpuUsage()];
      const found = classifyFile('template.yaml', text);
      const file: ProjectFile = {
        path: 'template.yaml',
        configPath: 'template.yaml',
        text,
        role: 'template',
        format: 'cloudformation',
        ...(found?.tree && { tree: found.tree }),
      };
      checkTemplateFile(file, { config, host: noFiles });
      const used = process.cpuUsage(startCpu);
      if (round >= 0) {
        wall.push(performance.now() - start);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return `${wallAndCpu(median(wall), median(cpu))} ${againstTarget(30, 'ms', median(wall), median(cpu))}`;
  };
  const inIotPolicy = measure((round) => base.replace('area0/', `area0-edit${round}/`));
  const inRole = measure((round) => base.replace(':client/', `:client/edit${round}-`));
  const inComment = measure((round) => `# version ${round}\n${base}`);
  console.log(
    `re-check of an edited ${lines}-line CloudFormation template (editor path: parse + check), median of ${ROUNDS} edits: ${inIotPolicy} for an edit in its 234-statement IoT policy, ${inRole} for an edit in a role policy; ${inComment} for an edit outside any value (the whole file parsed again)`,
  );
}
