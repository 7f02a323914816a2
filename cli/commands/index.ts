import type { Command } from '../command';
import { CHECK_HELP, checkCommand } from './check';
import { SIMULATE_HELP, simulateCommand } from './simulate';

/** Every subcommand, in the order `--help` lists them. Commands that call AWS load the SDK only when run. */
export const COMMANDS: readonly Command[] = [
  { name: 'check', summary: 'lint policies and run scenarios (text, JSON or SARIF), for CI and reviews', usage: 'check [paths…]', help: CHECK_HELP, run: checkCommand },
  { name: 'simulate', summary: 'run publish/subscribe scenarios and explain every verdict', usage: 'simulate <scenario.json>…', help: SIMULATE_HELP, run: simulateCommand },
];
