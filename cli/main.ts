import { processIo, type Io } from './io';
import { CHECK_HELP, checkCommand } from './commands/check';
import { SIMULATE_HELP, simulateCommand } from './commands/simulate';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage-error';

const HELP = `iot-policy-lens — what your AWS IoT Core and IAM policies let Amazon Cognito users do over MQTT

commands:
  check [paths…]                lint policies and run scenarios (text, JSON or SARIF), for CI and reviews
  simulate <scenario.json>...   run publish/subscribe scenarios and explain every verdict

Run "iot-policy-lens <command> --help" for a command's options.`;

const COMMANDS: Record<string, { run: (args: string[], io: Io) => number; help: string }> = {
  check: { run: checkCommand, help: CHECK_HELP },
  simulate: { run: simulateCommand, help: SIMULATE_HELP },
};

/** Runs the CLI and returns its exit code; never lets an exception reach the user as a stack trace. */
export function main(argv: string[], io: Io = processIo): number {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.error(`unknown command "${name}"\n\n${HELP}`);
    return EXIT_USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.help);
    return EXIT_OK;
  }
  try {
    return command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.error(`${(error as Error).message}\n\n${command.help}`);
      return EXIT_USAGE;
    }
    io.error(`internal error: ${(error as Error).message}\nPlease report this with the input that caused it.`);
    return EXIT_USAGE;
  }
}
