import { readFile } from 'node:fs/promises';
import { RunwardenError } from '../core/errors.ts';
import { PROVIDERS } from '../core/providers.ts';
import { FAULT_ERROR_STATUSES } from './faults/fault-rule.ts';
import {
  DECK_SCENARIOS, REFACTOR_SCENARIOS, RIGHTBRAIN_AGENT_SCENARIOS, RIGHTBRAIN_TASK_SCENARIOS, type SimulatorFileConfig,
} from './options.ts';

/** The operationIds of each provider, for checking fault rules. */
export const SIM_OPERATIONS = {
  rightbrain: ['runTask', 'fetchTaskRun', 'listTaskRuns', 'listProjectTaskRuns', 'runTaskAgent', 'listTaskAgentRuns', 'getTaskAgentRun'],
  deck: ['runTask', 'getTaskRun', 'listTaskRuns', 'submitInteractionInput', 'cancelTaskRun'],
  refactor: ['getRunState', 'runRunnable'],
} as const;

type Check = (value: unknown, path: string) => void;

/** Collects every problem of a config value instead of stopping at the first. */
class Checker {
  readonly problems: string[] = [];

  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  object(value: unknown, path: string, fields: Record<string, Check>): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problem(path, `must be an object (received ${describe(value)})`);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const check = fields[key];
      if (check === undefined) this.problem(`${path}.${key}`, `unknown key; expected one of ${Object.keys(fields).join(', ')}`);
      else if (child !== undefined) check(child, `${path}.${key}`);
    }
  }

  number = (options: { min?: number; max?: number; integer?: boolean } = {}): Check => (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.problem(path, `must be a number (received ${describe(value)})`);
    if (options.integer && !Number.isInteger(value)) return this.problem(path, `must be an integer (received ${value})`);
    if (options.min !== undefined && value < options.min) return this.problem(path, `must be ≥ ${options.min} (received ${value})`);
    if (options.max !== undefined && value > options.max) return this.problem(path, `must be ≤ ${options.max} (received ${value})`);
  };

  string = (): Check => (value, path) => {
    if (typeof value !== 'string' || value.length === 0) this.problem(path, `must be a non-empty string (received ${describe(value)})`);
  };

  oneOf = (allowed: readonly (string | number)[]): Check => (value, path) => {
    if (!allowed.includes(value as string | number)) this.problem(path, `must be one of ${allowed.join(', ')} (received ${describe(value)})`);
  };

  array = (item: Check): Check => (value, path) => {
    if (!Array.isArray(value)) return this.problem(path, `must be an array (received ${describe(value)})`);
    value.forEach((entry, index) => item(entry, `${path}[${index}]`));
  };

  record = (item: Check): Check => (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.problem(path, `must be an object (received ${describe(value)})`);
    for (const [key, entry] of Object.entries(value)) item(entry, `${path}.${key}`);
  };

  fields = (fields: Record<string, Check>): Check => (value, path) => this.object(value, path, fields);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : String(value);
}

