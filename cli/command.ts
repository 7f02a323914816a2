import type { Io } from './io';

/** One `iot-policy-lens <name>` subcommand. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  help: string;
  run(args: string[], io: Io): number | Promise<number>;
}
