import { COMMANDS } from './commands';
import { processIo, type Io } from './io';
import { closestName } from './closest-name';
import { describeFsError } from './fs-errors';
import { alignOptions } from './help-format';
import { DEBUG_ENV, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, INTERNAL_EXIT_HELP, InputError, UsageError } from './usage-error';
import { version } from '../package.json';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length)) + 3;
  return `iot-policy-lens — what your AWS IoT Core and IAM policies let Amazon Cognito users do over MQTT

commands:
${COMMANDS.map((c) => `  ${c.usage.padEnd(width)}${c.summary}`).join('\n')}

Run "iot-policy-lens <command> --help" for a command's options; "iot-policy-lens --version" prints the version.`;
}

const withExitHelp = (help: string) => alignOptions(`${help}\n${INTERNAL_EXIT_HELP}`);

/** An unexpected exception: what it says, and its stack trace only when asked for (a user should never need one). */
function internalError(error: unknown): string {
  const debug = process.env[DEBUG_ENV] !== undefined && process.env[DEBUG_ENV] !== '';
  const detail = debug && error instanceof Error && error.stack ? error.stack : error instanceof Error ? error.message : String(error);
  return `internal error: ${detail}\nPlease report this with the input that caused it${debug ? '' : ` (${DEBUG_ENV}=1 adds the stack trace)`}.`;
}

/** Runs the CLI and resolves to its exit code; never lets an exception reach the user as a stack trace. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.out(version);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const suggestion = closestName(
      name,
      COMMANDS.map((c) => c.name),
    );
    io.error(
      suggestion
        ? `unknown command "${name}": did you mean "${suggestion}"? (iot-policy-lens --help lists the commands)`
        : `unknown command "${name}"\n\n${help()}`,
    );
    return EXIT_USAGE;
  }
  const { help: commandHelp, run } = await command.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(withExitHelp(commandHelp));
    return EXIT_OK;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.error((error as Error).message);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError || (error as { code?: string } | undefined)?.code?.startsWith('ERR_PARSE_ARGS')) {
      io.error(`${(error as Error).message}\n\n${withExitHelp(commandHelp)}`);
      return EXIT_USAGE;
    }
    const inputProblem = describeFsError(error);
    if (inputProblem) {
      io.error(inputProblem);
      return EXIT_USAGE;
    }
    // The algorithms are iterative and inputs are capped; should some input still exhaust the stack, say so plainly.
    if (error instanceof RangeError && /call stack/.test(error.message)) {
      io.error(`${name}: the input is too large or too deeply nested to analyze (stack exhausted)`);
      return EXIT_USAGE;
    }
    io.error(internalError(error));
    return EXIT_INTERNAL;
  }
}
