import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RunwardenError } from '../core/errors.ts';
import type { ExitCode } from './exit-codes.ts';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Where a command writes: stdout for results, stderr for progress and errors. Injected so tests capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is an interactive terminal (live progress lines); false in CI and tests. */
  isTty: boolean;
}

/** One CLI command: its help text, its options and what it does. Its one-line summary lives in the command index. */
export interface Command {
  name: string;
  usage: string;
  /** Extra help text after the options table. */
  details?: string;
  options: OptionsConfig & Record<string, { description?: string }>;
  /** How many arguments without a flag it takes (0 when absent): more is a usage error, never silently ignored. */
  positionals?: number;
  run(args: ParsedArgs, io: Io): Promise<ExitCode>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses argv for a command, turning parseArgs' TypeErrors into a usage error that names the fix. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, { description: _description, ...option }]) => [name, option]),
  ) as OptionsConfig;
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    refuseExtraPositionals(command, positionals);
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    if (error instanceof RunwardenError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new RunwardenError('USAGE', `runwarden ${command.name}: ${message}`, `Run \`runwarden ${command.name} --help\` for the options.`);
  }
}

/** `runwarden ci stripe.json` must not run the bundled providers as if nothing was said. */
function refuseExtraPositionals(command: Command, positionals: readonly string[]): void {
  const allowed = command.positionals ?? 0;
  if (positionals.length <= allowed) return;
  const extra = positionals.slice(allowed);
  const takes = allowed === 0 ? 'takes no arguments without a flag' : `takes at most ${allowed} argument${allowed === 1 ? '' : 's'} without a flag`;
  const asSpec = 'spec' in command.options && /\.(ya?ml|json)$/i.test(extra[0]!) ? `Did you mean --spec ${extra[0]}? ` : '';
  throw new RunwardenError('USAGE', `runwarden ${command.name} ${takes}\nReceived: ${extra.map((value) => JSON.stringify(value)).join(' ')}`,
    `${asSpec}Run \`runwarden ${command.name} --help\` for the options.`);
}

/** Renders `--help` for a command. */
export function commandHelp(command: Command, summary: string): string {
  const lines = [summary, '', `Usage: ${command.usage}`, '', 'Options:'];
  for (const [name, option] of Object.entries(command.options)) {
    const flag = `--${name}${option.type === 'string' ? ' <value>' : ''}`;
    lines.push(`  ${flag.padEnd(28)} ${option.description ?? ''}`);
  }
  lines.push(`  ${'--help'.padEnd(28)} Show this help`);
  if (command.details) lines.push('', command.details);
  return lines.join('\n') + '\n';
}

/** Reads a string option, with a usage error when it is missing and required. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireOption(args: ParsedArgs, command: string, name: string): string {
  const value = stringOption(args, name);
  if (value === undefined) {
    throw new RunwardenError('USAGE', `runwarden ${command}: --${name} is required`, `Run \`runwarden ${command} --help\` for the options.`);
  }
  return value;
}

/** Plain decimal digits only: `Number()` would also take `0x10`, `1e3`, `0b1` and blanks, which nobody means on a flag. */
const INTEGER = /^-?\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** Parses an integer option within bounds, or fails with a usage error naming the option and the accepted range. */
export function integerOption(args: ParsedArgs, command: string, name: string, bounds: { min: number; max: number }): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const value = INTEGER.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new RunwardenError('USAGE', `runwarden ${command}: --${name} must be an integer from ${bounds.min} to ${bounds.max}\nReceived: ${raw}`, 'Write it in plain decimal digits, e.g. 10.');
  }
  return value;
}

/**
 * Parses a decimal number option (digits, optionally a fraction: `10`, `2.5`) with `min < value ≤ max`, or fails
 * with a usage error naming the option and the accepted range.
 */
export function positiveNumberOption(args: ParsedArgs, command: string, name: string, max: number, unit = ''): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const value = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
  if (!(value > 0 && value <= max)) {
    throw new RunwardenError('USAGE', `runwarden ${command}: --${name} must be a number${unit} above 0 and at most ${max}\nReceived: ${raw}`, 'Write it in plain decimal digits, e.g. 10 or 2.5.');
  }
  return value;
}

/** Reads a string option that, when given, must not be empty (or blank): an empty token or name is a mistake. */
export function nonEmptyOption(args: ParsedArgs, command: string, name: string, hint: string): string | undefined {
  const value = stringOption(args, name);
  if (value !== undefined && value.trim() === '') {
    throw new RunwardenError('USAGE', `runwarden ${command}: --${name} is empty\nReceived: ${JSON.stringify(value)}`, hint);
  }
  return value;
}
