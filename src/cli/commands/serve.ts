import { RunwardenError } from '../../core/errors.ts';
import { PROVIDERS, isProviderName, type ProviderName } from '../../core/providers.ts';
import { DEFAULT_TOKEN, readSimulatorConfig, startSimulator, type SimulatorOptions } from '../../sim/index.ts';
import { integerOption, stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

/** Default port of `runwarden serve` (code and tests use port 0). */
export const SERVE_DEFAULT_PORT = 4010;

/** `runwarden serve`: the embedded provider simulator on one port, each provider at its real base path. */
export const serveCommand: Command = {
  name: 'serve',
  usage: 'runwarden serve [--port 4010] [--host 127.0.0.1] [--token T] [--providers deck,refactor] [--seed N] [--time-scale X] [--config file.json]',
  options: {
    port: { type: 'string', description: `Port to listen on (default ${SERVE_DEFAULT_PORT}; 0 picks a free port)` },
    host: { type: 'string', description: 'Interface to bind (default 127.0.0.1)' },
    token: { type: 'string', description: `Bearer token every provider accepts (default ${DEFAULT_TOKEN})` },
    providers: { type: 'string', multiple: true, description: `Providers to serve, comma-separated or repeated (default all: ${PROVIDERS.join(', ')})` },
    seed: { type: 'string', description: 'Seed of every random draw (default 1): the same seed replays the same runs' },
    'time-scale': { type: 'string', description: 'Multiplies every simulated duration (default 1; 0.1 is ten times faster)' },
    config: { type: 'string', description: 'JSON config file: timing, outcomes, limits, faults, scenarios (flags override it)' },
    'admin-token': { type: 'string', description: 'Enable the admin endpoint /_runwarden/ (provider states, fault counts) with this token' },
    'deck-rate-limit': { type: 'boolean', description: 'Enforce Deck\'s documented 200 requests / 10 s (off by default)' },
  },
  details: [
    'Prints the base URL of each provider, then serves until SIGINT or SIGTERM. See docs/simulator.md for the',
    'config format, the provider states, faults, and a curl walk-through.',
  ].join('\n'),
  run: runServe,
};

async function runServe(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const configFile = stringOption(args, 'config');
  const fromFile = configFile === undefined ? {} : await readSimulatorConfig(configFile);
  const flags = flagOverrides(args);
  const options: SimulatorOptions = { ...fromFile, ...flags, limits: { ...fromFile.limits, ...flags.limits } };
  options.port ??= SERVE_DEFAULT_PORT;
  const simulator = await startSimulator(options);
  const width = Math.max(...Object.keys(simulator.urls).map((name) => name.length)) + 2;
  io.out([
    `runwarden simulator listening on ${simulator.origin}`,
    ...Object.entries(simulator.urls).map(([provider, url]) => `  ${provider.padEnd(width)}${url}`),
    `  token: ${simulator.config.token === DEFAULT_TOKEN ? `${DEFAULT_TOKEN} (send Authorization: Bearer ${DEFAULT_TOKEN})` : 'as given with --token or the config file'}`,
    ...(simulator.admin ? [`  admin: ${simulator.admin.url}/state (POST {"state": "...", "params": {...}})`] : []),
    `  seed ${simulator.config.seed}, time scale ${simulator.config.timeScale}. Stop with Ctrl-C.`,
    '',
  ].join('\n'));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await simulator.close();
  io.err('runwarden simulator stopped\n');
  return EXIT.ok;
}

/** The simulator options given as flags (they override the config file). */
function flagOverrides(args: ParsedArgs): SimulatorOptions {
  const options: SimulatorOptions = {};
  const port = integerOption(args, 'serve', 'port', { min: 0, max: 65535 });
  if (port !== undefined) options.port = port;
  const host = stringOption(args, 'host');
  if (host !== undefined) options.host = host;
  const token = stringOption(args, 'token');
  if (token !== undefined) {
    if (token.length === 0 || /\s/.test(token)) throw new RunwardenError('USAGE', 'runwarden serve: --token must be non-empty without spaces');
    options.token = token;
  }
  const seed = integerOption(args, 'serve', 'seed', { min: -2_147_483_648, max: 4_294_967_295 });
  if (seed !== undefined) options.seed = seed;
  const scale = stringOption(args, 'time-scale');
  if (scale !== undefined) {
    const value = Number(scale);
    if (!Number.isFinite(value) || value < 0) throw new RunwardenError('USAGE', `runwarden serve: --time-scale must be a number ≥ 0\nReceived: ${scale}`);
    options.timeScale = value;
  }
  const providers = args.values.providers;
  if (Array.isArray(providers)) options.providers = providers.flatMap((value) => value.split(',')).map((name) => providerName(name.trim()));
  const adminToken = stringOption(args, 'admin-token');
  if (adminToken !== undefined) options.adminToken = adminToken;
  if (args.values['deck-rate-limit'] === true) options.limits = { deckRateLimit: true };
  return options;
}

function providerName(name: string): ProviderName {
  if (isProviderName(name)) return name;
  throw new RunwardenError('PROVIDER_UNKNOWN', `runwarden serve: unknown provider "${name}"`, `Known providers: ${PROVIDERS.join(', ')}.`);
}
