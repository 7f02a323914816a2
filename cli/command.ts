import type { Io } from './io';

/** What a subcommand's module provides: its help text and the command itself. */
export interface LoadedCommand {
  help: string;
  run(args: string[], io: Io): number | Promise<number>;
}

/** One `iot-policy-lens <name>` subcommand; its module loads only when that command is run or asked for help. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  load(): Promise<LoadedCommand>;
}
