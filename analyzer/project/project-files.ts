import type { ProjectFile } from './check';
import { terraformModule } from './check-template';
import type { DiscoveredFile } from './discover';

/**
 * Discovered files as the analyzer checks them: the .tf and .tf.json files of one folder, with the variables
 * files Terraform loads there by itself, are one Terraform module, as Terraform reads them.
 */
export function projectFilesOf(discovered: ReadonlyArray<Pick<DiscoveredFile, 'shown' | 'configPath' | 'text' | 'format' | 'tree'>>): ProjectFile[] {
  const modules = new Map<string, Array<(typeof discovered)[number]>>();
  const files: ProjectFile[] = [];
  const folderOf = (shown: string) => {
    const slash = Math.max(shown.lastIndexOf('/'), shown.lastIndexOf('\\'));
    return slash < 0 ? '.' : slash === 0 ? shown[0] : shown.slice(0, slash);
  };
  for (const f of discovered) {
    if (f.format === 'terraform' || f.format === 'terraform-variables') modules.set(folderOf(f.shown), [...(modules.get(folderOf(f.shown)) ?? []), f]);
    else if (f.format === 'policy' || f.format === 'scenario') files.push({ path: f.shown, configPath: f.configPath, text: f.text, role: f.format });
    else files.push({ path: f.shown, configPath: f.configPath, text: f.text, role: 'template', format: f.format, ...(f.tree && { tree: f.tree }) });
  }
  for (const [folder, moduleFiles] of modules) {
    // The variables files Terraform loads with a configuration come after it; without one they are nothing to check.
    const tfFiles = moduleFiles.filter((f) => f.format === 'terraform');
    if (tfFiles.length === 0) continue;
    const variables = moduleFiles.filter((f) => f.format === 'terraform-variables');
    files.push(
      terraformModule(
        [...tfFiles, ...variables].map((f) => ({ path: f.shown, configPath: f.configPath, text: f.text })),
        tfFiles.length === 1 ? tfFiles[0].shown : `${folder}/*.tf`,
      ),
    );
  }
  return files;
}
