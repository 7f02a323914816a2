import * as readline from 'node:readline/promises';

/**
 * Asks a yes/no question on the terminal. With `yesFlag` (--yes unless a question has its own flag) the answer
 * is yes; without a terminal (CI, pipes) it is no, and the message names that flag — a script never hangs
 * waiting for input.
 */
export async function confirm(question: string, assumeYes: boolean, log: (line: string) => void, yesFlag = '--yes'): Promise<boolean> {
  if (assumeYes) {
    log(`${question} yes (${yesFlag})`);
    return true;
  }
  if (!process.stdin.isTTY) {
    log(`${question} no (no terminal to ask; pass ${yesFlag} to confirm)`);
    return false;
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
