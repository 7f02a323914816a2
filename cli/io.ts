/** Where a command writes; tests pass their own to capture output. */
export interface Io {
  out(text: string): void;
  error(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  error: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};
