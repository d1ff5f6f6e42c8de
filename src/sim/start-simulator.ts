import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BASE_PATHS, type ProviderName } from '../core/providers.ts';
import { RunwardenError } from '../core/errors.ts';
import type { Clock } from './clock.ts';
import { FaultCounter, type FaultCounts } from './faults/fault-counter.ts';
import { FaultPlan } from './faults/fault-plan.ts';
import { createRequestListener } from './http/server.ts';
import { RateLimiter } from './limits/rate-limiter.ts';
import { resolveOptions, type SimConfig, type SimulatorOptions } from './options.ts';
import type { SimProvider } from './providers/provider.ts';
import { createProviderSims, type ProviderSims } from './providers/create-providers.ts';
import { Scheduler } from './scheduler.ts';
import { createSeededFaker } from './seeded-faker.ts';
import { loadSpecBodyChecks } from './spec-body-check.ts';
import { createAdminHandler } from './states/admin.ts';
import { applyState, type StateResult } from './states/apply-state.ts';

/** A running simulator. */
export interface Simulator {
  /** Base URL of each enabled provider, e.g. `{ deck: 'http://127.0.0.1:4010/v2' }`. */
  urls: Partial<Record<ProviderName, string>>;
  /** `http://host:port`. */
  origin: string;
  port: number;
  /** The clock runs are computed from (a virtual clock when one was passed). */
  clock: Clock;
  /** Injected fault counts so far (a fresh snapshot on every read). */
  readonly faults: FaultCounts;
  /** The admin endpoint's base URL when `adminToken` was given. */
  admin?: { url: string };
  /** The resolved configuration (read-only). */
  config: SimConfig;
  /** Applies a named provider state (see `SIM_STATES`), as the admin endpoint does. */
  setState(name: string, params?: Record<string, unknown>): StateResult;
  /** Forgets every run, idempotency key and fault count. */
  reset(): void;
  /** Stored runs per run kind, and handler bugs turned into 500s (should stay 0). */
  stats(): { runs: Record<string, number>; internalErrors: number };
  /** Stops accepting connections, drops open ones and cancels pending timers. */
  close(): Promise<void>;
}

/** Starts the simulator on one port with every enabled provider at its real base path. Port 0 picks a free port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const config = resolveOptions(options);
  const scheduler = new Scheduler(config.clock);
  const counter = new FaultCounter();
  const faults = new FaultPlan(config.faults, config.seed, config.timeScale, counter);
  const sims = createProviderSims({ config, scheduler, faker: createSeededFaker() });
  const providers = [sims.rightbrain, sims.deck, sims.refactor].filter((sim) => sim !== undefined).map((sim) => sim.provider as SimProvider);
  let internalErrors = 0;
  const reset = () => {
    for (const provider of providers) provider.reset();
    counter.reset();
    sims.exhausted.clear();
  };
  const setState = (name: string, params: Record<string, unknown> = {}) => applyState(sims, name, params, config.clock.now());
  const specChecks = options.validateRequestBodies === false ? {} : await loadSpecBodyChecks(config.providers);
  const listener = createRequestListener({
    providers,
    specChecks,
    token: config.token,
    scheduler,
    faults,
    bodyLimitBytes: config.limits.bodyLimitBytes,
    rateLimiters: config.limits.deckRateLimit ? { deck: new RateLimiter(config.limits.deckRateLimit) } : {},
    exhausted: sims.exhausted,
    admin: config.adminToken === undefined ? undefined : createAdminHandler({
      token: config.adminToken, setState, reset, faults: () => counter.snapshot(), sizes: () => sizesOf(providers),
    }),
    onInternalError: (error) => {
      internalErrors++;
      process.emitWarning(`runwarden simulator: handler error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    },
  });
  const server = createServer({ keepAliveTimeout: 65_000 }, listener);
  await listen(server, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const origin = `http://${host}:${port}`;
  const urls: Partial<Record<ProviderName, string>> = {};
  for (const provider of providers) urls[provider.name] = `${origin}${BASE_PATHS[provider.name]}`;
  return {
    urls,
    origin,
    port,
    clock: config.clock,
    get faults() {
      return counter.snapshot();
    },
    admin: config.adminToken === undefined ? undefined : { url: `${origin}/_runwarden` },
    config,
    setState,
    reset,
    stats: () => ({ runs: sizesOf(providers), internalErrors }),
    close: () => new Promise<void>((resolve) => {
      scheduler.cancelAll();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function sizesOf(providers: readonly SimProvider[]): Record<string, number> {
  return Object.assign({}, ...providers.map((provider) => provider.sizes())) as Record<string, number>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new RunwardenError('USAGE', `Cannot listen on ${host}:${port}: ${error.code ?? error.message}`,
        error.code === 'EADDRINUSE' ? 'Pick another --port, or --port 0 for a free one.' : undefined));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export type { ProviderSims };
