import { RunwardenError } from '../../core/errors.ts';
import { DEFAULT_TOKEN, readSimulatorConfig, startSimulator, type SimulatorFileConfig, type SimulatorOptions } from '../../sim/index.ts';
import { integerOption, nonEmptyOption, stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { CONFIG_OPTIONS, configOf, defaultConfigNote, selectedProviders } from '../config-option.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { checkListenHost } from '../listen-host.ts';

/** Default port of `runwarden serve` (code and tests use port 0). */
export const SERVE_DEFAULT_PORT = 4010;

/** `runwarden serve`: the embedded simulator on one port, every configured provider at its base path. */
export const serveCommand: Command = {
  name: 'serve',
  usage: 'runwarden serve [--config runwarden.config.yaml] [--provider name] [--sim-config sim.json] [--port 4010] [--host 127.0.0.1] [--token T] [--seed N] [--time-scale X]',
  options: {
    ...CONFIG_OPTIONS,
    'sim-config': { type: 'string', description: 'Simulator config (JSON): timing, outcomes, limits, faults, scenarios (flags override it)' },
    port: { type: 'string', description: `Port to listen on (default ${SERVE_DEFAULT_PORT}; 0 picks a free port)` },
    host: { type: 'string', description: 'Interface to bind (default 127.0.0.1)' },
    token: { type: 'string', description: `Token every provider accepts (default ${DEFAULT_TOKEN})` },
    seed: { type: 'string', description: 'Seed of every random draw (default 1): the same seed replays the same runs' },
    'time-scale': { type: 'string', description: 'Multiplies every simulated duration (default 1; 0.1 is ten times faster)' },
    'admin-token': { type: 'string', description: 'Enable the admin endpoint /_runwarden/ and the provider-states endpoints with this token' },
    'rate-limit': { type: 'string', multiple: true, description: 'Enforce this provider\'s documented rate limit (repeatable; off by default)' },
  },
  details: [
    'Serves the providers of runwarden.config.yaml (or the bundled ones), prints the base URL of each, then serves',
    'until SIGINT or SIGTERM. See docs/simulator.md for the simulator config, provider states, faults and a curl walk-through.',
  ].join('\n'),
  run: runServe,
};

async function runServe(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const config = configOf(args);
  const profiles = selectedProviders(args, config);
  const simConfig = stringOption(args, 'sim-config');
  const fromFile: SimulatorFileConfig = simConfig === undefined ? {} : await readSimulatorConfig(simConfig, config.providers.names);
  const flags = flagOverrides(args);
  for (const name of Object.keys(flags.limits?.rateLimits ?? {})) config.providers.get(name, '--rate-limit: ');
  const options: SimulatorOptions = {
    ...fromFile,
    ...flags,
    providers: profiles,
    limits: { ...fromFile.limits, ...flags.limits, rateLimits: { ...fromFile.limits?.rateLimits, ...flags.limits?.rateLimits } },
  };
  options.port ??= SERVE_DEFAULT_PORT;
  if (options.host !== undefined) await checkListenHost(options.host, flags.host !== undefined ? '--host' : `${simConfig}: host`);
  io.err(defaultConfigNote(config));
  const simulator = await startSimulator(options);
  const width = Math.max(...Object.keys(simulator.urls).map((name) => name.length)) + 2;
  io.out([
    `runwarden simulator listening on ${simulator.origin}`,
    ...Object.entries(simulator.urls).map(([provider, url]) => `  ${provider.padEnd(width)}${url}`),
    `  token: ${simulator.config.token === DEFAULT_TOKEN ? `${DEFAULT_TOKEN} (send Authorization: Bearer ${DEFAULT_TOKEN})` : 'as given with --token or the simulator config'}`,
    ...(simulator.admin ? [`  provider states: POST {"state", "params", "action"} to ${simulator.origin}/_runwarden/provider-states/<provider> (admin token)`] : []),
    `  seed ${simulator.config.seed}, time scale ${simulator.config.timeScale}. Stop with Ctrl-C.`,
    '',
  ].join('\n'));
  for (const [provider, notes] of Object.entries(simulator.notes)) io.err(notes.map((note) => `runwarden serve: ${provider}: ${note}\n`).join(''));
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

/** The simulator options given as flags (they override the simulator config file). */
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
  const adminToken = nonEmptyOption(args, 'serve', 'admin-token', 'Pass a secret of your own, e.g. --admin-token "$(openssl rand -hex 16)", or leave the flag out to keep the admin endpoints off.');
  if (adminToken !== undefined) options.adminToken = adminToken;
  const limited = args.values['rate-limit'];
  if (Array.isArray(limited)) options.limits = { rateLimits: Object.fromEntries(limited.flatMap((value) => value.split(',')).map((name) => [name.trim(), true])) };
  return options;
}
