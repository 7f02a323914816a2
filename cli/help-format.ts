/** An option line of a help text: two spaces, the option and its argument, two or more spaces, the description. */
const OPTION_LINE = /^ {2}(-\S.*?) {2,}(\S.*)$/;

/**
 * Lines up the descriptions of a help text's options in one column, whatever pieces the text was assembled
 * from (the AWS options are shared by several commands, each with its own option widths).
 */
export function alignOptions(help: string): string {
  const lines = help.split('\n');
  const width = Math.max(0, ...lines.map((line) => OPTION_LINE.exec(line)?.[1].length ?? 0));
  return lines.map((line) => line.replace(OPTION_LINE, (_all, option: string, description: string) => `  ${option.padEnd(width)}  ${description}`)).join('\n');
}
