import { RunwardenError } from '../core/errors.ts';
import type { Lifecycle } from '../core/lifecycle/index.ts';
import type { AuthScheme, RunIdSource } from '../core/profile/index.ts';
import type { Thresholds } from './thresholds.ts';
import { thresholdProblems } from './thresholds.ts';
import { scenarioEndpoints } from './endpoint-keys.ts';
import { documentShapeProblems, type ScenarioDocument } from './scenario-document.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One request of a flow, relative to the provider's base URL. In path, query, header values and string body
 * values, `{runId}` becomes the run's id, `{uuid}` a fresh UUID per request, and `{name}` the flow's `params.name`.
 * A `{name}` the params lack is an error in the path and left as written elsewhere (a body may hold braces).
 */
export interface RequestTemplate {
  operationId: string;
  method: HttpMethod;
  path: string;
  query?: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>>;
  body?: unknown;
}

/** Create a run, then poll it until its lifecycle says it is terminal (answering interactions if asked to). */
export interface CreatePollFlow {
  kind: 'create-poll';
  /** Label of the flow in messages, e.g. `jobs`. */
  name: string;
  /** The configured provider's name: targets, tokens and validators are looked up by it. */
  provider: string;
  lifecycle: Lifecycle;
  /** How requests authenticate (the profile's `auth`). Default bearer. */
  auth?: AuthScheme;
  params?: Readonly<Record<string, string>>;
  create: RequestTemplate;
  /** Where the create's answer names the run. Default `{ from: 'body', pointer: '/id' }`. */
  runId?: RunIdSource;
  /**
   * The create answers with the finished run. A non-terminal answer is a SYNC_NOT_TERMINAL finding on the run,
   * which is then polled to its end (or, without `poll`, counted as unfinished): never lost.
   */
  sync?: boolean;
  /** Absent when the create's answer is all there is to see of a run. */
  poll?: RequestTemplate & {
    /** Wait between a poll's response and the next poll. */
    intervalMs: number;
    /** Polls to send even when the create response is already terminal (e.g. fetch a synchronous run once). */
    minPolls?: number;
  };
  /** Answer the run's questions: when a response shows `whenStatus`, send `request`, then keep polling. */
  interact?: {
    whenStatus: string;
    request: RequestTemplate;
    /**
     * Build the body from the prompt, as a client would: each field listed at `fieldsAt` (objects with a
     * `name`) gets `value`, under the key `into` — e.g. `{ "input": { "code": "123456" } }`.
     */
    answer?: { fieldsAt: string; into: string; value: string };
    maxPerRun?: number;
  };
  /** Terminal statuses that count as success (the profile's `success`); the others count as failed runs. Default `['completed']`. */
  successStatuses?: readonly string[];
  /** A run not seen terminal this long after its creation is lost. */
  runTimeoutMs: number;
  /** Share of arrivals in a mixed scenario. Default 1. */
  weight?: number;
  /** Sent once before traffic (for a made-up run id) to check reachability and auth. Default: `poll`, else `create`. */
  preflight?: RequestTemplate;
}

/** Read existing runs only: `seed.count` runs are created before traffic, then every iteration reads one. */
export interface ReadFlow {
  kind: 'read';
  name: string;
  provider: string;
  auth?: AuthScheme;
  params?: Readonly<Record<string, string>>;
  seed: { create: RequestTemplate; runId?: RunIdSource; count: number };
  read: RequestTemplate;
  weight?: number;
  /** Default: `read`, for a made-up run id. */
  preflight?: RequestTemplate;
}

export type Flow = CreatePollFlow | ReadFlow;

/** A change of arrival rate: linear from the previous stage's rate to `toRate` over `durationMs`. */
export interface RampStage {
  durationMs: number;
  toRate: number;
}

/**
 * Closed: `connections` virtual clients, each starting its next iteration when the last ends.
 * Open: iterations arrive at `rate` per second (or along `ramp`) whatever the responses do.
 */
export type WorkloadModel =
  | { kind: 'closed'; connections: number }
  | { kind: 'open'; rate: number; maxConnections?: number }
  | { kind: 'open'; ramp: { fromRate: number; stages: readonly RampStage[] }; maxConnections?: number };