/** Checks a parsed config file; throws CONFIG_INVALID listing every problem at once. */
export function validateSimulatorConfig(value: unknown, source: string): SimulatorFileConfig {
  const c = new Checker();
  const rate = c.number({ min: 0, max: 1 });
  const ms = c.number({ min: 0 });
  const duration = c.fields({ medianMs: ms, p99Ms: ms });
  const weights = (names: readonly string[]) => c.fields(Object.fromEntries(names.map((name) => [name, c.number({ min: 0 })])));
  const ids = c.array(c.string());
  c.object(value, source, {
    host: c.string(),
    port: c.number({ min: 0, max: 65535, integer: true }),
    token: c.string(),
    providers: c.array(c.oneOf(PROVIDERS)),
    seed: c.number({ integer: true }),
    timeScale: c.number({ min: 0 }),
    adminToken: c.string(),
    timing: c.fields({
      deck: c.fields({ queued: duration, running: duration, resume: duration, review: duration, canceling: duration, interactionWindowMs: ms }),
      refactor: c.fields({ running: duration, waiting: duration, syncMaxWaitMs: ms }),
      rightbrain: c.fields({ llm: duration, agentStep: duration, agentWaiting: duration }),
      stateHoldMs: ms,
    }),
    outcomes: c.fields({
      deck: weights(DECK_SCENARIOS),
      refactor: weights(REFACTOR_SCENARIOS),
      rightbrainTask: weights(RIGHTBRAIN_TASK_SCENARIOS),
      rightbrainAgent: weights(RIGHTBRAIN_AGENT_SCENARIOS),
    }),
    limits: c.fields({
      bodyLimitBytes: c.number({ min: 1, integer: true }),
      store: c.fields({ ttlMs: c.number({ min: 1 }), maxRuns: c.number({ min: 1, integer: true }) }),
      deckRateLimit: (entry, path) => {
        if (entry !== null && typeof entry !== 'boolean') c.object(entry, path, { requests: c.number({ min: 1, integer: true }), windowMs: c.number({ min: 1 }) });
      },
      idempotencyTtlMs: c.number({ min: 1 }),
      idempotencyMaxKeys: c.number({ min: 1, integer: true }),
    }),
    faults: c.array((rule, path) => {
      c.object(rule, path, {
        provider: c.oneOf(PROVIDERS),
        operations: c.array(c.string()),
        error: c.fields({ rate, statuses: c.array(c.oneOf(FAULT_ERROR_STATUSES)) }),
        latency: c.fields({ rate, medianMs: ms, p99Ms: ms }),
        slowFirstByte: c.fields({ rate, ms }),
        reset: c.fields({ rate }),
        rateLimitBurst: c.fields({ rate, durationMs: ms, retryAfterSeconds: c.number({ min: 0, integer: true }) }),
        stuck: c.fields({ rate }),
        fail: c.fields({ rate }),
        drop: c.fields({ rate, afterMs: ms }),
      });
      checkFaultOperations(c, rule, path);
    }),
    scenarios: c.fields({
      deck: c.record(c.oneOf(DECK_SCENARIOS)),
      refactor: c.record(c.oneOf(REFACTOR_SCENARIOS)),
      rightbrainTask: c.record(c.oneOf(RIGHTBRAIN_TASK_SCENARIOS)),
      rightbrainAgent: c.record(c.oneOf(RIGHTBRAIN_AGENT_SCENARIOS)),
    }),
    unknownIds: c.fields({ rightbrain: ids, deck: ids, refactor: ids }),
  });
  if (c.problems.length > 0) {
    throw new RunwardenError('CONFIG_INVALID',
      `${source} has ${c.problems.length} problem${c.problems.length === 1 ? '' : 's'}:\n${c.problems.map((problem) => `  - ${problem}`).join('\n')}`,
      'See docs/simulator.md for the config format.');
  }
  return value as SimulatorFileConfig;
}

/** A fault rule's operations must exist for its provider (or for some provider when it names none). */
function checkFaultOperations(c: Checker, rule: unknown, path: string): void {
  if (typeof rule !== 'object' || rule === null) return;
  const { provider, operations } = rule as { provider?: unknown; operations?: unknown };
  if (!Array.isArray(operations)) return;
  const known: readonly string[] = typeof provider === 'string' && provider in SIM_OPERATIONS
    ? SIM_OPERATIONS[provider as keyof typeof SIM_OPERATIONS]
    : Object.values(SIM_OPERATIONS).flat();
  operations.forEach((operation, index) => {
    if (typeof operation === 'string' && !known.includes(operation)) c.problem(`${path}.operations[${index}]`, `unknown operationId ${JSON.stringify(operation)}; known: ${[...new Set(known)].join(', ')}`);
  });
}

/** Reads and validates a JSON config file. */
export async function readSimulatorConfig(file: string): Promise<SimulatorFileConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RunwardenError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `Cannot read the simulator config ${file}: ${code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RunwardenError('JSON_INVALID', `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return validateSimulatorConfig(value, file);
}
