import { RunwardenError } from '../core/errors.ts';
import { closestNames, parseJsonText, readTextFile } from '../spec/index.ts';
import { FAULT_ERROR_STATUSES } from './faults/fault-rule.ts';
import { OptionsChecker, isRecord, type Check } from './options-checker.ts';
import { providerNamesIn, type SimulatorFileConfig } from './options.ts';

/** Provider names, as runwarden.config.yaml spells them. */
const PROVIDER_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Checks a parsed simulator config file; throws CONFIG_INVALID listing every problem at once. The provider
 * sections (`timing.<provider>`, `outcomes.<provider>`…) are checked for shape here and for content by each
 * provider's engine when the simulator starts. `providers` (the file's list of providers to serve) becomes `only`.
 */
export function validateSimulatorConfig(value: unknown, source: string): SimulatorFileConfig {
  const c = new OptionsChecker();
  const rate = c.number({ min: 0, max: 1 });
  const ms = c.number({ min: 0 });
  // Under a provider-keyed section, the key (the path's last segment) must be a provider name.
  const named = (item: Check): Check => (entry, path) => {
    if (!PROVIDER_NAME.test(path.slice(path.lastIndexOf('.') + 1))) c.problem(path, 'must be a provider name (lower-case letters, digits, - and _)');
    else item(entry, path);
  };
  const section = (item: Check): Check => c.record(named(item));
  const anObject: Check = (entry, path) => {
    if (!isRecord(entry)) c.problem(path, 'must be an object');
  };
  c.object(value, source, {
    host: c.string(),
    port: c.number({ min: 0, max: 65535, integer: true }),
    token: c.string(),
    providers: c.array(c.string()),
    seed: c.number({ integer: true }),
    timeScale: c.number({ min: 0 }),
    adminToken: c.string(),
    timing: (entry, path) => {
      if (!isRecord(entry)) return c.problem(path, 'must be an object');
      for (const [key, child] of Object.entries(entry)) {
        if (key === 'stateHoldMs') ms(child, `${path}.${key}`);
        else named(anObject)(child, `${path}.${key}`);
      }
    },
    outcomes: section(anObject),
    scenarios: section(anObject),
    unknownIds: section(c.array(c.string())),
    limits: c.fields({
      bodyLimitBytes: c.number({ min: 1, integer: true }),
      jsonDepth: c.number({ min: 1, integer: true }),
      store: c.fields({ ttlMs: c.number({ min: 1 }), maxRuns: c.number({ min: 1, integer: true }) }),
      rateLimits: section((entry, path) => {
        if (entry !== null && typeof entry !== 'boolean') c.object(entry, path, { requests: c.number({ min: 1, integer: true }), windowMs: c.number({ min: 1 }) });
      }),
      idempotencyTtlMs: c.number({ min: 1 }),
      idempotencyMaxKeys: c.number({ min: 1, integer: true }),
      requestTimeoutMs: c.number({ min: 1, max: 3_600_000, integer: true }),
      headersTimeoutMs: c.number({ min: 1, max: 3_600_000, integer: true }),
    }),
    faults: c.array((rule, path) => c.object(rule, path, {
      provider: c.string(),
      operations: c.array(c.string()),
      error: c.fields({ rate, statuses: c.array(c.oneOf(FAULT_ERROR_STATUSES)) }),
      latency: c.fields({ rate, medianMs: ms, p99Ms: ms }),
      slowFirstByte: c.fields({ rate, ms }),
      reset: c.fields({ rate }),
      rateLimitBurst: c.fields({ rate, durationMs: ms, retryAfterSeconds: c.number({ min: 0, integer: true }) }),
      stuck: c.fields({ rate }),
      fail: c.fields({ rate }),
      drop: c.fields({ rate, afterMs: ms }),
      wrongStatus: c.fields({ rate, value: c.string() }),
      backward: c.fields({ rate }),
    })),
  });
  throwOptionProblems(c.problems, source);
  const { providers, ...rest } = value as SimulatorFileConfig & { providers?: string[] };
  return providers === undefined ? rest : { ...rest, only: providers };
}

/**
 * Reads and validates a JSON simulator config file. With `configured` (the providers runwarden.config.yaml
 * names), every provider the file names must be one of them, so a typo is reported rather than ignored.
 */
export async function readSimulatorConfig(file: string, configured?: readonly string[]): Promise<SimulatorFileConfig & { source: string }> {
  const value = parseJsonText(await readTextFile(file, 'simulator config'), file);
  const config = validateSimulatorConfig(value, file);
  if (configured !== undefined) checkProviderNames(config, configured, file);
  return { ...config, source: file };
}

/** Every provider a simulator config names must be one of `known`; CONFIG_INVALID lists the others with near names. */
export function checkProviderNames(config: SimulatorFileConfig, known: readonly string[], source: string): void {
  const problems = providerNamesIn(config).filter(({ name }) => !known.includes(name)).map(({ name, path }) => {
    const near = closestNames(name, known);
    return `${source}.${path}: no provider "${name}"${near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : ''}; configured: ${known.join(', ')}`;
  });
  throwOptionProblems(problems, source);
}

/** Throws CONFIG_INVALID listing every problem of an options source (none: returns). */
export function throwOptionProblems(problems: readonly string[], source: string): void {
  if (problems.length === 0) return;
  throw new RunwardenError('CONFIG_INVALID',
    `${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    'See docs/simulator.md for the config format.');
}
