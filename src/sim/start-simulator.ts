import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundledProfile, presetNames } from '../config/index.ts';
import { RunwardenError } from '../core/errors.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import type { Clock } from './clock.ts';
import { throwOptionProblems } from './config-file.ts';
import { FaultCounter, type FaultCounts } from './faults/fault-counter.ts';
import { FaultPlan } from './faults/fault-plan.ts';
import type { FaultRule } from './faults/fault-rule.ts';
import { createRequestListener } from './http/server.ts';
import { ExhaustedLimits } from './limits/exhausted-limits.ts';
import { mountProviders, type MountedProvider } from './mount-providers.ts';
import { OptionsChecker } from './options-checker.ts';
import { resolveOptions, type SimConfig, type SimulatorOptions } from './options.ts';
import { Scheduler } from './scheduler.ts';
import { createAdminHandler } from './states/admin.ts';
import { PROVIDER_STATES_PATH } from './states/provider-states-endpoint.ts';
import type { StateResult } from './states/provider-state.ts';

/** A running simulator. */
export interface Simulator {
  /** Base URL of each mounted provider by name, e.g. `{ jobs: 'http://127.0.0.1:4010/api' }`. */
  urls: Record<string, string>;
  /** `http://host:port`. */
  origin: string;
  port: number;
  /** The clock runs are computed from (a virtual clock when one was passed). */
  clock: Clock;
  /** Injected fault counts so far (a fresh snapshot on every read). */
  readonly faults: FaultCounts;
  /** With `adminToken`: the admin endpoint, and each provider's Pact provider-states endpoint by name. */
  admin?: { url: string; providerStates: Record<string, string> };
  /** The resolved configuration (read-only). */
  config: SimConfig;
  /** By provider: where the simulator departs from the spec (generic providers only; empty lists are left out). */
  notes: Record<string, readonly string[]>;
  /** Applies one of a provider's states (as its provider-states endpoint does); StateError for unknown ones. */
  setState(provider: string, name: string, params?: Record<string, unknown>): StateResult;
  /** Forgets one provider's runs and state-made changes, or every provider's (and the fault counts). */
  reset(provider?: string): void;
  /** Stored runs per run kind, and handler bugs turned into 500s (should stay 0). */
  stats(): { runs: Record<string, number>; internalErrors: number };
  /** Stops accepting connections, drops open ones and cancels pending timers. */
  close(): Promise<void>;
}

/**
 * Starts the simulator on one port with every given profile at its base path (default: the bundled providers).
 * Port 0 picks a free port. Bad options are one CONFIG_INVALID listing every problem.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const config = resolveOptions(options);
  const scheduler = new Scheduler(config.clock);
  const counter = new FaultCounter();
  const exhausted = new ExhaustedLimits();
  const check = new OptionsChecker();
  const mounts = await mountProviders(selectProfiles(options), { config, scheduler, exhausted, check }, options.validateRequestBodies !== false);
  checkFaultRules(config.faults, mounts, check, config.source);
  throwOptionProblems(check.problems, config.source);
  const faults = new FaultPlan(config.faults, config.seed, config.timeScale, counter);
  const byName = new Map(mounts.map((mount) => [mount.profile.name, mount]));
  const mountNamed = (name: string): MountedProvider => {
    const mount = byName.get(name);
    if (mount) return mount;
    throw new RunwardenError('PROVIDER_UNKNOWN', `the simulator mounts no provider "${name}"\nMounted: ${[...byName.keys()].join(', ')}`);
  };
  let internalErrors = 0;
  const onInternalError = (error: unknown) => {
    internalErrors++;
    process.emitWarning(`runwarden simulator: handler error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  };
  const reset = (provider?: string) => {
    for (const mount of provider === undefined ? mounts : [mountNamed(provider)]) {
      mount.provider.reset();
      mount.rateLimiter?.reset();
      exhausted.clear(mount.profile.name);
    }
    if (provider === undefined) counter.reset();
  };
  const sizes = () => Object.assign({}, ...mounts.map((mount) => mount.provider.sizes())) as Record<string, number>;
  const listener = createRequestListener({
    mounts,
    token: config.token,
    scheduler,
    faults,
    bodyLimitBytes: config.limits.bodyLimitBytes,
    bodyTimeoutMs: config.limits.requestTimeoutMs,
    jsonDepth: config.limits.jsonDepth,
    exhausted,
    admin: config.adminToken === undefined ? undefined : createAdminHandler({
      token: config.adminToken,
      catalogs: new Map(mounts.map((mount) => [mount.profile.name, mount.states])),
      now: () => config.clock.now(),
      reset,
      faults: () => counter.snapshot(),
      sizes,
      onInternalError,
    }),
    onInternalError,
  });
  const server = createServer(serverTimeouts(config.limits), listener);
  await listen(server, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const origin = `http://${host}:${port}`;
  const urls = Object.fromEntries(mounts.map((mount) => [mount.profile.name, `${origin}${mount.provider.basePath}`]));
  return {
    urls,
    origin,
    port,
    clock: config.clock,
    get faults() {
      return counter.snapshot();
    },
    admin: config.adminToken === undefined ? undefined : {
      url: `${origin}/_runwarden`,
      providerStates: Object.fromEntries(mounts.map((mount) => [mount.profile.name, `${origin}${PROVIDER_STATES_PATH}${encodeURIComponent(mount.profile.name)}`])),
    },
    config,
    notes: Object.fromEntries(mounts.filter((mount) => mount.notes.length > 0).map((mount) => [mount.profile.name, mount.notes])),
    setState: (provider, name, params = {}) => mountNamed(provider).states.apply(name, params, config.clock.now()),
    reset,
    stats: () => ({ runs: sizes(), internalErrors }),
    close: () => new Promise<void>((resolve) => {
      scheduler.cancelAll();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The given profiles (default: the bundled ones), narrowed to `only`; CONFIG_INVALID for a name in `only` that is not given. */