export interface Scenario {
  /** kebab-case; what `runwarden load <name>` takes. */
  name: string;
  description: string;
  model: WorkloadModel;
  /** Length of the arrival phase; a ramp's stages are scaled to it. */
  durationMs: number;
  flows: readonly Flow[];
  thresholds?: Thresholds;
  /** Validate one response in N against the spec (1 = every response). Default 10. */
  validateEvery?: number;
  /** A request without a response this long is a timeout. Default 10 s. */
  requestTimeoutMs?: number;
  /** After the arrival phase, how long runs in flight may still be followed. Default: the longest run timeout, at most 30 s. */
  drainMs?: number;
  /** Stop after this many iterations (runs created, or reads for a read flow). Default 10 million. */
  maxRuns?: number;
}

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Checks a scenario once, when it is defined, and returns it frozen. Every problem is reported together.
 * Takes either a scenario document (as a YAML scenario file holds, compiled against the configured providers when
 * it is run; TypeScript may add flow options YAML has not, such as `interact`) or a scenario spelled out request by
 * request for the engine.
 */
export function defineScenario<const S extends Scenario>(scenario: S): Readonly<S>;
export function defineScenario<const D extends ScenarioDocument>(document: D): Readonly<D>;
export function defineScenario(definition: Scenario | ScenarioDocument): Readonly<Scenario | ScenarioDocument> {
  const problems = isEngineScenario(definition) ? scenarioProblems(definition) : documentShapeProblems(definition).map((problem) => problem.text);
  if (problems.length > 0) {
    throw new RunwardenError('CONFIG_INVALID', `scenario ${definition.name}: ${problems.join('; ')}`, 'Fix the scenario definition (load/README.md describes every field).');
  }
  return Object.freeze(definition);
}

/** True for a scenario spelled out for the engine (flows with a `kind`), false for a document to compile. */
export function isEngineScenario(definition: Scenario | ScenarioDocument): definition is Scenario {
  return typeof (definition as Scenario).durationMs === 'number' && Array.isArray(definition.flows)
    && definition.flows.every((flow) => typeof (flow as { kind?: unknown }).kind === 'string');
}

/** Everything wrong with a scenario (or a scenario overridden by flags), as sentences. */
export function scenarioProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const positive = (value: number | undefined, what: string, integer = false): void => {
    if (value === undefined) return;
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) problems.push(`${what} must be a positive ${integer ? 'integer' : 'number'} (received ${value})`);
  };
  if (!NAME.test(scenario.name)) problems.push('name must be kebab-case');
  positive(scenario.durationMs, 'durationMs');
  positive(scenario.validateEvery, 'validateEvery', true);
  positive(scenario.requestTimeoutMs, 'requestTimeoutMs');
  positive(scenario.maxRuns, 'maxRuns', true);
  if (scenario.drainMs !== undefined && !(scenario.drainMs >= 0)) problems.push('drainMs must be ≥ 0');
  const model = scenario.model;
  if (model.kind === 'closed') positive(model.connections, 'model.connections', true);
  else if ('rate' in model) positive(model.rate, 'model.rate');
  else {
    if (!(model.ramp.fromRate >= 0)) problems.push('model.ramp.fromRate must be ≥ 0');
    if (model.ramp.stages.length === 0) problems.push('model.ramp.stages must not be empty');
    model.ramp.stages.forEach((stage, i) => {
      positive(stage.durationMs, `model.ramp.stages[${i}].durationMs`);
      if (!(stage.toRate >= 0)) problems.push(`model.ramp.stages[${i}].toRate must be ≥ 0`);
    });
  }
  if (scenario.flows.length === 0) problems.push('flows must not be empty');
  for (const flow of scenario.flows) {
    if (typeof flow.provider !== 'string' || flow.provider === '') problems.push(`flow ${flow.name}: provider must name a configured provider`);
    positive(flow.weight, `flow ${flow.name}: weight`);
    if (flow.kind === 'create-poll') {
      positive(flow.runTimeoutMs, `flow ${flow.name}: runTimeoutMs`);
      if (flow.poll && !(flow.poll.intervalMs >= 0)) problems.push(`flow ${flow.name}: poll.intervalMs must be ≥ 0`);
    } else positive(flow.seed.count, `flow ${flow.name}: seed.count`, true);
  }
  if (scenario.thresholds) {
    problems.push(...thresholdProblems(scenario.thresholds));
    const known = scenarioEndpoints(scenario.flows);
    for (const key of Object.keys(scenario.thresholds.endpoints ?? {})) {
      if (!known.includes(key)) problems.push(`thresholds.endpoints.${key}: the scenario sends no such operation (it sends ${known.join(', ')})`);
    }
  }
  return problems;
}
