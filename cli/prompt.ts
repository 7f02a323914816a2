import * as readline from 'node:readline/promises';

/**
 * Asks a yes/no question on the terminal. With --yes the answer is yes; without a terminal (CI, pipes) it is
 * no, and the caller says how to proceed — a script never hangs waiting for input.
 */
export async function confirm(question: string, assumeYes: boolean, log: (line: string) => void): Promise<boolean> {
  if (assumeYes) {
    log(`${question} yes (--yes)`);
    return true;
  }
  if (!process.stdin.isTTY) {
    log(`${question} no (no terminal to ask; pass --yes to confirm)`);
    return false;
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
