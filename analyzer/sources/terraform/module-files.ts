/** A Terraform configuration file: Terraform reads the `.tf` and `.tf.json` files of a folder as one module. */
export function isConfigurationFile(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

/**
 * The files of one module as Terraform reads them, their texts joined: each remembered at its offset so
 * that findings point into the file a value comes from.
 */
export function joinModuleFiles<T extends { path: string; text: string }>(files: readonly T[]): { text: string; parts: Array<T & { offset: number }> } {
  let text = '';
  const parts = files.map((file) => {
    const part = { ...file, offset: text.length };
    text += `${file.text}\n`;
    return part;
  });
  return { text, parts };
}