function selectProfiles(options: SimulatorOptions): ProviderProfile[] {
  const given = options.providers ?? presetNames().map((name) => bundledProfile(name));
  if (options.only === undefined) return [...given];
  const names = given.map((profile) => profile.name);
  const unknown = options.only.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new RunwardenError('CONFIG_INVALID', `${options.source ?? 'simulator options'}: providers names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not configured\nConfigured: ${names.join(', ')}`,
      'List only providers of runwarden.config.yaml, or drop `providers` and use --provider.');
  }
  return given.filter((profile) => options.only!.includes(profile.name));
}

/** A rule for a mounted provider may only name operations it serves; rules for providers not mounted are inert. */
function checkFaultRules(rules: readonly FaultRule[], mounts: readonly MountedProvider[], check: OptionsChecker, source: string): void {
  rules.forEach((rule, index) => {
    const targets = rule.provider === undefined ? mounts : mounts.filter((mount) => mount.profile.name === rule.provider);
    if (targets.length === 0 || rule.operations === undefined) return;
    const known = [...new Set(targets.flatMap((mount) => mount.provider.routes.map((route) => route.operationId)))];
    rule.operations.forEach((operation, at) => {
      if (!known.includes(operation)) check.problem(`${source}.faults[${index}].operations[${at}]`, `unknown operationId ${JSON.stringify(operation)}${rule.provider ? ` for ${rule.provider}` : ''}; known: ${known.join(', ')}`);
    });
  });
}

/** Idle keep-alive connections (between requests) may stay open this long: longer than a load run's pauses between polls. */
const KEEP_ALIVE_MS = 65_000;

/** Node's own period for checking its connections' header timeouts. */
const NODE_CHECK_INTERVAL_MS = 30_000;

/**
 * Bounds on a client that stalls while sending headers: Node answers 408 and closes the socket. A stalled body is
 * bounded by the request pipeline's own timer (`bodyTimeoutMs`), not by Node's `requestTimeout`: under load, with
 * that on, some answers on kept-alive connections never arrived (the soak lost runs to client timeouts).
 */
function serverTimeouts(limits: SimConfig['limits']) {
  const headersTimeout = limits.headersTimeoutMs;
  return {
    keepAliveTimeout: KEEP_ALIVE_MS,
    headersTimeout,
    // Node checks every 30 s; a shorter bound (a test's, a fuzzer's) needs a check that often to take effect.
    ...(headersTimeout < NODE_CHECK_INTERVAL_MS ? { connectionsCheckingInterval: Math.max(10, Math.floor(headersTimeout / 4)) } : {}),
  };
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
