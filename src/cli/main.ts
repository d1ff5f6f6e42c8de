import { readEnvironment } from '../config/environment.ts';
import { describeError, isRunwardenError } from '../core/errors.ts';
import { commandHelp, parseCommandArgs, type Io } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { RUNWARDEN_VERSION } from './version.ts';
import { COMMANDS, type CommandEntry } from './commands/index.ts';

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY) && !readEnvironment().ci,
};

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return [
    'runwarden — contract and load testing for asynchronous task-run APIs',
    '',
    'Usage: runwarden <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)} ${command.summary}`),
    '',
    'Options: --help, --version. Run `runwarden <command> --help` for a command\'s options.',
    'Exit codes: 0 all checks passed, 1 findings (violations, failed contracts, breached SLOs), 2 usage or input error.',
    '',
  ].join('\n');
}

/** Finds the command for argv, allowing two-word commands such as `contract verify`. */
function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } | undefined {
  const twoWords = `${argv[0]} ${argv[1]}`;
  const two = COMMANDS.find((command) => command.name === twoWords);
  if (two) return { entry: two, rest: argv.slice(2) };
  const one = COMMANDS.find((command) => command.name === argv[0]);
  return one ? { entry: one, rest: argv.slice(1) } : undefined;
}

/** Runs the CLI and returns its exit code. Never throws: every error becomes a message and code 2. */
export async function main(argv: string[], io: Io = processIo): Promise<ExitCode> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(topLevelHelp());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.out(`${RUNWARDEN_VERSION}\n`);
    return EXIT.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = COMMANDS.filter((command) => command.name.startsWith(`${argv[0]} `));
    const known = (group.length > 0 ? group : COMMANDS).map((command) => command.name).join(', ');
    io.err(`runwarden: unknown command "${argv.slice(0, group.length > 0 ? 2 : 1).join(' ')}"\nKnown commands: ${known}\nRun \`runwarden --help\` for usage.\n`);
    return EXIT.usage;
  }
  const { entry, rest } = found;
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(command, entry.summary));
      return EXIT.ok;
    }
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (error) {
    if (isRunwardenError(error)) {
      io.err(`runwarden: ${error.message}\n${error.hint ? `Hint: ${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    // A bug in runwarden itself: still no stack trace unless asked for.
    io.err(`runwarden: internal error: ${describeError(error)}\nThis is a bug in runwarden; set RUNWARDEN_DEBUG=1 for the stack and report it.\n`);
    if (readEnvironment().debug && error instanceof Error) io.err(`${error.stack}\n`);
    return EXIT.usage;
  }
}
